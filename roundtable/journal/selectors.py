"""Reads of the collective journal. Each function checks access through the policies, filters
by the data classes consent allows, and writes the audit event itself (never the text);
forbidden and missing answer the same 404."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.scope import audited_reads
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CitizenAccess, citizen_access, record_owner
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import visible_data_classes_by_course
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.journal.models import (
    DisputeStatus,
    JournalAddendum,
    JournalDispute,
    JournalEntry,
    JournalNotice,
)
from roundtable.journal.policies import SUMMARY_CLASSES, JournalPolicy, open_dispute_exists

PURPOSE = "collective_journal"
PAGE_SIZE = 20
MAX_PAGE_SIZE = 200
ENTRY_RELATED = ("author__user", "author_organisation", "course")


def entry_citizen_id(entry_id: uuid.UUID | str) -> uuid.UUID | None:
    """Whose entry this is, for the audit event of a refused access (None: no such entry)."""
    owner = record_owner(JournalEntry, entry_id)
    return owner[1] if owner else None


# Audit a refused or missing read; the 404 hides which one it was.
deny = functools.partial(refused_read, purpose=PURPOSE)


@dataclass
class EntryView:
    """One entry as this reader may see it, with what they may do with it."""

    entry: JournalEntry
    disputed: bool
    disputes: list[JournalDispute]
    addenda: list[JournalAddendum]
    source_visible: bool
    can_answer: bool
    can_dispute: bool
    can_summarise: bool

    @property
    def open_dispute(self) -> JournalDispute | None:
        return next((d for d in self.disputes if d.is_open), None)

    @property
    def last_dispute(self) -> JournalDispute | None:
        return self.disputes[-1] if self.disputes else None

    def answers_to(self, dispute: JournalDispute) -> list[JournalAddendum]:
        return [a for a in self.addenda if a.dispute_id == dispute.pk]


@dataclass
class JournalScope:
    """A citizen's journal as one reader sees it: the gate's decision, made once."""

    access: CitizenAccess
    writable_classes: list[str] = field(default_factory=list)
    can_summarise: bool = False

    @property
    def actor(self) -> Actor:
        return self.access.actor

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def courses(self) -> list[Course]:
        return self.access.course_list

    @property
    def course(self) -> Course | None:
        """Where new entries go: the current course."""
        return self.access.current.course if self.access.current else None

    @property
    def classes_by_course(self) -> dict[uuid.UUID, frozenset[str]]:
        return self.access.visible_by_course

    @property
    def can_write(self) -> bool:
        return bool(self.writable_classes) and self.course is not None and self.course.is_open

    def entries(self) -> QuerySet[JournalEntry]:
        """The entries this reader may see, newest first (lazy, for paging)."""
        condition = JournalPolicy.visible_q(self.actor, self.classes_by_course)
        if condition is None:
            return JournalEntry.objects.none()
        return (
            JournalEntry.objects.annotate(open_dispute=open_dispute_exists())
            .filter(condition)
            .select_related(*ENTRY_RELATED)
            .order_by("-created_at", "-id")
        )


def journal_scope_of(access: CitizenAccess) -> JournalScope:
    """The journal as the access may see it, with what it may write."""
    scope = JournalScope(access=access)
    current = access.current
    if current is not None:
        scope.writable_classes = JournalPolicy.writable_classes(
            access.actor, current.course, current.visible
        )
        scope.can_summarise = JournalPolicy.can_summarise(
            access.actor, current.course, current.visible
        )
    return scope


def journal_scope(
    *, actor: Actor | None, citizen_id: uuid.UUID, action: str = AuditAction.LIST
) -> JournalScope:
    """The citizen and the courses the actor sees, with the data classes consent allows for
    each; 404 (audited) when the actor may not see the citizen. The read of entries is noted
    by the selector that reads them."""
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        action=action,
        object_type="journal",
        note=False,
    )
    return journal_scope_of(access)


def _views(scope: JournalScope, entries: list[JournalEntry]) -> list[EntryView]:
    """Attach disputes and addenda (two queries for the whole page)."""
    ids = [e.pk for e in entries]
    disputes: dict[uuid.UUID, list[JournalDispute]] = {pk: [] for pk in ids}
    addenda: dict[uuid.UUID, list[JournalAddendum]] = {pk: [] for pk in ids}
    if ids:
        for dispute in JournalDispute.objects.filter(entry_id__in=ids).order_by("raised_at", "id"):
            disputes[dispute.entry_id].append(dispute)
        for addendum in (
            JournalAddendum.objects.filter(entry_id__in=ids)
            .select_related("author__user", "author_organisation")
            .order_by("created_at", "id")
        ):
            addenda[addendum.entry_id].append(addendum)
    actor = scope.actor
    views = []
    for entry in entries:
        classes = scope.classes_by_course.get(entry.course_id, frozenset())
        views.append(
            EntryView(
                entry=entry,
                disputed=bool(getattr(entry, "open_dispute", False)),
                disputes=disputes[entry.pk],
                addenda=addenda[entry.pk],
                # The link to a therapy-detail source only for those who read that class.
                source_visible=entry.source_id is not None and DataClass.THERAPY_DETAIL in classes,
                can_answer=JournalPolicy.can_answer(actor, entry),
                can_dispute=JournalPolicy.can_dispute(actor, entry.course),
                can_summarise=(
                    scope.can_summarise
                    and entry.course_id == (scope.course.pk if scope.course else None)
                    and entry.data_class == DataClass.THERAPY_DETAIL
                    and not getattr(entry, "open_dispute", False)
                ),
            )
        )
    return views


def entry_views(scope: JournalScope, entries: list[JournalEntry]) -> list[EntryView]:
    """Entries with their disputes and addenda, for a caller that audits the read itself (the
    access export)."""
    return _views(scope, entries)


@audited_reads
def journal_entries(
    *,
    scope: JournalScope,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    detail: dict | None = None,
) -> list[EntryView]:
    """One slice of the journal, newest first; one audited list event with the count shown."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    entries = list(scope.entries()[offset : offset + limit])
    scope.access.note(
        action=AuditAction.LIST,
        object_type="journal_entry",
        part="journal",
        detail={"shown": len(entries), "offset": offset, **(detail or {})},
    )
    return _views(scope, entries)


