"""Reads of the instruments' records, through the gate; forbidden and missing answer the same
404, and what is shown is noted for the page's one audit event.

Privacy of the citizen's answers (issue 12 §3): the team sees the citizen's SDM-Q-9 as a score
and the noticed-decision answers as counts; item by item only when the citizen ticked that the
team may see them. Nobody outside the course's team sees anything of it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.scope import audited_reads
from roundtable.audit.services import audit_record
from roundtable.citizens.context_processors import terms_for_course
from roundtable.citizens.gate import CitizenAccess, CourseAccess, record_access
from roundtable.citizens.models import Course
from roundtable.core.selectors import refused_read
from roundtable.instruments.models import (
    MEETING_MINUTES,
    DecisionNoticed,
    Noticed,
    OptionRating,
    Respondent,
    SdmResponse,
)
from roundtable.instruments.policies import SDM_RESPONSES
from roundtable.instruments.scoring import ScoringError, option5, option12, sdmq9
from roundtable.meetings.models import Decision, DecisionStatus, Meeting, MeetingStatus
from roundtable.organisations.models import Role, Team

PURPOSE = "shared_decision_making"
# Where two views of one meeting differ by this many points (of 100), the page says so.
DIFFERENCE_WORTH_SAYING = 20


def sdm_score(response: SdmResponse) -> float | None:
    """The 0-100 score, or None when declined or too many items were left unanswered."""
    if response.declined:
        return None
    try:
        return sdmq9(
            list(response.answers),
            max_missing=settings.ROUNDTABLE_SDM_MAX_MISSING,
            name=response.instrument,
        )
    except ScoringError:
        return None


def option_score(rating: OptionRating) -> float | None:
    """OPTION-12 (raw / 48 x 100) or OPTION-5 (raw x 5), 0-100."""
    try:
        if rating.instrument == "option12":
            return option12(list(rating.items))
        return float(option5(list(rating.items)))
    except ScoringError:
        return None


def respondent_of(access: CourseAccess) -> str | None:
    """Who the actor is for this meeting's questionnaires: the citizen, the course's care
    manager or its employment consultant; None for everyone else (a team leader reads)."""
    if access.is_own:
        return Respondent.CITIZEN
    if access.emergency or not access.may_read(MEETING_MINUTES):
        return None
    professional = access.actor.professional_id
    if professional is None:
        return None
    if professional == access.course.care_manager_id:
        return Respondent.CARE_MANAGER
    if professional == access.course.employment_consultant_id:
        return Respondent.EMPLOYMENT_CONSULTANT
    return None


def key_decisions(meeting: Meeting) -> list[Decision]:
    """The decisions the citizen is asked about: those named as key on the agenda, or, when
    none was named, the decisions made at the meeting."""
    decisions = list(
        Decision.objects.filter(meeting=meeting)
        .exclude(status=DecisionStatus.EXCLUDED)
        .order_by("order", "created_at")
    )
    key = [d for d in decisions if d.is_key]
    return key or [d for d in decisions if d.status == DecisionStatus.MADE]


@dataclass
class SdmView:
    """One party's view of the meeting, as the reader may see it."""

    respondent: str
    label: str
    response: SdmResponse | None
    score: float | None
    # The answers item by item, when the reader may see them (else empty).
    items: list[int | None] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.response is not None and not self.response.declined

    @property
    def declined(self) -> bool:
        return self.response is not None and self.response.declined

    @property
    def not_enough_answers(self) -> bool:
        return self.answered and self.score is None


@dataclass(frozen=True)
class Difference:
    first: str
    second: str
    points: float
    sentence: str


