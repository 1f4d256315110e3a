"""Reads of the joint plan. Each function checks access through the policies, filters by the
reader's data classes (roundtable.consent.access) and writes the audit event itself; forbidden
and missing answer the same 404."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.audit.scope import audited_reads
from roundtable.citizens.gate import CourseAccess, course_access, record_owner
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import consent_decisions_by_course
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.meetings.models import (
    Decision,
    DecisionOption,
    DecisionStatus,
    Meeting,
    MeetingStatus,
)
from roundtable.plans import content
from roundtable.plans.models import (
    SECTION_DATA_CLASS,
    Goal,
    GoalKind,
    JointPlan,
    OwnerSector,
    PlanResponse,
    PlanSection,
    PlanVersion,
    RampStep,
    SectionKind,
)
from roundtable.plans.nudges import CopiedGoal, MeetingFacts, Nudge, plan_nudges
from roundtable.plans.policies import can_read_draft

PURPOSE = "joint_plan"
# What the citizen's printout may hold: never therapy detail or the care manager's section.
PRINTABLE_CLASSES = frozenset({DataClass.JOINT_PLAN, DataClass.VOCATIONAL})
# Enough matches to say "copied" and how often, without reading a whole region's plans.
COPY_MATCHES_CHECKED = 200


def max_weekly_hours() -> Decimal:
    """The most hours a week a return-to-work plan may ask for (legal or agreed maximum)."""
    return Decimal(str(getattr(settings, "ROUNDTABLE_MAX_WEEKLY_HOURS", 37)))


def countable(hours: Decimal) -> Decimal | int:
    """A whole number of hours as an int, so that a plural form can be chosen for it."""
    return int(hours) if hours == int(hours) else hours


# Audit a refused or missing read; the 404 hides which one it was.
deny = functools.partial(refused_read, purpose=PURPOSE)


def _access(
    actor: Actor | None, citizen_id: uuid.UUID, *, object_type: str, action: str = AuditAction.READ
) -> CourseAccess:
    """The citizen's current course through the gate; the read is noted by the caller."""
    return course_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        action=action,
        object_type=object_type,
        note=False,
    )


def _draft_access(actor: Actor | None, citizen_id: uuid.UUID) -> CourseAccess:
    """Professionals who may see the course read the draft; the citizen never does, and is not
    told it exists either (the same audited 404)."""
    access = _access(actor, citizen_id, object_type="joint_plan")
    if not can_read_draft(access):
        raise deny(
            actor=actor, object_type="joint_plan", object_id=citizen_id, citizen_id=citizen_id
        )
    return access


# --- The draft -----------------------------------------------------------------------------------


@dataclass
class PlanRecord:
    """The working draft as one reader may see it."""

    access: CourseAccess
    plan: JointPlan | None
    sections: dict[str, str]
    goals: list[Goal]
    ramp: list[RampStep]
    versions: list[PlanVersion]
    nudges: list[Nudge] = field(default_factory=list)
    meeting: Meeting | None = None

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def course(self) -> Course:
        return self.access.course

    @property
    def visible(self) -> frozenset[str]:
        return self.access.visible

    @property
    def can_edit(self) -> bool:
        return self.access.may_write

    @property
    def revision(self) -> int:
        return self.plan.revision if self.plan else 0

    @property
    def section_kinds(self) -> list[str]:
        """The sections this reader sees (and, when editing, writes), in the page's order."""
        return [k for k in content.SECTION_ORDER if SECTION_DATA_CLASS[k] in self.visible]

    @property
    def ramp_start(self):
        return self.plan.ramp_start if self.plan else None

    @property
    def ramp_weeks(self) -> list[content.RampWeek]:
        rows = [
            {"hours_per_day": r.hours_per_day, "days_per_week": r.days_per_week, "note": r.note}
            for r in self.ramp
        ]
        return content.ramp_weeks(self.ramp_start, rows)

    @property
    def current_version(self) -> PlanVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def goal_rows(self) -> list[dict]:
        return [
            content.display_goal(
                {
                    "id": str(g.pk),
                    "kind": g.kind,
                    "owner_sector": g.owner_sector,
                    "text": g.text,
                    "target_date": g.target_date,
                    "status": g.status,
                    "decisions": [
                        {"id": str(d.pk), "title": d.title}
                        for d in getattr(g, "visible_decisions", [])
                    ],
                }
            )
            for g in self.goals
        ]

    @property
    def overall(self) -> str:
        return self.sections.get(SectionKind.OVERALL, "")

    @property
    def section_rows(self) -> list[dict]:
        return [
            {"kind": k, "label": content.section_label(k), "text": self.sections.get(k, "")}
            for k in self.section_kinds
        ]

    @property
    def sees_joint_plan(self) -> bool:
        return DataClass.JOINT_PLAN in self.visible

    @property
    def sees_decisions(self) -> bool:
        return DataClass.MEETING_MINUTES in self.visible


