"""Reads of relational coordination and of the team's integration page (issue 12 §4-5).

Aggregates only. A work group's answers count only when at least `ROUNDTABLE_RC_MIN_RESPONDENTS`
of its members answered (`scoring.rc_round_scores` leaves the others out of every score), and no
page shows a single answer. The results and the integration page are for the team's team leader,
supervisors and evaluator, and for a manager whose organisation has a member in the team (the
organisations' team policy); 404 for everyone else, audited either way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.selectors import team_caseload
from roundtable.core.charts import Series, bar_chart, line_chart
from roundtable.core.selectors import refused_read
from roundtable.instruments.models import (
    RcParticipation,
    RcResponse,
    RcRound,
    Respondent,
    SdmResponse,
)
from roundtable.instruments.rc_charts import heat_map
from roundtable.instruments.rc_items import DIMENSIONS, SCALE
from roundtable.instruments.rc_services import PURPOSE, group_of, is_open
from roundtable.instruments.scoring import RcRoundScores, rc_round_scores, rc_strength
from roundtable.instruments.selectors import _labels, fidelity_trend, sdm_score
from roundtable.organisations.models import Membership, Organisation, Role, Team
from roundtable.organisations.policies import TeamPolicy
from roundtable.organisations.selectors import TeamOverview, team_get
from roundtable.organisations.terms import Terms, terms_for

# Who sees a team's results and its integration page (aggregates only).
OVERSIGHT_ROLES = frozenset({Role.TEAM_LEADER, Role.SUPERVISOR, Role.MANAGER, Role.EVALUATOR})


def min_respondents() -> int:
    return int(settings.ROUNDTABLE_RC_MIN_RESPONDENTS)


def thresholds() -> tuple[float, float]:
    strong, moderate = settings.ROUNDTABLE_RC_THRESHOLDS
    return float(strong), float(moderate)


def _overseen_team(actor: Actor | None, team_id: uuid.UUID, object_type: str) -> Team:
    team = (
        TeamPolicy.queryset(actor).filter(pk=team_id).first()
        if actor is not None and actor.role in OVERSIGHT_ROLES
        else None
    )
    if team is None:
        raise refused_read(
            actor=actor,
            action=AuditAction.LIST,
            object_type=object_type,
            object_id=team_id,
            citizen_id=None,
            purpose=PURPOSE,
            exists=Team.objects.filter(pk=team_id).exists(),
        )
    return team


def team_terms(team: Team) -> Terms:
    """The team's words for its roles: those of the jurisdiction of its members' organisations."""
    jurisdiction = (
        Organisation.objects.filter(professionals__memberships__team=team)
        .values_list("jurisdiction", flat=True)
        .first()
    )
    return terms_for(jurisdiction or "dk")


def group_label(group: dict[str, Any], terms: Terms) -> str:
    if group.get("label"):
        return str(group["label"])
    key = group.get("key")
    if key == "care_manager":
        return terms.care_manager.Many
    if key == "employment":
        return terms.employment.Many
    if key == "team_leader":
        return terms.team_leader.title
    if key == "supervisor":
        return _("Supervisors")
    return str(key)


def questions(round_: RcRound) -> list[str]:
    """The round's seven questions: the organisation's licensed wording, or our own."""
    if round_.item_texts:
        return [str(t) for t in round_.item_texts]
    return [str(d.text) for d in DIMENSIONS]


# --- Answering -----------------------------------------------------------------------------------


def rc_rounds_waiting(*, actor: Actor | None) -> list[RcRound]:
    """The open rounds of the actor's teams that the actor has yet to answer (for their home)."""
    if actor is None or actor.professional_id is None or not actor.team_ids:
        return []
    today = timezone.localdate()
    rounds = (
        RcRound.objects.filter(
            team_id__in=actor.team_ids, opens_on__lte=today, closes_on__gte=today
        )
        .exclude(participations__professional_id=actor.professional_id)
        .select_related("team")
        .order_by("closes_on")
    )
    return [r for r in rounds if group_of(r, actor.role) is not None]


@dataclass(frozen=True)
class RcSurvey:
    round: RcRound
    group: str
    groups: list[tuple[str, str]]  # (key, label), the respondent's own group included
    questions: list[str]
    scale: tuple[tuple[int, Any], ...]
    answered: bool
    open: bool


