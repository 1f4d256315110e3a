"""Writes about sickness benefit: atomic, checked, audited."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from roundtable.accounts.actor import Actor
from roundtable.accounts.notices import notice_send, notices_mark_read
from roundtable.audit.models import AuditAction
from roundtable.citizens.gate import CourseAccess, course_write_access, record_write_access
from roundtable.core.data_classes import DataClass
from roundtable.core.services import Refused, service
from roundtable.organisations.models import Professional
from roundtable.organisations.terms import terms_for
from roundtable.sickleave.models import (
    BenefitDecision,
    BenefitPeriod,
    DecisionKind,
    EvidenceNote,
    EvidenceNoteState,
    EvidenceRequest,
    MilestoneHandled,
    Notification,
    Prognosis,
    WorkCapacity,
)
from roundtable.sickleave.policies import (
    ASKS_FOR_EVIDENCE,
    MARKS_HANDLED,
    RECORDS_DECISIONS,
    RECORDS_PERIODS,
    SickleavePolicy,
)
from roundtable.sickleave.rules import dk
from roundtable.sickleave.rules.base import MilestoneChange, milestone_changes
from roundtable.sickleave.selectors import (
    course_milestones,
    evidence_addressee_list,
    jobcentre_reads,
)

PURPOSE = "sickness_benefit"


class LegalDatesChange(ValidationError):
    """A write would move or remove legal dates and was not confirmed: nothing was saved.

    `changes` says which (rules.MilestoneChange); the page shows them and asks again, so nobody
    moves a legal date without seeing it (issue 10, finding 5).
    """

    def __init__(self, changes: list[MilestoneChange]) -> None:
        super().__init__(_("This changes legal dates. Check them and confirm."))
        self.changes = changes


@service(AuditAction.CREATE, purpose=PURPOSE)
def benefit_period_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    start: dt.date,
    end: dt.date | None,
    reduced: bool = False,
    back_at_work: bool = False,
    confirmed: bool = False,
    today: dt.date | None = None,
) -> BenefitPeriod:
    """Record a paid period. If it moves or removes a legal date, refuse with the changes
    (LegalDatesChange) unless `confirmed`."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="benefit_period",
        citizen_id=citizen_id,
        require=RECORDS_PERIODS,
    )
    course = access.course
    if end is not None and end < start:
        raise ValidationError(_("The last day cannot be before the first day."))
    today = today or timezone.localdate()
    if back_at_work and end is None:
        raise ValidationError(_("Give the last day before the person was back at work."))
    if start > today:
        raise ValidationError(
            _("Record periods that have begun; a future period cannot be paid yet.")
        )
    if course.first_absence_day is None:
        raise ValidationError(
            _("This person is not on sick leave: there are no benefit periods to record.")
        )
    if start < course.first_absence_day:
        raise ValidationError(_("A benefit period cannot start before the first day of absence."))
    far_future = dt.date.max
    for other in BenefitPeriod.objects.filter(course=course):
        if start <= (other.end or far_future) and other.start <= (end or far_future):
            raise ValidationError(
                _("This period overlaps the period from %(start)s. Change that one instead.")
                % {"start": other.start.isoformat()}
            )
    recorder = access.actor.professional_id
    assert recorder is not None  # RECORDS_PERIODS: the course's employment consultant
    period = BenefitPeriod(
        course=course,
        start=start,
        end=end,
        reduced=reduced,
        back_at_work=back_at_work,
        recorded_by_id=recorder,
    )
    recorded = list(BenefitPeriod.objects.filter(course=course).order_by("start"))
    changes = [
        c
        for c in milestone_changes(
            course_milestones(course, today=today, periods=recorded),
            course_milestones(course, today=today, periods=[*recorded, period]),
        )
        if c.kind != "added"
    ]
    if changes and not confirmed:
        raise LegalDatesChange(changes)
    period.save()
    access.audit(action=AuditAction.CREATE, object_type="benefit_period", object_id=period.pk)
    return period


