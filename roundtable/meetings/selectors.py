"""Reads of roundtable meetings. Each function checks access through the policies and writes the
audit event itself; forbidden and missing answer the same 404."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.audit.scope import audited_reads
from roundtable.citizens.context_processors import terms_for_course
from roundtable.citizens.gate import CourseAccess, citizen_access, record_access, record_owner
from roundtable.citizens.groups import MEMBER_NAMING, group_members
from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.meetings.models import (
    MEETING_MINUTES,
    Decision,
    DecisionOption,
    DecisionStatus,
    DecisionSubtype,
    DecisionType,
    GuestKind,
    Meeting,
    MeetingGuest,
    MeetingParticipant,
    MeetingStatus,
    Minutes,
    PreparationAnswer,
    PreparationPrompt,
)
from roundtable.meetings.policies import PromptPolicy
from roundtable.organisations.models import Team

PURPOSE = "roundtable_meeting"
MEETING_RELATED = (
    "course__citizen",
    "course__team",
    "course__care_manager__user",
    "course__employment_consultant__user",
)
# The national id is never needed on a meeting page.
MEETING_DEFERRED = ("course__citizen__national_id",)


# Audit a refused or missing read; the 404 hides which one it was.
_deny = functools.partial(refused_read, purpose=PURPOSE)


@dataclass(frozen=True)
class Participant:
    # "citizen", "care_manager", "employment_consultant", "family", "employer", or "group"
    # (a member of the course's responsibility group, with their role in the group)
    kind: str
    role: str
    name: str
    relation: str = ""
    organisation: str = ""


def _core_professionals(course: Course) -> frozenset[uuid.UUID]:
    """The course's own professionals: they always take part, whatever the group holds."""
    return frozenset(
        p for p in (course.care_manager_id, course.employment_consultant_id) if p is not None
    )


@dataclass
class MeetingRecord:
    access: CourseAccess
    meeting: Meeting
    guests: list[MeetingGuest]
    decisions: list[Decision]
    answers: list[PreparationAnswer]
    minutes: Minutes | None
    prompts: list[PreparationPrompt] = field(default_factory=list)
    # Who takes part from the responsibility group; empty when the reader may not read the
    # group's contact details (the citizen's consent).
    group: list[MeetingParticipant] = field(default_factory=list)

    @property
    def course(self) -> Course:
        return self.access.course

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def minutes_shared(self) -> bool:
        """False when the citizen's consent keeps the minutes and decisions from this reader."""
        return self.access.may_read(MEETING_MINUTES)

    @property
    def can_run(self) -> bool:
        """Schedule, change, cancel and hold meetings; log decisions; write minutes."""
        return self.minutes_shared and self.access.may_write

    @property
    def can_prepare(self) -> bool:
        """Answer the preparation prompts: the citizen, for their own meetings only."""
        return self.access.is_own

    @property
    def participants(self) -> list[Participant]:
        course = self.course
        terms = terms_for_course(course)
        people = [Participant("citizen", terms.citizen.title, self.citizen.full_name)]
        if course.care_manager is not None:
            people.append(
                Participant("care_manager", terms.care_manager.title, course.care_manager.name)
            )
        if course.employment_consultant is not None:
            people.append(
                Participant(
                    "employment_consultant",
                    terms.employment.title,
                    course.employment_consultant.name,
                )
            )
        for guest in self.guests:
            role = _("Family member") if guest.kind == GuestKind.FAMILY else _("Employer contact")
            people.append(Participant(guest.kind, role, guest.name, guest.relation))
        return people + self.from_group

    @property
    def from_group(self) -> list[Participant]:
        """The members of the responsibility group who take part, with their role in the group.
        One who has become the course's care manager or consultant is listed once, as such."""
        core = _core_professionals(self.course)
        return [
            Participant(
                "group",
                str(p.member.get_role_display()),
                p.member.display_name,
                organisation=p.member.display_organisation,
            )
            for p in self.group
            if p.member.professional_id is None or p.member.professional_id not in core
        ]

    @property
    def group_member_ids(self) -> list[uuid.UUID]:
        return [p.member_id for p in self.group]

    @property
    def agenda(self) -> list[Decision]:
        """The key decisions, named beforehand (DOMAIN §2: name the key decisions explicitly)."""
        return [d for d in self.decisions if d.is_key]

    def with_status(self, status: str) -> list[Decision]:
        return [d for d in self.decisions if d.status == status]

    @property
    def made(self) -> list[Decision]:
        return self.with_status(DecisionStatus.MADE)

    @property
    def postponed(self) -> list[Decision]:
        return self.with_status(DecisionStatus.POSTPONED)

    @property
    def excluded(self) -> list[Decision]:
        return self.with_status(DecisionStatus.EXCLUDED)

    @property
    def still_open(self) -> list[Decision]:
        return self.with_status(DecisionStatus.OPEN)

    @property
    def answers_by_prompt(self) -> dict[int, PreparationAnswer]:
        return {a.prompt_id: a for a in self.answers if a.prompt_id is not None}