def _meeting_facts(meeting_id: uuid.UUID) -> MeetingFacts:
    counts = Decision.objects.filter(meeting_id=meeting_id).aggregate(
        decisions=Count("id"), made=Count("id", filter=Q(status=DecisionStatus.MADE))
    )
    bare = DecisionOption.objects.filter(decision__meeting_id=meeting_id, pros="", cons="").count()
    return MeetingFacts(
        decisions=counts["decisions"] or 0,
        made=counts["made"] or 0,
        options_without_pros_or_cons=bare,
    )


def _copied_goals(actor: Actor, plan: JointPlan, goals: list[Goal]) -> list[CopiedGoal]:
    """The plan's shared framework goals whose words stand, the same, in other plans the reader
    may read — never counting a plan out of the reader's scope (that would leak how many
    people another team has, SECURITY.md 7) or one whose citizen keeps the joint plan from
    them. Copying is a habit of one desk, so the reader's own courses are where it shows: one
    indexed query finds the matches, and consent is asked only for the courses that match."""
    framework = [
        g
        for g in goals
        if g.kind == GoalKind.FRAMEWORK
        and g.owner_sector == OwnerSector.SHARED
        and g.text_normalised
    ]
    if not framework:
        return []
    matches = list(
        Goal.objects.filter(
            kind=GoalKind.FRAMEWORK,
            owner_sector=OwnerSector.SHARED,
            text_normalised__in=[g.text_normalised for g in framework],
            plan__course__in=CoursePolicy.queryset(actor),
        )
        .exclude(plan_id=plan.pk)
        .order_by()
        .values_list("plan_id", "plan__course_id", "text_normalised")
        .distinct()[:COPY_MATCHES_CHECKED]
    )
    if not matches:
        return []
    courses = Course.objects.filter(pk__in={course_id for _p, course_id, _t in matches}).only(
        "id", "citizen_id", "jurisdiction"
    )
    readable = {
        course_id
        for course_id, decision in consent_decisions_by_course(actor, courses).items()
        if decision.allows(DataClass.JOINT_PLAN)
    }
    plans_by_text: dict[str, set[uuid.UUID]] = {}
    for plan_id, course_id, text in matches:
        if course_id in readable:
            plans_by_text.setdefault(text, set()).add(plan_id)
    return [
        CopiedGoal(g.text, len(plans_by_text.get(g.text_normalised, ())))
        for g in framework
        if plans_by_text.get(g.text_normalised)
    ]


def _nudges(actor: Actor, plan: JointPlan | None, goals: list[Goal]) -> list[Nudge]:
    shared = [g for g in goals if g.owner_sector == OwnerSector.SHARED]
    meeting = _meeting_facts(plan.meeting_id) if plan and plan.meeting_id else None
    return plan_nudges(
        shared_goal_texts=[g.text for g in shared],
        copied_goals=_copied_goals(actor, plan, goals) if plan is not None else [],
        review_on=plan.review_on if plan else None,
        meeting=meeting,
    )


