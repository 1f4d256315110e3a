"""Reads of assessments and plans. Each function checks the course policy, filters every record
by the data classes the reader may see, and writes the audit event itself; a citizen or course
the reader may not see answers 404, like a missing one."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.assessments.instruments import scale_maximum
from roundtable.assessments.models import (
    CareSession,
    CareStep,
    EmployerContact,
    FunctionalCapacity,
    HealthAssessment,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    LifeArea,
    LifeAreaKind,
    SessionNote,
    SymptomScore,
    TeamProgramme,
    Treatment,
    VocationalAssessment,
    VocationalStep,
    default_session_budget,
)
from roundtable.assessments.policies import AssessmentPolicy, readable_classes, readable_classes_of
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy
from roundtable.citizens.selectors import current_course  # noqa: F401 (re-exported)
from roundtable.core import charts
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read

PURPOSE = "assessments"
IPS_PROFILE_FIELDS = (
    "work_goal",
    "short_term_goal",
    "education",
    "licences",
    "work_history",
    "job_preferences",
    "transport",
    "strengths_interests",
    "symptoms_coping",
    "medication_side_effects",
    "substance_use",
    "physical_health",
    "legal_history",
    "benefits_income",
    "family_social_contacts",
    "disclosure_preference",
    "reasons_for_working",
    "barriers_supports",
    "sources",
)
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
            object_type="assessments",
            object_id=citizen_id,
            citizen_id=citizen_id if exists else None,
            action=action,
        )
    return citizen, course


def session_budget(course: Course) -> int:
    programme = TeamProgramme.objects.filter(team_id=course.team_id).first()
    return programme.budget if programme else default_session_budget()


def is_ips_team(team_id: uuid.UUID) -> bool:
    return TeamProgramme.objects.filter(team_id=team_id, is_ips=True).exists()


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


@dataclass(frozen=True)
class LifeAreaRow:
    """A life area as shown: the stored row, or an empty one not filled in yet."""

    area: str
    label: str
    data_class: str
    record: LifeArea | None

    @property
    def class_label(self) -> str:
        return str(DataClass(self.data_class).label)


@dataclass
class AssessmentRecord:
    citizen: Citizen
    course: Course
    classes: frozenset[str]
    is_ips: bool
    budget: Budget | None
    health: HealthAssessment | None = None
    capacity: FunctionalCapacity | None = None
    care_steps: list[CareStep] = field(default_factory=list)
    sessions: list[CareSession] = field(default_factory=list)
    notes: dict[uuid.UUID, str] = field(default_factory=dict)
    symptoms: list[SymptomScore] = field(default_factory=list)
    vocational: VocationalAssessment | None = None
    employer_contact: EmployerContact | None = None
    vocational_steps: list[VocationalStep] = field(default_factory=list)
    ips_profile: IpsCareerProfile | None = None
    ips_plan: IpsJobSearchPlan | None = None
    ips_contacts: list[IpsPlannedContact] = field(default_factory=list)
    life_areas: list[LifeAreaRow] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)
    can_write_health: bool = False
    can_write_notes: bool = False
    can_write_vocational: bool = False
    can_write_contact: bool = False
    mapping_classes: frozenset[str] = frozenset()
    can_add_wishes: bool = False

    def sees(self, data_class: str) -> bool:
        return data_class in self.classes

    @property
    def class_labels(self) -> dict[str, str]:
        """Each data class's name, for the label on each section."""
        return {str(value): str(label) for value, label in DataClass.choices}

    @property
    def session_rows(self) -> list[tuple[CareSession, str | None]]:
        """Each session with its therapy note, when the reader may read notes."""
        return [(s, self.notes.get(s.pk)) for s in self.sessions]

    @property
    def ips_profile_items(self) -> list[tuple[str, str]]:
        if self.ips_profile is None:
            return []
        return [
            (str(getattr(IpsCareerProfile._meta.get_field(name), "verbose_name", name)), value)
            for name in IPS_PROFILE_FIELDS
            if (value := getattr(self.ips_profile, name))
        ]

    @property
    def show_health(self) -> bool:
        return self.sees(DataClass.HEALTH_SUMMARY)

    @property
    def show_capacity(self) -> bool:
        return self.sees(DataClass.FUNCTIONAL_CAPACITY)

    @property
    def show_notes(self) -> bool:
        return self.sees(DataClass.THERAPY_DETAIL)

    @property
    def show_vocational(self) -> bool:
        return self.sees(DataClass.VOCATIONAL)

    @property
    def show_contact(self) -> bool:
        return self.sees(DataClass.CONTACT_DETAILS)

    @property
    def show_ips(self) -> bool:
        return self.is_ips and self.show_vocational

    @property
    def can_write_mapping(self) -> bool:
        return bool(self.mapping_classes & {r.data_class for r in self.life_areas})

    @property
    def mapping_filled_with_citizen_on(self) -> dt.date | None:
        days = [
            r.record.filled_on
            for r in self.life_areas
            if r.record is not None and r.record.filled_with_citizen and r.record.filled_on
        ]
        return max(days) if days else None

    @property
    def sections(self) -> list[str]:
        names = []
        if self.show_health:
            names.append("health")
        if self.show_capacity:
            names.append("functional_capacity")
        if self.show_vocational:
            names.append("vocational")
        if self.show_contact:
            names.append("employer_contact")
        if self.life_areas:
            names.append("life_situation")
        return names

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


def _life_area_rows(course: Course, classes: frozenset[str]) -> list[LifeAreaRow]:
    from roundtable.assessments.models import LIFE_AREA_CLASS

    visible_areas = [a for a in LifeAreaKind if LIFE_AREA_CLASS[a] in classes]
    if not visible_areas:
        return []
    stored = {
        a.area: a
        for a in LifeArea.objects.filter(
            course=course, area__in=visible_areas, data_class__in=classes
        )
    }
    return [
        LifeAreaRow(
            area=str(a.value),
            label=str(a.label),
            data_class=LIFE_AREA_CLASS[a],
            record=stored.get(a.value),
        )
        for a in visible_areas
    ]


def _load(actor: Actor | None, citizen: Citizen, course: Course) -> AssessmentRecord:
    classes = readable_classes(actor, course)
    can_health = AssessmentPolicy.can_write_health(actor, course, classes)
    programme = TeamProgramme.objects.filter(team_id=course.team_id).first()
    record = AssessmentRecord(
        citizen=citizen,
        course=course,
        classes=classes,
        is_ips=bool(programme and programme.is_ips),
        budget=None,
        can_write_health=can_health,
        can_write_notes=AssessmentPolicy.can_write_therapy_notes(actor, course, classes),
        can_write_vocational=AssessmentPolicy.can_write_vocational(actor, course, classes),
        can_write_contact=AssessmentPolicy.can_write_employer_contact(actor, course, classes),
        mapping_classes=AssessmentPolicy.mapping_classes(actor, course, classes),
        can_add_wishes=AssessmentPolicy.can_add_citizen_wishes(actor, course),
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
        budget = programme.budget if programme else default_session_budget()
        record.budget = Budget(budget=budget, used=sum(1 for s in record.sessions if s.uses_budget))
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
    if DataClass.VOCATIONAL in classes:
        record.vocational = VocationalAssessment.objects.filter(
            course=course, data_class__in=classes
        ).first()
        record.vocational_steps = list(
            VocationalStep.objects.filter(course=course, data_class__in=classes).order_by(
                "due_on", "created_at"
            )
        )
        if record.is_ips:
            record.ips_profile = IpsCareerProfile.objects.filter(
                course=course, data_class__in=classes
            ).first()
            record.ips_plan = IpsJobSearchPlan.objects.filter(
                course=course, data_class__in=classes
            ).first()
            if record.ips_plan is not None:
                record.ips_contacts = list(
                    IpsPlannedContact.objects.filter(
                        plan=record.ips_plan, data_class__in=classes
                    ).order_by("planned_on", "employer")
                )
    if DataClass.CONTACT_DETAILS in classes:
        record.employer_contact = EmployerContact.objects.filter(
            course=course, data_class__in=classes
        ).first()
    record.life_areas = _life_area_rows(course, classes)
    return record


def assessment_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> AssessmentRecord:
    """The assessments and plans of the citizen's current course, as far as the actor may read
    them; one audited read event naming the sections shown (never their content)."""
    citizen, course = citizen_course_get(actor=actor, citizen_id=citizen_id)
    record = _load(actor, citizen, course)
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="assessments",
        object_id=course.pk,
        citizen_id=citizen.pk,
        purpose=PURPOSE,
        detail={"sections": record.sections},
    )
    return record


def my_assessment_get(*, actor: Actor | None) -> AssessmentRecord:
    """The citizen's own assessments (their portal page). Only a citizen gets through."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    return assessment_get(actor=actor, citizen_id=actor.citizen_id)


def _deny_sub(
    actor: Actor | None, record: AssessmentRecord, model, object_type: str, object_id
) -> Http404:
    """A sub-record addressed through another citizen's page is refused like a missing one."""
    elsewhere = (
        model.objects.filter(pk=object_id).values_list("course__citizen_id", flat=True).first()
    )
    return deny(actor=actor, object_type=object_type, object_id=object_id, citizen_id=elsewhere)


def care_step_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, step_id: uuid.UUID
) -> tuple[AssessmentRecord, CareStep]:
    record = assessment_get(actor=actor, citizen_id=citizen_id)
    step = next((s for s in record.care_steps if s.pk == step_id), None)
    if step is None:
        raise _deny_sub(actor, record, CareStep, "care_step", step_id)
    return record, step


def vocational_step_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, step_id: uuid.UUID
) -> tuple[AssessmentRecord, VocationalStep]:
    record = assessment_get(actor=actor, citizen_id=citizen_id)
    step = next((s for s in record.vocational_steps if s.pk == step_id), None)
    if step is None:
        raise _deny_sub(actor, record, VocationalStep, "vocational_step", step_id)
    return record, step


# --- For other apps: the citizen page's timeline, and what employment staff may be shown ------


def functional_capacity_summary(access: CourseAccess) -> str | None:
    """The current functional-capacity summary, shown to employment staff in place of the
    diagnosis when the citizen shares it; noted as a part of the page that shows it."""
    if not access.may_read(DataClass.FUNCTIONAL_CAPACITY):
        return None
    summary = (
        FunctionalCapacity.objects.filter(
            course=access.course, data_class__in=readable_classes_of(access)
        )
        .values_list("summary", flat=True)
        .first()
    )
    if summary is not None:
        access.note(object_type="functional_capacity", object_id=access.course.pk, part="capacity")
    return summary
