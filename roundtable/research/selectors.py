"""Reads for research exports. The policy decides who may export which teams; every export,
and every refused one, writes one audit event (counts only, no citizen).

The export reads no record content, only categories and counts, and passes them through the
pure `anonymise.research_table`. It does not filter by `consent.access.visible_data_classes`:
that answers "nothing" for an evaluator by design (they never read a person's record), and what
leaves here is pseudonymised and k-anonymous, not a record.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Course
from roundtable.core.selectors import refused_read
from roundtable.instruments.models import DecisionNoticed, OptionRating, SdmResponse
from roundtable.instruments.selectors import option_score, sdm_score
from roundtable.meetings.models import Decision, DecisionType, MeetingStatus
from roundtable.organisations.models import Team
from roundtable.outcomes.models import TrialArm
from roundtable.outcomes.selectors import CourseOutcome, course_outcomes
from roundtable.plans.models import Agreement, Goal, PlanResponse, PlanVersion
from roundtable.research.anonymise import CourseFacts, ResearchTable, research_table
from roundtable.research.policies import ResearchPolicy

PURPOSE = "research"
OBJECT_TYPE = "research_export"
FORMATS = ("csv", "json")


@dataclass(frozen=True)
class ResearchExport:
    table: ResearchTable
    fmt: str
    team_names: tuple[str, ...]


def research_k() -> int:
    return int(getattr(settings, "ROUNDTABLE_RESEARCH_K", 5))


def research_teams(*, actor: Actor | None) -> list[Team]:
    """The teams the evaluator may export, for the page's choice. 404 for everyone else."""
    if not ResearchPolicy.can_export(actor):
        raise Http404()
    return list(ResearchPolicy.teams(actor).order_by("name"))


