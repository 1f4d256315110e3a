"""Reads of the legal clock: a course's timeline, a professional's deadlines, the team's risks.

Dates are computed by the pure rules (`rules/`) from the course's first absence day and the
recorded benefit periods; nothing here stores a legal date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.signals import setting_changed
from django.db.models import OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.dispatch import receiver
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.accounts.models import Notice
from roundtable.accounts.notices import dated_notices, notice_list
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.scope import audited_reads
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import (
    COURSE_DEFERRED,
    COURSE_RELATED,
    CitizenAccess,
    CourseAccess,
    citizen_access,
    record_access,
)
from roundtable.citizens.models import OPEN_STATUSES, Citizen, Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import consent_decision
from roundtable.core.data_classes import DataClass
from roundtable.organisations.models import (
    EMPLOYMENT_COURSE_ROLES,
    TEAM_WIDE_ROLES,
    Professional,
    Sector,
)
from roundtable.sickleave.models import (
    BenefitDecision,
    BenefitPeriod,
    DecisionKind,
    EvidenceNote,
    EvidenceNoteState,
    EvidenceRequest,
    MilestoneHandled,
    Notification,
)
from roundtable.sickleave.policies import EVIDENCE_NOTES, SickleavePolicy
from roundtable.sickleave.rules import Actor as RuleActor
from roundtable.sickleave.rules import Milestone, PaidPeriod, RulesError, dk, milestones
from roundtable.sickleave.rules.base import get_jurisdiction, with_assumed_continuation

logger = logging.getLogger(__name__)

# Milestones where the health side's knowledge matters (medical evidence, fitness for work):
# the care manager sees these among their deadlines; the employment consultant sees them all.
HEALTH_RELEVANT = frozenset(
    {
        "dk.reassessment",
        "se.day_90",
        "se.day_180",
        "se.day_365",
        "no.activity_requirement",
        "no.dialogue_meeting_2",
        "no.max_date",
    }
)
# How far back an unhandled deadline still shows as overdue.
OVERDUE_LOOKBACK = dt.timedelta(weeks=8)
RISK_WINDOW = dt.timedelta(weeks=6)
PURPOSE = "sickness_benefit"


def benefit_periods_prefetch() -> Prefetch:
    """Benefit periods in date order, prefetched wherever milestones are computed."""
    return Prefetch("benefit_periods", BenefitPeriod.objects.order_by("start"))


def paid_periods(
    periods: Iterable[BenefitPeriod], *, still_absent: bool = True, today: dt.date | None = None
) -> list[PaidPeriod] | None:
    """Recorded benefit periods as the rules take them; none recorded means a continuous absence.

    An open period (still paid) stays open: the rules then show what happens if it goes on. For
    a person still off sick (an open course), a last period that ended before `today` without
    "back at work" is followed by the assumed continuation of the absence: days not recorded
    yet are not days at work (rules.with_assumed_continuation; issue 10, finding 5).
    """
    recorded = sorted(periods, key=lambda p: p.start)
    result = [PaidPeriod(start=p.start, end=p.end) for p in recorded]
    if not result:
        return None
    if still_absent and today is not None and not recorded[-1].back_at_work:
        return list(with_assumed_continuation(result, today))
    return result


def assumed_from(periods: list[PaidPeriod] | None, recorded: int) -> dt.date | None:
    """The first day of the assumed continuation, when the rules were given one."""
    if periods is None or len(periods) <= recorded:
        return None
    return periods[-1].start


def course_milestones(
    course: Course, *, today: dt.date, periods: Iterable[BenefitPeriod] | None = None
) -> list[Milestone]:
    """The legal milestones of a course. Its benefit periods should be prefetched.

    `periods` replaces the recorded ones (to ask what a new period would change). A course the
    rules cannot date (an absence before the rules' coverage, or a first absence day still in
    the future) has no milestones rather than a broken page; it is logged.
    """
    if course.first_absence_day is None:
        return []  # entered without sick leave: no sick-leave clock applies
    recorded = course.benefit_periods.all() if periods is None else periods  # type: ignore[attr-defined]
    given = paid_periods(recorded, still_absent=course.is_open, today=today)
    try:
        return list(
            _milestones(
                course.jurisdiction,
                course.first_absence_day,
                tuple(given) if given is not None else None,
                today,
            )
        )
    except RulesError as exc:
        logger.warning("no legal milestones for course %s: %s", course.pk, exc)
        return []


# The rules are a pure function of the jurisdiction, the first absence day, the paid periods and
# the day (their parameters are settings, fixed while a worker runs), and their labels are lazy
# texts translated when shown. So each worker keeps the answers it computed last: a deadline list
# of many courses does not run the rules again for each on every request (issue 9). A recorded
# period, another day or another first absence day is another key; memory stays bounded.
MILESTONE_SETS_KEPT = 8192


@functools.lru_cache(maxsize=MILESTONE_SETS_KEPT)
def _milestones(
    jurisdiction: str,
    first_absence_day: dt.date,
    periods: tuple[PaidPeriod, ...] | None,
    today: dt.date,
) -> tuple[Milestone, ...]:
    return tuple(
        milestones(
            jurisdiction,
            first_absence_day,
            paid_periods=periods,
            as_of=today,
            params=settings.SICKLEAVE_RULE_PARAMS.get(jurisdiction),
        )
    )


@receiver(setting_changed)
def _forget_milestones(*, setting: str, **kwargs: object) -> None:
    """Changed rule parameters (tests override them) change every answer."""
    if setting == "SICKLEAVE_RULE_PARAMS":
        _milestones.cache_clear()


def is_duty(milestone: Milestone) -> bool:
    """A deadline someone in the team must act on or follow up.

    The citizen's own options (such as asking the employer for a retention plan) stay on the
    citizen's timeline; requirements on the citizen that the team follows up (the Norwegian
    activity requirement) count as duties.
    """
    return milestone.actor != RuleActor.EMPLOYEE or milestone.id in HEALTH_RELEVANT


def concerns(actor: Actor, milestone: Milestone) -> bool:
    """Whether a legal milestone belongs on this professional's deadline list."""
    if not is_duty(milestone):
        return False
    if actor.role in EMPLOYMENT_COURSE_ROLES:
        return True
    return milestone.id in HEALTH_RELEVANT


