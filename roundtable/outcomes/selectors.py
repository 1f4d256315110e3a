"""Reads of outcomes: a course's work and benefit history, and a team's return-to-work curves.

The history is read through the gate like every record of a course. The outcome pages read no
person's record: they reduce every course of the teams the reader oversees to weeks of benefit
status (the register's, or else the recorded history's), apply the outcome definitions, and show
aggregates with every group under the k threshold suppressed (the research export's rule).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CourseAccess, course_access
from roundtable.citizens.models import Course, DiagnosisGroup
from roundtable.core.selectors import refused_read
from roundtable.organisations.models import Role, Team
from roundtable.organisations.policies import TeamPolicy
from roundtable.outcomes.definitions import OutcomeRules, PersonOutcome, person_outcome, week_index
from roundtable.outcomes.history import Span, benefit_spans, weeks_from_spans
from roundtable.outcomes.models import HistoryKind, RegisterWeek, WorkHistoryEntry
from roundtable.outcomes.policies import can_write_history
from roundtable.outcomes.survival import Curve, compare
from roundtable.sickleave.models import BenefitPeriod

PURPOSE = "outcomes"
OVERSIGHT_ROLES = frozenset(
    {Role.TEAM_LEADER, Role.SUPERVISOR, Role.MANAGER, Role.EVALUATOR, Role.ADMINISTRATOR}
)
GROUPINGS = ("team", "diagnosis", "arm", "jurisdiction", "period")


# --- One course's history ----------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRecord:
    access: CourseAccess
    entries: list[WorkHistoryEntry]
    can_write: bool


def work_history_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> HistoryRecord:
    """The course's history as the reader may see it (404 for a citizen they may not see)."""
    access = course_access(
        actor=actor, citizen_id=citizen_id, purpose=PURPOSE, object_type="work_history"
    )
    entries = list(
        WorkHistoryEntry.objects.filter(course=access.course, data_class__in=access.visible)
    )
    access.note(object_type="work_history", part="outcomes", shows={e.data_class for e in entries})
    return HistoryRecord(access=access, entries=entries, can_write=can_write_history(access))


# --- Outcome aggregates -------------------------------------------------------------------


@dataclass(frozen=True)
class CourseOutcome:
    course_id: uuid.UUID
    group: str
    source: str  # "register" or "history"
    outcome: PersonOutcome


@dataclass(frozen=True)
class GroupRow:
    label: str
    n: int
    suppressed: bool
    curve: Curve | None
    back_at_52: float | None  # share back at work by week 52 (Kaplan–Meier)
    back_at_104: float | None
    in_work_at_52: float | None  # share at work in week 52, among those followed that long
    relapses: int | None


@dataclass(frozen=True)
class OutcomeOverview:
    teams: list[Team]
    chosen_team: Team | None
    by: str
    k: int
    rows: list[GroupRow]
    logrank_p: float | None
    measured: int
    from_register: int
    without_data: int
    at_risk_weeks: tuple[int, ...]


def _teams(actor: Actor | None) -> QuerySet[Team]:
    if actor is None or actor.role not in OVERSIGHT_ROLES:
        return Team.objects.none()
    return TeamPolicy.queryset(actor).order_by("name")


def _label(course: dict[str, Any], by: str, team_names: dict[uuid.UUID, str]) -> str:
    if by == "team":
        return team_names.get(course["team_id"], "")
    if by == "diagnosis":
        return str(DiagnosisGroup(course["diagnosis_group"]).label)
    if by == "arm":
        return course["trial_arm__arm"] or _("No trial arm")
    if by == "jurisdiction":
        return course["jurisdiction"].upper()
    baseline: dt.date = course["baseline"]
    return f"{baseline.year} H{1 if baseline.month <= 6 else 2}"


