"""Reads of the joint plan. Each function checks access through the policies, filters by the
reader's data classes (roundtable.consent.access) and writes the audit event itself; forbidden
and missing answer the same 404."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import visible_data_classes
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.meetings.models import (
    Decision,
    DecisionOption,
    DecisionStatus,
    Meeting,
    MeetingStatus,
)
from roundtable.meetings.selectors import current_course
from roundtable.plans import content
from roundtable.plans.models import (
    SECTION_DATA_CLASS,
    Goal,
    JointPlan,
    OwnerSector,
    PlanResponse,
    PlanSection,
    PlanVersion,
    RampStep,
    SectionKind,
)
from roundtable.plans.nudges import MeetingFacts, Nudge, plan_nudges
from roundtable.plans.policies import JointPlanPolicy, PlanVersionPolicy

PURPOSE = "joint_plan"
COURSE_RELATED = ("citizen", "team", "care_manager__user", "employment_consultant__user")
# What the citizen's printout may hold: never therapy detail or the care manager's section.
PRINTABLE_CLASSES = frozenset({DataClass.JOINT_PLAN, DataClass.VOCATIONAL})


def max_weekly_hours() -> Decimal:
    """The most hours a week a return-to-work plan may ask for (legal or agreed maximum)."""
    return Decimal(str(getattr(settings, "ROUNDTABLE_MAX_WEEKLY_HOURS", 37)))


# Audit a refused or missing read; the 404 hides which one it was.
deny = functools.partial(refused_read, purpose=PURPOSE)


def _audit(actor: Actor | None, action: str, citizen_id, object_type: str, object_id, **detail):
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.ALLOWED,
        object_type=object_type,
        object_id=object_id,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        detail=detail or None,
    )


def course_for(
    actor: Actor | None,
    citizen_id: uuid.UUID,
    *,
    object_type: str = "joint_plan",
    action: str = AuditAction.READ,
    for_update: bool = False,
) -> Course:
    """The citizen's current course among those the actor may see (as the citizen page shows
    it); 404, audited, when there is none."""
    courses = CoursePolicy.queryset(actor).filter(citizen_id=citizen_id)
    if for_update:
        courses = courses.select_for_update(of=("self",))
    found = list(courses.select_related(*COURSE_RELATED).defer("citizen__national_id"))
    course = current_course(found)
    if course is None:
        exists = Citizen.objects.filter(pk=citizen_id).exists()
        raise deny(
            actor=actor,
            object_type=object_type,
            object_id=citizen_id,
            citizen_id=citizen_id if exists else None,
            action=action,
        )
    return course


# --- The draft -----------------------------------------------------------------------------------


@dataclass
class PlanRecord:
    """The working draft as one reader may see it."""

    citizen: Citizen
    course: Course
    plan: JointPlan | None
    visible: frozenset[str]
    sections: dict[str, str]
    goals: list[Goal]
    ramp: list[RampStep]
    versions: list[PlanVersion]
    can_edit: bool
    nudges: list[Nudge] = field(default_factory=list)
    meeting: Meeting | None = None

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


def _nudges(actor: Actor | None, plan: JointPlan | None, goals: list[Goal]) -> list[Nudge]:
    shared = [g for g in goals if g.owner_sector == OwnerSector.SHARED]
    texts = [g.text_normalised for g in shared if g.text_normalised]
    copies = 0
    if plan is not None and texts:
        # Only among the plans this reader may see: a count of plans out of scope would leak
        # how many people another team has (SECURITY.md 7). Copying is a habit of one desk,
        # so the reader's own caseload is where it shows. One indexed query.
        copies = (
            Goal.objects.filter(
                owner_sector=OwnerSector.SHARED,
                text_normalised__in=texts,
                plan__in=JointPlanPolicy.queryset(actor),
            )
            .exclude(plan_id=plan.pk)
            .values("plan_id")
            .distinct()
            .count()
        )
    meeting = _meeting_facts(plan.meeting_id) if plan and plan.meeting_id else None
    return plan_nudges(
        shared_goal_texts=[g.text for g in shared],
        plans_with_same_shared_goal=copies,
        review_on=plan.review_on if plan else None,
        meeting=meeting,
    )


def plan_get(*, actor: Actor | None, citizen_id: uuid.UUID, with_nudges: bool = True) -> PlanRecord:
    """The draft of the citizen's current course for a professional who may see it; the
    citizen and everyone else get 404 (audited)."""
    course = course_for(actor, citizen_id)
    if not JointPlanPolicy.can_read_draft(actor, course):
        raise deny(
            actor=actor, object_type="joint_plan", object_id=citizen_id, citizen_id=citizen_id
        )
    visible = visible_data_classes(actor, course)
    plan = (
        JointPlan.objects.filter(course=course, data_class__in=visible)
        .select_related("meeting")
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
        if DataClass.MEETING_MINUTES in visible:
            goal_rows = goal_rows.prefetch_related(
                Prefetch("decisions", Decision.objects.order_by("order", "created_at"))
            )
        goals = list(goal_rows)
        if DataClass.MEETING_MINUTES not in visible:
            for goal in goals:
                goal.visible_decisions = []  # type: ignore[attr-defined]
        else:
            for goal in goals:
                goal.visible_decisions = list(goal.decisions.all())  # type: ignore[attr-defined]
        ramp = list(RampStep.objects.filter(plan=plan, data_class__in=visible).order_by("week"))
    record = PlanRecord(
        citizen=course.citizen,
        course=course,
        plan=plan,
        visible=visible,
        sections=sections,
        goals=goals,
        ramp=ramp,
        versions=_history(course, visible),
        can_edit=JointPlanPolicy.can_edit(actor, course),
        meeting=plan.meeting if plan else None,
    )
    if with_nudges:
        record.nudges = _nudges(actor, plan, goals)
    _audit(
        actor,
        AuditAction.READ,
        course.citizen_id,
        "joint_plan",
        plan.pk if plan else course.pk,
        revision=record.revision,
    )
    return record


@dataclass(frozen=True)
class DecisionChoice:
    id: uuid.UUID
    title: str
    outcome: str
    meeting_id: uuid.UUID
    meeting_date: Any


def decision_choices(*, actor: Actor | None, course: Course) -> list[DecisionChoice]:
    """The decisions made at the course's held meetings, newest meeting first: what a goal can
    link to. Left out when the reader may not see meeting minutes and decisions."""
    if DataClass.MEETING_MINUTES not in visible_data_classes(actor, course):
        return []
    rows = (
        Decision.objects.filter(
            meeting__course=course,
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


def plan_meeting_get(*, actor: Actor | None, course: Course, meeting_id: uuid.UUID) -> Meeting:
    """A held meeting of this course, to make or adjust the plan from; anything else 404."""
    meeting = (
        Meeting.objects.filter(pk=meeting_id, course=course, status=MeetingStatus.HELD)
        .only("id", "starts_at", "status", "course_id")
        .first()
    )
    if meeting is None:
        elsewhere = (
            Meeting.objects.filter(pk=meeting_id).values_list("course__citizen_id", flat=True)
        ).first()
        raise deny(actor=actor, object_type="meeting", object_id=meeting_id, citizen_id=elsewhere)
    return meeting


# --- Published versions ---------------------------------------------------------------------------


@dataclass
class VersionRecord:
    citizen: Citizen
    course: Course
    version: PlanVersion
    snapshot: dict
    history: list[PlanVersion]
    can_respond: bool
    visible: frozenset[str]

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
    record = _version(actor=actor, citizen_id=citizen_id, number=number, printable=printable)
    if record is None:
        raise Http404()
    return record


def current_version_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> VersionRecord | None:
    """The current published version, or None while nothing is published (the citizen's page
    then says so, rather than answering "not found")."""
    return _version(actor=actor, citizen_id=citizen_id, number=None, printable=False, quiet=True)


def _version(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    number: int | None,
    printable: bool,
    quiet: bool = False,
) -> VersionRecord | None:
    action = AuditAction.PRINT if printable else AuditAction.READ
    course = course_for(actor, citizen_id, object_type="joint_plan_version", action=action)
    visible = visible_data_classes(actor, course)
    history = _history(course, visible)
    if number is None:
        wanted = history[0] if history else None
    else:
        wanted = next((v for v in history if v.number == number), None)
    if wanted is None and quiet:
        audit_record(
            actor=actor,
            action=AuditAction.LIST,
            outcome=AuditOutcome.ALLOWED,
            object_type="joint_plan_version",
            citizen_id=course.citizen_id,
            purpose=PURPOSE,
            detail={"shown": 0},
        )
        return None
    if wanted is None:
        raise deny(
            actor=actor,
            object_type="joint_plan_version",
            object_id=f"{citizen_id}:{number or 'current'}",
            citizen_id=course.citizen_id,
            action=action,
            exists=False,
        )
    # The list deferred the snapshot; read it for this one version only.
    snapshot = (
        PlanVersion.objects.filter(pk=wanted.pk).values_list("snapshot", flat=True).first() or {}
    )
    shown = frozenset(visible & PRINTABLE_CLASSES if printable else visible)
    record = VersionRecord(
        citizen=course.citizen,
        course=course,
        version=wanted,
        snapshot=filtered_snapshot(snapshot, shown),
        history=history,
        can_respond=PlanVersionPolicy.can_respond(actor, course),
        visible=shown,
    )
    _audit(actor, action, course.citizen_id, "joint_plan_version", wanted.pk, number=wanted.number)
    return record


@dataclass
class VersionList:
    citizen: Citizen
    course: Course
    versions: list[PlanVersion]
    revision: int | None


def version_list(*, actor: Actor | None, citizen_id: uuid.UUID) -> VersionList:
    """The published versions of the citizen's current course, newest first; one list event."""
    course = course_for(
        actor, citizen_id, object_type="joint_plan_version", action=AuditAction.LIST
    )
    visible = visible_data_classes(actor, course)
    versions = _history(course, visible)
    revision = None
    if JointPlanPolicy.can_read_draft(actor, course):
        revision = (
            JointPlan.objects.filter(course=course).values_list("revision", flat=True).first()
        )
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="joint_plan_version",
        citizen_id=course.citizen_id,
        purpose=PURPOSE,
        detail={"shown": len(versions)},
    )
    return VersionList(citizen=course.citizen, course=course, versions=versions, revision=revision)


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