def plan_record_build(access: CourseAccess, *, with_nudges: bool = True) -> PlanRecord:
    """The draft as the access may see it (the page, and what a save answers with)."""
    visible = access.visible
    plan = (
        JointPlan.objects.filter(course=access.course, data_class__in=visible)
        .select_related("meeting", "updated_by__user")
        .first()
    )
    sections: dict[str, str] = {}
    goals: list[Goal] = []
    ramp: list[RampStep] = []
    if plan is not None:
        sections = {
            s.kind: s.text for s in PlanSection.objects.filter(plan=plan, data_class__in=visible)
        }
        goal_rows = Goal.objects.filter(plan=plan, data_class__in=visible).order_by("order", "id")
        sees_decisions = DataClass.MEETING_MINUTES in visible
        if sees_decisions:
            goal_rows = goal_rows.prefetch_related(
                Prefetch("decisions", Decision.objects.order_by("order", "created_at"))
            )
        goals = list(goal_rows)
        for goal in goals:
            goal.visible_decisions = (  # type: ignore[attr-defined]
                list(goal.decisions.all()) if sees_decisions else []
            )
        ramp = list(RampStep.objects.filter(plan=plan, data_class__in=visible).order_by("week"))
    record = PlanRecord(
        access=access,
        plan=plan,
        sections=sections,
        goals=goals,
        ramp=ramp,
        versions=_history(access.course, visible),
        meeting=plan.meeting if plan else None,
    )
    if with_nudges:
        record.nudges = _nudges(access.actor, plan, goals)
    return record


@audited_reads
def plan_get(*, actor: Actor | None, citizen_id: uuid.UUID, with_nudges: bool = True) -> PlanRecord:
    """The draft of the citizen's current course for a professional who may see it; the
    citizen and everyone else get 404 (audited)."""
    access = _draft_access(actor, citizen_id)
    record = plan_record_build(access, with_nudges=with_nudges)
    access.note(
        object_type="joint_plan",
        object_id=record.plan.pk if record.plan else access.course.pk,
        part="draft",
        detail={"revision": record.revision},
    )
    return record


@dataclass(frozen=True)
class DecisionChoice:
    id: uuid.UUID
    title: str
    outcome: str
    meeting_id: uuid.UUID
    meeting_date: Any


def decision_choices(access: CourseAccess) -> list[DecisionChoice]:
    """The decisions made at the course's held meetings, newest meeting first: what a goal can
    link to. Left out when the reader may not see meeting minutes and decisions."""
    if not access.may_read(DataClass.MEETING_MINUTES):
        return []
    rows = (
        Decision.objects.filter(
            meeting__course=access.course,
            meeting__status=MeetingStatus.HELD,
            status=DecisionStatus.MADE,
        )
        .select_related("meeting")
        .only("id", "title", "outcome", "order", "meeting__id", "meeting__starts_at")
        .order_by("-meeting__starts_at", "order", "created_at")
    )
    return [
        DecisionChoice(d.pk, d.title, d.outcome, d.meeting.pk, d.meeting.starts_at) for d in rows
    ]


def plan_meeting_get(access: CourseAccess, meeting_id: uuid.UUID) -> Meeting:
    """A held meeting of this course, to make or adjust the plan from; anything else 404."""
    meeting = (
        Meeting.objects.filter(pk=meeting_id, course=access.course, status=MeetingStatus.HELD)
        .only("id", "starts_at", "status", "course_id")
        .first()
    )
    if meeting is None:
        owner = record_owner(Meeting, meeting_id)
        raise deny(
            actor=access.actor,
            object_type="meeting",
            object_id=meeting_id,
            citizen_id=owner[1] if owner else None,
        )
    return meeting


# --- Published versions ---------------------------------------------------------------------------


