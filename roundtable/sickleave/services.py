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
from roundtable.citizens.gate import course_write_access, record_write_access
from roundtable.core.services import Refused, service
from roundtable.organisations.models import Professional
from roundtable.sickleave.models import (
    BenefitDecision,
    BenefitPeriod,
    DecisionKind,
    EvidenceRequest,
    MilestoneHandled,
    Notification,
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
from roundtable.sickleave.selectors import course_milestones

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
    today: dt.date | None = None,
) -> EvidenceRequest:
    """The jobcentre asks the health side for medical evidence; the care manager gets a task."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="evidence_request",
        citizen_id=citizen_id,
        require=ASKS_FOR_EVIDENCE,
    )
    course = access.course
    if course.care_manager_id is None:
        raise ValidationError(_("The course has no care manager to ask yet."))
    if due_on < (today or timezone.localdate()):
        raise ValidationError(_("The due date cannot be in the past."))
    if not question.strip():
        raise ValidationError(_("Say what the evidence should answer."))
    requester = access.actor.professional_id
    assert requester is not None  # ASKS_FOR_EVIDENCE: the course's employment consultant
    request = EvidenceRequest.objects.create(
        course=course,
        requested_by_id=requester,
        assignee_id=course.care_manager_id,
        ground=ground,
        question=question.strip(),
        due_on=due_on,
    )
    access.audit(action=AuditAction.CREATE, object_type="evidence_request", object_id=request.pk)
    # The care manager has to act: tell them now, in the page and by e-mail (finding 4).
    notice_send(
        recipient_ids=Professional.objects.filter(pk=course.care_manager_id).values_list(
            "user_id", flat=True
        ),
        key=f"evidence:{request.pk}",
        label=gettext_noop("You are asked for medical evidence"),
        url=reverse("sickleave:citizen", args=[course.citizen_id]),
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
