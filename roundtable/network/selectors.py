"""Reads of the coordinator, the responsibility group and the service directory.

The course's network is read through the gate (404 for a citizen the reader may not see, like a
missing one) and filtered by the `contact_details` class the reader may read; the read is noted
for the page's audit event. The directory is public information and is not audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.citizens.gate import CourseAccess, course_access
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.citizens.selectors import course_list_audit
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.core.times import format_date, format_time
from roundtable.family.models import FamilyLink
from roundtable.family.policies import FAMILY_LINKS
from roundtable.network.models import (
    SUMMARY_PART_CLASSES,
    Coordination,
    DirectoryOrganization,
    DirectoryService,
    GroupMember,
    GroupRole,
    MemberKind,
    Need,
    ServiceAtLocation,
    SummaryPart,
    SummaryShare,
)
from roundtable.network.policies import (
    COORDINATIONS,
    GROUP_MEMBERS,
    SUMMARY_SHARES,
    NetworkPolicy,
)
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
    # The summaries shared with members who have no account, newest first.
    shares: list[SummaryShare] = field(default_factory=list)

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
    record.shares = list(
        SUMMARY_SHARES.of(access)
        .select_related("member", "shared_by__user")
        .order_by("-shared_on", "-shared_at")
    )
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


# --- Shared summaries (issue 13 §2: outside members who get a summary) ----------------------

SUMMARY_SCHEMA = 1
# How many upcoming meetings a summary lists at most.
MEETINGS_SHARED = 10
# The meetings app's planned status, read by its value: this app does not import it.
PLANNED_MEETING = "planned"
# The plan's parts a summary holds, by their values in the published snapshot (the plans
# app's SectionKind.OVERALL and OwnerSector.SHARED): the same reading the family member's page
# makes of the overall part, less every goal a sector owns — never the health part.
PLAN_OVERALL_SECTION = "overall"
PLAN_SHARED_GOALS = "shared"


def summary_parts_offered(access: CourseAccess) -> list[str]:
    """The parts the reader may share: those whose data class they read of this course."""
    return [p for p in SummaryPart.values if access.may_read(SUMMARY_PART_CLASSES[p])]


def summary_member_get(access: CourseAccess, member_id: uuid.UUID) -> GroupMember:
    """A member of this course's group (404 for a member of another course, like a missing
    one: the refusal is audited)."""
    member = GROUP_MEMBERS.of(access).select_related(*MEMBER_RELATED).filter(pk=member_id).first()
    if member is None:
        raise refused_read(
            actor=access.actor,
            object_type="group_member",
            object_id=member_id,
            citizen_id=access.citizen_id,
            purpose=PURPOSE,
        )
    return member


def _person(row: Coordination | GroupMember) -> dict[str, str]:
    return {
        "name": row.display_name,
        "organisation": row.display_organisation,
        "phone": row.phone,
        "email": row.contact_email,
    }


def _group_part(access: CourseAccess) -> dict[str, Any]:
    coordinator = (
        COORDINATIONS.of(access)
        .filter(ended_on__isnull=True)
        .select_related("professional__user", "professional__organisation")
        .first()
    )
    members = GROUP_MEMBERS.of(access).filter(left_on__isnull=True).select_related(*MEMBER_RELATED)
    return {
        "coordinator": _person(coordinator) if coordinator is not None else None,
        "members": [
            {**_person(m), "role": m.role, "responsible_for": m.responsible_for} for m in members
        ],
    }


def _meetings_part(access: CourseAccess, member: GroupMember) -> list[dict[str, Any]]:
    """The course's upcoming meetings (read through its reverse relation `meetings`), and
    whether this member is one of the group's people chosen for each."""
    rows = list(
        access.course.meetings.filter(status=PLANNED_MEETING, ends_at__gte=timezone.now())
        .order_by("starts_at")
        .only("starts_at", "ends_at", "place", "video_url")[:MEETINGS_SHARED]
    )
    taking_part = set(
        member.meeting_participations.filter(meeting__in=[m.pk for m in rows]).values_list(
            "meeting_id", flat=True
        )
    )
    return [
        {
            "starts_at": m.starts_at.isoformat(),
            "ends_at": m.ends_at.isoformat(),
            "place": m.place,
            "on_video": bool(m.video_url),
            "member_takes_part": m.pk in taking_part,
        }
        for m in rows
    ]


