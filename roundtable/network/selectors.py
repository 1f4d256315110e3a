"""Reads of the coordinator, the responsibility group and the service directory.

The course's network is read through the gate (404 for a citizen the reader may not see, like a
missing one) and filtered by the `contact_details` class the reader may read; the read is noted
for the page's audit event. The directory is public information and is not audited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.citizens.gate import CourseAccess, course_access
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.citizens.selectors import course_list_audit
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.family.models import FamilyLink
from roundtable.family.policies import FAMILY_LINKS
from roundtable.network.models import (
    Coordination,
    DirectoryOrganization,
    DirectoryService,
    GroupMember,
    Need,
    ServiceAtLocation,
)
from roundtable.network.policies import COORDINATIONS, GROUP_MEMBERS, NetworkPolicy
from roundtable.organisations.models import Professional

PURPOSE = "network"
MEMBER_RELATED = (
    "professional__user",
    "professional__organisation",
    "service__organization",
)


@dataclass
class NetworkRecord:
    """A course's coordinator (with the history) and its responsibility group."""

    access: CourseAccess
    coordinations: list[Coordination] = field(default_factory=list)
    members: list[GroupMember] = field(default_factory=list)
    can_change: bool = False
    readable: bool = False
    # The family members the citizen shares with: only on the citizen's own page (the team
    # does not see the citizen's family links, roundtable.family.policies).
    family: list[FamilyLink] = field(default_factory=list)
    # The services her plan steps point at: only on the citizen's own page.
    step_services: list[StepService] = field(default_factory=list)

    @property
    def course(self) -> Course:
        return self.access.course

    @property
    def coordinator(self) -> Coordination | None:
        return next((c for c in self.coordinations if c.ended_on is None), None)

    @property
    def history(self) -> list[Coordination]:
        """Every coordinator, newest first."""
        return sorted(self.coordinations, key=lambda c: (c.starts_on, c.created_at), reverse=True)

    @property
    def current_members(self) -> list[GroupMember]:
        return [m for m in self.members if m.left_on is None]

    @property
    def former_members(self) -> list[GroupMember]:
        return [m for m in self.members if m.left_on is not None]


@dataclass(frozen=True)
class StepService:
    """A current step of the care or vocational plan that points at a service."""

    step: Any  # a care.CareStep or vocational.VocationalStep: `label`, `service`
    plan: str  # "care" or "work"

    @property
    def service(self) -> DirectoryService:
        return self.step.service

    @property
    def what(self) -> str:
        return self.step.label


# The plans' steps that can point at a service: the course's relation to them, the class the
# citizen's own page needs to show that plan's steps (care and vocational selectors decide
# the same), and the plan. Read through the course's reverse relations: the care and
# vocational apps are siblings this app does not import.
PLAN_STEPS = (
    ("care_steps", DataClass.HEALTH_SUMMARY, "care", ("treatment",), "starts_on"),
    ("vocational_steps", DataClass.VOCATIONAL, "work", (), "due_on"),
)
# A step that is done or stopped no longer says who helps.
CURRENT_STEP_STATUSES = ("planned", "active")


def step_services_of(access: CourseAccess) -> list[StepService]:
    """The services the course's current plan steps point at, of the steps the reader sees on
    their assessments page (one query per plan whose class they read; none without)."""
    classes = access.visible - {DataClass.THERAPY_DETAIL} if access.is_own else access.visible
    found: list[StepService] = []
    shown: list[str] = []
    for relation, needs, plan, related, order in PLAN_STEPS:
        if needs not in classes:
            continue
        model = Course._meta.get_field(relation).related_model
        assert isinstance(model, type) and issubclass(model, Model)
        steps = (
            model._default_manager.filter(
                course=access.course,
                data_class__in=sorted(classes),
                service__isnull=False,
                status__in=CURRENT_STEP_STATUSES,
            )
            .select_related("service__organization", *related)
            .order_by(order, "created_at")
        )
        found += [StepService(step=step, plan=plan) for step in steps]
        shown.append(needs)
    if shown:
        access.note(
            object_type="plan_step_services",
            object_id=access.course.pk,
            part="network",
            shows=shown,
        )
    return found


def network_of(access: CourseAccess) -> NetworkRecord:
    """The network of a course the gate has decided (two queries; none without the class)."""
    record = NetworkRecord(access=access, can_change=NetworkPolicy.can_change(access))
    if not access.may_read(DataClass.CONTACT_DETAILS):
        return record
    record.readable = True
    record.coordinations = list(
        COORDINATIONS.of(access).select_related("professional__user", "professional__organisation")
    )
    record.members = list(GROUP_MEMBERS.of(access).select_related(*MEMBER_RELATED))
    return record


