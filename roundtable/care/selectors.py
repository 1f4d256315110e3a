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

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roundtable.accounts.actor import Actor
from roundtable.audit.scope import audited_reads
from roundtable.care.instruments import known_instrument
from roundtable.care.models import (
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
    SessionNote,
    SymptomScore,
    Treatment,
)
from roundtable.care.policies import CarePolicy, readable_classes_of
from roundtable.citizens.gate import CourseAccess, course_access, record_owner
from roundtable.citizens.models import Citizen, Course
from roundtable.core import charts
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.organisations.selectors import session_budget

# The purpose in the audit events, as before these records had an app of their own.
PURPOSE = "assessments"

# Audit a refused or missing read; the 404 hides which one it was.
deny = functools.partial(refused_read, purpose=PURPOSE)


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
            return ngettext(
                "%(used)d session is used: more than the programme's %(budget)d. Extra "
                "sessions are outside the programme's frame.",
                "%(used)d sessions are used: more than the programme's %(budget)d. Extra "
                "sessions are outside the programme's frame.",
                self.used,
            ) % {"used": self.used, "budget": self.budget}
        if self.state == "used_up":
            return ngettext(
                "The programme's %(budget)d session is used.",
                "All %(budget)d sessions of the programme are used.",
                self.budget,
            ) % {"budget": self.budget}
        if self.state == "nearly":
            return ngettext(
                "Only %(remaining)d of %(budget)d sessions is left.",
                "Only %(remaining)d of %(budget)d sessions are left.",
                self.remaining,
            ) % {"remaining": self.remaining, "budget": self.budget}
        return ""


@dataclass
class CareRecord:
    """The care manager's records of one course, as far as the reader may read them."""

    access: CourseAccess
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
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def course(self) -> Course:
        return self.access.course

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
    def symptom_rows(self) -> list[tuple[SymptomScore, str]]:
        """Each score with its band in words ("moderate"), empty for an instrument without."""
        rows = []
        for score in self.symptoms:
            known = known_instrument(score.instrument)
            band = known.band_of(float(score.score)) if known else None
            rows.append((score, str(band.label) if band else ""))
        return rows

    @property
    def symptom_chart(self) -> charts.Chart | None:
        """An SVG of the scores over time: one panel per instrument on its own scale, shaded by
        the instrument's published bands (the same figures are in the table below it). None
        until some instrument has two scores."""
        series = self.symptom_series
        if not any(len(points) >= 2 for points in series.values()):
            return None
        return charts.panels_chart(
            [symptom_panel(name, scores) for name, scores in sorted(series.items())],
            x_ticks=charts.date_ticks(
                [s.measured_on for s in self.symptoms],
                lambda day: date_format(day, "DATE_FORMAT"),
            ),
        )


def symptom_panel(name: str, scores: list[SymptomScore]) -> charts.Panel:
    """One instrument's panel: its whole range, its bands, and which way is better."""
    known = known_instrument(name)
    points = tuple((s.measured_on, float(s.score)) for s in scores)
    if known is None:
        return charts.Panel(name, points, 0.0, None)
    better = (
        _("%(name)s, %(topic)s: a higher score is better") if known.higher_is_better
        else _("%(name)s, %(topic)s: a lower score is better")
    ) % {"name": known.name, "topic": known.topic}  # fmt: skip
    bands = tuple(
        charts.Band(b.low, b.high + 1 if b.high < known.maximum else b.high, str(b.label), b.level)
        for b in known.bands
    )
    return charts.Panel(better, points, float(known.minimum), float(known.maximum), bands)


def care_record_load(access: CourseAccess) -> CareRecord:
    """The care records of a course as the gate decided them. Not noted: the caller notes
    what it shows (the care page, or the assessments overview beside the other parts)."""
    course, classes = access.course, readable_classes_of(access)
    can_health = CarePolicy.can_write_health(access)
    record = CareRecord(
        access=access,
        classes=classes,
        can_write_health=can_health,
        can_write_notes=CarePolicy.can_write_therapy_notes(access),
    )
    if DataClass.HEALTH_SUMMARY in classes:
        record.health = HealthAssessment.objects.filter(
            course=course, data_class__in=classes
        ).first()
        record.care_steps = list(
            CareStep.objects.filter(course=course, data_class__in=classes)
            .select_related("treatment", "service__organization")
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


@audited_reads
def care_record_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> CareRecord:
    """The care records of the citizen's current course, as far as the actor may read them;
    one audited read naming the sections shown (never their content)."""
    access = course_access(
        actor=actor, citizen_id=citizen_id, purpose=PURPOSE, object_type="care", note=False
    )
    record = care_record_load(access)
    access.note(
        object_type="care",
        object_id=access.course.pk,
        part="care",
        detail={"sections": record.sections},
    )
    return record


@audited_reads
def care_step_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, step_id: uuid.UUID
) -> tuple[CareRecord, CareStep]:
    """A care step of the citizen's current course; one of another course is refused like a
    missing one (audited, with the citizen it belongs to)."""
    record = care_record_get(actor=actor, citizen_id=citizen_id)
    step = next((s for s in record.care_steps if s.pk == step_id), None)
    if step is None:
        owner = record_owner(CareStep, step_id)
        raise deny(
            actor=actor,
            object_type="care_step",
            object_id=step_id,
            citizen_id=owner[1] if owner else None,
        )
    return record, step


# --- For other apps: what employment staff may be shown in place of the diagnosis -----------


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