def _plan_part(access: CourseAccess) -> dict[str, Any] | None:
    """The current published version's overall part and shared goals (through the course's
    reverse relations `joint_plan` → `versions`), or None before a version is published."""
    relation: Any = Course._meta.get_field("joint_plan")
    plan_model = relation.related_model
    assert isinstance(plan_model, type) and issubclass(plan_model, Model)
    versions = plan_model._meta.get_field("versions").related_model
    assert isinstance(versions, type) and issubclass(versions, Model)
    version = (
        versions._default_manager.filter(
            plan__course=access.course, data_class=DataClass.JOINT_PLAN
        )
        .order_by("-number")
        .only("number", "published_at", "snapshot")
        .first()
    )
    if version is None:
        return None
    snapshot = version.snapshot  # type: ignore[attr-defined]
    overall = next(
        (
            s.get("text", "")
            for s in snapshot.get("sections", ())
            if s.get("kind") == PLAN_OVERALL_SECTION and s.get("data_class") == DataClass.JOINT_PLAN
        ),
        "",
    )
    goals = [
        {"text": g.get("text", ""), "target_date": g.get("target_date")}
        for g in snapshot.get("goals", ())
        if g.get("owner_sector") == PLAN_SHARED_GOALS
        and g.get("data_class") == DataClass.JOINT_PLAN
    ]
    return {
        "version": version.number,  # type: ignore[attr-defined]
        "published_at": version.published_at.isoformat(),  # type: ignore[attr-defined]
        "overall": overall,
        "goals": goals,
    }


def summary_content(
    access: CourseAccess, member: GroupMember, parts: Sequence[str]
) -> dict[str, Any]:
    """What a summary holds, as JSON: the parts chosen, each only if the reader may read its
    class (the caller has checked; this checks again and leaves out what it may not). The
    names and free text are copied, so the record shows later exactly what was given."""
    chosen = [
        p for p in SummaryPart.values if p in parts and access.may_read(SUMMARY_PART_CLASSES[p])
    ]
    content: dict[str, Any] = {
        "schema": SUMMARY_SCHEMA,
        "citizen": access.citizen.full_name,
        "member": {
            "name": member.display_name,
            "organisation": member.display_organisation,
            "role": member.role,
        },
        "parts": chosen,
    }
    if SummaryPart.GROUP in chosen:
        content["group"] = _group_part(access)
    if SummaryPart.MEETINGS in chosen:
        content["meetings"] = _meetings_part(access, member)
    if SummaryPart.PLAN in chosen:
        content["plan"] = _plan_part(access)
    return content


@dataclass(frozen=True)
class SummaryMeeting:
    day: str
    time: str
    place: str
    on_video: bool
    member_takes_part: bool


@dataclass(frozen=True)
class SummaryView:
    """A summary's JSON as the reader reads it: dates and times in the deployment's time zone
    and the reader's language, roles in words."""

    citizen: str
    member: dict[str, str]
    parts: list[str]
    group: dict[str, Any] | None
    meetings: list[SummaryMeeting] | None
    plan: dict[str, Any] | None

    @property
    def has_plan_part(self) -> bool:
        return SummaryPart.PLAN in self.parts


def _role(value: str) -> str:
    return str(GroupRole(value).label) if value in GroupRole.values else ""


