"""Writes to the collective journal: atomic, checked, audited, and the only place these models
are saved. Entries and addenda are only ever added; a dispute only opens and closes.

Bad input raises ValidationError with every problem found, and nothing is saved. An actor who
may not see the record gets 404; one who may see it but not do this gets PermissionDenied.
Both refusals are audited, after the rollback. Audit events never hold journal text.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.accounts.notices import notice_send
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CitizenAccess, citizen_write_access, course_write_access
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import visible_data_classes
from roundtable.core.data_classes import DataClass
from roundtable.core.services import Refused as _Refused
from roundtable.core.services import service
from roundtable.journal.models import (
    BODY_MAX_LENGTH,
    STATEMENT_MAX_LENGTH,
    DisputeStatus,
    JournalAddendum,
    JournalDispute,
    JournalEntry,
    JournalNotice,
    NoticeKind,
)
from roundtable.journal.policies import SUMMARY_CLASSES, JournalPolicy, open_dispute_exists
from roundtable.journal.selectors import PURPOSE, entry_citizen_id
from roundtable.organisations.models import TEAM_WIDE_ROLES, Professional

P = ParamSpec("P")
R = TypeVar("R")

OUTCOMES = (DisputeStatus.CORRECTED, DisputeStatus.UPHELD)


def _service(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """One transaction; a refusal is audited after the rollback and answers 404/403."""
    return service(action, purpose=PURPOSE)


def _text(value: str | None) -> str:
    return (value or "").strip()


def _entry_for_write(
    actor: Actor | None, citizen_id: uuid.UUID, entry_id: uuid.UUID
) -> tuple[JournalEntry, CitizenAccess]:
    """The entry, locked, when the actor reads it in this citizen's journal; refused (404)
    otherwise, also for an entry of another citizen (SECURITY.md 2)."""
    access = citizen_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="journal_entry",
        citizen_id=citizen_id,
        object_id=entry_id,
        lock=False,
    )
    condition = JournalPolicy.visible_q(access.actor, access.visible_by_course)
    entry = None
    if condition is not None:
        visible = (
            JournalEntry.objects.annotate(open_dispute=open_dispute_exists())
            .filter(condition, pk=entry_id)
            .values_list("pk", flat=True)
            .first()
        )
        if visible is not None:
            entry = (
                JournalEntry.objects.select_for_update(of=("self",))
                .select_related("course", "author__user")
                .get(pk=visible)
            )
    if entry is None:
        raise _Refused(
            object_type="journal_entry", object_id=entry_id, citizen_id=entry_citizen_id(entry_id)
        )
    return entry, access


def _body_problems(body: str, *, empty: str, too_long: str) -> list[str]:
    if not body:
        return [empty]
    if len(body) > BODY_MAX_LENGTH:
        return [too_long % {"limit": BODY_MAX_LENGTH}]
    return []


# --- Entries ---------------------------------------------------------------------------------


@_service(AuditAction.CREATE)
def journal_entry_write(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    data_class: str,
    body: str,
    source_id: uuid.UUID | None = None,
) -> JournalEntry:
    """Write an entry in the citizen's journal, on their current course. With `source_id`, a
    summary for sharing written from a therapy-detail entry (which stays as it is)."""
    access = course_write_access(
        actor=actor, purpose=PURPOSE, object_type="journal", citizen_id=citizen_id
    )
    course = access.course
    if access.actor.is_citizen:
        raise _Refused(
            object_type="journal",
            object_id=citizen_id,
            citizen_id=citizen_id,
            forbidden=_(
                "The journal is written by the professionals. You can flag an entry as wrong."
            ),
        )
    visible = access.visible
    writable = JournalPolicy.writable_classes(access.actor, course, visible)
    if not writable:
        raise _Refused(
            object_type="journal",
            object_id=citizen_id,
            citizen_id=citizen_id,
            forbidden=_(
                "Only professionals working on this citizen's course write in the journal."
            ),
        )
    body = _text(body)
    # Each problem beside the field that caused it (the form shows a dict's keys per field).
    problems: dict[str, list[str]] = {
        "body": _body_problems(
            body,
            empty=_("Write the entry."),
            too_long=ngettext(
                "Write the entry in at most %(limit)d character.",
                "Write the entry in at most %(limit)d characters.",
                BODY_MAX_LENGTH,
            ),
        ),
        "data_class": [],
        NON_FIELD_ERRORS: [],
    }
    if not course.is_open:
        problems[NON_FIELD_ERRORS].append(
            _("The course is closed. New entries need an open course.")
        )
    if data_class not in DataClass.values:
        problems["data_class"].append(_("Choose what kind of information the entry holds."))
    elif data_class not in writable:
        problems["data_class"].append(
            _("Your sector does not write “%(kind)s”. Choose one of: %(kinds)s.")
            % {
                "kind": DataClass(data_class).label,
                "kinds": ", ".join(str(DataClass(c).label) for c in writable),
            }
        )
    source = None
    if source_id is not None:
        source = (
            JournalEntry.objects.annotate(open_dispute=open_dispute_exists())
            .filter(
                pk=source_id,
                course_id=course.pk,
                data_class=DataClass.THERAPY_DETAIL,
            )
            .first()
        )
        if source is None or not JournalPolicy.allows(
            access.actor, source, classes=visible, disputed=source.open_dispute
        ):
            raise _Refused(
                object_type="journal_entry",
                object_id=source_id,
                citizen_id=entry_citizen_id(source_id),
            )
        if not JournalPolicy.can_summarise(access.actor, course, visible):
            raise _Refused(
                object_type="journal_entry",
                object_id=source_id,
                citizen_id=course.citizen_id,
                forbidden=_("Only health professionals write a summary for sharing."),
            )
        if data_class not in SUMMARY_CLASSES:
            problems["data_class"].append(
                _(
                    "A summary for sharing is a health summary or a note on what the "
                    "citizen can do at work."
                )
            )
        if source.open_dispute:
            problems[NON_FIELD_ERRORS].append(
                _(
                    "The citizen has said this entry is wrong. Answer that first, "
                    "then share a summary."
                )
            )
    if any(problems.values()):
        raise ValidationError({field: found for field, found in problems.items() if found})
    assert access.actor.professional_id is not None and access.actor.organisation_id is not None
    entry = JournalEntry.objects.create(
        course=course,
        author_id=access.actor.professional_id,
        author_organisation_id=access.actor.organisation_id,
        data_class=data_class,
        body=body,
        source=source,
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="journal_entry",
        object_id=entry.pk,
        detail={"data_class": data_class, "summary_of": str(source.pk) if source else ""},
    )
    return entry


# --- Rectification ---------------------------------------------------------------------------


@_service(AuditAction.CREATE)
def journal_dispute_open(
    *, actor: Actor | None, citizen_id: uuid.UUID, entry_id: uuid.UUID, statement: str
) -> JournalDispute:
    """The citizen says an entry is wrong, in their own words. Until the author answers, the
    entry stays inside the author's organisation; the author is told."""
    entry, access = _entry_for_write(actor, citizen_id, entry_id)
    if not JournalPolicy.can_dispute(access.actor, entry.course):
        raise _Refused(
            object_type="journal_entry",
            object_id=entry.pk,
            citizen_id=entry.course.citizen_id,
            forbidden=_("Only the citizen can flag an entry about them as wrong."),
        )
    statement = _text(statement)
    problems = []
    if not statement:
        problems.append(_("Write what is wrong, in your own words."))
    elif len(statement) > STATEMENT_MAX_LENGTH:
        problems.append(
            ngettext(
                "Please write at most %(limit)d character.",
                "Please write at most %(limit)d characters.",
                STATEMENT_MAX_LENGTH,
            )
            % {"limit": STATEMENT_MAX_LENGTH}
        )
    if JournalDispute.objects.filter(entry=entry, status=DisputeStatus.OPEN).exists():
        problems.append(_("You have already said this is wrong. Please wait for the answer."))
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            dispute = JournalDispute.objects.create(
                entry=entry,
                data_class=entry.data_class,
                statement=statement,
                raised_by_id=access.actor.user_id,
            )
    except IntegrityError:
        # Another request opened one a moment ago (the partial unique index decided).
        raise ValidationError(
            _("You have already said this is wrong. Please wait for the answer.")
        ) from None
    JournalNotice.objects.get_or_create(
        recipient_id=entry.author.user_id,
        dispute=dispute,
        kind=NoticeKind.DISPUTE_OPENED,
        defaults={"course_id": entry.course_id, "entry": entry, "data_class": entry.data_class},
    )
    # The author has to answer: also on "My deadlines" and by e-mail, without the text.
    notice_send(
        recipient_ids=[entry.author.user_id],
        key=f"dispute:{dispute.pk}",
        label=gettext_noop("A citizen says an entry of yours is wrong"),
        url=reverse("journal:journal", args=[entry.course.citizen_id]),
        citizen_id=entry.course.citizen_id,
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="journal_dispute",
        object_id=dispute.pk,
        detail={"entry": str(entry.pk)},
    )
    return dispute