@dataclass(frozen=True)
class TimelineEntry:
    milestone: Milestone
    handled: bool
    past: bool
    is_next: bool = False
    is_duty: bool = True


class EvidenceState:
    """Where an evidence request stands (the note's latest version decides)."""

    REQUESTED = "requested"
    DRAFT = EvidenceNoteState.DRAFT.value
    READY = EvidenceNoteState.READY.value
    SENT = EvidenceNoteState.SENT.value


@dataclass(frozen=True)
class EvidenceView:
    """One evidence request as one actor may see it, with the versions of its note they may
    read (newest first)."""

    request: EvidenceRequest
    state: str  # EvidenceState
    overdue: bool
    versions: list[EvidenceNote]
    can_write: bool
    # The diagnosis in the note is shown only to whom consent shows it.
    shows_diagnosis: bool
    # For the writer: what the consultant who asked may read now (consent), so the page says
    # before sending whether it can be sent and whether a diagnosis may be named.
    jobcentre_reads_capacity: bool = False
    jobcentre_reads_diagnosis: bool = False

    @property
    def note(self) -> EvidenceNote | None:
        """The newest version the actor may read."""
        return self.versions[0] if self.versions else None

    @property
    def sent(self) -> EvidenceNote | None:
        return next((v for v in self.versions if v.state == EvidenceNoteState.SENT), None)