def rc_survey_get(*, actor: Actor | None, round_id: uuid.UUID) -> RcSurvey:
    """The round's questionnaire for a member of its team whose role is one of its groups."""
    round_ = RcRound.objects.select_related("team").filter(pk=round_id).first()
    group = (
        group_of(round_, actor.role)
        if round_ is not None and actor is not None and round_.team_id in actor.team_ids
        else None
    )
    if round_ is None or actor is None or group is None or actor.professional_id is None:
        raise refused_read(
            actor=actor,
            object_type="rc_round",
            object_id=round_id,
            citizen_id=None,
            purpose=PURPOSE,
            exists=round_ is not None,
        )
    terms = team_terms(round_.team)
    return RcSurvey(
        round=round_,
        group=group,
        groups=[(g["key"], group_label(g, terms)) for g in round_.groups],
        questions=questions(round_),
        scale=SCALE,
        answered=RcParticipation.objects.filter(
            round=round_, professional_id=actor.professional_id
        ).exists(),
        open=is_open(round_, timezone.localdate()),
    )


# --- Results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupRate:
    key: str
    label: str
    members: int
    answered: int
    shown: bool


@dataclass(frozen=True)
class MatrixRow:
    label: str
    shown: bool
    cells: list[tuple[float | None, str]]  # (dyad score, strength) per group rated


@dataclass(frozen=True)
class GroupScores:
    label: str
    within: float | None
    outgoing: float | None
    incoming: float | None


@dataclass(frozen=True)
class RoundTrend:
    round: RcRound
    respondents: int
    network: float | None


@dataclass
class RcRoundSummary:
    round: RcRound
    respondents: int
    members: int
    network: float | None
    open: bool


def _responses(round_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[tuple[str, dict[str, Any]]]]:
    found: dict[uuid.UUID, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for round_id, group, ratings in RcResponse.objects.filter(round_id__in=round_ids).values_list(
        "round_id", "group", "ratings"
    ):
        found[round_id].append((group, ratings))
    return found


def _scores(responses: list[tuple[str, dict[str, Any]]]) -> RcRoundScores:
    return rc_round_scores(responses, min_respondents=min_respondents())


def _members_per_group(team: Team, round_: RcRound) -> dict[str, int]:
    roles = _role_counts(team)
    return {g["key"]: sum(roles.get(r, 0) for r in g["roles"]) for g in round_.groups}


def _role_counts(team: Team) -> dict[str, int]:
    return {
        row["professional__role"]: row["n"]
        for row in Membership.objects.filter(team=team)
        .values("professional__role")
        .annotate(n=Count("id"))
    }


@dataclass
class RcRoundList:
    team: Team
    rounds: list[RcRoundSummary]
    may_open: bool


def rc_round_list(*, actor: Actor | None, team_id: uuid.UUID) -> RcRoundList:
    """The team's rounds with their response counts and network scores."""
    team = _overseen_team(actor, team_id, "rc_round")
    assert actor is not None
    rounds = list(RcRound.objects.filter(team=team).order_by("-opens_on"))
    responses = _responses([r.pk for r in rounds])
    today = timezone.localdate()
    summaries = []
    for round_ in rounds:
        members = _members_per_group(team, round_)
        given = responses.get(round_.pk, [])
        summaries.append(
            RcRoundSummary(
                round=round_,
                respondents=len(given),
                members=sum(members.values()),
                network=_scores(given).network if given else None,
                open=is_open(round_, today),
            )
        )
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="rc_round",
        object_id=team.pk,
        purpose=PURPOSE,
        detail={"rounds": len(rounds)},
    )
    return RcRoundList(
        team=team,
        rounds=summaries,
        may_open=actor.role == Role.TEAM_LEADER and team.pk in actor.team_ids,
    )


@dataclass
class RcResults:
    round: RcRound
    team: Team
    rates: list[GroupRate]
    labels: list[str]
    matrix: list[MatrixRow]
    groups: list[GroupScores]
    network: float | None
    network_strength: str
    heat_map: str | None
    trend: list[RoundTrend]
    trend_chart: str | None
    shape: TeamOverview
    min_respondents: int
    thresholds: tuple[float, float]
    questions: list[str] = field(default_factory=list)

    @property
    def any_shown(self) -> bool:
        return any(rate.shown for rate in self.rates)


