"""Reads of the instruments' records, through the gate; forbidden and missing answer the same
404, and what is shown is noted for the page's one audit event.

Privacy of the citizen's answers (issue 12 §3): the team sees the citizen's SDM-Q-9 as a score
and the noticed-decision answers as counts; item by item only when the citizen ticked that the
team may see them. Nobody outside the course's team sees anything of it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.scope import audited_reads
from roundtable.audit.services import audit_record
from roundtable.citizens.context_processors import terms_for_course
from roundtable.citizens.gate import CitizenAccess, CourseAccess, record_access
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.core import charts
from roundtable.core.selectors import refused_read
from roundtable.instruments import ips25_items
from roundtable.instruments.fidelity_prefill import Prefill, ServiceFigure, TeamFigures, prefill
from roundtable.instruments.models import (
    MEETING_MINUTES,
    DecisionNoticed,
    FidelityConsensus,
    FidelityRating,
    FidelityReview,
    FidelityReviewer,
    Noticed,
    OptionRating,
    Respondent,
    ReviewStatus,
    SdmResponse,
)
from roundtable.instruments.policies import SDM_RESPONSES
from roundtable.instruments.scoring import (
    FidelityScore,
    ScoringError,
    ips25,
    option5,
    option12,
    sdmq9,
)
from roundtable.meetings.models import Decision, DecisionStatus, Meeting, MeetingStatus
from roundtable.organisations.models import (
    EMPLOYMENT_COURSE_ROLES,
    Membership,
    Professional,
    Role,
    Sector,
    Team,
)
from roundtable.organisations.policies import TeamPolicy
from roundtable.organisations.selectors import sick_leave_optional
from roundtable.organisations.terms import Terms, terms_for
from roundtable.plans.models import PlanVersion
from roundtable.vocational.models import IpsPlannedContact

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


# --- IPS fidelity reviews (issue 12 §1) ----------------------------------------------------------
# Team-level pages: no citizen's record is read; the figures that pre-fill a review are counts.
# Who sees a team's reviews: its members who lead, supervise, manage or evaluate it, a manager of
# an organisation with members in it, and each review's reviewers; 404 (audited) for anyone else.

FIDELITY_PURPOSE = "ips_fidelity"
FIDELITY_ROLES = frozenset({Role.TEAM_LEADER, Role.SUPERVISOR, Role.MANAGER, Role.EVALUATOR})
BAND_NAMES = {
    "exemplary": gettext_lazy("Exemplary"),
    "good": gettext_lazy("Good"),
    "fair": gettext_lazy("Fair"),
    "not": gettext_lazy("Not IPS"),
}
# The bands on the chart: (low, high, band); a total of exactly 73 is not IPS.
CHART_BANDS = (
    (25, 74, "not", 3),
    (74, 100, "fair", 2),
    (100, 115, "good", 1),
    (115, 125, "exemplary", 0),
)
SECTION_RANGES = {"staffing": (3, 15), "organisation": (8, 40), "services": (14, 70)}


def _team_member_ids(team_id: uuid.UUID) -> set[uuid.UUID]:
    return set(Membership.objects.filter(team_id=team_id).values_list("professional_id", flat=True))


def fidelity_oversees(actor: Actor | None, team: Team) -> bool:
    """Whether the actor leads, supervises, manages or evaluates the team (not: reviews it)."""
    if actor is None or actor.role not in FIDELITY_ROLES or actor.professional_id is None:
        return False
    if team.pk in actor.team_ids:
        return True
    # A manager sees by organisation, as on every team page (organisations.policies).
    return actor.is_manager and TeamPolicy.queryset(actor).filter(pk=team.pk).exists()


def fidelity_reviewer_choices(*, team_id: uuid.UUID) -> QuerySet[Professional]:
    """Who may review the team: its members and the deployment's evaluators."""
    return (
        Professional.objects.filter(Q(memberships__team_id=team_id) | Q(role=Role.EVALUATOR))
        .exclude(role=Role.ADMINISTRATOR)
        .select_related("user")
        .distinct()
        .order_by("user__last_name", "user__first_name")
    )


def _refuse_team(actor: Actor | None, team_id: Any, *, exists: bool) -> Http404:
    return refused_read(
        actor=actor,
        action=AuditAction.LIST,
        object_type="fidelity_review",
        object_id=team_id,
        citizen_id=None,
        purpose=FIDELITY_PURPOSE,
        exists=exists,
    )


