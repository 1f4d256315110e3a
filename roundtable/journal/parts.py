"""The collective journal's part of the whole record (roundtable.citizens.record)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from roundtable.citizens.gate import CitizenAccess, CourseAccess
from roundtable.citizens.record import Part, RetainedRecord
from roundtable.journal.models import JournalAddendum, JournalDispute, JournalEntry, JournalNotice
from roundtable.journal.selectors import JournalScope, entry_views
from roundtable.journal.services import journal_records_expunge


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    """The collective journal as the reader sees it on its page (disputed entries stay with the
    author's organisation while the dispute is open), with disputes and addenda."""
    if not accesses:
        return {}
    first = accesses[0]
    scope = JournalScope(
        access=CitizenAccess(
            actor=first.actor,
            citizen=first.citizen,
            courses=tuple(accesses),
            purpose=first.purpose,
        )
    )
    result: dict[uuid.UUID, Any] = {a.course.pk: [] for a in accesses}
    entries = list(scope.entries()[:10_000])
    for view in entry_views(scope, entries):
        entry = view.entry
        result[entry.course_id].append(
            {
                "written_at": entry.created_at,
                "author": str(entry.author),
                "kind": entry.get_data_class_display(),
                "text": entry.body,
                "disputed": view.disputed,
                "disputes": [
                    {
                        "raised_at": d.raised_at,
                        "statement": d.statement,
                        "status": d.get_status_display(),
                        "closed_at": d.closed_at,
                    }
                    for d in view.disputes
                ],
                "addenda": [
                    {"written_at": a.created_at, "author": str(a.author), "text": a.body}
                    for a in view.addenda
                ],
            }
        )
    return result


PART = Part(
    retained=(
        RetainedRecord(JournalEntry, own_deletion=True),
        RetainedRecord(JournalNotice, own_deletion=True),
        RetainedRecord(JournalDispute, "entry__course", own_deletion=True),
        RetainedRecord(JournalAddendum, "entry__course", own_deletion=True),
    ),
    expunge=journal_records_expunge,
    name="journal",
    export=(("journal", export),),
)