@dataclass
class VersionRecord:
    access: CourseAccess
    version: PlanVersion
    snapshot: dict
    history: list[PlanVersion]
    visible: frozenset[str]  # the classes shown (the printout shows fewer than the page)

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def course(self) -> Course:
        return self.access.course

    @property
    def can_respond(self) -> bool:
        """Comment on and agree with a published version: the citizen, on their own course."""
        return self.access.is_own

    @property
    def is_current(self) -> bool:
        return bool(self.history) and self.history[0].number == self.version.number

    @property
    def latest_number(self) -> int:
        return self.history[0].number if self.history else self.version.number

    @property
    def sections(self) -> dict[str, str]:
        return {s["kind"]: s["text"] for s in self.snapshot["sections"]}

    @property
    def overall(self) -> str:
        return self.sections.get(SectionKind.OVERALL, "")

    @property
    def section_rows(self) -> list[dict]:
        return [
            {"kind": s["kind"], "label": content.section_label(s["kind"]), "text": s["text"]}
            for s in self.snapshot["sections"]
        ]

    @property
    def goals(self) -> list[dict]:
        return [content.display_goal(g) for g in self.snapshot["goals"]]

    @property
    def ramp_start(self):
        return content.parse_date(self.snapshot["ramp"].get("start"))

    @property
    def ramp_weeks(self) -> list[content.RampWeek]:
        return content.ramp_weeks(self.ramp_start, self.snapshot["ramp"].get("weeks", []))

    @property
    def review_on(self):
        return content.parse_date(self.snapshot.get("review_on"))

    @property
    def responses(self) -> list[PlanResponse]:
        return list(self.version.responses.all())

    @property
    def latest_response(self) -> PlanResponse | None:
        responses = self.responses
        return responses[-1] if responses else None


def filtered_snapshot(snapshot: Mapping[str, Any], visible: frozenset[str]) -> dict:
    view = content.visible_snapshot(snapshot, visible)
    if DataClass.MEETING_MINUTES not in visible:
        view["goals"] = [{**g, "decisions": []} for g in view["goals"]]
    return view


def _history(course: Course, visible: frozenset[str]) -> list[PlanVersion]:
    responses = PlanResponse.objects.filter(data_class__in=visible).order_by("created_at", "id")
    return list(
        PlanVersion.objects.filter(plan__course=course, data_class__in=visible)
        .select_related("published_by__user")
        .prefetch_related(Prefetch("responses", responses))
        .defer("snapshot")
        .order_by("-number")
    )


@audited_reads
def version_get(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    number: int | None = None,
    printable: bool = False,
) -> VersionRecord:
    """One published version (the current one when `number` is None), filtered for the reader.

    `printable` serves the PDF: only the joint plan and the work sections, never therapy detail
    or the care manager's section, and the read is audited as a print.
    """
    action = AuditAction.PRINT if printable else AuditAction.READ
    access = _access(actor, citizen_id, object_type="joint_plan_version", action=action)
    record = version_record_build(access, number=number, printable=printable)
    if record is None:
        raise deny(
            actor=actor,
            object_type="joint_plan_version",
            object_id=f"{citizen_id}:{number or 'current'}",
            citizen_id=access.citizen_id,
            action=action,
            exists=False,
        )
    _note_version(record, action)
    return record


@audited_reads
def current_version_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> VersionRecord | None:
    """The current published version, or None while nothing is published (the citizen's page
    then says so, rather than answering "not found")."""
    access = _access(actor, citizen_id, object_type="joint_plan_version")
    record = version_record_build(access, number=None, printable=False)
    if record is None:
        access.note(
            action=AuditAction.LIST,
            object_type="joint_plan_version",
            part="versions",
            detail={"shown": 0},
        )
        return None
    _note_version(record, AuditAction.READ)
    return record


def _note_version(record: VersionRecord, action: str) -> None:
    record.access.note(
        action=action,
        object_type="joint_plan_version",
        object_id=record.version.pk,
        part="version",
        detail={"number": record.version.number},
    )