def summary_view(content: Mapping[str, Any]) -> SummaryView:
    """Pure: the stored JSON, ready for the page and the PDF (one template for both)."""
    member = dict(content.get("member") or {})
    member["role_label"] = _role(member.get("role", ""))
    group = content.get("group")
    if group is not None:
        group = {
            "coordinator": group.get("coordinator"),
            "members": [{**m, "role_label": _role(m.get("role", ""))} for m in group["members"]],
        }
    meetings = None
    if "meetings" in content:
        meetings = []
        for m in content["meetings"]:
            starts = dt.datetime.fromisoformat(m["starts_at"])
            ends = dt.datetime.fromisoformat(m["ends_at"])
            meetings.append(
                SummaryMeeting(
                    day=format_date(starts),
                    time=f"{format_time(starts)}–{format_time(ends)}",
                    place=m.get("place", ""),
                    on_video=bool(m.get("on_video")),
                    member_takes_part=bool(m.get("member_takes_part")),
                )
            )
    plan = content.get("plan")
    if plan is not None:
        plan = {
            "version": plan["version"],
            "published_on": format_date(dt.datetime.fromisoformat(plan["published_at"])),
            "overall": plan.get("overall", ""),
            "goals": [
                {
                    "text": g.get("text", ""),
                    "target_date": format_date(dt.date.fromisoformat(g["target_date"]))
                    if g.get("target_date")
                    else "",
                }
                for g in plan.get("goals", ())
            ],
        }
    return SummaryView(
        citizen=content.get("citizen", ""),
        member=member,
        parts=list(content.get("parts", ())),
        group=group,
        meetings=meetings,
        plan=plan,
    )


@dataclass
class SummaryDraft:
    """The share page: the member, the parts the reader may share and a preview of the chosen."""

    access: CourseAccess
    member: GroupMember
    offered: list[str]
    chosen: list[str]
    preview: SummaryView

    @property
    def part_choices(self) -> list[tuple[str, str, bool]]:
        """(value, label, chosen) of each part the reader may share."""
        return [(p, str(SummaryPart(p).label), p in self.chosen) for p in self.offered]

    @property
    def shareable(self) -> bool:
        """A current member who gets a summary (the service refuses the others, in words)."""
        return self.member.kind == MemberKind.SUMMARY and self.member.left_on is None


def summary_draft_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, member_id: uuid.UUID, parts: Sequence[str] = ()
) -> SummaryDraft:
    """The summary of the chosen parts (all the reader may share when none are chosen), as it
    would be given to this member now."""
    access = course_access(
        actor=actor, citizen_id=citizen_id, purpose=PURPOSE, object_type="network", note=False
    )
    member = summary_member_get(access, member_id)
    offered = summary_parts_offered(access)
    chosen = [p for p in offered if p in parts] or offered
    content = summary_content(access, member, chosen)
    access.note(
        object_type="summary_draft",
        object_id=member.pk,
        part="network",
        shows=[SUMMARY_PART_CLASSES[p] for p in chosen],
    )
    return SummaryDraft(
        access=access,
        member=member,
        offered=offered,
        chosen=chosen,
        preview=summary_view(content),
    )


def summary_share_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, share_id: uuid.UUID, printing: bool = False
) -> tuple[CourseAccess, SummaryShare]:
    """One shared summary of the citizen's current course, for a reader who may read every part
    it holds (404 otherwise, like a missing one)."""
    access = course_access(
        actor=actor, citizen_id=citizen_id, purpose=PURPOSE, object_type="network", note=False
    )
    share = (
        SUMMARY_SHARES.of(access)
        .select_related("member", "shared_by__user")
        .filter(pk=share_id)
        .first()
    )
    if share is None or not NetworkPolicy.may_open_share(access, share):
        raise refused_read(
            actor=actor,
            object_type="summary_share",
            object_id=share_id,
            citizen_id=access.citizen_id,
            purpose=PURPOSE,
        )
    access.note(
        action=AuditAction.PRINT if printing else AuditAction.READ,
        object_type="summary_share",
        object_id=share.pk,
        part="network",
        shows=[SUMMARY_PART_CLASSES[p] for p in share.parts if p in SUMMARY_PART_CLASSES],
    )
    return access, share