def band_label(band: str) -> str:
    return str(BAND_NAMES.get(band, band))


def review_score(consensus: dict[str, int]) -> FidelityScore | None:
    """The total, band and section subtotals once every item has its consensus rating."""
    if any(code not in consensus for code in ips25_items.CODES):
        return None
    return ips25([consensus[code] for code in ips25_items.CODES])


@dataclass(frozen=True)
class FidelityTrendRow:
    review: FidelityReview
    score: FidelityScore

    @property
    def band_label(self) -> str:
        return band_label(self.score.band)


@dataclass
class FidelityTeam:
    team: Team
    reviews: list[FidelityReview]
    trend: list[FidelityTrendRow]
    may_create: bool
    terms: Terms

    @property
    def chart(self) -> charts.Chart | None:
        """The consensus totals over time on the bands, with each section below on its own
        scale; the same figures are in the table beside it."""
        if not self.trend:
            return None
        days = [row.review.reviewed_on for row in self.trend]
        total = charts.Panel(
            _("Total (25–125)"),
            tuple((row.review.reviewed_on, float(row.score.total)) for row in self.trend),
            25.0,
            125.0,
            tuple(
                charts.Band(low, high, band_label(band), level)
                for low, high, band, level in CHART_BANDS
            ),
        )
        sections = [
            charts.Panel(
                f"{ips25_items.SECTION_NAMES[name]} ({low}–{high})",
                tuple(
                    (row.review.reviewed_on, float(row.score.sections[name])) for row in self.trend
                ),
                float(low),
                float(high),
            )
            for name, (low, high) in SECTION_RANGES.items()
        ]
        return charts.panels_chart(
            [total, *sections],
            x_ticks=charts.date_ticks(days, lambda day: date_format(day, "DATE_FORMAT")),
        )


def _consensus_of(reviews: list[FidelityReview]) -> dict[uuid.UUID, dict[str, int]]:
    found: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    for review_id, item, rating in FidelityConsensus.objects.filter(
        review__in=[r.pk for r in reviews]
    ).values_list("review_id", "item", "rating"):
        found[review_id][item] = rating
    return found


def fidelity_team_get(*, actor: Actor | None, team_id: uuid.UUID) -> FidelityTeam:
    """A team's fidelity reviews with the trend of their consensus totals (oldest first)."""
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise _refuse_team(actor, team_id, exists=False)
    oversees = fidelity_oversees(actor, team)
    reviews = FidelityReview.objects.filter(team=team).prefetch_related(
        "reviewers__professional__user"
    )
    if not oversees:
        professional = actor.professional_id if actor else None
        reviews = (
            reviews.filter(reviewers__professional_id=professional)
            if professional
            else reviews.none()
        )
    listed = list(reviews.distinct().order_by("reviewed_on", "created_at"))
    if not oversees and not listed:
        raise _refuse_team(actor, team_id, exists=True)
    consensus = _consensus_of(listed)
    trend = []
    for review in listed:
        score = review_score(consensus.get(review.pk, {}))
        review.score = score  # type: ignore[attr-defined]
        if review.status == ReviewStatus.CONSENSUS and score is not None:
            trend.append(FidelityTrendRow(review, score))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="fidelity_review",
        object_id=team.pk,
        purpose=FIDELITY_PURPOSE,
        detail={"reviews": len(listed)},
    )
    return FidelityTeam(
        team=team, reviews=listed, trend=trend, may_create=oversees, terms=fidelity_terms(team)
    )


@dataclass(frozen=True)
class FidelityTrendPoint:
    reviewed_on: dt.date
    kind: str
    total: int
    band: str  # the band's name in the reader's language
    sections: dict[str, int]


def fidelity_trend(team: Team) -> list[FidelityTrendPoint]:
    """The team's reviews with a consensus, oldest first, as totals, bands and section
    subtotals: for a caller that has already decided the reader may see the team's aggregates
    (the team's integration page). Two queries."""
    reviews = list(
        FidelityReview.objects.filter(team=team, status=ReviewStatus.CONSENSUS).order_by(
            "reviewed_on", "created_at"
        )
    )
    consensus = _consensus_of(reviews)
    points = []
    for review in reviews:
        score = review_score(consensus.get(review.pk, {}))
        if score is not None:
            points.append(
                FidelityTrendPoint(
                    reviewed_on=review.reviewed_on,
                    kind=review.kind,
                    total=score.total,
                    band=band_label(score.band),
                    sections=score.sections,
                )
            )
    return points


