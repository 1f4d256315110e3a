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
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from roundtable.citizens.gate import CourseAccess
    from roundtable.citizens.models import Course


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


class Expunge(Protocol):
    """Delete a course's records of the due data classes; the counts per model label. Called
    with keywords, as the retention job does."""

    def __call__(self, *, course: Course, data_classes: frozenset[str]) -> Counter[str]: ...


@dataclass(frozen=True)
class RetainedRecord:
    """A kind of record the retention job deletes with its course, class by class."""

    model: type[models.Model]
    course_path: str = "course"
    # For models whose rows all hold one class without a column saying so.
    implied_class: str | None = None
    # Deleted by the part's own `expunge` rather than row by row (rows that protect one another).
    own_deletion: bool = False

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
    # Models whose column names the readable export shows (their verbose names as labels).
    labelled: tuple[type[models.Model], ...] = ()
    # The app's own deletion of a course's records of the due classes (for `own_deletion`
    # records), run by the retention job inside its per-course transaction.
    expunge: Expunge | None = None


# --- Export helpers shared by the parts ------------------------------------------------------

# Columns that say nothing to the reader (ids, links, bookkeeping).
SKIPPED_FIELDS = frozenset(
    {"id", "course", "data_class", "text_normalised", "order", "session", "plan"}
)


def record_values(obj: models.Model) -> dict[str, Any]:
    """Every meaningful column of a record, choices in words and people by name."""
    values: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in SKIPPED_FIELDS:
            continue
        if f.is_relation:
            related = getattr(obj, f.name)
            values[f.name] = str(related) if related is not None else None
        elif f.choices:
            values[f.name] = getattr(obj, f"get_{f.name}_display")()
        else:
            values[f.name] = getattr(obj, f.name)
    return values


def _related_for(model: type[models.Model]) -> list[str]:
    related = []
    for f in model._meta.concrete_fields:
        target = f.related_model
        # A loaded model's relations name classes (never "self" any more).
        if f.is_relation and f.name not in SKIPPED_FIELDS and isinstance(target, type):
            # A professional is named by their user's name.
            has_user = any(g.name == "user" for g in target._meta.concrete_fields)
            related.append(f"{f.name}__user" if has_user else f.name)
            # What else a record's name reads (a directory service names its organisation).
            related += [f"{f.name}__{name}" for name in getattr(target, "NAMED_WITH", ())]
    return related


def dump_records(
    model: type[models.Model],
    course_path: str,
    accesses: Sequence[CourseAccess],
    *,
    readable: Callable[[CourseAccess], frozenset[str]] | None = None,
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """The records of `model` for these courses, field by field, leaving out every record whose
    data class the access may not read (`readable` narrows it further). One query."""
    classes = {a.course.pk: (readable(a) if readable is not None else a.visible) for a in accesses}
    result: dict[uuid.UUID, list[dict[str, Any]]] = {pk: [] for pk in classes}
    rows = (
        model._default_manager.filter(**{f"{course_path}__in": list(classes)})
        .select_related(*_related_for(model))
        .annotate(_course_id=models.F(course_path))
    )
    for row in rows:
        course_id = row._course_id  # type: ignore[attr-defined]
        if row.data_class not in classes[course_id]:  # type: ignore[attr-defined]
            continue
        result[course_id].append(record_values(row))
    return result


# --- Timeline helpers shared by the parts ----------------------------------------------------


def record_page_url(access: CourseAccess, *, staff: str, own: str, anchor: str = "") -> str:
    """The page a timeline entry links to: the citizen's own page, or the team's."""
    from django.urls import reverse

    if access.is_own:
        url = reverse(own)
    else:
        url = reverse(staff, kwargs={"citizen_id": access.course.citizen_id})
    return f"{url}#{anchor}" if anchor else url


def written_entries(
    record: Any, *, kind: str, created: str, updated: str, url: str
) -> list[TimelineEntry]:
    """One entry when a record was written, and one when it was last changed on a later day."""
    if record is None:
        return []
    first = timezone.localtime(record.created_at).date()
    last = timezone.localtime(record.updated_at).date()
    entries = [TimelineEntry(first, f"{kind}_created", created, url, record.data_class)]
    if last > first:
        entries.append(TimelineEntry(last, f"{kind}_updated", updated, url, record.data_class))
    return entries