@audited_reads
def journal_page(
    *, scope: JournalScope, page_number: str | int | None, per_page: int = PAGE_SIZE
) -> tuple[Page, list[EntryView]]:
    """One page of the journal for the pages (a bad or too large page number gives the
    nearest real page, never an error); audited as one list event."""
    page = Paginator(scope.entries(), per_page).get_page(page_number)
    entries = list(page.object_list)
    scope.access.note(
        action=AuditAction.LIST,
        object_type="journal_entry",
        part="journal",
        detail={"shown": len(entries), "page": page.number},
    )
    return page, _views(scope, entries)


@audited_reads
def journal_entry_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, entry_id: uuid.UUID
) -> tuple[JournalScope, EntryView]:
    """One entry of this citizen's journal, as the actor may see it; 404 (audited) for an
    entry of another citizen, a class the actor may not read, or a disputed entry of another
    organisation."""
    scope = journal_scope(actor=actor, citizen_id=citizen_id, action=AuditAction.READ)
    entry = scope.entries().filter(pk=entry_id).first()
    if entry is None:
        raise deny(
            actor=actor,
            object_type="journal_entry",
            object_id=entry_id,
            citizen_id=entry_citizen_id(entry_id),
        )
    scope.access.note(
        object_type="journal_entry",
        object_id=entry.pk,
        part="entry",
        detail={"data_class": entry.data_class},
    )
    return scope, _views(scope, [entry])[0]


def summary_classes(scope: JournalScope) -> list[str]:
    return [c for c in scope.writable_classes if c in SUMMARY_CLASSES]


# --- Notices ---------------------------------------------------------------------------------


def notice_list(
    *, actor: Actor | None, citizen_id: uuid.UUID | None = None, limit: int = 50
) -> list[JournalNotice]:
    """The actor's unread journal notices (of one citizen, or all), on courses and classes
    they may still see; audited as one list event when there are any."""
    if actor is None or actor.is_citizen or not actor.works_with_citizens:
        return []
    notices = JournalNotice.objects.filter(recipient_id=actor.user_id, read_at__isnull=True)
    if citizen_id is not None:
        notices = notices.filter(course__citizen_id=citizen_id)
    found = list(
        notices.select_related("course__citizen")
        .defer("course__citizen__national_id")
        .order_by("-created_at", "id")[: limit * 2]
    )
    if not found:
        return []
    courses = {n.course_id: n.course for n in found}
    seen = {
        c.pk
        for c in CoursePolicy.queryset(actor).filter(pk__in=list(courses)).only("id", "citizen_id")
    }
    classes = visible_data_classes_by_course(actor, [courses[pk] for pk in seen])
    shown = [n for n in found if n.course_id in seen and n.data_class in classes[n.course_id]]
    shown = shown[:limit]
    if shown:
        audit_record(
            actor=actor,
            action=AuditAction.LIST,
            outcome=AuditOutcome.ALLOWED,
            object_type="journal_notice",
            citizen_id=citizen_id,
            purpose=PURPOSE,
            detail={"shown": len(shown)},
        )
    return shown


def dispute_status_counts(views: list[EntryView]) -> dict[str, int]:
    """How many of these entries are disputed now, corrected or upheld (for the portal)."""
    counts = {s.value: 0 for s in DisputeStatus}
    for view in views:
        if view.last_dispute is not None:
            counts[view.last_dispute.status] += 1
    return counts