def rc_results_get(*, actor: Actor | None, round_id: uuid.UUID) -> RcResults:
    """A round's results: response rate per group, and the scores of the groups with enough
    respondents — the dyad matrix (a heat map and its table), within-group, outgoing and
    incoming scores, the network score, the trend over the team's rounds — beside the team's
    shape."""
    round_ = RcRound.objects.filter(pk=round_id).first()
    if round_ is None:
        raise refused_read(
            actor=actor,
            action=AuditAction.LIST,
            object_type="rc_round",
            object_id=round_id,
            citizen_id=None,
            purpose=PURPOSE,
            exists=False,
        )
    team = _overseen_team(actor, round_.team_id, "rc_round")
    terms = team_terms(team)
    members = _members_per_group(team, round_)
    # The trend: the team's rounds opened before this one, and this one.
    history = list(
        RcRound.objects.filter(team=team)
        .filter(Q(opens_on__lt=round_.opens_on) | Q(pk=round_.pk))
        .order_by("opens_on")
    )
    responses = _responses([r.pk for r in history])
    scores = _scores(responses.get(round_.pk, []))
    keys = [g["key"] for g in round_.groups]
    label = {g["key"]: group_label(g, terms) for g in round_.groups}
    limits = thresholds()
    rates = [
        GroupRate(
            key=k,
            label=label[k],
            members=max(members.get(k, 0), scores.respondents.get(k, 0)),
            answered=scores.respondents.get(k, 0),
            shown=k in scores.shown,
        )
        for k in keys
    ]
    matrix = []
    for source in keys:
        cells: list[tuple[float | None, str]] = []
        for about in keys:
            value = scores.dyads.get((source, about))
            cells.append((value, rc_strength(value, limits) if value is not None else ""))
        matrix.append(MatrixRow(label=label[source], shown=source in scores.shown, cells=cells))
    groups = [
        GroupScores(
            label=label[k],
            within=scores.within.get(k),
            outgoing=scores.outgoing.get(k),
            incoming=scores.incoming.get(k),
        )
        for k in keys
    ]
    chart = None
    if scores.shown:
        shown_rows = [row for row in matrix if row.shown]
        chart = heat_map(
            [row.label for row in shown_rows],
            [label[k] for k in keys],
            [[value for value, _strength in row.cells] for row in shown_rows],
            thresholds=limits,
            x_label=_("Group rated"),
            y_label=_("Rated by"),
        )
    trend = []
    for past in history:
        given = responses.get(past.pk, [])
        trend.append(
            RoundTrend(
                round=past,
                respondents=len(given),
                network=_scores(given).network if given else None,
            )
        )
    scored = [t for t in trend if t.network is not None]
    trend_chart = (
        line_chart(
            [
                Series(
                    _("Network score"), [(t.round.opens_on, t.network) for t in scored if t.network]
                )
            ],
            y_label=_("Network score (1–5)"),
            y_max=5,
        )
        if len(scored) > 1
        else None
    )
    shape = team_get(actor=actor, team_id=team.pk, caseload=team_caseload)
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="rc_round",
        object_id=round_.pk,
        purpose=PURPOSE,
        detail={"shown_groups": len(scores.shown)},
    )
    return RcResults(
        round=round_,
        team=team,
        rates=rates,
        labels=[label[k] for k in keys],
        matrix=matrix,
        groups=groups,
        network=scores.network,
        network_strength=rc_strength(scores.network, limits) if scores.network is not None else "",
        heat_map=chart,
        trend=trend,
        trend_chart=trend_chart,
        shape=shape,
        min_respondents=min_respondents(),
        thresholds=limits,
        questions=questions(round_),
    )


# --- The integration page ------------------------------------------------------------------------


def integration_fidelity_rows(team: Team) -> list[Any]:
    """The team's IPS fidelity reviews with a consensus over time, oldest first: rows with
    ``reviewed_on``, ``total`` and ``band`` (the fidelity reviews' `fidelity_trend`)."""
    return list(fidelity_trend(team))


@dataclass(frozen=True)
class SdmPeriodRow:
    period: str
    starts_on: dt.date  # the first day of the quarter
    means: dict[str, float | None]  # per respondent; None when fewer than k scores
    counts: dict[str, int]