@dataclass
class SdmMeeting:
    access: CourseAccess
    meeting: Meeting
    decisions: list[Decision]
    views: list[SdmView]
    noticed_counts: dict[str, int]
    # The citizen's answer per decision, when the citizen lets the team see it (or is reading).
    noticed: list[DecisionNoticed]
    respondent: str | None
    # Observer OPTION ratings (the team's page only).
    option_ratings: list[OptionRating] = field(default_factory=list)

    @property
    def may_rate(self) -> bool:
        return self.is_held and not self.access.is_own and self.access.actor.is_professional

    @property
    def is_held(self) -> bool:
        return self.meeting.status == MeetingStatus.HELD

    @property
    def own(self) -> SdmView | None:
        return next((v for v in self.views if v.respondent == self.respondent), None)

    @property
    def citizen_answered(self) -> bool:
        return any(v.respondent == Respondent.CITIZEN and v.answered for v in self.views)

    @property
    def may_answer(self) -> bool:
        own = self.own
        return self.is_held and own is not None and own.response is None

    @property
    def differences(self) -> list[Difference]:
        scored = [v for v in self.views if v.score is not None]
        found = []
        for index, first in enumerate(scored):
            for second in scored[index + 1 :]:
                assert first.score is not None and second.score is not None
                points = abs(first.score - second.score)
                if points >= DIFFERENCE_WORTH_SAYING:
                    higher, lower = (
                        (first, second) if first.score > second.score else (second, first)
                    )
                    found.append(
                        Difference(
                            first=first.respondent,
                            second=second.respondent,
                            points=round(points, 1),
                            sentence=_(
                                "%(higher)s and %(lower)s see it differently: %(high)s against "
                                "%(low)s, %(points)s points apart."
                            )
                            % {
                                "higher": higher.label,
                                "lower": lower.label,
                                "high": f"{higher.score:.0f}",
                                "low": f"{lower.score:.0f}",
                                "points": f"{points:.0f}",
                            },
                        )
                    )
        return found


def _labels(course: Course | None) -> dict[str, str]:
    """The three parties as the course's jurisdiction names them (organisations.terms)."""
    terms = terms_for_course(course)
    return {
        Respondent.CITIZEN: terms.citizen.title,
        Respondent.CARE_MANAGER: terms.care_manager.title,
        Respondent.EMPLOYMENT_CONSULTANT: terms.employment.title,
    }


@audited_reads
def sdm_meeting_get(
    *, actor: Actor | None, meeting_id: uuid.UUID, citizen_view: bool = False
) -> SdmMeeting:
    """The shared-decision-making questionnaires of one meeting as the actor may see them.

    The citizen sees their own questionnaire only (`citizen_view`); the course's professionals,
    its team leader and supervisors see the three views. 404 (audited) for everyone else, and for
    a sector the citizen keeps the meeting's decisions from."""
    access = record_access(
        actor=actor,
        model=Meeting,
        record_id=meeting_id,
        purpose=PURPOSE,
        object_type="sdm_response",
        note=False,
    )
    allowed = access.is_own if citizen_view else access.works_on and not access.emergency
    if not allowed or not access.may_read(MEETING_MINUTES):
        raise refused_read(
            actor=actor,
            object_type="sdm_response",
            object_id=meeting_id,
            citizen_id=access.citizen_id,
            purpose=PURPOSE,
        )
    meeting = Meeting.objects.get(pk=meeting_id)
    meeting.course = access.course
    responses = {
        r.respondent: r
        for r in SdmResponse.objects.filter(meeting=meeting).prefetch_related("noticed")
    }
    labels = _labels(access.course)
    parties = [Respondent.CITIZEN] if citizen_view else list(Respondent.values)
    views = []
    for respondent in parties:
        response = responses.get(respondent)
        score = sdm_score(response) if response is not None else None
        items_shown = response is not None and (
            respondent != Respondent.CITIZEN or access.is_own or response.shared_with_team
        )
        views.append(
            SdmView(
                respondent=respondent,
                label=labels[respondent],
                response=response,
                score=score,
                items=list(response.answers) if items_shown and response is not None else [],
            )
        )
    ratings = (
        []
        if citizen_view
        else list(
            OptionRating.objects.filter(meeting=meeting)
            .select_related("rater__user")
            .order_by("rated_at")
        )
    )
    for rating in ratings:
        rating.score = option_score(rating)  # type: ignore[attr-defined]
    citizen_response = responses.get(Respondent.CITIZEN)
    noticed_rows = list(citizen_response.noticed.all()) if citizen_response else []
    counts = Counter(row.answer for row in noticed_rows)
    by_item = access.is_own or (citizen_response is not None and citizen_response.shared_with_team)
    access.note(
        object_type="sdm_response",
        object_id=meeting.pk,
        part="shared_decision_making",
        shows=(MEETING_MINUTES,),
        detail={"answers": "items" if by_item else "scores"},
    )
    return SdmMeeting(
        access=access,
        meeting=meeting,
        decisions=key_decisions(meeting),
        views=views,
        noticed_counts={answer: counts.get(answer, 0) for answer in Noticed.values},
        noticed=noticed_rows if by_item else [],
        respondent=respondent_of(access),
        option_ratings=ratings,
    )