def evidence_addressee_list(*, course: Course) -> list[Professional]:
    """Whom the jobcentre may ask for medical evidence on a course: its care manager, and the
    health professionals of its team who see every course of it (the psychiatrist and the
    psychologist, who supervise; the team leader). Not a record of the citizen: the team."""
    rows = (
        Professional.objects.filter(
            Q(pk=course.care_manager_id)
            | Q(memberships__team_id=course.team_id, role__in=TEAM_WIDE_ROLES),
            organisation__sector=Sector.HEALTH,
        )
        .select_related("user")
        .distinct()
    )
    return sorted(rows, key=lambda p: (p.pk != course.care_manager_id, p.name))


def _evidence_views(
    access: CourseAccess,
    requests: list[EvidenceRequest],
    today: dt.date,
    *,
    only: uuid.UUID | None = None,
) -> list[EvidenceView]:
    """The views of the course's requests (all of them, or `only` one): two queries."""
    ids = [r.pk for r in requests]
    notes = EvidenceNote.objects.filter(course=access.course)
    readable_notes = EVIDENCE_NOTES.of(access)
    if only is not None:
        notes, readable_notes = (
            notes.filter(request_id=only),
            readable_notes.filter(request_id=only),
        )
    latest: dict[uuid.UUID, str] = {}
    for request_id, state in notes.order_by("request_id", "version").values_list(
        "request_id", "state"
    ):
        latest[request_id] = state
    readable: dict[uuid.UUID, list[EvidenceNote]] = {i: [] for i in ids}
    shown = False
    for version in readable_notes.select_related("written_by__user").order_by("-version"):
        if version.request_id in readable:
            readable[version.request_id].append(version)
            shown = True
    if shown:
        access.note(object_type="evidence_note", shows=(DataClass.FUNCTIONAL_CAPACITY,))
    return [
        EvidenceView(
            request=r,
            # Marked as sent without a note in the app (sent on paper) counts as sent.
            state=EvidenceState.SENT
            if r.status == EvidenceRequest.Status.DONE
            else latest.get(r.pk, EvidenceState.REQUESTED),
            overdue=r.status == EvidenceRequest.Status.OPEN and r.due_on < today,
            versions=readable[r.pk],
            can_write=r.status == EvidenceRequest.Status.OPEN
            and not access.emergency
            and SickleavePolicy.writes_evidence_note(access.actor, r),
            shows_diagnosis=access.shows_diagnosis,
        )
        for r in requests
    ]


def evidence_list(
    *, actor: Actor | None, citizen_id: uuid.UUID, today: dt.date
) -> list[EvidenceView]:
    """The evidence requests of the citizen's current course with the notes the actor may read
    (the citizen: once ready for them); 404 (audited) when not allowed."""
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        object_type="evidence_note",
        shows=(DataClass.FUNCTIONAL_CAPACITY,),
    )
    if access.current is None:
        return []
    requests = list(
        EvidenceRequest.objects.filter(course=access.current.course)
        .select_related("assignee__user", "requested_by__user")
        .order_by("-requested_at")
    )
    return _evidence_views(access.current, requests, today)


def evidence_ready_for_citizen(*, access: CitizenAccess) -> int:
    """How many notes to the jobcentre about the citizen's own health wait for her to read them
    before they are sent (the latest version is ready, the request still open): one query, for
    her home page, which has noted its read of her record. Nothing for anyone else."""
    if not access.actor.is_citizen or access.actor.citizen_id != access.citizen.pk:
        return 0
    latest_state = (
        EvidenceNote.objects.filter(request_id=OuterRef("pk")).order_by("-version").values("state")
    )
    return (
        EvidenceRequest.objects.filter(
            course__in=access.course_list, status=EvidenceRequest.Status.OPEN
        )
        .annotate(latest_state=Subquery(latest_state[:1]))
        .filter(latest_state=EvidenceNoteState.READY)
        .count()
    )


