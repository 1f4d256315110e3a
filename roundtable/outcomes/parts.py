"""The work and benefit history's part of the whole record (roundtable.citizens.record)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import (
    Part,
    RetainedRecord,
    TimelineEntry,
    dump_records,
    record_page_url,
)
from roundtable.outcomes.models import WorkHistoryEntry


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    url = record_page_url(access, staff="outcomes:history", own="outcomes:my-history")
    return [
        TimelineEntry(
            entry.starts_on,
            f"work_history_{entry.kind}",
            _("Work and benefit history: %(what)s") % {"what": entry.get_kind_display()},
            url,
            entry.data_class,
        )
        for entry in WorkHistoryEntry.objects.filter(
            course=access.course, data_class__in=access.visible
        )
    ]


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    rows = dump_records(WorkHistoryEntry, "course", accesses)
    return {a.course.pk: rows[a.course.pk] for a in accesses if rows[a.course.pk]}


PART = Part(
    name="outcomes",
    timeline=timeline,
    export=(("work_history", export),),
    retained=(RetainedRecord(WorkHistoryEntry),),
    labelled=(WorkHistoryEntry,),
)