def _outcome_recipients(entry: JournalEntry) -> list[Actor]:
    """Professionals of the course from the other organisations who would read this class:
    the ones the open dispute kept the entry from."""
    course = entry.course
    people = (
        Professional.objects.filter(
            Q(pk__in=[p for p in (course.care_manager_id, course.employment_consultant_id) if p])
            | Q(memberships__team_id=course.team_id, role__in=TEAM_WIDE_ROLES)
        )
        .exclude(organisation_id=entry.author_organisation_id)
        .select_related("user")
        .distinct()
    )
    recipients = []
    for person in people:
        if not person.user.is_active:
            continue
        reader = actor_for_user(person.user)
        if (
            reader is not None
            and CoursePolicy.allows(reader, course)
            and entry.data_class in visible_data_classes(reader, course)
        ):
            recipients.append(reader)
    return recipients


@_service(AuditAction.CREATE)
def journal_addendum_add(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    entry_id: uuid.UUID,
    body: str,
    outcome: str = "",
) -> JournalAddendum:
    """Add to an entry: the original stays as it was. With an `outcome` (corrected or upheld)
    the addendum answers the open dispute and closes it; the other organisations are told."""
    entry, access = _entry_for_write(actor, citizen_id, entry_id)
    if not JournalPolicy.can_answer(access.actor, entry):
        forbidden = (
            _("You cannot add to an entry. If something is wrong, flag it as wrong.")
            if access.actor.is_citizen
            else _("Only the author of the entry adds to it or answers a dispute.")
        )
        raise _Refused(
            object_type="journal_entry",
            object_id=entry.pk,
            citizen_id=entry.course.citizen_id,
            forbidden=forbidden,
        )
    body = _text(body)
    outcome = _text(outcome)
    problems = _body_problems(
        body,
        empty=_("Write the addendum."),
        too_long=ngettext(
            "Write the addendum in at most %(limit)d character.",
            "Write the addendum in at most %(limit)d characters.",
            BODY_MAX_LENGTH,
        ),
    )
    dispute = (
        JournalDispute.objects.select_for_update()
        .filter(entry=entry, status=DisputeStatus.OPEN)
        .first()
    )
    if outcome and outcome not in OUTCOMES:
        problems.append(_("Choose whether the entry was corrected or is kept as written."))
    elif outcome and dispute is None:
        problems.append(_("There is no open dispute on this entry to close."))
    if problems:
        raise ValidationError(problems)
    assert access.actor.professional_id is not None and access.actor.organisation_id is not None
    addendum = JournalAddendum.objects.create(
        entry=entry,
        dispute=dispute,
        author_id=access.actor.professional_id,
        author_organisation_id=access.actor.organisation_id,
        data_class=entry.data_class,
        body=body,
        outcome=outcome,
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="journal_addendum",
        object_id=addendum.pk,
        detail={"entry": str(entry.pk)},
    )
    if outcome and dispute is not None:
        dispute.status = outcome
        dispute.closed_at = timezone.now()
        dispute.closed_by_id = access.actor.professional_id
        dispute.save(update_fields=["status", "closed_at", "closed_by"])
        kind = (
            NoticeKind.DISPUTE_CORRECTED
            if outcome == DisputeStatus.CORRECTED
            else NoticeKind.DISPUTE_UPHELD
        )
        told = 0
        for reader in _outcome_recipients(entry):
            _notice, created = JournalNotice.objects.get_or_create(
                recipient_id=reader.user_id,
                dispute=dispute,
                kind=kind,
                defaults={
                    "course_id": entry.course_id,
                    "entry": entry,
                    "data_class": entry.data_class,
                },
            )
            told += int(created)
        access.audit(
            action=AuditAction.UPDATE,
            object_type="journal_dispute",
            object_id=dispute.pk,
            detail={"outcome": outcome, "told": told},
        )
    return addendum


