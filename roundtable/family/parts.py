"""The family's part of the whole record (roundtable.citizens.record): the citizen's family
members and what each could see, in the access export. The links belong to the citizen, not to
one course, so they are listed under each course (as consent's directives are), and they go when
the citizen goes (no course path: nothing for the retention job to declare)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import Part
from roundtable.family.models import FamilyLink


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    """Only in the citizen's own export: the family is theirs to tell about."""
    if not accesses or not accesses[0].is_own:
        return {}
    links = FamilyLink.objects.filter(citizen_id=accesses[0].citizen_id).order_by("created_at")
    rows = [
        {
            "name": link.name,
            "email": link.email,
            "relation": link.relation,
            "shared": link.shared,
            "created_at": link.created_at,
            "accepted_at": link.accepted_at,
            "revoked_at": link.revoked_at,
        }
        for link in links
    ]
    return {a.course.pk: rows for a in accesses}


PART = Part(name="family", export=(("family", export),), labelled=(FamilyLink,))