@dataclass(frozen=True)
class ItemRow:
    """One item of a review as the reader may see it."""

    item: ips25_items.FidelityItem
    consensus: FidelityConsensus | None
    # Each reviewer's rating, where the reader may see it (None: not shown or not rated).
    ratings: list[tuple[FidelityReviewer, FidelityRating | None]]
    prefill: Prefill | None = None

    @property
    def reviewers_differ(self) -> bool:
        given = {r.rating for _reviewer, r in self.ratings if r is not None}
        return len(given) > 1


@dataclass
class FidelityReviewRecord:
    review: FidelityReview
    reviewers: list[FidelityReviewer]
    # The reader's own place among the reviewers, if they are one.
    me: FidelityReviewer | None
    oversees: bool
    rows: list[ItemRow]
    score: FidelityScore | None
    # Whether the reader may see the other reviewers' ratings now.
    sees_all_ratings: bool

    @property
    def all_submitted(self) -> bool:
        return bool(self.reviewers) and all(r.submitted_at for r in self.reviewers)

    @property
    def may_rate(self) -> bool:
        return self.me is not None and self.me.submitted_at is None

    @property
    def may_agree(self) -> bool:
        return self.me is not None and self.all_submitted

    @property
    def may_edit(self) -> bool:
        return self.me is not None or self.oversees

    @property
    def band_label(self) -> str:
        return band_label(self.score.band) if self.score else ""

    @property
    def sections(self) -> list[tuple[str, list[ItemRow], int | None, int]]:
        """(section name, its rows, its consensus subtotal or None, its maximum)."""
        result = []
        for name, section_name in ips25_items.SECTION_NAMES.items():
            rows = [row for row in self.rows if row.item.section == name]
            subtotal = self.score.sections[name] if self.score else None
            result.append((str(section_name), rows, subtotal, 5 * len(rows)))
        return result


def fidelity_review_get(
    *, actor: Actor | None, review_id: uuid.UUID, with_prefill: bool = False
) -> FidelityReviewRecord:
    """One review as the reader may see it. A reviewer sees the other reviewers' ratings only
    once they have submitted their own; the team's leaders once every reviewer has submitted.
    `with_prefill` adds the figures from the team's records for the period."""
    review = FidelityReview.objects.select_related("team").filter(pk=review_id).first()
    reviewers = (
        list(
            FidelityReviewer.objects.filter(review=review)
            .select_related("professional__user")
            .order_by("professional__user__last_name", "professional__user__first_name")
        )
        if review
        else []
    )
    me = next((r for r in reviewers if actor and r.professional_id == actor.professional_id), None)
    oversees = review is not None and fidelity_oversees(actor, review.team)
    if review is None or (me is None and not oversees):
        raise refused_read(
            actor=actor,
            object_type="fidelity_review",
            object_id=review_id,
            citizen_id=None,
            purpose=FIDELITY_PURPOSE,
            exists=review is not None,
        )
    all_submitted = bool(reviewers) and all(r.submitted_at for r in reviewers)
    sees_all = all_submitted if me is None else me.submitted_at is not None
    ratings: dict[tuple[uuid.UUID, str], FidelityRating] = {
        (rating.reviewer_id, rating.item): rating
        for rating in FidelityRating.objects.filter(reviewer__review=review)
    }
    consensus = {c.item: c for c in FidelityConsensus.objects.filter(review=review)}
    prefilled = fidelity_prefill_get(review=review) if with_prefill else {}
    rows = []
    for item in ips25_items.ITEMS:
        shown = []
        for reviewer in reviewers:
            visible = reviewer is me or (sees_all and reviewer.submitted_at is not None)
            shown.append((reviewer, ratings.get((reviewer.pk, item.code)) if visible else None))
        rows.append(ItemRow(item, consensus.get(item.code), shown, prefilled.get(item.code)))
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="fidelity_review",
        object_id=review.pk,
        purpose=FIDELITY_PURPOSE,
        detail={"ratings": "all" if sees_all else "own"},
    )
    return FidelityReviewRecord(
        review=review,
        reviewers=reviewers,
        me=me,
        oversees=oversees,
        rows=rows,
        score=review_score({code: c.rating for code, c in consensus.items()}),
        sees_all_ratings=sees_all,
    )