def network_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> NetworkRecord:
    """The citizen's current course's network as the actor may read it."""
    access = course_access(
        actor=actor, citizen_id=citizen_id, purpose=PURPOSE, object_type="network", note=False
    )
    record = network_of(access)
    access.note(
        object_type="network",
        object_id=access.course.pk,
        part="network",
        shows=[DataClass.CONTACT_DETAILS],
    )
    return record


def my_network_get(*, actor: Actor | None) -> NetworkRecord:
    """The citizen's own network ("Your people and services")."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    record = network_get(actor=actor, citizen_id=actor.citizen_id)
    record.family = list(FAMILY_LINKS.queryset(actor).filter(revoked_at__isnull=True))
    record.step_services = step_services_of(record.access)
    return record


def team_professionals(course: Course) -> list[Professional]:
    """The professionals of the course's team (for choosing a coordinator or a member)."""
    return list(
        Professional.objects.filter(memberships__team_id=course.team_id)
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )


def outside_professionals(course: Course) -> list[Professional]:
    """Professionals of other organisations than the team's, who may join as outside members."""
    return list(
        Professional.objects.exclude(memberships__team_id=course.team_id)
        .filter(role__in=("care_manager", "employment_consultant", "employment_specialist"))
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name")
    )


@dataclass(frozen=True)
class UncoordinatedRow:
    citizen_id: uuid.UUID
    name: str
    status: str
    referral_date: object


def courses_without_coordinator(
    *, actor: Actor | None, team_id: uuid.UUID
) -> list[UncoordinatedRow]:
    """The team's open courses with no coordinator (one query), for its team leader."""
    if not NetworkPolicy.sees_uncoordinated(actor, team_id):
        raise refused_read(
            actor=actor,
            action="list",
            object_type="team",
            object_id=team_id,
            citizen_id=None,
            purpose=PURPOSE,
        )
    current = Coordination.objects.filter(course_id=OuterRef("pk"), ended_on__isnull=True)
    rows = (
        CoursePolicy.queryset(actor)
        .filter(team_id=team_id, status__in=OPEN_STATUSES)
        .exclude(Exists(current))
        .order_by("referral_date", "citizen__family_name", "id")
        .values_list(
            "citizen_id", "citizen__given_name", "citizen__family_name", "status", "referral_date"
        )
    )
    found = [
        UncoordinatedRow(citizen_id=c, name=f"{g} {f}".strip(), status=s, referral_date=r)
        for c, g, f, s, r in rows
    ]
    course_list_audit(
        actor=actor, shown=len(found), detail={"list": "without_coordinator", "team": str(team_id)}
    )
    return found


# --- The directory -----------------------------------------------------------------------------


def directory_search(
    *, actor: Actor | None, need: str = "", place: str = "", limit: int = 200
) -> list[DirectoryService]:
    """Services by need and place (municipality or address, any part of it), one query for
    the services and one for their locations."""
    if not NetworkPolicy.can_search_directory(actor):
        raise Http404()
    services: QuerySet[DirectoryService] = DirectoryService.objects.select_related("organization")
    if need:
        services = services.filter(need=need) if need in Need.values else services.none()
    place = place.strip()
    if place:
        services = services.filter(
            Q(organization__municipality__icontains=place)
            | Q(at_locations__location__municipality__icontains=place)
            | Q(at_locations__location__address__icontains=place)
        ).distinct()
    return list(
        services.prefetch_related("at_locations__location").order_by(
            "organization__municipality", "need", "name"
        )[:limit]
    )


def directory_service_get(*, actor: Actor | None, service_id: uuid.UUID) -> DirectoryService:
    if not NetworkPolicy.can_search_directory(actor):
        raise Http404()
    found = (
        DirectoryService.objects.select_related("organization")
        .prefetch_related("at_locations__location")
        .filter(pk=service_id)
        .first()
    )
    if found is None:
        raise Http404()
    return found


def directory_municipalities() -> list[str]:
    return list(
        DirectoryOrganization.objects.order_by("municipality")
        .values_list("municipality", flat=True)
        .distinct()
    )


def directory_all() -> tuple[
    list[DirectoryOrganization], list[DirectoryService], list[ServiceAtLocation]
]:
    """Everything in the directory, for the HSDS export (three queries)."""
    organizations = list(DirectoryOrganization.objects.prefetch_related("locations"))
    services = list(DirectoryService.objects.select_related("organization"))
    at_locations = list(ServiceAtLocation.objects.all())
    return organizations, services, at_locations