def version_record_build(
    access: CourseAccess, *, number: int | None, printable: bool = False
) -> VersionRecord | None:
    """One published version as the access may see it; None when there is no such version."""
    visible = access.visible
    history = _history(access.course, visible)
    if number is None:
        wanted = history[0] if history else None
    else:
        wanted = next((v for v in history if v.number == number), None)
    if wanted is None:
        return None
    # The list deferred the snapshot; read it for this one version only.
    snapshot = (
        PlanVersion.objects.filter(pk=wanted.pk).values_list("snapshot", flat=True).first() or {}
    )
    shown = frozenset(visible & PRINTABLE_CLASSES if printable else visible)
    return VersionRecord(
        access=access,
        version=wanted,
        snapshot=filtered_snapshot(snapshot, shown),
        history=history,
        visible=shown,
    )


@dataclass
class VersionList:
    access: CourseAccess
    versions: list[PlanVersion]
    revision: int | None

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def course(self) -> Course:
        return self.access.course


@audited_reads
def version_list(*, actor: Actor | None, citizen_id: uuid.UUID) -> VersionList:
    """The published versions of the citizen's current course, newest first; one list event."""
    access = _access(actor, citizen_id, object_type="joint_plan_version", action=AuditAction.LIST)
    versions = _history(access.course, access.visible)
    revision = None
    if can_read_draft(access):
        revision = draft_revision(course=access.course)
    access.note(
        action=AuditAction.LIST,
        object_type="joint_plan_version",
        part="versions",
        detail={"shown": len(versions)},
    )
    return VersionList(access=access, versions=versions, revision=revision)


def draft_revision(*, course: Course) -> int:
    """The draft's revision, for the API's ETag (0 before anything was saved)."""
    return JointPlan.objects.filter(course=course).values_list("revision", flat=True).first() or 0


@dataclass
class CompareRecord:
    citizen: Citizen
    course: Course
    old: PlanVersion
    new: PlanVersion
    comparison: content.Comparison
    history: list[PlanVersion]


@audited_reads
def version_compare(
    *, actor: Actor | None, citizen_id: uuid.UUID, old: int, new: int
) -> CompareRecord:
    """Two published versions side by side, filtered for the reader alike."""
    access = _access(actor, citizen_id, object_type="joint_plan_version")
    visible = access.visible
    history = _history(access.course, visible)
    by_number = {v.number: v for v in history}
    if old not in by_number or new not in by_number:
        raise deny(
            actor=actor,
            object_type="joint_plan_version",
            object_id=f"{citizen_id}:{old}..{new}",
            citizen_id=access.citizen_id,
            exists=False,
        )
    snapshots = dict(
        PlanVersion.objects.filter(pk__in=[by_number[old].pk, by_number[new].pk]).values_list(
            "pk", "snapshot"
        )
    )
    comparison = content.compare_snapshots(
        filtered_snapshot(snapshots[by_number[old].pk], visible),
        filtered_snapshot(snapshots[by_number[new].pk], visible),
    )
    access.note(
        object_type="joint_plan_version",
        object_id=by_number[new].pk,
        part="compare",
        detail={"number": new, "compared_with": old},
    )
    return CompareRecord(
        citizen=access.citizen,
        course=access.course,
        old=by_number[old],
        new=by_number[new],
        comparison=comparison,
        history=history,
    )


# --- Publishing: what a new version would hold, and whether it may be published ------------------


def draft_snapshot(plan: JointPlan) -> tuple[dict, list[content.GoalData], list[content.RampRow]]:
    """Everything the draft holds, every data class: readers are filtered when they read."""
    sections = {s.kind: s.text for s in PlanSection.objects.filter(plan=plan)}
    goals = list(
        Goal.objects.filter(plan=plan)
        .prefetch_related(Prefetch("decisions", Decision.objects.order_by("order", "created_at")))
        .order_by("order", "id")
    )
    ramp = [
        content.RampRow(hours_per_day=r.hours_per_day, days_per_week=r.days_per_week, note=r.note)
        for r in RampStep.objects.filter(plan=plan).order_by("week")
    ]
    goal_rows = [
        {
            "id": g.pk,
            "kind": g.kind,
            "owner_sector": g.owner_sector,
            "text": g.text,
            "target_date": g.target_date,
            "status": g.status,
            "decisions": [{"id": d.pk, "title": d.title} for d in g.decisions.all()],
        }
        for g in goals
    ]
    snapshot = content.build_snapshot(
        review_on=plan.review_on,
        sections=sections,
        goals=goal_rows,
        ramp_start=plan.ramp_start,
        ramp=ramp,
    )
    goal_data = [
        content.GoalData(
            kind=g.kind,
            owner_sector=g.owner_sector,
            text=g.text,
            status=g.status,
            target_date=g.target_date,
        )
        for g in goals
    ]
    return snapshot, goal_data, ramp