# --- The team's trend ----------------------------------------------------------------------------

TREND_MONTHS = 12
TREND_ROLES = frozenset({Role.TEAM_LEADER, Role.SUPERVISOR})


@dataclass(frozen=True)
class TrendRow:
    month: dt.date  # the first day of the month of the meetings
    means: dict[str, float | None]  # per respondent: the mean score of the month's meetings
    counts: dict[str, int]  # per respondent: how many responses gave a score


@dataclass
class SdmTrend:
    team: Team
    rows: list[TrendRow]
    labels: dict[str, str]


def month_means(scored: list[tuple[dt.date, str, float]]) -> list[TrendRow]:
    """(meeting day, respondent, score) rows as one row per month, oldest first (pure)."""
    by_month: dict[dt.date, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for day, respondent, score in scored:
        by_month[day.replace(day=1)][respondent].append(score)
    rows = []
    for month in sorted(by_month):
        groups = by_month[month]
        rows.append(
            TrendRow(
                month=month,
                means={
                    r: (round(sum(groups[r]) / len(groups[r]), 1) if groups.get(r) else None)
                    for r in Respondent.values
                },
                counts={r: len(groups.get(r, [])) for r in Respondent.values},
            )
        )
    return rows


def sdm_team_trend(*, actor: Actor | None, team_id: uuid.UUID) -> SdmTrend:
    """Mean scores per month of the team's meetings in the last twelve months, for its team
    leader and supervisors: means only, over the responses the reader's consent lets them read.
    404 (audited) for anyone else."""
    team = Team.objects.filter(pk=team_id).first()
    if (
        team is None
        or actor is None
        or actor.role not in TREND_ROLES
        or team.pk not in actor.team_ids
    ):
        raise refused_read(
            actor=actor,
            action=AuditAction.LIST,
            object_type="sdm_trend",
            object_id=team_id,
            citizen_id=None,
            purpose=PURPOSE,
            exists=team is not None,
        )
    since = timezone.now() - dt.timedelta(days=31 * TREND_MONTHS)
    rows = (
        SDM_RESPONSES.queryset(actor)
        .filter(course__team_id=team.pk, declined=False, meeting__starts_at__gte=since)
        .values_list("meeting__starts_at", "respondent", "instrument", "answers")
    )
    scored = []
    for starts_at, respondent, instrument, answers in rows:
        response = SdmResponse(respondent=respondent, instrument=instrument, answers=answers)
        score = sdm_score(response)
        if score is not None:
            scored.append((timezone.localtime(starts_at).date(), respondent, score))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="sdm_trend",
        object_id=team.pk,
        purpose=PURPOSE,
        detail={"responses": len(scored)},
    )
    # The team's words for the three parties: those of one of its courses.
    course = Course.objects.filter(team=team).select_related("employment_consultant").first()
    return SdmTrend(team=team, rows=month_means(scored), labels=_labels(course))


# --- The citizen's home --------------------------------------------------------------------------

WAITING_DAYS = 60


def sdm_waiting_for_citizen(*, access: CitizenAccess) -> list[Meeting]:
    """The citizen's own meetings held in the last two months that she has neither answered nor
    declined, newest first (one query; the portal page has noted its read of her record)."""
    if not access.actor.is_citizen or access.actor.citizen_id != access.citizen.pk:
        return []
    since = timezone.now() - dt.timedelta(days=WAITING_DAYS)
    return list(
        Meeting.objects.filter(
            course__in=access.course_list, status=MeetingStatus.HELD, held_at__gte=since
        )
        .exclude(sdm_responses__respondent=Respondent.CITIZEN)
        .only("id", "starts_at", "course_id")
        .order_by("-starts_at")[:3]
    )
