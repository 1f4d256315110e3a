"""The citizen page's timeline: every app's entries for one course, newest first.

Each entry comes from the app that owns the records (its `parts.py`), already filtered by the
data classes the gate decided; this module only merges them.
"""

from __future__ import annotations

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import TimelineEntry
from roundtable.parts import PARTS

TIMELINE_LIMIT = 40


def course_timeline(access: CourseAccess) -> list[TimelineEntry]:
    items: list[TimelineEntry] = []
    for part in PARTS:
        if part.timeline is not None:
            items.extend(part.timeline(access))
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:TIMELINE_LIMIT]
