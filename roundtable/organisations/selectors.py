"""Reads of teams: structure and aggregate counts only, so managers may see them too."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.organisations.models import (
    CORE_TEAM_ROLES,
    EMPLOYMENT_COURSE_ROLES,
    Dyad,
    Membership,
    Organisation,
    Professional,
    Team,
    TeamProgramme,
    default_session_budget,
)
from roundtable.organisations.policies import TeamPolicy
from roundtable.organisations.shape import (
    ShapeWarnings,
    cross_sector_partners,
    team_shape_warnings,
)


def session_budget(*, team_id: uuid.UUID) -> int:
    """The sessions per course of the team's programme (the deployment's default if unset)."""
    programme = TeamProgramme.objects.filter(team_id=team_id).first()
    return programme.budget if programme else default_session_budget()


def sick_leave_optional(*, team_id: uuid.UUID) -> bool:
    """Whether the team takes people without sick leave, by their own wish to work."""
    return TeamProgramme.objects.filter(team_id=team_id, sick_leave_optional=True).exists()


def is_ips_team(*, team_id: uuid.UUID) -> bool:
    """Whether the team works by Individual Placement and Support (IPS)."""
    return TeamProgramme.objects.filter(team_id=team_id, is_ips=True).exists()


def team_list(*, actor: Actor | None) -> QuerySet[Team]:
    return TeamPolicy.queryset(actor).annotate(member_count=Count("memberships")).order_by("name")


@dataclass
class MemberRow:
    professional: Professional
    open_courses: int = 0
    partners: int = 0
    over_partnered: bool = False


@dataclass
class OrganisationGroup:
    organisation: Organisation
    members: list[MemberRow] = field(default_factory=list)


@dataclass(frozen=True)
class TeamCaseload:
    """The team's open courses as counts (from roundtable.citizens.selectors.team_caseload):
    per professional, the care manager–consultant pairs that share a course, and the total."""

    per_professional: Counter = field(default_factory=Counter)
    pairs: list[tuple[uuid.UUID, uuid.UUID]] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True)
class TeamOverview:
    team: Team
    groups: list[OrganisationGroup]
    dyads: list[Dyad]
    consultants: list[MemberRow]
    core_size: int
    member_count: int
    warnings: ShapeWarnings
    open_course_count: int


def team_get(
    *,
    actor: Actor | None,
    team_id: uuid.UUID,
    caseload: Callable[[uuid.UUID], TeamCaseload] | None = None,
) -> TeamOverview:
    """A team's members by organisation, dyads, caseloads and cross-sector relationships.
    `caseload` counts the team's open courses (asked only once the team is allowed)."""
    team = Team.objects.filter(pk=team_id).first()
    memberships = (
        list(
            Membership.objects.filter(team_id=team_id)
            .select_related("professional__user", "professional__organisation")
            .order_by(
                "professional__organisation__name",
                "professional__role",
                "professional__user__last_name",
                "professional__user__first_name",
            )
        )
        if team
        else []
    )
    member_orgs = {m.professional.organisation_id for m in memberships}
    if team is None or not TeamPolicy.allows(actor, team, member_orgs):
        raise Http404()

    counted = caseload(team_id) if caseload is not None else TeamCaseload()
    pairs = list(counted.pairs)
    dyads = list(
        Dyad.objects.filter(team_id=team_id)
        .select_related("care_manager__user", "employment_consultant__user")
        .order_by("care_manager__user__last_name")
    )
    pairs += [(d.care_manager_id, d.employment_consultant_id) for d in dyads]
    sector_of = {m.professional_id: m.professional.organisation.sector for m in memberships}
    partners = cross_sector_partners(pairs, sector_of)
    partner_counts = {p: len(partners.get(p, ())) for p in sector_of}
    core_size = sum(1 for m in memberships if m.professional.role in CORE_TEAM_ROLES)
    warnings = team_shape_warnings(
        core_size=core_size,
        size_range=team.size_range,
        partner_counts=partner_counts,
        partner_limit=team.partner_limit,
    )

    groups: list[OrganisationGroup] = []
    consultants: list[MemberRow] = []
    for membership in memberships:
        professional = membership.professional
        row = MemberRow(
            professional=professional,
            open_courses=counted.per_professional.get(professional.id, 0),
            partners=partner_counts.get(professional.id, 0),
            over_partnered=professional.id in warnings.over_partnered,
        )
        if not groups or groups[-1].organisation.id != professional.organisation_id:
            groups.append(OrganisationGroup(organisation=professional.organisation))
        groups[-1].members.append(row)
        if professional.role in EMPLOYMENT_COURSE_ROLES:
            consultants.append(row)
    return TeamOverview(
        team=team,
        groups=groups,
        dyads=dyads,
        consultants=sorted(consultants, key=lambda r: (-r.open_courses, r.professional.name)),
        core_size=core_size,
        member_count=len(memberships),
        warnings=warnings,
        open_course_count=counted.total,
    )