def version_compare(
    *, actor: Actor | None, citizen_id: uuid.UUID, old: int, new: int
) -> CompareRecord:
    """Two published versions side by side, filtered for the reader alike."""
    course = course_for(actor, citizen_id, object_type="joint_plan_version")
    visible = visible_data_classes(actor, course)
    history = _history(course, visible)
    by_number = {v.number: v for v in history}
    if old not in by_number or new not in by_number:
        raise deny(
            actor=actor,
            object_type="joint_plan_version",
            object_id=f"{citizen_id}:{old}..{new}",
            citizen_id=course.citizen_id,
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
    _audit(
        actor,
        AuditAction.READ,
        course.citizen_id,
        "joint_plan_version",
        by_number[new].pk,
        compared_with=old,
    )
    return CompareRecord(
        citizen=course.citizen,
        course=course,
        old=by_number[old],
        new=by_number[new],
        comparison=comparison,
        history=history,
    )


def draft_etag_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> int:
    """The draft's revision for a professional who may read the draft (the API's ETag); the
    citizen and everyone else get 404, audited."""
    course = course_for(actor, citizen_id)
    if not JointPlanPolicy.can_read_draft(actor, course):
        raise deny(
            actor=actor, object_type="joint_plan", object_id=citizen_id, citizen_id=citizen_id
        )
    revision = draft_revision(course=course)
    _audit(
        actor, AuditAction.READ, course.citizen_id, "joint_plan_etag", course.pk, revision=revision
    )
    return revision