# --- The figures that pre-fill a review -------------------------------------------------------

# The figures of the services items come from the job-development records (issue 12 §2,
# `roundtable.vocational.fidelity_figures`). Until that module exists in this deployment, the
# items that need it say "no records" and suggest nothing.
SERVICE_FIGURES_MODULE = "roundtable.vocational.fidelity_figures"


def _service_figures(team: Team, start: dt.date, end: dt.date) -> dict[str, ServiceFigure]:
    try:
        module = importlib.import_module(SERVICE_FIGURES_MODULE)
    except ModuleNotFoundError:
        return {}
    found = module.ips_service_figures(team=team, start=start, end=end)
    return {
        code: ServiceFigure(
            figure=None if item.get("figure") is None else float(item["figure"]),
            n=int(item.get("n") or 0),
            description=str(item.get("description") or ""),
        )
        for code, item in found.items()
    }


def fidelity_figures(*, team: Team, start: dt.date, end: dt.date) -> TeamFigures:
    """Counts from the team's records over the period, for the pre-filled items (no names).

    A course is active in the period when it was referred by its end and is open now or was
    last changed on or after its start (a course records no closing date of its own)."""
    courses = Course.objects.filter(team=team, referral_date__lte=end).filter(
        Q(status__in=OPEN_STATUSES) | Q(updated_at__date__gte=start)
    )
    members = _team_member_ids(team.pk)
    pairs = list(courses.values_list("care_manager_id", "employment_consultant_id"))
    fractions = sorted(
        (
            float(f)
            for f in Membership.objects.filter(
                team=team, professional__role__in=EMPLOYMENT_COURSE_ROLES
            ).values_list("professional__fraction", flat=True)
        ),
        reverse=True,
    )
    referred = Course.objects.filter(team=team, referral_date__gte=start, referral_date__lte=end)
    return TeamFigures(
        team=team.name,
        start=start,
        end=end,
        active_courses=len(pairs),
        specialist_fractions=tuple(fractions),
        courses_with_both=sum(1 for cm, ec in pairs if cm in members and ec in members),
        meetings_held=Meeting.objects.filter(
            course__team=team,
            status=MeetingStatus.HELD,
            starts_at__date__gte=start,
            starts_at__date__lte=end,
        ).count(),
        plan_versions=PlanVersion.objects.filter(
            plan__course__team=team, published_at__date__gte=start, published_at__date__lte=end
        ).count(),
        referrals=referred.count(),
        referrals_without_sick_leave=referred.filter(first_absence_day__isnull=True).count(),
        entry_without_sick_leave=sick_leave_optional(team_id=team.pk),
        done_planned_contacts=IpsPlannedContact.objects.filter(
            plan__course__team=team, done=True, planned_on__gte=start, planned_on__lte=end
        ).count(),
        service=_service_figures(team, start, end),
    )


def _team_jurisdiction(team: Team) -> str:
    """The team follows the law of its employment organisation, like its courses."""
    jurisdiction = (
        Membership.objects.filter(team=team, professional__organisation__sector=Sector.EMPLOYMENT)
        .order_by("professional__organisation__name")
        .values_list("professional__organisation__jurisdiction", flat=True)
        .first()
    )
    return jurisdiction or "dk"


def fidelity_terms(team: Team) -> Terms:
    """The role words of the team's jurisdiction, in the reader's language."""
    return terms_for(_team_jurisdiction(team))


def fidelity_prefill_get(*, review: FidelityReview) -> dict[str, Prefill]:
    """The pre-filled items of a review, from its team's records over its period."""
    figures = fidelity_figures(team=review.team, start=review.period_start, end=review.period_end)
    # The team's own word for its employment-side professionals (the scale's "specialist").
    word = fidelity_terms(review.team).employment
    return prefill(
        figures, specialists=(word.one, word.many), overrides=settings.IPS_FIDELITY_ANCHORS
    )
