"""Writes of the joint plan: atomic, checked, audited, and the only place these models are saved.

Optimistic concurrency: every save and publish names the draft revision it started from. A
stale one raises `StaleRevision` and nothing is written, so the second of two people editing at
once is told (a form message, HTTP 412) and loses nothing silently (SECURITY.md 26).

Bad input raises ValidationError with every problem found, in words a person can act on, and
nothing is saved. An actor who may not see the draft gets 404; one who may see it but not change
it (a supervisor) gets PermissionDenied. Refusals are audited after the rollback.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from roundtable.accounts.actor import Actor
from roundtable.accounts.notices import notice_send
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.citizens.gate import CourseAccess, course_write_access, record_owner
from roundtable.citizens.models import Course
from roundtable.core import services as core_services
from roundtable.core.services import Refused as _Refused
from roundtable.core.services import service
from roundtable.meetings.models import Decision, Meeting, MeetingStatus
from roundtable.organisations.models import Professional
from roundtable.plans import content
from roundtable.plans.content import GoalData, RampRow
from roundtable.plans.models import (
    SECTION_DATA_CLASS,
    Agreement,
    Goal,
    GoalKind,
    GoalStatus,
    JointPlan,
    OwnerSector,
    PlanResponse,
    PlanSection,
    PlanVersion,
    RampStep,
    SectionKind,
)
from roundtable.plans.policies import can_read_draft
from roundtable.plans.selectors import (
    PURPOSE,
    PlanRecord,
    VersionRecord,
    max_weekly_hours,
    plan_record_build,
    publish_check,
    version_record_build,
)

P = ParamSpec("P")
R = TypeVar("R")

COMMENT_MAX_LENGTH = 4000


class StaleRevision(core_services.StaleRevision):
    """Someone else saved the draft since this person loaded it."""

    def __init__(self, current: int):
        super().__init__(
            current,
            _(
                "Someone else saved the plan first (it is now at revision %(n)d). "
                "Your changes are not saved yet."
            )
            % {"n": current},
        )


class RevisionMissing(StaleRevision, core_services.RevisionMissing):
    """The writer did not say which revision they started from (the API's If-Match)."""


def _stale_audit(stale: StaleRevision, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "outcome": AuditOutcome.DENIED,
        "object_type": "joint_plan",
        "object_id": kwargs.get("citizen_id", ""),
        "citizen_id": kwargs.get("citizen_id"),
        "detail": {
            "reason": "revision_missing"
            if isinstance(stale, RevisionMissing)
            else "stale_revision",
            "expected": kwargs.get("expected_revision"),
            "current": stale.current,
        },
    }


def _service(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """One transaction; a refusal or a stale write is audited after the rollback."""
    return service(action, purpose=PURPOSE, audited={StaleRevision: _stale_audit})


def _text(value: str | None) -> str:
    return (value or "").strip()


def _control_character_problems(*texts: str) -> list[str]:
    # A NUL character cannot be stored (PostgreSQL refuses it); forms already reject it, the
    # API must say so too rather than fail.
    if any("\x00" in (t or "") for t in texts):
        return [_("The text holds a control character that cannot be saved. Remove it.")]
    return []


EDIT_REFUSED = _(
    "Only the care manager, the employment consultant and the team leader "
    "write and publish the joint plan."
)


def _draft_write_access(
    actor: Actor | None, citizen_id: uuid.UUID, *, edit: bool = True
) -> CourseAccess:
    """The citizen's current course, locked: writes to one plan queue behind each other."""
    access = course_write_access(
        actor=actor, purpose=PURPOSE, object_type="joint_plan", citizen_id=citizen_id
    )
    if edit and not can_read_draft(access):
        # The citizen never sees the draft, so they are not told it exists either.
        raise _Refused(object_type="joint_plan", object_id=citizen_id, citizen_id=citizen_id)
    if edit and not access.may_write:
        raise _Refused(
            object_type="joint_plan",
            object_id=citizen_id,
            citizen_id=citizen_id,
            forbidden=str(EDIT_REFUSED),
        )
    return access


def _check_revision(plan: JointPlan | None, expected_revision: int | None) -> None:
    current = plan.revision if plan else 0
    if expected_revision is None:
        raise RevisionMissing(current)
    if expected_revision != current:
        raise StaleRevision(current)


# --- The draft -----------------------------------------------------------------------------------


def _goal_problems(goals: Sequence[GoalData]) -> list[str]:
    problems: list[str] = []
    if len(goals) > content.MAX_GOALS:
        problems.append(
            ngettext(
                "Keep the plan to at most %(n)d goal.",
                "Keep the plan to at most %(n)d goals.",
                content.MAX_GOALS,
            )
            % {"n": content.MAX_GOALS}
        )
    for number, goal in enumerate(goals, start=1):
        if not _text(goal.text):
            problems.append(_("Goal %(n)d: write the goal in a few words.") % {"n": number})
        elif len(_text(goal.text)) > content.GOAL_MAX_LENGTH:
            problems.append(
                ngettext(
                    "Goal %(n)d: keep it under %(max)d character.",
                    "Goal %(n)d: keep it under %(max)d characters.",
                    content.GOAL_MAX_LENGTH,
                )
                % {"n": number, "max": content.GOAL_MAX_LENGTH}
            )
        if goal.kind not in GoalKind.values:
            problems.append(
                _(
                    "Goal %(n)d: choose the kind of goal: return to work, supporting, "
                    "long-term or temporary."
                )
                % {"n": number}
            )
        if goal.owner_sector not in OwnerSector.values:
            problems.append(
                _("Goal %(n)d: say whose goal it is: health, employment or shared.") % {"n": number}
            )
        if goal.status not in GoalStatus.values:
            problems.append(
                _("Goal %(n)d: choose a status: not started, in progress, reached or dropped.")
                % {"n": number}
            )
    return problems


def _section_problems(sections: Mapping[str, str], writable: Sequence[str]) -> list[str]:
    problems = []
    for kind, text in sections.items():
        if kind not in SectionKind.values:
            problems.append(_("There is no such section of the plan."))
        elif kind not in writable:
            problems.append(
                _("You cannot change %(section)s: it is not shared with you.")
                % {"section": content.section_label(kind).lower()}
            )
        elif len(_text(text)) > content.SECTION_MAX_LENGTH:
            problems.append(
                ngettext(
                    "%(section)s: keep it under %(max)d character.",
                    "%(section)s: keep it under %(max)d characters.",
                    content.SECTION_MAX_LENGTH,
                )
                % {"section": content.section_label(kind), "max": content.SECTION_MAX_LENGTH}
            )
    return problems


def _decisions_of_course(course: Course, goals: Sequence[GoalData]) -> dict[uuid.UUID, Decision]:
    """The decisions the goals link to; one of another citizen's meetings is refused
    (SECURITY.md 2) like a missing one."""
    wanted = {d for g in goals for d in g.decision_ids}
    if not wanted:
        return {}
    found = {d.pk: d for d in Decision.objects.filter(pk__in=wanted, meeting__course_id=course.pk)}
    for decision_id in wanted - set(found):
        owner = record_owner(Decision, decision_id, course_path="meeting__course")
        raise _Refused(
            object_type="decision", object_id=decision_id, citizen_id=owner[1] if owner else None
        )
    return found


def _meeting_of_course(course: Course, meeting_id: uuid.UUID) -> Meeting:
    meeting = Meeting.objects.filter(pk=meeting_id, course_id=course.pk).first()
    if meeting is None:
        owner = record_owner(Meeting, meeting_id)
        raise _Refused(
            object_type="meeting", object_id=meeting_id, citizen_id=owner[1] if owner else None
        )
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            _("A plan is made from a meeting that was held. This meeting is not marked as held.")
        )
    return meeting


@_service(AuditAction.UPDATE)
def joint_plan_save(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    expected_revision: int | None,
    sections: Mapping[str, str],
    goals: Sequence[GoalData],
    ramp: Sequence[RampRow],
    ramp_start: dt.date | None = None,
    review_on: dt.date | None = None,
    meeting_id: uuid.UUID | None = None,
    today: dt.date | None = None,
) -> PlanRecord:
    """Save the draft of the citizen's current course: all of it at once. Answers with the
    draft as the writer may now see it, built in the same transaction from the same decision
    (no second read, no second audit event).

    `sections` holds the sections to change (kind → text); a section the actor may not read
    (another sector's, under consent) cannot be written and stays as it is. `goals` replace the
    draft's goals: a goal with the id of one of this plan's goals keeps its identity (so two
    versions compare goal by goal); any other is new. `meeting_id` links the plan to the held
    meeting it is made or adjusted at; None keeps the link it has.
    """
    access = _draft_write_access(actor, citizen_id)
    course = access.course
    plan = JointPlan.objects.select_for_update().filter(course=course).first()
    _check_revision(plan, expected_revision)
    visible = access.visible
    writable = [str(k) for k in content.SECTION_ORDER if SECTION_DATA_CLASS[k] in visible]
    today = today or timezone.localdate()
    problems = _section_problems(sections, writable)
    problems += _control_character_problems(
        *sections.values(), *(g.text for g in goals), *(r.note for r in ramp)
    )
    problems += _goal_problems(goals)
    problems += content.ramp_problems(ramp, start=ramp_start, max_weekly=max_weekly_hours())
    problems += content.date_problems(
        today=today,
        first_absence_day=course.first_absence_day,
        review_on=review_on,
        ramp_start=ramp_start,
        goals=goals,
        publishing=False,
    )
    if problems:
        raise ValidationError(list(dict.fromkeys(problems)))
    decisions = _decisions_of_course(course, goals)
    meeting = _meeting_of_course(course, meeting_id) if meeting_id else None

    if plan is None:
        plan = JointPlan(course=course)
    plan.revision = (plan.revision or 0) + 1
    plan.review_on = review_on
    plan.ramp_start = ramp_start
    if meeting is not None:
        plan.meeting = meeting
    plan.updated_by_id = access.actor.professional_id
    plan.save()

    for kind, text in sections.items():
        PlanSection.objects.update_or_create(
            plan=plan,
            kind=kind,
            defaults={"text": _text(text), "data_class": SECTION_DATA_CLASS[kind]},
        )

    existing = {g.pk: g for g in Goal.objects.filter(plan=plan)}
    kept: set[uuid.UUID] = set()
    for order, data in enumerate(goals, start=1):
        goal = existing.get(data.id) if data.id else None
        if goal is None or goal.pk in kept:
            goal = Goal(plan=plan)
        goal.kind = data.kind
        goal.owner_sector = data.owner_sector
        goal.text = _text(data.text)
        goal.text_normalised = content.normalise_goal_text(goal.text)
        goal.target_date = data.target_date
        goal.status = data.status
        goal.order = order
        goal.save()
        goal.decisions.set([decisions[d] for d in dict.fromkeys(data.decision_ids)])
        kept.add(goal.pk)
    Goal.objects.filter(plan=plan).exclude(pk__in=kept).delete()

    RampStep.objects.filter(plan=plan).delete()
    RampStep.objects.bulk_create(
        RampStep(
            plan=plan,
            week=week,
            hours_per_day=Decimal(row.hours_per_day).quantize(Decimal("0.01")),
            days_per_week=row.days_per_week,
            note=_text(row.note),
        )
        for week, row in enumerate(ramp, start=1)
    )
    access.audit(
        action=AuditAction.UPDATE,
        object_type="joint_plan",
        object_id=plan.pk,
        detail={"revision": plan.revision},
    )
    return plan_record_build(access)


# --- Publishing ----------------------------------------------------------------------------------


@_service(AuditAction.CREATE)
def joint_plan_publish(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    expected_revision: int | None,
    today: dt.date | None = None,
) -> VersionRecord:
    """Publish the draft as a new immutable version the citizen can read and answer; answers
    with the new version as the publisher sees it (built in the same transaction)."""
    access = _draft_write_access(actor, citizen_id)
    course = access.course
    plan = JointPlan.objects.select_for_update().filter(course=course).first()
    _check_revision(plan, expected_revision)
    if plan is None:
        raise ValidationError(
            _("The plan is empty. Write the goals and the plan before publishing.")
        )
    check = publish_check(plan=plan, course=course, today=today or timezone.localdate())
    if check.problems:
        raise ValidationError(check.problems)
    snapshot = check.snapshot
    number = (PlanVersion.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1
    publisher = access.actor.professional_id
    assert publisher is not None  # may_write (checked above) is a professional's
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        published_at=timezone.now(),
        published_by_id=publisher,
        revision=plan.revision,
        meeting_id=plan.meeting_id,
        snapshot=snapshot,
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="joint_plan_version",
        object_id=version.pk,
        detail={"number": number, "revision": plan.revision},
    )
    record = version_record_build(access, number=number)
    assert record is not None
    return record


# --- The citizen's answer ------------------------------------------------------------------------


@_service(AuditAction.CREATE)
def plan_response_add(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    number: int,
    agreement: str,
    comment: str = "",
) -> PlanResponse:
    """The citizen comments on the current version and says whether they agree. The
    professionals see every answer; a later answer does not erase an earlier one."""
    access = _draft_write_access(actor, citizen_id, edit=False)
    course = access.course
    version = (
        PlanVersion.objects.filter(plan__course=course, number=number)
        .only("id", "number", "plan_id")
        .first()
    )
    if version is None:
        raise _Refused(
            object_type="joint_plan_version",
            object_id=f"{citizen_id}:{number}",
            citizen_id=course.citizen_id,
            exists=False,
        )
    if not access.is_own:
        raise _Refused(
            object_type="joint_plan_response",
            object_id=version.pk,
            citizen_id=course.citizen_id,
            forbidden=_("Only the citizen answers their own plan."),
        )
    problems = []
    latest = PlanVersion.objects.filter(plan_id=version.plan_id).aggregate(n=Max("number"))["n"]
    if version.number != latest:
        problems.append(
            _(
                "This is an older version of your plan. Please answer the newest one "
                "(version %(n)d)."
            )
            % {"n": latest}
        )
    if agreement not in Agreement.values:
        problems.append(_("Please say whether you agree with the plan, or not yet."))
    comment = _text(comment)
    problems += _control_character_problems(comment, agreement)
    if len(comment) > COMMENT_MAX_LENGTH:
        problems.append(_("Please make your comment a little shorter."))
    if problems:
        raise ValidationError(problems)
    response = PlanResponse.objects.create(
        version=version, citizen_id=course.citizen_id, agreement=agreement, comment=comment
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="joint_plan_response",
        object_id=response.pk,
        detail={"number": version.number},
    )
    if agreement == Agreement.NOT_YET:
        # The professionals who wrote the plan have to act (finding 4): a notice and an e-mail.
        notice_send(
            recipient_ids=Professional.objects.filter(
                pk__in=[course.care_manager_id, course.employment_consultant_id]
            ).values_list("user_id", flat=True),
            key=f"plan_response:{response.pk}",
            label=gettext_noop("A citizen does not agree with the plan yet"),
            url=reverse("plans:detail", args=[course.citizen_id]),
            citizen_id=course.citizen_id,
        )
    return response
