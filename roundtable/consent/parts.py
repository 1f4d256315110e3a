"""Consent's part of the whole record (roundtable.citizens.record): every version of the
citizen's consent, in the access export."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import Part, record_values
from roundtable.consent.models import ConsentDirective, ConsentProvision
from roundtable.core.data_classes import DataClass


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    """The citizen's consent directives, every version (they govern all of the citizen's
    courses, so they are listed under each)."""
    if not accesses:
        return {}
    directives = (
        ConsentDirective.objects.filter(citizen_id=accesses[0].citizen_id)
        .select_related("recorded_by")
        .prefetch_related("provisions__recipient_organisation")
        .order_by("version")
    )
    rows = [
        {
            **record_values(d),
            "provisions": [
                {
                    **record_values(p),
                    "data_classes": [str(DataClass(c).label) for c in p.data_classes],
                }
                for p in d.provisions.all()
            ],
        }
        for d in directives
    ]
    for row in rows:
        row.pop("previous", None)
        for provision in row["provisions"]:
            provision.pop("directive", None)
    return {a.course.pk: rows for a in accesses}


PART = Part(
    name="consent",
    export=(("consent", export),),
    labelled=(ConsentDirective, ConsentProvision),
)