def _quarter(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def sdm_period_rows(scored: list[tuple[dt.date, str, float]], *, k: int) -> list[SdmPeriodRow]:
    """(meeting day, respondent, score) as one row per quarter, oldest first; a mean only where
    at least `k` scores make it (pure)."""
    by_period: dict[dt.date, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for day, respondent, score in scored:
        by_period[_quarter(day)][respondent].append(score)
    rows = []
    for period in sorted(by_period):
        groups = by_period[period]
        rows.append(
            SdmPeriodRow(
                period=f"{period.year} Q{(period.month - 1) // 3 + 1}",
                starts_on=period,
                means={
                    r: (
                        round(sum(groups[r]) / len(groups[r]), 1)
                        if len(groups.get(r, [])) >= k
                        else None
                    )
                    for r in Respondent.values
                },
                counts={r: len(groups.get(r, [])) for r in Respondent.values},
            )
        )
    return rows


@dataclass
class Integration:
    team: Team
    fidelity: list[Any]
    sdm_rows: list[SdmPeriodRow]
    sdm_labels: dict[str, str]
    sdm_chart: str | None
    rc_rows: list[RoundTrend]
    rc_chart: str | None
    rtw_rows: list[Any]
    rtw_chart: str | None
    rtw_k: int
    k: int


def integration_get(*, actor: Actor | None, team_id: uuid.UUID) -> Integration:
    """Fidelity, shared decision making, relational coordination and return to work of one team,
    side by side over time: aggregates only, each small group suppressed."""
    team = _overseen_team(actor, team_id, "integration")
    k = int(getattr(settings, "ROUNDTABLE_RESEARCH_K", 5))
    # Shared decision making: every scored questionnaire of the team's held meetings, as means per
    # quarter (k or more scores), so that a manager sees no meeting's score.
    scored = []
    for starts_at, respondent, instrument, answers in SdmResponse.objects.filter(
        course__team=team, declined=False
    ).values_list("meeting__starts_at", "respondent", "instrument", "answers"):
        score = sdm_score(
            SdmResponse(respondent=respondent, instrument=instrument, answers=answers)
        )
        if score is not None:
            scored.append((timezone.localtime(starts_at).date(), respondent, score))
    sdm_rows = sdm_period_rows(scored, k=k)
    from roundtable.citizens.models import Course

    sdm_labels = _labels(Course.objects.filter(team=team).first())
    series = []
    for respondent, name in sdm_labels.items():
        points = [
            (row.starts_on, mean) for row in sdm_rows if (mean := row.means[respondent]) is not None
        ]
        if points:
            series.append(Series(name, points))
    # A chart once there is a line to draw (two quarters); the table always.
    sdm_chart = (
        line_chart(series, y_label=_("Mean score (0–100)"), y_max=100)
        if any(len(s.points) > 1 for s in series)
        else None
    )
    rounds = list(RcRound.objects.filter(team=team).order_by("opens_on"))
    responses = _responses([r.pk for r in rounds])
    rc_rows = []
    for round_ in rounds:
        given = responses.get(round_.pk, [])
        rc_rows.append(
            RoundTrend(
                round=round_,
                respondents=len(given),
                network=_scores(given).network if given else None,
            )
        )
    scored_rounds = [r for r in rc_rows if r.network is not None]
    rc_chart = (
        line_chart(
            [
                Series(
                    _("Network score"),
                    [(r.round.opens_on, r.network) for r in scored_rounds if r.network],
                )
            ],
            y_label=_("Network score (1–5)"),
            y_max=5,
        )
        if len(scored_rounds) > 1
        else None
    )
    # Return to work by half-year of baseline, k-suppressed, as the outcomes page counts it.
    from roundtable.outcomes.selectors import outcome_overview

    overview = outcome_overview(actor=actor, team_id=team.pk, by="period")
    shown = [row for row in overview.rows if not row.suppressed and row.back_at_52 is not None]
    rtw_chart = (
        bar_chart(
            [row.label for row in shown],
            [(row.back_at_52 or 0.0) * 100 for row in shown],
            y_label=_("Back within 12 months (%)"),
            y_max=100,
        )
        if shown
        else None
    )
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="integration",
        object_id=team.pk,
        purpose=PURPOSE,
        detail={"sdm_scores": len(scored), "rc_rounds": len(rounds)},
    )
    return Integration(
        team=team,
        fidelity=integration_fidelity_rows(team),
        sdm_rows=sdm_rows,
        sdm_labels=sdm_labels,
        sdm_chart=sdm_chart,
        rc_rows=rc_rows,
        rc_chart=rc_chart,
        rtw_rows=list(overview.rows),
        rtw_chart=rtw_chart,
        rtw_k=overview.k,
        k=k,
    )