@service(AuditAction.CREATE, purpose=PURPOSE)
def benefit_decision_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    kind: str,
    decided_on: dt.date,
    ground: int | None = None,
    valid_until: dt.date | None = None,
    evidence_received_on: dt.date | None = None,
) -> BenefitDecision:
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="benefit_decision",
        citizen_id=citizen_id,
        require=RECORDS_DECISIONS,
    )
    course = access.course
    if kind == DecisionKind.EXTENSION:
        grounds = {g.number: g for g in dk.EXTENSION_GROUNDS}
        if ground not in grounds:
            raise ValidationError(_("Choose the legal ground for the extension."))
        if grounds[ground].medical_evidence and evidence_received_on is None:
            raise ValidationError(
                _(
                    "This ground needs a medical assessment. Record when it was received, "
                    "or ask the care manager for it first."
                )
            )
    elif ground is not None:
        raise ValidationError(_("Only an extension has a legal ground."))
    if valid_until is not None and valid_until < decided_on:
        raise ValidationError(_("A decision cannot end before it is made."))
    decider = access.actor.professional_id
    assert decider is not None  # RECORDS_DECISIONS: the course's employment consultant
    decision = BenefitDecision.objects.create(
        course=course,
        kind=kind,
        ground=ground if kind == DecisionKind.EXTENSION else None,
        decided_on=decided_on,
        valid_until=valid_until,
        evidence_received_on=evidence_received_on,
        decided_by_id=decider,
    )
    access.audit(action=AuditAction.CREATE, object_type="benefit_decision", object_id=decision.pk)
    return decision


