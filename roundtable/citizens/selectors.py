"""Reads of citizens and courses: the caseload and the API's lists (filtered by the course
policy, one audited list event each), and the national id (through the gate). One citizen's
record is read through the gate (roundtable.citizens.gate)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.scope import audited_reads
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import COURSE_DEFERRED, COURSE_RELATED, citizen_access
from roundtable.citizens.models import OPEN_STATUSES, Citizen, Course, CourseStatus
from roundtable.citizens.policies import CoursePolicy
from roundtable.organisations.selectors import TeamCaseload

PURPOSE = "citizen_overview"


def current_course(courses: list[Course]) -> Course | None:
    """The newest open course, else the newest one (as the citizen page shows it)."""
    ordered = sorted(courses, key=lambda c: (c.referral_date, c.created_at), reverse=True)
    open_courses = [c for c in ordered if c.is_open]
    candidates = open_courses or ordered
    return candidates[0] if candidates else None


def course_list(
    *,
    actor: Actor | None,
    mine_only: bool = True,
    statuses: tuple[str, ...] = tuple(OPEN_STATUSES),
) -> QuerySet[Course]:
    """The caseload: courses the actor may see, mine only or the whole team's.

    Returned lazily so the caller can paginate; audit it with `course_list_audit` once the
    page of rows is known.
    """
    courses = CoursePolicy.queryset(actor)
    if actor is not None and mine_only and not actor.is_citizen:
        courses = courses.filter(
            Q(care_manager_id=actor.professional_id)
            | Q(employment_consultant_id=actor.professional_id)
        )
    return (
        courses.filter(status__in=statuses)
        .select_related(*COURSE_RELATED)
        .defer(*COURSE_DEFERRED)
        .order_by("citizen__family_name", "citizen__given_name", "id")
    )


def course_list_audit(*, actor: Actor | None, shown: int, detail: dict) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="course",
        detail={"shown": shown, **detail},
    )


def citizens_of(courses: QuerySet[Course]) -> QuerySet[Citizen]:
    """The citizens of courses from `course_list` (already filtered by the course policy),
    ordered by name; audit the page shown with `citizen_list_audit`."""
    return (
        Citizen.objects.filter(id__in=courses.order_by().values("citizen_id"))
        .defer("national_id")
        .order_by("family_name", "given_name", "id")
    )


def citizen_list_audit(
    *, actor: Actor | None, shown: int, detail: dict, consent_decision: str = ""
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        consent_decision=consent_decision[:60],
        detail={"shown": shown, **detail},
    )


@audited_reads
def citizen_national_id_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> str:
    """The national id, shown on request only and audited as its own read."""
    access = citizen_access(
        actor=actor, citizen_id=citizen_id, purpose=PURPOSE, object_type="national_id"
    )
    return Citizen.objects.values_list("national_id", flat=True).get(pk=access.citizen.pk)


def team_caseload(team_id: uuid.UUID) -> TeamCaseload:
    """The team's open courses as counts for the team page (names nobody; three queries)."""
    open_courses = Course.objects.filter(team_id=team_id, status__in=OPEN_STATUSES)
    per_professional: Counter = Counter()
    for counts in open_courses.values("care_manager_id", "employment_consultant_id").annotate(
        n=Count("id")
    ):
        per_professional[counts["care_manager_id"]] += counts["n"]
        per_professional[counts["employment_consultant_id"]] += counts["n"]
    pairs = list(
        open_courses.filter(care_manager__isnull=False, employment_consultant__isnull=False)
        .values_list("care_manager_id", "employment_consultant_id")
        .distinct()
    )
    return TeamCaseload(per_professional=per_professional, pairs=pairs, total=open_courses.count())


@dataclass(frozen=True)
class CaseloadRow:
    """One row of the caseload: plain values, so a long caseload costs rows, not objects."""

    citizen_id: uuid.UUID
    name: str
    status: str
    status_label: str
    weeks: int | None  # None: no sick leave (entered by their own wish to work)
    care_manager: str
    employment_consultant: str
    team: str


_ROW_COLUMNS = (
    "citizen_id",
    "citizen__given_name",
    "citizen__family_name",
    "status",
    "first_absence_day",
    "team__name",
    "care_manager__user__first_name",
    "care_manager__user__last_name",
    "care_manager__user__username",
    "employment_consultant__user__first_name",
    "employment_consultant__user__last_name",
    "employment_consultant__user__username",
    "id",
)


def _person(first: str | None, last: str | None, username: str | None) -> str:
    # As User.display_name: the full name, else the login.
    return f"{first or ''} {last or ''}".strip() or (username or "")


def caseload_rows(courses: Iterable[dict[str, Any]], *, today: dt.date) -> list[CaseloadRow]:
    """The page's rows from `course_list(...).values(*CASELOAD_COLUMNS)`."""
    labels = dict(CourseStatus.choices)
    return [
        CaseloadRow(
            citizen_id=c["citizen_id"],
            name=f"{c['citizen__given_name']} {c['citizen__family_name']}",
            status=c["status"],
            status_label=str(labels.get(c["status"], c["status"])),
            weeks=(
                max(0, (today - c["first_absence_day"]).days // 7)
                if c["first_absence_day"] is not None
                else None
            ),
            care_manager=_person(
                c["care_manager__user__first_name"],
                c["care_manager__user__last_name"],
                c["care_manager__user__username"],
            ),
            employment_consultant=_person(
                c["employment_consultant__user__first_name"],
                c["employment_consultant__user__last_name"],
                c["employment_consultant__user__username"],
            ),
            team=c["team__name"],
        )
        for c in courses
    ]


CASELOAD_COLUMNS = _ROW_COLUMNS