def evidence_note_get(
    *, actor: Actor | None, request_id: uuid.UUID, today: dt.date
) -> EvidenceView:
    """One evidence request and the versions of its note the actor may read; 404 (audited)."""
    access = record_access(
        actor=actor,
        model=EvidenceRequest,
        record_id=request_id,
        purpose=PURPOSE,
        object_type="evidence_note",
        shows=(DataClass.FUNCTIONAL_CAPACITY,),
    )
    request = EvidenceRequest.objects.select_related("assignee__user", "requested_by__user").get(
        pk=request_id
    )
    request.course = access.course
    view = _evidence_views(access, [request], today, only=request.pk)[0]
    if view.can_write:
        view = dataclasses.replace(
            view,
            jobcentre_reads_capacity=jobcentre_reads(request, DataClass.FUNCTIONAL_CAPACITY),
            jobcentre_reads_diagnosis=jobcentre_reads(request, DataClass.DIAGNOSIS),
        )
    return view


def jobcentre_reads(request: EvidenceRequest, data_class: str) -> bool:
    """Whether the consultant who asked for the evidence may read `data_class` of its course
    now, by the citizen's consent."""
    requester = actor_for_user(request.requested_by.user)
    return (
        requester is not None and data_class in consent_decision(requester, request.course).classes
    )


@dataclass
class SickleaveRecord:
    citizen: Citizen
    course: Course | None
    timeline: list[TimelineEntry] = field(default_factory=list)
    periods: list[BenefitPeriod] = field(default_factory=list)
    decisions: list[BenefitDecision] = field(default_factory=list)
    evidence_requests: list[EvidenceRequest] = field(default_factory=list)
    evidence: list[EvidenceView] = field(default_factory=list)
    # Whom the consultant may ask for evidence (when they may ask).
    addressees: list[Professional] = field(default_factory=list)
    can_record: bool = False
    can_mark_handled: bool = False
    decisions_shared: bool = True
    # The first day the dates assume the absence goes on without a recorded period.
    assumed_from: dt.date | None = None
    # Denmark: the § 24 count today, for showing how the reassessment date is found.
    count: dk.ReassessmentCount | None = None
    law: str = ""


def _timeline(
    items: list[Milestone], handled: set[tuple[str, dt.date]], today: dt.date
) -> list[TimelineEntry]:
    next_index = next((i for i, m in enumerate(items) if m.date >= today), None)
    return [
        TimelineEntry(
            milestone=m,
            handled=(m.id, m.date) in handled,
            past=m.date < today,
            is_next=i == next_index,
            is_duty=is_duty(m),
        )
        for i, m in enumerate(items)
    ]


@audited_reads
def sickleave_get(*, actor: Actor | None, citizen_id: uuid.UUID, today: dt.date) -> SickleaveRecord:
    """The legal timeline of the citizen's current course; 404 (audited) when not allowed."""
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        object_type="sickleave",
        shows=(DataClass.BENEFIT_DECISION,),
    )
    if access.current is None:
        return SickleaveRecord(citizen=access.citizen, course=None)
    course = access.current.course
    prefetch_related_objects([course], benefit_periods_prefetch())
    periods = list(course.benefit_periods.all())  # type: ignore[attr-defined]
    handled = set(
        MilestoneHandled.objects.filter(course=course).values_list("milestone_id", "due_on")
    )
    decisions_shared = access.current.may_read(DataClass.BENEFIT_DECISION)
    requests = list(
        EvidenceRequest.objects.filter(course=course).select_related(
            "assignee__user", "requested_by__user"
        )
    )
    given = paid_periods(periods, still_absent=course.is_open, today=today)
    return SickleaveRecord(
        assumed_from=assumed_from(given, len(periods)),
        count=_reassessment_count(course, given, today),
        law=_law(course.jurisdiction),
        citizen=access.citizen,
        course=course,
        timeline=_timeline(course_milestones(course, today=today), handled, today),
        periods=periods,
        # Benefit decisions are `benefit_decision`: outside the jobcentre only with consent.
        decisions=list(
            BenefitDecision.objects.filter(course=course).select_related("decided_by__user")
        )
        if decisions_shared
        else [],
        decisions_shared=decisions_shared,
        evidence_requests=requests,
        evidence=_evidence_views(access.current, requests, today),
        addressees=evidence_addressee_list(course=course)
        if SickleavePolicy.can_record(access.current)
        else [],
        can_record=SickleavePolicy.can_record(access.current),
        can_mark_handled=SickleavePolicy.can_mark_handled(access.current),
    )