@service(AuditAction.CREATE, purpose=PURPOSE)
def evidence_request_create(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    question: str,
    due_on: dt.date,
    ground: int | None = None,
    assignee_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> EvidenceRequest:
    """The jobcentre asks the health side for medical evidence: the course's care manager, or
    another health professional of the team (a psychiatrist, a psychologist) chosen at request
    (`assignee_id`; the care manager when not given). The one asked gets a task."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="evidence_request",
        citizen_id=citizen_id,
        require=ASKS_FOR_EVIDENCE,
    )
    course = access.course
    addressees = {p.pk for p in evidence_addressee_list(course=course)}
    if assignee_id is None:
        if course.care_manager_id is None:
            raise ValidationError(_("The course has no care manager to ask yet."))
        assignee_id = course.care_manager_id
    if assignee_id not in addressees:
        raise ValidationError(_("Choose a health professional of the team to ask."))
    if due_on < (today or timezone.localdate()):
        raise ValidationError(_("The due date cannot be in the past."))
    if not question.strip():
        raise ValidationError(_("Say what the evidence should answer."))
    requester = access.actor.professional_id
    assert requester is not None  # ASKS_FOR_EVIDENCE: the course's employment consultant
    request = EvidenceRequest.objects.create(
        course=course,
        requested_by_id=requester,
        assignee_id=assignee_id,
        ground=ground,
        question=question.strip(),
        due_on=due_on,
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="evidence_request",
        object_id=request.pk,
        detail={"assignee": str(assignee_id)},
    )
    # The one asked has to act: tell them now, in the page and by e-mail (finding 4).
    notice_send(
        recipient_ids=Professional.objects.filter(pk=assignee_id).values_list("user_id", flat=True),
        key=f"evidence:{request.pk}",
        label=gettext_noop("You are asked for medical evidence"),
        url=reverse("sickleave:evidence-note", args=[request.pk]),
        citizen_id=course.citizen_id,
        due_on=due_on,
    )
    return request


@service(AuditAction.UPDATE, purpose=PURPOSE)
def evidence_request_complete(*, actor: Actor | None, request_id: uuid.UUID) -> EvidenceRequest:
    access = record_write_access(
        actor=actor,
        model=EvidenceRequest,
        record_id=request_id,
        purpose=PURPOSE,
        object_type="evidence_request",
    )
    course = access.course
    request = EvidenceRequest.objects.select_for_update().get(pk=request_id)
    request.course = course
    if not SickleavePolicy.can_complete_evidence(access.actor, request):
        raise Refused(
            object_type="evidence_request",
            object_id=request_id,
            citizen_id=course.citizen_id,
            forbidden=_("Only the health side marks medical evidence as sent."),
        )
    if request.status != EvidenceRequest.Status.DONE:
        request.status = EvidenceRequest.Status.DONE
        request.completed_at = timezone.now()
        request.save(update_fields=["status", "completed_at"])
        access.audit(
            action=AuditAction.UPDATE, object_type="evidence_request", object_id=request.pk
        )
    return request


# --- The evidence note: written in the app, read by the citizen, sent under consent ----------


def _evidence_for_writer(
    actor: Actor | None, request_id: uuid.UUID, object_type: str
) -> tuple[CourseAccess, EvidenceRequest]:
    """The request locked for its addressee; 404 for anyone who may not see the course, 403 for
    someone on the course it was not asked of."""
    access = record_write_access(
        actor=actor,
        model=EvidenceRequest,
        record_id=request_id,
        purpose=PURPOSE,
        object_type=object_type,
    )
    request = EvidenceRequest.objects.select_for_update().get(pk=request_id)
    request.course = access.course
    if not SickleavePolicy.writes_evidence_note(access.actor, request):
        raise Refused(
            object_type=object_type,
            object_id=request_id,
            citizen_id=access.course.citizen_id,
            forbidden=_("Only the one the evidence is asked of writes the note."),
        )
    if request.status == EvidenceRequest.Status.DONE:
        raise ValidationError(_("This evidence has been sent. A sent note cannot be changed."))
    return access, request


def _words(access: CourseAccess) -> dict[str, str]:
    """The role words of the course's jurisdiction for the writer's messages."""
    terms = terms_for(access.course.jurisdiction)
    return {
        "Citizen": terms.citizen.The,
        "citizen": terms.citizen.the,
        "org": terms.employment_service.the,
    }


def _latest(request: EvidenceRequest) -> EvidenceNote | None:
    return EvidenceNote.objects.filter(request=request).order_by("-version").first()


def _next_version(
    request: EvidenceRequest, previous: EvidenceNote | None, **fields
) -> EvidenceNote:
    values = (
        {
            name: getattr(previous, name)
            for name in (
                "capacity",
                "hours_per_week",
                "functional_capacity",
                "prognosis",
                "prognosis_text",
                "diagnosis",
                "citizen_comment",
            )
        }
        if previous is not None
        else {}
    )
    values.update(fields)
    return EvidenceNote.objects.create(
        request=request,
        course_id=request.course_id,
        version=(previous.version if previous else 0) + 1,
        **values,
    )


@service(AuditAction.CREATE, purpose=PURPOSE)
def evidence_note_save(
    *,
    actor: Actor | None,
    request_id: uuid.UUID,
    capacity: str,
    functional_capacity: str,
    prognosis: str,
    hours_per_week: int | None = None,
    prognosis_text: str = "",
    diagnosis: str = "",
    ready: bool = False,
) -> EvidenceNote:
    """The addressee writes the note: each save is a new version, a draft or ready for the
    citizen to read. Functional capacity and prognosis; the diagnosis only while the citizen
    lets the jobcentre read it."""
    access, request = _evidence_for_writer(actor, request_id, "evidence_note")
    if capacity not in WorkCapacity.values:
        raise ValidationError(_("Choose how much the person can work."))
    if prognosis not in Prognosis.values:
        raise ValidationError(_("Choose the prognosis."))
    if not functional_capacity.strip():
        raise ValidationError(_("Say what the person can and cannot do."))
    if capacity == WorkCapacity.PARTIAL:
        if hours_per_week is None or not 1 <= hours_per_week <= 80:
            raise ValidationError(_("Give the hours a week, from 1 to 80."))
    else:
        hours_per_week = None
    diagnosis = diagnosis.strip()
    if diagnosis and not jobcentre_reads(request, DataClass.DIAGNOSIS):
        raise ValidationError(
            _(
                "%(Citizen)s has not let %(org)s see the diagnosis. Leave the diagnosis out,"
                " or ask first."
            )
            % _words(access)
        )
    previous = _latest(request)
    note = _next_version(
        request,
        previous,
        state=EvidenceNoteState.READY if ready else EvidenceNoteState.DRAFT,
        capacity=capacity,
        hours_per_week=hours_per_week,
        functional_capacity=functional_capacity.strip(),
        prognosis=prognosis,
        prognosis_text=prognosis_text.strip(),
        diagnosis=diagnosis,
        written_by_id=access.actor.professional_id,
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="evidence_note",
        object_id=note.pk,
        detail={"version": note.version, "state": note.state},
    )
    return note


@service(AuditAction.CREATE, purpose=PURPOSE)
def evidence_note_comment(
    *, actor: Actor | None, request_id: uuid.UUID, comment: str
) -> EvidenceNote:
    """The citizen adds their own comment to the note before it is sent: a new version that
    carries it to the jobcentre with the note."""
    access = record_write_access(
        actor=actor,
        model=EvidenceRequest,
        record_id=request_id,
        purpose=PURPOSE,
        object_type="evidence_note",
    )
    request = EvidenceRequest.objects.select_for_update().get(pk=request_id)
    request.course = access.course
    latest = _latest(request)
    if not access.is_own or latest is None or latest.state == EvidenceNoteState.DRAFT:
        raise Refused(
            object_type="evidence_note",
            object_id=request_id,
            citizen_id=access.course.citizen_id,
            forbidden=_("Only the person it is about comments on the note, once it is ready."),
        )
    if request.status == EvidenceRequest.Status.DONE:
        raise ValidationError(_("This evidence has been sent. A sent note cannot be changed."))
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Write your comment first."))
    if len(comment) > 2000:
        raise ValidationError(_("Keep your comment under 2000 characters."))
    note = _next_version(
        request, latest, state=latest.state, citizen_comment=comment, written_by=None
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="evidence_note",
        object_id=note.pk,
        detail={"version": note.version, "citizen_comment": True},
    )
    return note


@service(AuditAction.UPDATE, purpose=PURPOSE)
def evidence_note_send(*, actor: Actor | None, request_id: uuid.UUID) -> EvidenceNote:
    """Send the latest version to the jobcentre, only under the citizen's consent: the
    consultant who asked must be allowed to read functional capacity (and the diagnosis, if
    the note has one). Otherwise nothing is sent and the writer is told why. The citizen reads
    what was sent."""
    access, request = _evidence_for_writer(actor, request_id, "evidence_note")
    latest = _latest(request)
    if latest is None:
        raise ValidationError(_("Write the note before sending it."))
    if not jobcentre_reads(request, DataClass.FUNCTIONAL_CAPACITY):
        raise ValidationError(
            _(
                "Not sent: %(citizen)s has not let %(org)s read what they can and cannot do at"
                " work. Talk with them about their consent first."
            )
            % _words(access)
        )
    if latest.diagnosis and not jobcentre_reads(request, DataClass.DIAGNOSIS):
        raise ValidationError(
            _(
                "Not sent: the note names the diagnosis, and %(citizen)s has not let %(org)s"
                " see it. Take the diagnosis out first."
            )
            % _words(access)
        )
    note = _next_version(
        request, latest, state=EvidenceNoteState.SENT, written_by_id=access.actor.professional_id
    )
    request.status = EvidenceRequest.Status.DONE
    request.completed_at = timezone.now()
    request.save(update_fields=["status", "completed_at"])
    access.audit(
        action=AuditAction.UPDATE,
        object_type="evidence_note",
        object_id=note.pk,
        detail={"version": note.version, "state": note.state},
    )
    notice_send(
        recipient_ids=[request.requested_by.user_id],
        key=f"evidence-sent:{request.pk}",
        label=gettext_noop("Medical evidence has arrived"),
        url=reverse("sickleave:evidence-note", args=[request.pk]),
        citizen_id=access.course.citizen_id,
    )
    return note


@service(AuditAction.UPDATE, purpose=PURPOSE)
def milestone_handle(
    *, actor: Actor | None, citizen_id: uuid.UUID, milestone_id: str, due_on: dt.date
) -> MilestoneHandled:
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="milestone",
        citizen_id=citizen_id,
        require=MARKS_HANDLED,
    )
    course = access.course
    handled, created = MilestoneHandled.objects.get_or_create(
        course=course,
        milestone_id=milestone_id[:60],
        due_on=due_on,
        defaults={"handled_by_id": access.actor.professional_id},
    )
    if created:
        access.audit(action=AuditAction.UPDATE, object_type="milestone", object_id=milestone_id)
    return handled


@transaction.atomic
def reminders_mark_read(*, actor: Actor) -> int:
    """The actor has seen their reminders and notices."""
    notices_mark_read(user_id=actor.user_id)
    return Notification.objects.filter(recipient_id=actor.user_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )
