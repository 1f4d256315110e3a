"""Reads of the care manager's records. Each function checks the course policy, filters every
record by the data classes the reader may see, and writes the audit event itself; a citizen or
course the reader may not see answers 404, like a missing one.

`care_record_load` is the exception: it reads for a caller that has already checked the course
and audits what it shows (the assessments overview, which shows this part beside the others).
"""

from __future__ import annotations

import functools
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.care.instruments import scale_maximum
from roundtable.care.models import (
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
    SessionNote,
    SymptomScore,
    Treatment,
)
from roundtable.care.policies import CarePolicy, readable_classes
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy
from roundtable.citizens.selectors import current_course
from roundtable.core import charts
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.organisations.selectors import session_budget

# The purpose in the audit events, as before these records had an app of their own.
PURPOSE = "assessments"
COURSE_RELATED = ("team", "care_manager__user", "employment_consultant__user")

# Audit a refused or missing read; the 404 hides which one it was.
deny = functools.partial(refused_read, purpose=PURPOSE)


def citizen_course_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, action: str = AuditAction.READ
) -> tuple[Citizen, Course]:
    """The citizen and the current course the actor may see; 404 (audited) otherwise. Not
    audited when found: the caller audits what it reads or writes."""
    citizen = CitizenPolicy.queryset(actor).filter(pk=citizen_id).defer("national_id").first()
    course = None
    if citizen is not None:
        course = current_course(
            list(
                CoursePolicy.queryset(actor)
                .filter(citizen_id=citizen.pk)
                .select_related(*COURSE_RELATED)
            )
        )
    if citizen is None or course is None:
        exists = Citizen.objects.filter(pk=citizen_id).exists()
        raise deny(
            actor=actor,
            object_type="care",
            object_id=citizen_id,
            citizen_id=citizen_id if exists else None,
            action=action,
        )
    return citizen, course


@dataclass(frozen=True)
class Budget:
    """Sessions used (attended or missed without cancelling) against the programme's budget."""

    budget: int
    used: int

    @property
    def remaining(self) -> int:
        return max(0, self.budget - self.used)

    @property
    def state(self) -> str:
        if self.used > self.budget:
            return "over"
        if self.used == self.budget:
            return "used_up"
        if self.remaining <= max(1, self.budget // 5):
            return "nearly"
        return "ok"

    @property
    def warning(self) -> str:
        if self.state == "over":
            return _(
                "%(used)d sessions are used: more than the programme's %(budget)d. Extra "
                "sessions are outside the programme's frame."
            ) % {"used": self.used, "budget": self.budget}
        if self.state == "used_up":
            return _("All %(budget)d sessions of the programme are used.") % {"budget": self.budget}
        if self.state == "nearly":
            return _("Only %(remaining)d of %(budget)d sessions are left.") % {
                "remaining": self.remaining,
                "budget": self.budget,
            }
        return ""


@dataclass
class CareRecord:
    """The care manager's records of one course, as far as the reader may read them."""

    citizen: Citizen
    course: Course
    classes: frozenset[str]
    budget: Budget | None = None
    health: HealthAssessment | None = None
    capacity: FunctionalCapacity | None = None
    care_steps: list[CareStep] = field(default_factory=list)
    sessions: list[CareSession] = field(default_factory=list)
    notes: dict[uuid.UUID, str] = field(default_factory=dict)
    symptoms: list[SymptomScore] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)
    can_write_health: bool = False
    can_write_notes: bool = False

    @property
    def show_health(self) -> bool:
        return DataClass.HEALTH_SUMMARY in self.classes

    @property
    def show_capacity(self) -> bool:
        return DataClass.FUNCTIONAL_CAPACITY in self.classes

    @property
    def show_notes(self) -> bool:
        return DataClass.THERAPY_DETAIL in self.classes

    @property
    def sections(self) -> list[str]:
        """The names of the sections shown, for the audit event (never their content)."""
        names = []
        if self.show_health:
            names.append("health")
        if self.show_capacity:
            names.append("functional_capacity")
        return names

    @property
    def session_rows(self) -> list[tuple[CareSession, str | None]]:
        """Each session with its therapy note, when the reader may read notes."""
        return [(s, self.notes.get(s.pk)) for s in self.sessions]

    @property
    def symptom_series(self) -> dict[str, list[SymptomScore]]:
        series: dict[str, list[SymptomScore]] = defaultdict(list)
        for score in self.symptoms:
            series[score.instrument].append(score)
        return dict(series)

    @property
    def symptom_chart(self) -> str | None:
        """An SVG data: URI of the scores over time, one line per instrument (the same figures
        are in the table below it). None until some instrument has two scores."""
        series = self.symptom_series
        if not any(len(points) >= 2 for points in series.values()):
            return None
        maxima = [scale_maximum(name) for name in series]
        known = [m for m in maxima if m is not None]
        y_max = max(known) if known and len(known) == len(maxima) else None
        return charts.line_chart(
            [
                charts.Series(name, [(s.measured_on, float(s.score)) for s in scores])
                for name, scores in sorted(series.items())
            ],
            y_label=_("Score"),
            y_max=float(y_max) if y_max is not None else None,
        )


def care_record_load(
    *, actor: Actor | None, citizen: Citizen, course: Course, classes: frozenset[str]
) -> CareRecord:
    """The care records of a course the caller has checked, filtered by `classes` (the actor's
    readable classes of it). Not audited: the caller audits what it shows."""
    can_health = CarePolicy.can_write_health(actor, course, classes)
    record = CareRecord(
        citizen=citizen,
        course=course,
        classes=classes,
        can_write_health=can_health,
        can_write_notes=CarePolicy.can_write_therapy_notes(actor, course, classes),
    )
    if DataClass.HEALTH_SUMMARY in classes:
        record.health = HealthAssessment.objects.filter(
            course=course, data_class__in=classes
        ).first()
        record.care_steps = list(
            CareStep.objects.filter(course=course, data_class__in=classes)
            .select_related("treatment")
            .order_by("starts_on", "created_at")
        )
        record.sessions = list(
            CareSession.objects.filter(course=course, data_class__in=classes)
            .select_related("step__treatment")
            .order_by("held_on", "created_at")
        )
        record.symptoms = list(
            SymptomScore.objects.filter(course=course, data_class__in=classes).order_by(
                "measured_on", "created_at"
            )
        )
        record.budget = Budget(
            budget=session_budget(team_id=course.team_id),
            used=sum(1 for s in record.sessions if s.uses_budget),
        )
        if DataClass.THERAPY_DETAIL in classes and record.sessions:
            record.notes = dict(
                SessionNote.objects.filter(
                    session__course=course, data_class__in=classes
                ).values_list("session_id", "text")
            )
        if can_health:
            record.treatments = list(
                Treatment.objects.filter(
                    diagnosis_group=course.diagnosis_group, active=True
                ).order_by("level", "order", "slug")
            )
    if DataClass.FUNCTIONAL_CAPACITY in classes:
        record.capacity = FunctionalCapacity.objects.filter(
            course=course, data_class__in=classes
        ).first()
    return record


def care_record_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> CareRecord:
    """The care records of the citizen's current course, as far as the actor may read them;
    one audited read event naming the sections shown (never their content)."""
    citizen, course = citizen_course_get(actor=actor, citizen_id=citizen_id)
    classes = readable_classes(actor, course)
    record = care_record_load(actor=actor, citizen=citizen, course=course, classes=classes)
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="care",
        object_id=course.pk,
        citizen_id=citizen.pk,
        purpose=PURPOSE,
        detail={"sections": record.sections},
    )
    return record


def care_step_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, step_id: uuid.UUID
) -> tuple[CareRecord, CareStep]:
    """A care step of the citizen's current course; one of another course is refused like a
    missing one (audited, with the citizen it belongs to)."""
    record = care_record_get(actor=actor, citizen_id=citizen_id)
    step = next((s for s in record.care_steps if s.pk == step_id), None)
    if step is None:
        elsewhere = (
            CareStep.objects.filter(pk=step_id).values_list("course__citizen_id", flat=True).first()
        )
        raise deny(actor=actor, object_type="care_step", object_id=step_id, citizen_id=elsewhere)
    return record, step


# --- For other apps: what employment staff may be shown in place of the diagnosis -----------


def functional_capacity_for_course(actor: Actor | None, course: Course) -> str | None:
    """The current functional-capacity summary, if the actor may see that class of this course
    (shown to employment staff in place of the diagnosis). Audited when something is shown."""
    if not CoursePolicy.allows(actor, course):
        return None
    classes = readable_classes(actor, course)
    if DataClass.FUNCTIONAL_CAPACITY not in classes:
        return None
    capacity = FunctionalCapacity.objects.filter(course=course, data_class__in=classes).first()
    if capacity is None:
        return None
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="functional_capacity",
        object_id=course.pk,
        citizen_id=course.citizen_id,
        purpose=PURPOSE,
    )
    return capacity.summary