def _law(jurisdiction: str) -> str:
    try:
        return get_jurisdiction(jurisdiction).law
    except RulesError:
        return ""


def _reassessment_count(
    course: Course, given: list[PaidPeriod] | None, today: dt.date
) -> dk.ReassessmentCount | None:
    first = course.first_absence_day
    if course.jurisdiction != "dk" or first is None or today < first:
        return None
    try:
        return dk.reassessment_count(
            first,
            today,
            given,
            params=settings.SICKLEAVE_RULE_PARAMS.get("dk"),
        )
    except RulesError:
        return None


@dataclass(frozen=True)
class Deadline:
    course: Course
    date: dt.date
    label: str
    legal_ref: str
    kind: str  # "milestone", "evidence", "evidence_waiting", "extension_ends", "meeting"
    milestone_id: str = ""
    evidence_request_id: uuid.UUID | None = None
    url: str = ""


@dataclass
class Deadlines:
    overdue: list[Deadline] = field(default_factory=list)
    this_week: list[Deadline] = field(default_factory=list)
    next_week: list[Deadline] = field(default_factory=list)
    # Medical evidence asked of the actor, due after next week: their task from the day it is
    # asked, not only in its last fortnight (issue 10, finding 4).
    later: list[Deadline] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.this_week) + len(self.next_week) + len(self.later)

    def all(self) -> list[tuple[str, Deadline]]:
        return (
            [("overdue", d) for d in self.overdue]
            + [("this_week", d) for d in self.this_week]
            + [("next_week", d) for d in self.next_week]
            + [("later", d) for d in self.later]
        )


def _week_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    end_of_week = today + dt.timedelta(days=6 - today.weekday())
    return end_of_week, end_of_week + dt.timedelta(days=7)


def _my_open_courses(actor: Actor) -> list[Course]:
    courses = (
        CoursePolicy.queryset(actor)
        .filter(status__in=OPEN_STATUSES)
        .select_related(*COURSE_RELATED)
        .defer(*COURSE_DEFERRED)
        .prefetch_related(benefit_periods_prefetch())
    )
    mine = Q(care_manager_id=actor.professional_id) | Q(
        employment_consultant_id=actor.professional_id
    )
    return list(courses.filter(mine))


def _asked_elsewhere(actor: Actor, *, exclude: list[uuid.UUID]) -> dict[uuid.UUID, Course]:
    """Open courses the actor sees but does not carry, with evidence asked of them."""
    return {
        c.id: c
        for c in CoursePolicy.queryset(actor)
        .filter(
            status__in=OPEN_STATUSES,
            evidence_requests__assignee_id=actor.professional_id,
            evidence_requests__status=EvidenceRequest.Status.OPEN,
        )
        .exclude(pk__in=exclude)
        .select_related(*COURSE_RELATED)
        .defer(*COURSE_DEFERRED)
        .distinct()
    }