@dataclass
class PublishCheck:
    """The version publishing would make, the one the citizen sees now, and why it cannot be
    published yet (empty when it can)."""

    snapshot: dict
    latest: PlanVersion | None
    problems: list[str]

    @property
    def unchanged(self) -> bool:
        return self.latest is not None and content.content_of(
            self.latest.snapshot
        ) == content.content_of(self.snapshot)

    @property
    def next_number(self) -> int:
        return (self.latest.number if self.latest else 0) + 1


def publish_check(*, plan: JointPlan, course: Course, today: dt.date) -> PublishCheck:
    """The one list of reasons a draft is not published: the page that asks for confirmation
    and the service that publishes read it alike."""
    snapshot, goals, ramp = draft_snapshot(plan)
    latest = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    problems: list[str] = []
    if content.is_empty(snapshot):
        problems.append(_("The plan is empty. Write the goals and the plan before publishing."))
    problems += content.ramp_problems(ramp, start=plan.ramp_start, max_weekly=max_weekly_hours())
    problems += content.date_problems(
        today=today,
        first_absence_day=course.first_absence_day,
        review_on=plan.review_on,
        ramp_start=plan.ramp_start,
        goals=goals,
        publishing=True,
    )
    check = PublishCheck(snapshot=snapshot, latest=latest, problems=problems)
    if check.unchanged:
        assert latest is not None
        problems.append(
            _(
                "Nothing has changed since version %(n)d, which the citizen sees now, so there "
                "is nothing new to publish. Change the draft first."
            )
            % {"n": latest.number}
        )
    check.problems = list(dict.fromkeys(problems))
    return check


@dataclass
class PublishPreview:
    """The confirmation before publishing: what changes for the citizen, or why it cannot."""

    record: PlanRecord
    check: PublishCheck | None
    comparison: content.Comparison | None

    @property
    def current(self) -> PlanVersion | None:
        return self.check.latest if self.check else None


EMPTY_SNAPSHOT = content.build_snapshot(
    review_on=None, sections={}, goals=[], ramp_start=None, ramp=[]
)


@audited_reads
def publish_preview(
    *, actor: Actor | None, citizen_id: uuid.UUID, today: dt.date
) -> PublishPreview:
    """The draft as the next version beside the version the citizen sees now, filtered for the
    reader, with every reason it cannot be published yet."""
    access = _draft_access(actor, citizen_id)
    record = plan_record_build(access)
    plan = JointPlan.objects.filter(course=access.course).first()
    check = comparison = None
    if plan is not None:
        check = publish_check(plan=plan, course=access.course, today=today)
        before = check.latest.snapshot if check.latest else EMPTY_SNAPSHOT
        comparison = content.compare_snapshots(
            filtered_snapshot(before, access.visible),
            filtered_snapshot(check.snapshot, access.visible),
        )
    access.note(
        object_type="joint_plan",
        object_id=plan.pk if plan else access.course.pk,
        part="publish_preview",
        detail={"revision": record.revision},
    )
    return PublishPreview(record=record, check=check, comparison=comparison)


def draft_unchanged(plan: JointPlan | None) -> bool:
    """Whether the draft is the version the citizen already sees (nothing to publish)."""
    if plan is None:
        return False
    latest = PlanVersion.objects.filter(plan=plan).order_by("-number").first()
    if latest is None:
        return False
    snapshot, _goals, _ramp = draft_snapshot(plan)
    return content.content_of(latest.snapshot) == content.content_of(snapshot)
