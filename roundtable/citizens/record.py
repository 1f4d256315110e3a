"""What an app contributes to the whole record of a citizen (STYLE.md 15).

Each app that holds records of a course declares, in a `parts.py` of its own, one `Part`: its
entries on the citizen page's timeline, its sections of the access export and the records the
retention job deletes. `roundtable.parts.PARTS` collects them in one explicit list; adding an
app touches that list and nothing else central.

Every function of a part receives what the gate decided (`roundtable.citizens.gate`): it never
asks the course policy or consent again, and never writes an audit event of its own — the
page or export that shows it writes one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from roundtable.citizens.gate import CourseAccess


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the citizen page's timeline."""

    when: dt.date
    kind: str
    title: str
    url: str | None
    data_class: str


# The entries of one course the reader may see (already filtered by the access's classes).
Timeline = Callable[["CourseAccess"], list[TimelineEntry]]
# One export section: per course id, a JSON-ready value; records the reader may not read left out.
ExportSection = Callable[[Sequence["CourseAccess"]], dict[uuid.UUID, Any]]


@dataclass(frozen=True)
class RetainedRecord:
    """A kind of record the retention job deletes with its course, class by class."""

    model: type[models.Model]
    course_path: str = "course"
    # For models whose rows all hold one class without a column saying so.
    implied_class: str | None = None
    # Deleted by the app's own service instead of row by row (their rows protect one another).
    expunge: Callable[..., int] | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def depth(self) -> int:
        return self.course_path.count("__") + 1


@dataclass(frozen=True)
class Part:
    name: str
    timeline: Timeline | None = None
    export: tuple[tuple[str, ExportSection], ...] = ()
    retained: tuple[RetainedRecord, ...] = ()