def deadline_list(*, actor: Actor | None, today: dt.date) -> Deadlines:
    """A professional's deadlines: overdue (unhandled, last 8 weeks), this week, next week."""
    if actor is None or not actor.works_with_citizens:
        raise Http404()
    end_this_week, end_next_week = _week_bounds(today)
    courses = _my_open_courses(actor)
    by_id = {c.id: c for c in courses}
    handled = set(
        MilestoneHandled.objects.filter(course_id__in=by_id).values_list(
            "course_id", "milestone_id", "due_on"
        )
    )
    found: list[Deadline] = []
    for course in courses:
        for m in course_milestones(course, today=today):
            if not concerns(actor, m) or (course.id, m.id, m.date) in handled:
                continue
            if today - OVERDUE_LOOKBACK <= m.date <= end_next_week:
                found.append(
                    Deadline(course, m.date, str(m.for_staff), m.legal_ref, "milestone", m.id)
                )
    # Evidence asked of the actor on a course they see but do not carry (a psychiatrist or a
    # psychologist of the team): theirs until it is answered (issue 13, 5). Only those who see
    # every course of their teams can be asked on a course they do not carry.
    asked_elsewhere: dict[uuid.UUID, Course] = {}
    if actor.sees_team_courses:
        asked_elsewhere = _asked_elsewhere(actor, exclude=list(by_id))
    tasks = EvidenceRequest.objects.filter(
        (
            Q(course_id__in=by_id)
            & (Q(due_on__lte=end_next_week) | Q(assignee_id=actor.professional_id))
        )
        | Q(course_id__in=asked_elsewhere, assignee_id=actor.professional_id),
        status=EvidenceRequest.Status.OPEN,
    )
    for task in tasks:
        mine = task.assignee_id == actor.professional_id
        found.append(
            Deadline(
                by_id.get(task.course_id) or asked_elsewhere[task.course_id],
                task.due_on,
                task.question,
                "",
                "evidence" if mine else "evidence_waiting",
                evidence_request_id=task.id,
                url=reverse("sickleave:evidence-note", args=[task.id]),
            )
        )
    if actor.role in EMPLOYMENT_COURSE_ROLES:
        extensions = BenefitDecision.objects.filter(
            course_id__in=by_id,
            kind=DecisionKind.EXTENSION,
            valid_until__gte=today - OVERDUE_LOOKBACK,
            valid_until__lte=end_next_week,
        )
        for decision in extensions:
            if decision.valid_until is None:
                continue
            found.append(
                Deadline(
                    by_id[decision.course_id],
                    decision.valid_until,
                    _("The extension of sickness benefit ends"),
                    _("sygedagpengeloven § 27"),
                    "extension_ends",
                )
            )
    # Roundtable meetings this week and next (their notices carry the day; meetings is a
    # sibling app, so the meeting itself is not read here).
    by_citizen = {c.citizen_id: c for c in courses}
    for notice in dated_notices(
        user_id=actor.user_id, key_prefix="meeting:", start=today, end=end_next_week
    ):
        meeting_course = by_citizen.get(notice.citizen_id) if notice.citizen_id else None
        if meeting_course is not None and notice.due_on is not None:
            found.append(
                Deadline(
                    meeting_course,
                    notice.due_on,
                    _("Roundtable meeting"),
                    "",
                    "meeting",
                    url=notice.url,
                )
            )
    deadlines = Deadlines()
    for deadline in sorted(found, key=lambda d: (d.date, d.course.citizen.family_name)):
        if deadline.date < today:
            deadlines.overdue.append(deadline)
        elif deadline.date <= end_this_week:
            deadlines.this_week.append(deadline)
        elif deadline.date <= end_next_week:
            deadlines.next_week.append(deadline)
        else:
            deadlines.later.append(deadline)
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="deadline",
        detail={"shown": deadlines.count},
    )
    return deadlines


@dataclass(frozen=True)
class RiskRow:
    course: Course
    reassessment: dt.date | None
    extended: bool
    evidence_requested: bool
    # Medical evidence asked for and past its due date, not yet answered (issue 13, 5).
    evidence_overdue: bool = False


