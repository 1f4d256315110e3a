"""Reads of a team's reflective supervision: its sessions, and its history by session.

Team data, no citizen: the team's members see it, everyone else gets 404 — another team's
professional, a manager, a citizen — as for a team that does not exist.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.organisations.models import Membership, Professional, Role, Team
from roundtable.supervision.models import (
    ActionFollowUp,
    ActionStatus,
    SupervisionAction,
    SupervisionAttendance,
    SupervisionSession,
    SupervisionTheme,
    ThemeKind,
)


def may_see(actor: Actor | None, team_id: uuid.UUID) -> bool:
    """A member of the team (a professional on it)."""
    return (
        actor is not None
        and not actor.is_citizen
        and actor.professional_id is not None
        and team_id in actor.team_ids
    )


def may_schedule(actor: Actor | None, team_id: uuid.UUID) -> bool:
    """The team's team leader schedules sessions and records actions and their follow-up."""
    return may_see(actor, team_id) and actor is not None and actor.role == Role.TEAM_LEADER


def may_record(actor: Actor | None, team_id: uuid.UUID) -> bool:
    """The team leader and the team's supervisors record attendance and themes."""
    return (
        may_see(actor, team_id)
        and actor is not None
        and actor.role
        in (
            Role.TEAM_LEADER,
            Role.SUPERVISOR,
        )
    )


def supervision_team_get(*, actor: Actor | None, team_id: uuid.UUID) -> Team:
    """The team, if the actor is one of its members; 404 otherwise."""
    team = Team.objects.filter(pk=team_id).first() if may_see(actor, team_id) else None
    if team is None:
        raise Http404()
    return team


def team_members(team_id: uuid.UUID) -> list[Professional]:
    """The team's members, by organisation and name."""
    return [
        m.professional
        for m in Membership.objects.filter(team_id=team_id)
        .select_related("professional__user", "professional__organisation")
        .order_by(
            "professional__organisation__name",
            "professional__user__last_name",
            "professional__user__first_name",
        )
    ]


@dataclass
class CarriedAction:
    """An earlier session's action as this session sees it: still open, or followed up here."""

    action: SupervisionAction
    follow_up: ActionFollowUp | None


@dataclass
class AttendanceRow:
    professional: Professional
    present: bool | None  # None: not recorded


@dataclass
class SessionRecord:
    team: Team
    session: SupervisionSession
    themes: list[SupervisionTheme]
    actions: list[SupervisionAction]
    carried: list[CarriedAction]
    attendance: list[AttendanceRow]
    members: list[Professional]
    can_schedule: bool
    can_record: bool
    previous: SupervisionSession | None = None
    next: SupervisionSession | None = None

    @property
    def leaders(self) -> list[Professional]:
        return list(self.session.leaders.all())

    @property
    def open_carried(self) -> list[CarriedAction]:
        return [c for c in self.carried if c.follow_up is None]


def _session_for(actor: Actor | None, session_id: uuid.UUID) -> SupervisionSession:
    session = (
        SupervisionSession.objects.select_related("team")
        .prefetch_related(
            Prefetch("leaders", Professional.objects.select_related("user", "organisation"))
        )
        .filter(pk=session_id)
        .first()
    )
    if session is None or not may_see(actor, session.team_id):
        raise Http404()
    return session


def carried_actions(session: SupervisionSession) -> list[CarriedAction]:
    """Actions agreed at the team's earlier sessions that this session follows up: those still
    open, and those followed up at this session (with what was said)."""
    here = {
        f.action_id: f
        for f in ActionFollowUp.objects.filter(session=session).select_related("created_by__user")
    }
    earlier = (
        SupervisionAction.objects.filter(
            session__team_id=session.team_id, session__starts_at__lt=session.starts_at
        )
        .select_related("owner__user", "session")
        .order_by("session__starts_at", "due_on", "created_at")
    )
    return [
        CarriedAction(action, here.get(action.pk))
        for action in earlier
        if action.pk in here or action.status == ActionStatus.OPEN
    ]


def supervision_session_get(*, actor: Actor | None, session_id: uuid.UUID) -> SessionRecord:
    session = _session_for(actor, session_id)
    members = team_members(session.team_id)
    present = {
        a.professional_id: a.present for a in SupervisionAttendance.objects.filter(session=session)
    }
    siblings = SupervisionSession.objects.filter(team_id=session.team_id)
    return SessionRecord(
        team=session.team,
        session=session,
        themes=list(session.themes.all()),
        actions=list(session.actions.select_related("owner__user")),
        carried=carried_actions(session),
        attendance=[AttendanceRow(p, present.get(p.pk)) for p in members],
        members=members,
        can_schedule=may_schedule(actor, session.team_id),
        can_record=may_record(actor, session.team_id),
        previous=siblings.filter(starts_at__lt=session.starts_at).order_by("-starts_at").first(),
        next=siblings.filter(starts_at__gt=session.starts_at).order_by("starts_at").first(),
    )


@dataclass
class HistoryRow:
    session: SupervisionSession
    themes: list[SupervisionTheme]
    actions: list[SupervisionAction]
    follow_ups: list[ActionFollowUp]
    present: int = 0
    absent: int = 0


@dataclass
class History:
    team: Team
    rows: list[HistoryRow]
    kind: str
    can_schedule: bool
    kinds: list[tuple[str, Any]] = field(default_factory=list)


def supervision_history_get(*, actor: Actor | None, team_id: uuid.UUID, kind: str = "") -> History:
    """The team's sessions, newest first, with what each settled: its themes (of one kind, when
    asked), the actions agreed and the follow-ups of earlier actions."""
    team = supervision_team_get(actor=actor, team_id=team_id)
    if kind not in ThemeKind.values:
        kind = ""
    themes = SupervisionTheme.objects.order_by("created_at", "id")
    if kind:
        themes = themes.filter(kind=kind)
    sessions = (
        SupervisionSession.objects.filter(team_id=team_id)
        .order_by("-starts_at")
        .prefetch_related(
            Prefetch("themes", themes),
            Prefetch("actions", SupervisionAction.objects.select_related("owner__user")),
            Prefetch("follow_ups", ActionFollowUp.objects.select_related("action")),
            "attendance",
        )
    )
    rows = []
    for session in sessions:
        marks = [a.present for a in session.attendance.all()]
        row = HistoryRow(
            session=session,
            themes=list(session.themes.all()),
            actions=list(session.actions.all()),
            follow_ups=list(session.follow_ups.all()),
            present=sum(1 for m in marks if m),
            absent=sum(1 for m in marks if not m),
        )
        if kind and not row.themes:
            continue
        rows.append(row)
    return History(
        team=team,
        rows=rows,
        kind=kind,
        can_schedule=may_schedule(actor, team_id),
        kinds=list(ThemeKind.choices),
    )


def supervision_team_list(*, actor: Actor | None) -> list[Team]:
    """The teams whose supervision the actor sees (their own)."""
    if actor is None or actor.is_citizen or actor.professional_id is None:
        return []
    return list(Team.objects.filter(pk__in=actor.team_ids).order_by("name"))