def course_outcomes(
    team_ids: Sequence[uuid.UUID],
    *,
    by: str,
    team_names: dict[uuid.UUID, str],
    rules: OutcomeRules | None = None,
    today: dt.date | None = None,
) -> tuple[list[CourseOutcome], int]:
    """Every course of the teams with data, as an outcome; and how many had no data yet.

    Register weeks win where the citizen has any; otherwise the recorded history (the sick-leave
    benefit periods and the work history) up to today.
    """
    today = today or timezone.localdate()
    courses: list[dict[str, Any]] = [
        dict(row)
        for row in Course.objects.filter(team_id__in=team_ids).values(
            "id",
            "citizen_id",
            "team_id",
            "referral_date",
            "diagnosis_group",
            "jurisdiction",
            "trial_arm__arm",
            "trial_arm__randomised_on",
        )
    ]
    citizen_ids = {c["citizen_id"] for c in courses}
    course_ids = [c["id"] for c in courses]
    register: dict[uuid.UUID, list[tuple[dt.date, str]]] = defaultdict(list)
    register_end: dt.date | None = None
    for citizen_id, week, category in RegisterWeek.objects.filter(
        citizen_id__in=citizen_ids
    ).values_list("citizen_id", "week", "category"):
        register[citizen_id].append((week, category))
        register_end = week if register_end is None or week > register_end else register_end
    periods: dict[uuid.UUID, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for course_id, start, end in BenefitPeriod.objects.filter(course_id__in=course_ids).values_list(
        "course_id", "start", "end"
    ):
        periods[course_id].append((start, end))
    history: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in WorkHistoryEntry.objects.filter(course_id__in=course_ids).values(
        "course_id", "kind", "starts_on", "ends_on", "terms", "benefit_status"
    ):
        history[row["course_id"]].append(dict(row))

    found: list[CourseOutcome] = []
    without = 0
    for course in courses:
        baseline = course["trial_arm__randomised_on"] or course["referral_date"]
        course["baseline"] = baseline
        rows = register.get(course["citizen_id"])
        if rows and register_end is not None:
            weeks: dict[int, set[str]] = defaultdict(set)
            for monday, category in rows:
                index = week_index(baseline, monday)
                if index >= 0:
                    weeks[index].add(category)
            end_index = week_index(baseline, register_end)
            source = "register"
        elif periods.get(course["id"]) or history.get(course["id"]):
            entries = history.get(course["id"], [])
            spans: list[Span] = benefit_spans(
                statuses=[
                    (e["starts_on"], e["ends_on"], e["benefit_status"])
                    for e in entries
                    if e["kind"] == HistoryKind.BENEFIT
                ],
                absences=[
                    *periods.get(course["id"], []),
                    *[
                        (e["starts_on"], e["ends_on"])
                        for e in entries
                        if e["kind"] == HistoryKind.ABSENCE
                    ],
                ],
                subsidised_jobs=[
                    (e["starts_on"], e["ends_on"])
                    for e in entries
                    if e["kind"] == HistoryKind.JOB and e["terms"] == "subsidised"
                ],
            )
            weeks = defaultdict(
                set,
                {k: set(v) for k, v in weeks_from_spans(baseline, spans, data_end=today).items()},
            )
            end_index = week_index(baseline, today - dt.timedelta(days=today.weekday()))
            source = "history"
        else:
            without += 1
            continue
        if end_index < 0:
            without += 1
            continue
        outcome = person_outcome(
            {k: frozenset(v) for k, v in weeks.items()}, data_end=end_index, rules=rules
        )
        found.append(
            CourseOutcome(
                course_id=course["id"],
                group=_label(course, by, team_names),
                source=source,
                outcome=outcome,
            )
        )
    return found, without


def _share(values: list[bool | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def outcome_overview(*, actor: Actor | None, team_id: uuid.UUID | None, by: str) -> OutcomeOverview:
    """Return-to-work curves for the teams the actor oversees (or one of them), grouped.

    404 for anyone who oversees no team, and for a team they do not oversee; audited either way,
    with counts only.
    """
    teams = list(_teams(actor))
    chosen = next((t for t in teams if t.pk == team_id), None) if team_id else None
    if not teams or (team_id is not None and chosen is None):
        raise refused_read(
            actor=actor,
            action=AuditAction.LIST,
            object_type="outcomes",
            object_id=team_id or "",
            citizen_id=None,
            purpose=PURPOSE,
            exists=False,
        )
    by = by if by in GROUPINGS else "team"
    scope = [chosen] if chosen else teams
    outcomes, without = course_outcomes(
        [t.pk for t in scope], by=by, team_names={t.pk: t.name for t in scope}
    )
    # The research export's k (imported here: the research export itself reads outcomes).
    from roundtable.research.selectors import research_k

    k = research_k()
    grouped: dict[str, list[CourseOutcome]] = defaultdict(list)
    for item in outcomes:
        grouped[item.group].append(item)
    shown = {label: items for label, items in grouped.items() if len(items) >= k}
    comparison = compare(
        {
            label: (
                [i.outcome.duration_weeks for i in items],
                [i.outcome.rtw for i in items],
            )
            for label, items in shown.items()
        }
    )
    rows = []
    for label in sorted(grouped):
        items = grouped[label]
        if label not in shown:
            rows.append(GroupRow(label, len(items), True, None, None, None, None, None))
            continue
        curve = comparison.curves[label]
        returned = [i for i in items if i.outcome.rtw]
        # A share "within 12 months" needs someone followed that long; else it is not known yet.
        followed = max(i.outcome.duration_weeks for i in items)
        rows.append(
            GroupRow(
                label=label,
                n=len(items),
                suppressed=False,
                curve=curve,
                back_at_52=curve.share_returned_by(52) if followed >= 52 else None,
                back_at_104=curve.share_returned_by(104) if followed >= 104 else None,
                in_work_at_52=_share([i.outcome.in_work_at_52 for i in items]),
                relapses=sum(1 for i in returned if i.outcome.relapse),
            )
        )
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="outcomes",
        object_id=chosen.pk if chosen else "",
        purpose=PURPOSE,
        detail={"teams": len(scope), "courses": len(outcomes), "by": by},
    )
    return OutcomeOverview(
        teams=teams,
        chosen_team=chosen,
        by=by,
        k=k,
        rows=rows,
        logrank_p=comparison.logrank_p,
        measured=len(outcomes),
        from_register=sum(1 for i in outcomes if i.source == "register"),
        without_data=without,
        at_risk_weeks=(0, 13, 26, 39, 52),
    )