def reassessment_risk_list(*, actor: Actor | None, today: dt.date) -> list[RiskRow]:
    """Open Danish courses of the actor's teams whose reassessment is within 6 weeks and that
    have no extension decision or no request for medical evidence yet, and every open course of
    the teams, in any country, whose medical evidence is overdue (asked for, past its date, not
    answered)."""
    if actor is None or not actor.sees_team_courses:
        raise Http404()
    # The teams' overdue evidence first (a short list), so the course query is a plain filter
    # and not an OR over a subquery that grows with every request ever made.
    overdue = set(
        EvidenceRequest.objects.filter(
            course__team_id__in=actor.team_ids,
            course__status__in=OPEN_STATUSES,
            status=EvidenceRequest.Status.OPEN,
            due_on__lt=today,
        ).values_list("course_id", flat=True)
    )
    courses = list(
        CoursePolicy.queryset(actor)
        .filter(team_id__in=actor.team_ids, status__in=OPEN_STATUSES)
        .filter(Q(jurisdiction="dk") | Q(pk__in=sorted(overdue)))
        .select_related(*COURSE_RELATED)
        .defer(*COURSE_DEFERRED)
        .prefetch_related(benefit_periods_prefetch())
    )
    ids = [c.id for c in courses]
    extended = set(
        BenefitDecision.objects.filter(course_id__in=ids, kind=DecisionKind.EXTENSION).values_list(
            "course_id", flat=True
        )
    )
    asked = set(
        EvidenceRequest.objects.filter(course_id__in=ids).values_list("course_id", flat=True)
    )
    rows = []
    for course in courses:
        reassessment = next(
            (m.date for m in course_milestones(course, today=today) if m.id == "dk.reassessment"),
            None,
        )
        late = course.id in overdue
        soon = reassessment is not None and today <= reassessment <= today + RISK_WINDOW
        if not late and (not soon or (course.id in extended and course.id in asked)):
            continue
        rows.append(RiskRow(course, reassessment, course.id in extended, course.id in asked, late))
    rows.sort(key=lambda r: (r.reassessment or dt.date.max, r.course.citizen.family_name))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="reassessment_risk",
        detail={"shown": len(rows)},
    )
    return rows


def reminder_list(*, actor: Actor | None, limit: int = 50) -> list[Notification]:
    """The actor's unread reminders, soonest first, on courses they may still see."""
    if actor is None or not actor.works_with_citizens:
        return []
    return list(
        Notification.objects.filter(
            recipient_id=actor.user_id,
            read_at__isnull=True,
            course__in=CoursePolicy.queryset(actor),
        )
        .select_related("course__citizen")
        .defer("course__citizen__national_id")
        .order_by("due_on", "id")[:limit]
    )


# Notices about the team's own work that name no citizen (an action agreed in supervision,
# roundtable.supervision): shown to their recipient as they are, read or not, until the sender
# withdraws them (the action is done or dropped).
TEAM_NOTICE_KEYS = ("supervision-action:",)


@dataclass(frozen=True)
class NoticeRow:
    notice: Notice
    citizen_name: str


@dataclass(frozen=True)
class NoticeRows:
    new: list[NoticeRow]  # unread notices about citizens the actor may still see
    team_work: list[Notice]  # open work of the team's own (supervision actions), read or not


def notice_rows(*, actor: Actor | None) -> list[NoticeRow]:
    """The actor's unread notices (accounts.notices), each with the citizen's name, on citizens
    the actor may still see; a notice about anyone else is left out (issue 10, finding 4)."""
    found = notices_for(actor=actor)
    return found.new + [NoticeRow(n, "") for n in found.team_work if n.read_at is None]


def notices_for(*, actor: Actor | None) -> NoticeRows:
    """The actor's unread notices about citizens they may still see, and the open work of the
    team's own that was asked of them (read or not): two queries."""
    if actor is None or not actor.works_with_citizens:
        return NoticeRows([], [])
    notices = notice_list(user_id=actor.user_id, also_read=TEAM_NOTICE_KEYS)
    ids = {n.citizen_id for n in notices if n.citizen_id is not None}
    names = {
        citizen_id: f"{given} {family}"
        for citizen_id, given, family in CoursePolicy.queryset(actor)
        .filter(citizen_id__in=ids)
        .values_list("citizen_id", "citizen__given_name", "citizen__family_name")
    }
    return NoticeRows(
        new=[
            NoticeRow(n, names[n.citizen_id])
            for n in notices
            if n.citizen_id in names and n.read_at is None
        ],
        team_work=[
            n for n in notices if n.citizen_id is None and n.key.startswith(TEAM_NOTICE_KEYS)
        ],
    )