@_service(AuditAction.UPDATE)
def journal_notices_mark_read(*, actor: Actor, citizen_id: uuid.UUID | None = None) -> int:
    """Mark the actor's own journal notices (of one citizen, or all) as read. One citizen's
    only in a journal the actor may open (404 otherwise, audited)."""
    notices = JournalNotice.objects.filter(recipient_id=actor.user_id, read_at__isnull=True)
    access = None
    if citizen_id is not None:
        access = citizen_write_access(
            actor=actor, purpose=PURPOSE, object_type="journal", citizen_id=citizen_id, lock=False
        )
        notices = notices.filter(course__citizen_id=citizen_id)
    count = notices.update(read_at=timezone.now())
    if count and access is not None:
        access.audit(
            action=AuditAction.UPDATE, object_type="journal_notice", detail={"read": count}
        )
    elif count:
        # All of the actor's notices, across citizens: an event of the actor's own.
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.ALLOWED,
            object_type="journal_notice",
            purpose=PURPOSE,
            detail={"read": count},
        )
    return count


# --- Retention --------------------------------------------------------------------------------

# Protections go a few levels deep (a summary of a summary): as many passes as that.
_MAX_PASSES = 5


def journal_records_expunge(*, course: Course, data_classes: frozenset[str]) -> Counter[str]:
    """Remove the course's journal entries of `data_classes`, with their disputes, addenda and
    notices: the journal's part in the retention job (journal/parts.py). Not atomic by itself:
    the job's per-course transaction holds it, and writes its audit event.

    The journal is append-only by design: nothing edits or deletes an entry, a correction is an
    addendum, and its foreign keys PROTECT (the course cannot go while it has entries, an entry
    cannot go while it has disputes or addenda, a source while it has summaries). Retention is
    the one legitimate removal, so it lives here, in one function a grep finds, and goes in the
    order those keys demand: notices, addenda and disputes of an entry, then the entry; summaries
    before their sources. A summary of a class still kept keeps its source too.
    """
    deleted: Counter[str] = Counter()
    entries = JournalEntry.objects.filter(course=course, data_class__in=data_classes)
    for _pass in range(_MAX_PASSES):
        # Entries nothing points at as a source any more.
        batch = list(
            entries.exclude(summaries__isnull=False).values_list("pk", flat=True).distinct()
        )
        if not batch:
            break
        for model in (JournalNotice, JournalAddendum, JournalDispute, JournalEntry):
            key = "pk__in" if model is JournalEntry else "entry_id__in"
            _, per_model = model._default_manager.filter(**{key: batch}).delete()
            deleted.update({label: n for label, n in per_model.items() if n})
    return deleted