def prompt_list(*, team_id: uuid.UUID) -> list[PreparationPrompt]:
    """The team's own prompts, or the default set when the team has none (one query)."""
    prompts = list(
        PreparationPrompt.objects.filter(Q(team_id=team_id) | Q(team__isnull=True)).order_by(
            "order", "id"
        )
    )
    own = [p for p in prompts if p.team_id is not None]
    return own or [p for p in prompts if p.team_id is None]


@audited_reads
def meeting_get(
    *,
    actor: Actor | None,
    meeting_id: uuid.UUID,
    citizen_view: bool = False,
    with_prompts: bool = False,
) -> MeetingRecord:
    """One meeting with its decisions, options, answers and minutes; 404 (audited) when the
    actor may not see it. `citizen_view` serves the citizen's own pages: only the citizen
    themselves gets through."""
    access = record_access(
        actor=actor,
        model=Meeting,
        record_id=meeting_id,
        purpose=PURPOSE,
        object_type="meeting",
        note=False,
    )
    if citizen_view and not access.is_own:
        raise _deny(
            actor=actor, object_type="meeting", object_id=meeting_id, citizen_id=access.citizen_id
        )
    meeting = Meeting.objects.select_related("minutes__updated_by__user").get(pk=meeting_id)
    meeting.course = access.course
    # Decisions, preparation answers and minutes are `meeting_minutes`: the citizen may deny
    # them to a sector (roundtable.consent). The meeting's time and place stay visible.
    shown = access.may_read(MEETING_MINUTES)
    decisions = (
        list(
            Decision.objects.filter(meeting=meeting)
            .select_related("type", "subtype")
            .prefetch_related("options")
            .order_by("order", "created_at")
        )
        if shown
        else []
    )
    minutes: Minutes | None = None
    if shown:
        try:
            minutes = meeting.minutes
        except Minutes.DoesNotExist:
            minutes = None
    record = MeetingRecord(
        access=access,
        meeting=meeting,
        guests=list(MeetingGuest.objects.filter(meeting=meeting).order_by("kind")),
        decisions=decisions,
        answers=(
            list(PreparationAnswer.objects.filter(meeting=meeting).order_by("answered_at"))
            if shown
            else []
        ),
        minutes=minutes,
        prompts=prompt_list(team_id=access.course.team_id) if with_prompts else [],
        group=meeting_group_participants(access, meeting),
    )
    shows = (MEETING_MINUTES, DataClass.CONTACT_DETAILS) if record.group else (MEETING_MINUTES,)
    access.note(object_type="meeting", object_id=meeting.pk, shows=shows)
    return record


def meeting_group_participants(access: CourseAccess, meeting: Meeting) -> list[MeetingParticipant]:
    """Who takes part from the responsibility group, with what names them (one query). The
    members are the group's contact details: nothing when consent keeps them from the reader."""
    if not access.may_read(DataClass.CONTACT_DETAILS):
        return []
    return list(
        MeetingParticipant.objects.filter(meeting=meeting)
        .select_related(*(f"member__{path}" for path in MEMBER_NAMING))
        .order_by("member__joined_on", "member__created_at")
    )


def meeting_group_choices(access: CourseAccess) -> list[Any]:
    """The members of the course's responsibility group who may be chosen to take part: those
    who have not left, but for the course's own professionals, who take part anyway (one
    query). None when consent keeps the group's contact details from the reader."""
    if not access.may_read(DataClass.CONTACT_DETAILS):
        return []
    core = _core_professionals(access.course)
    members = [
        m
        for m in group_members(access.course, current=True)
        if m.professional_id is None or m.professional_id not in core
    ]
    if members:
        access.note(
            object_type="network",
            object_id=access.course.pk,
            part="network",
            shows=[DataClass.CONTACT_DETAILS],
        )
    return members


@dataclass
class MeetingList:
    citizen: Citizen
    current: CourseAccess | None  # the course a new meeting would belong to
    meetings: Sequence[Meeting]

    @property
    def course(self) -> Course | None:
        return self.current.course if self.current else None

    @property
    def can_schedule(self) -> bool:
        current = self.current
        return current is not None and current.course.is_open and current.may_write

    @property
    def upcoming(self) -> list[Meeting]:
        # Until the end of the meeting's day: the team may mark it held later that day.
        today = timezone.localdate()
        return sorted(
            (m for m in self.meetings if m.is_planned and timezone.localdate(m.ends_at) >= today),
            key=lambda m: (m.starts_at, m.id),
        )

    @property
    def earlier(self) -> list[Meeting]:
        """Held and cancelled meetings, and planned ones whose time has passed."""
        upcoming = set(self.upcoming)
        return [m for m in self.meetings if m not in upcoming]


@audited_reads
def meeting_list(*, actor: Actor | None, citizen_id: uuid.UUID) -> MeetingList:
    """A citizen's meetings on the courses the actor may see; one audited list event."""
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        action=AuditAction.LIST,
        object_type="meeting",
        note=False,
    )
    meetings = list(
        Meeting.objects.filter(course__in=access.course_list)
        .annotate(decision_count=Count("decisions"))
        .order_by("-starts_at", "id")
    )
    # Not even the number of decisions where the citizen denies the minutes (consent).
    visible = access.visible_by_course
    for meeting in meetings:
        if MEETING_MINUTES not in visible.get(meeting.course_id, frozenset()):
            meeting.decision_count = 0  # type: ignore[attr-defined]
    access.note(
        action=AuditAction.LIST,
        object_type="meeting",
        part="meetings",
        detail={"shown": len(meetings)},
    )
    return MeetingList(citizen=access.citizen, current=access.current, meetings=meetings)


@audited_reads
def meeting_invitation_get(*, actor: Actor | None, meeting_id: uuid.UUID) -> Meeting:
    """What the calendar invitation needs (time, place, status), audited as an export."""
    access = record_access(
        actor=actor,
        model=Meeting,
        record_id=meeting_id,
        purpose=PURPOSE,
        object_type="meeting_invitation",
        action=AuditAction.EXPORT,
    )
    return Meeting.objects.only(
        "id",
        "starts_at",
        "ends_at",
        "place",
        "video_url",
        "status",
        "sequence",
        "updated_at",
        "course_id",
    ).get(pk=meeting_id, course=access.course)


def typology_list() -> list[DecisionType]:
    """The decision types in use, each with its subtypes in use (two queries)."""
    return list(
        DecisionType.objects.filter(active=True)
        .prefetch_related(
            Prefetch(
                "subtypes",
                DecisionSubtype.objects.filter(active=True).order_by("order", "slug"),
            )
        )
        .order_by("order", "slug")
    )


@dataclass
class PromptSet:
    team: Team
    prompts: list[PreparationPrompt]

    @property
    def is_default(self) -> bool:
        return all(p.team_id is None for p in self.prompts)


def prompt_team_list(*, actor: Actor | None) -> list[Team]:
    """The teams whose prompts the actor edits (a team leader's own teams)."""
    teams = [
        team
        for team in Team.objects.filter(pk__in=actor.team_ids if actor else ())
        if PromptPolicy.can_edit(actor, team.pk)
    ]
    if not teams:
        raise Http404()
    return sorted(teams, key=lambda t: t.name)


def prompt_set_get(*, actor: Actor | None, team_id: uuid.UUID) -> PromptSet:
    team = Team.objects.filter(pk=team_id).first()
    if team is None or not PromptPolicy.can_edit(actor, team.pk):
        raise _deny(
            actor=actor,
            object_type="prompt_set",
            object_id=team_id,
            citizen_id=None,
            exists=team is not None,
        )
    return PromptSet(team=team, prompts=prompt_list(team_id=team.pk))


def meeting_date(meeting: Meeting) -> dt.date:
    """The meeting's day where the team is (the configured time zone)."""
    return timezone.localtime(meeting.starts_at).date()


@audited_reads
def decision_get(
    *, actor: Actor | None, meeting_id: uuid.UUID, decision_id: uuid.UUID
) -> tuple[MeetingRecord, Decision]:
    """One decision of one meeting. A decision addressed through another meeting's URL is
    refused like a missing one (SECURITY.md 2), and the attempt is audited."""
    record = meeting_get(actor=actor, meeting_id=meeting_id)
    decision = next((d for d in record.decisions if d.pk == decision_id), None)
    if decision is None:
        owner = record_owner(Decision, decision_id, course_path="meeting__course")
        raise _deny(
            actor=actor,
            object_type="decision",
            object_id=decision_id,
            citizen_id=owner[1] if owner else None,
        )
    return record, decision


@audited_reads
def option_get(
    *, actor: Actor | None, meeting_id: uuid.UUID, decision_id: uuid.UUID, option_id: uuid.UUID
) -> tuple[MeetingRecord, Decision, DecisionOption]:
    """One option of one decision of one meeting; any other path is refused and audited."""
    record, decision = decision_get(actor=actor, meeting_id=meeting_id, decision_id=decision_id)
    option = next((o for o in decision.options.all() if o.pk == option_id), None)
    if option is None:
        owner = record_owner(DecisionOption, option_id, course_path="decision__meeting__course")
        raise _deny(
            actor=actor,
            object_type="decision_option",
            object_id=option_id,
            citizen_id=owner[1] if owner else None,
        )
    return record, decision, option


def next_meetings_by_course(*, course_ids: list[uuid.UUID]) -> dict[uuid.UUID, dt.datetime]:
    """The start of each course's next planned meeting, for the caseload (one indexed query).

    `course_ids` are courses the caller has already shown the actor (the caseload's page of
    rows, filtered by the course policy); only start times leave here.
    """
    rows = (
        Meeting.objects.filter(
            course_id__in=course_ids, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
        )
        .values("course_id")
        .annotate(next_start=Min("starts_at"))
        .values_list("course_id", "next_start")
    )
    return dict(rows)