def course_facts(team_ids: list[uuid.UUID]) -> list[CourseFacts]:
    """The facts of every course of the teams, in fourteen queries whatever their number."""
    held = Q(meetings__status=MeetingStatus.HELD)
    latest_answer = PlanResponse.objects.filter(version__plan__course_id=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    # values(): the citizen (names, national id) is never loaded.
    courses = list(
        Course.objects.filter(team_id__in=team_ids)
        .annotate(
            held_meetings=Count("meetings", filter=held),
            first_meeting_at=Min("meetings__starts_at", filter=held),
            latest_agreement=Subquery(latest_answer.values("agreement")[:1]),
        )
        .values(
            "id",
            "team__name",
            "jurisdiction",
            "diagnosis_group",
            "status",
            "referral_date",
            "first_absence_day",
            "held_meetings",
            "first_meeting_at",
            "latest_agreement",
        )
    )
    in_teams = {"meeting__course__team_id__in": team_ids}
    by_type: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    by_status: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    for row in (
        Decision.objects.filter(**in_teams)
        .values("meeting__course_id", "type__slug", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        course_id = row["meeting__course_id"]
        types = by_type[course_id]
        types[row["type__slug"]] = types.get(row["type__slug"], 0) + row["n"]
        statuses = by_status[course_id]
        statuses[row["status"]] = statuses.get(row["status"], 0) + row["n"]
    # One filter() call: pros and cons on the same option.
    with_pros_and_cons = dict(
        Decision.objects.filter(**in_teams, options__pros__gt="", options__cons__gt="")
        .values("meeting__course_id")
        .annotate(n=Count("id", distinct=True))
        .order_by()
        .values_list("meeting__course_id", "n")
    )
    versions = dict(
        PlanVersion.objects.filter(plan__course__team_id__in=team_ids)
        .values("plan__course_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("plan__course_id", "n")
    )
    goals: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    for course_id, kind, n in (
        Goal.objects.filter(plan__course__team_id__in=team_ids)
        .values("plan__course_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("plan__course_id", "kind", "n")
    ):
        goals[course_id][kind] = n
    measured, _without = course_outcomes(team_ids, by="arm", team_names={})
    outcomes = {item.course_id: item for item in measured}
    arms = dict(
        TrialArm.objects.filter(course__team_id__in=team_ids).values_list("course_id", "arm")
    )
    scores = _instrument_scores(team_ids)
    noticed: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    for course_id, answer, n in (
        DecisionNoticed.objects.filter(response__course__team_id__in=team_ids)
        .values("response__course_id", "answer")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("response__course_id", "answer", "n")
    ):
        noticed[course_id][answer] = n
    return [
        CourseFacts(
            course_id=c["id"],
            team=c["team__name"],
            jurisdiction=c["jurisdiction"],
            diagnosis_group=c["diagnosis_group"],
            status=c["status"],
            referral_date=c["referral_date"],
            first_absence_day=c["first_absence_day"],
            first_meeting_day=(
                timezone.localtime(c["first_meeting_at"]).date() if c["first_meeting_at"] else None
            ),
            held_meetings=c["held_meetings"],
            decisions_by_type=by_type.get(c["id"], {}),
            decisions_by_status=by_status.get(c["id"], {}),
            decisions_with_pros_and_cons=with_pros_and_cons.get(c["id"], 0),
            plan_versions=versions.get(c["id"], 0),
            goals_by_kind=goals.get(c["id"], {}),
            citizen_agreed=(
                None if c["latest_agreement"] is None else c["latest_agreement"] == Agreement.AGREE
            ),
            trial_arm=arms.get(c["id"], ""),
            **_outcome_facts(outcomes.get(c["id"])),
            scores=scores.get(c["id"], {}),
            noticed=noticed.get(c["id"], {}),
        )
        for c in courses
    ]


def _instrument_scores(team_ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, list[float]]]:
    """Each course's shared-decision-making scores by export column, scored the way the team's
    pages score them (declined and too-many-missing responses have no score). Two queries."""
    out: dict[uuid.UUID, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    column = {
        "citizen": "sdmq9_citizen",
        "care_manager": "sdmqdoc_care_manager",
        "employment_consultant": "sdmqdoc_employment_consultant",
    }
    for response in SdmResponse.objects.filter(course__team_id__in=team_ids).only(
        "course_id", "respondent", "instrument", "declined", "answers"
    ):
        score = sdm_score(response)
        if score is not None:
            out[response.course_id][column[response.respondent]].append(score)
    for rating in OptionRating.objects.filter(course__team_id__in=team_ids).only(
        "course_id", "instrument", "items"
    ):
        score = option_score(rating)
        if score is not None:
            out[rating.course_id][rating.instrument].append(score)
    return out


def _outcome_facts(item: CourseOutcome | None) -> dict[str, Any]:
    if item is None:
        return {}
    o = item.outcome
    return {
        "rtw": o.rtw,
        "weeks_to_rtw": o.weeks_to_rtw,
        "censored_at_week": o.censored_at_week,
        "in_work_at_52": o.in_work_at_52,
        "relapse": o.relapse,
    }


def research_export_get(
    *, actor: Actor | None, fmt: str, team_id: uuid.UUID | None = None
) -> ResearchExport:
    """The pseudonymised export of one of the evaluator's teams, or of all of them.

    Anyone but an evaluator, and a team the evaluator does not belong to, gets 404."""
    object_id = str(team_id) if team_id else "all"
    refused = not ResearchPolicy.can_export(actor) or (
        team_id is not None and not ResearchPolicy.allows_team(actor, team_id)
    )
    if refused:
        # Names no person: the refusal says only which export was asked for.
        raise refused_read(
            actor=actor,
            action=AuditAction.EXPORT,
            object_type=OBJECT_TYPE,
            object_id=object_id,
            citizen_id=None,
            purpose=PURPOSE,
            exists=True,
        )
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    teams = list(ResearchPolicy.teams(actor).order_by("name"))
    if team_id is not None:
        teams = [t for t in teams if t.pk == team_id]
    k = research_k()
    table = research_table(
        course_facts([t.pk for t in teams]),
        key=settings.RESEARCH_PSEUDONYM_KEY,
        k=k,
        decision_types=list(
            DecisionType.objects.order_by("order", "slug").values_list("slug", flat=True)
        ),
    )
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        outcome=AuditOutcome.ALLOWED,
        object_type=OBJECT_TYPE,
        object_id=object_id,
        purpose=PURPOSE,
        detail={
            "rows": len(table.rows),
            "withheld": table.withheld,
            "k": k,
            "format": fmt,
            "teams": len(teams),
        },
    )
    return ResearchExport(table=table, fmt=fmt, team_names=tuple(t.name for t in teams))
