"""Reads of the family's pages (issue 13 §4): what a citizen shares with a family member, and
the citizen's own list of family members. Each read is noted for the audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.audit.scope import audited_reads
from roundtable.citizens.gate import citizen_access
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.family.access import PURPOSE, FamilyAccess, family_access
from roundtable.family.models import FamilyLink
from roundtable.family.policies import FAMILY_LINKS
from roundtable.meetings.models import Meeting, MeetingStatus
from roundtable.plans.content import visible_snapshot
from roundtable.plans.models import OwnerSector, PlanVersion, SectionKind

# How many upcoming meetings the family member's page shows at most.
MEETINGS_SHOWN = 10


def token_digest(token: str) -> str:
    """The only form an invitation's token is stored in."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class FamilyMeeting:
    """A meeting as the family member sees it: when and where, nothing of what is said."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    on_video: bool


@dataclass(frozen=True)
class FamilyPlan:
    """The plan's overall part (and its health part only with the citizen's permit)."""

    number: int
    published_at: dt.datetime
    overall: str
    goals: list[dict[str, Any]]
    health: str = ""
    health_goals: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class FamilyPage:
    access: FamilyAccess
    meetings: list[FamilyMeeting] | None  # None: not shared
    plan: FamilyPlan | None
    plan_shared: bool
    health_shared: bool

    @property
    def citizen_name(self) -> str:
        return self.access.citizen.given_name


def _meetings(access: FamilyAccess) -> list[FamilyMeeting]:
    if access.course is None:
        return []
    rows = Meeting.objects.filter(
        course=access.course, status=MeetingStatus.PLANNED, ends_at__gte=timezone.now()
    ).order_by("starts_at")[:MEETINGS_SHOWN]
    return [
        FamilyMeeting(
            starts_at=m.starts_at, ends_at=m.ends_at, place=m.place, on_video=bool(m.video_url)
        )
        for m in rows.only("starts_at", "ends_at", "place", "video_url")
    ]


def _goal(goal: Mapping[str, Any]) -> dict[str, Any]:
    """A goal without its links to decisions (the minutes are not shared)."""
    return {
        "text": goal.get("text", ""),
        "target_date": dt.date.fromisoformat(goal["target_date"])
        if goal.get("target_date")
        else None,
        "status": goal.get("status", ""),
        "kind": goal.get("kind", ""),
    }


def _plan(access: FamilyAccess) -> FamilyPlan | None:
    """The current published version, cut down to what the link shares."""
    if access.course is None:
        return None
    version = (
        PlanVersion.objects.filter(plan__course=access.course, data_class=DataClass.JOINT_PLAN)
        .order_by("-number")
        .only("number", "published_at", "snapshot")
        .first()
    )
    if version is None:
        return None
    view = visible_snapshot(version.snapshot, access.visible)
    sections = {s["kind"]: s["text"] for s in view["sections"]}
    goals = view["goals"]
    shared = [_goal(g) for g in goals if g.get("owner_sector") != OwnerSector.HEALTH]
    health = [_goal(g) for g in goals if g.get("owner_sector") == OwnerSector.HEALTH]
    with_health = access.link.shares_health
    return FamilyPlan(
        number=version.number,
        published_at=version.published_at,
        overall=sections.get(SectionKind.OVERALL, "") if access.link.shares_plan else "",
        goals=shared if access.link.shares_plan else [],
        health=sections.get(SectionKind.CARE_MANAGER, "") if with_health else "",
        health_goals=health if with_health and access.link.shares_plan else [],
    )


@audited_reads
def family_page_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> FamilyPage:
    """What the citizen shares with this family member; 404 when nothing is."""
    access = family_access(actor=actor, citizen_id=citizen_id)
    link = access.link
    meetings = _meetings(access) if link.shares_meetings else None
    plan = _plan(access) if link.shares_plan or link.shares_health else None
    parts = ["family_link"]
    shows = [DataClass.FAMILY]
    if meetings is not None:
        parts.append("meetings")
    if plan is not None:
        parts.append("plan")
        shows += [DataClass.JOINT_PLAN] if link.shares_plan else []
        shows += [DataClass.HEALTH_SUMMARY] if link.shares_health else []
    for part in parts:
        access.note(part=part, shows=[str(c) for c in shows])
    return FamilyPage(
        access=access,
        meetings=meetings,
        plan=plan,
        plan_shared=link.shares_plan,
        health_shared=link.shares_health,
    )


@dataclass(frozen=True)
class SharingCitizen:
    citizen_id: uuid.UUID
    name: str
    relation: str


@audited_reads
def family_home_list(*, actor: Actor | None) -> list[SharingCitizen]:
    """The citizens who share something with this family member now (none after every link has
    been stopped: the page then says so)."""
    if actor is None or not actor.is_family_member:
        return []
    links = list(
        FAMILY_LINKS.queryset(actor)
        .filter(accepted_at__isnull=False)
        .select_related("citizen")
        .defer("citizen__national_id")
        .order_by("citizen__given_name", "id")
    )
    found = []
    for link in links:
        access = FamilyAccess(actor=actor, link=link, course=None)
        access.note(action=AuditAction.LIST, part="family_link", shows=[DataClass.FAMILY])
        found.append(
            SharingCitizen(
                citizen_id=link.citizen_id, name=link.citizen.given_name, relation=link.relation
            )
        )
    return found


@audited_reads
def family_link_list(*, actor: Actor | None) -> list[FamilyLink]:
    """The citizen's own family members, newest invitation first (not stopped ones first)."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise refused_read(
            actor=actor,
            object_type="family_link",
            object_id="",
            citizen_id=None,
            purpose=PURPOSE,
            exists=False,
        )
    access = citizen_access(
        actor=actor,
        citizen_id=actor.citizen_id,
        purpose=PURPOSE,
        action=AuditAction.LIST,
        object_type="family_link",
        note=False,
    )
    links = list(FAMILY_LINKS.queryset(actor).select_related("user"))
    links.sort(key=lambda link: (link.revoked_at is not None, -link.created_at.timestamp()))
    access.note(
        action=AuditAction.LIST,
        object_type="family_link",
        part="family",
        detail={"shown": len(links)},
    )
    return links


@dataclass(frozen=True)
class Invitation:
    """An invitation found by its token, or why it cannot be used."""

    link: FamilyLink | None
    problem: str = ""

    @property
    def usable(self) -> bool:
        return self.link is not None and not self.problem


def invitation_get(*, token: str, now: dt.datetime | None = None) -> Invitation:
    """The invitation of a token as its holder may use it. Says why not in plain words:
    unknown, used, stopped or expired."""
    now = now or timezone.now()
    link = (
        FamilyLink.objects.filter(token_digest=token_digest(token or ""))
        .select_related("citizen")
        .defer("citizen__national_id")
        .first()
        if token
        else None
    )
    if link is None:
        return Invitation(
            None,
            _("This link does not work. It may have been used already. Ask for a new one."),
        )
    if link.revoked_at is not None:
        return Invitation(None, _("This invitation was taken back. Nothing is shared with you."))
    if link.accepted_at is not None:
        return Invitation(None, _("This link has been used. Sign in with your user name."))
    if link.token_expires_at <= now:
        return Invitation(None, _("This link is too old. Ask for a new one."))
    return Invitation(link)
