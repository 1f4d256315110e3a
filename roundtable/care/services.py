"""Writes of the care manager's records: atomic, checked, audited, and the only place these
models are saved.

Every write addresses the citizen's current course (as the pages and the API do). Bad input
raises ValidationError with every problem found, in words a person can act on, and nothing is
saved. An actor who may not see the citizen gets 404; one who may see the course but not write
this part of it (the employment side, a team leader, a supervisor, the citizen) gets
PermissionDenied. Both refusals are audited, outside the rolled-back transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.care.instruments import instrument_name, symptom_score_problems
from roundtable.care.models import (
    Attendance,
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
    SessionKind,
    SessionNote,
    StepStatus,
    SymptomScore,
    Treatment,
)
from roundtable.care.policies import WRITES_HEALTH, CarePolicy
from roundtable.care.selectors import PURPOSE
from roundtable.citizens.authored import authored_create, authored_save_one, authored_update
from roundtable.citizens.gate import course_write_access, record_owner
from roundtable.citizens.models import Course
from roundtable.core.directory_link import directory_service_problems
from roundtable.core.problems import (
    check_choice,
    check_length,
    date_problems,
    raise_problems,
    stripped,
)
from roundtable.core.services import Refused, service


@service(AuditAction.UPDATE, purpose=PURPOSE)
def health_assessment_save(
    *, actor: Actor | None, citizen_id: uuid.UUID, assessed_on: dt.date, summary: str
) -> HealthAssessment:
    """Write or update the mental-health assessment of the citizen's current course."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="health_assessment",
        citizen_id=citizen_id,
        require=WRITES_HEALTH,
    )
    summary = stripped(summary)
    problems = date_problems(assessed_on, _("the date of the assessment"), not_future=True)
    if not summary:
        problems.append(_("Write the health summary."))
    check_length(problems, summary, 8000, _("the health summary"))
    raise_problems(problems)
    return authored_save_one(
        access,
        HealthAssessment,
        "health_assessment",
        {"assessed_on": assessed_on, "summary": summary},
    )


@service(AuditAction.UPDATE, purpose=PURPOSE)
def functional_capacity_save(
    *, actor: Actor | None, citizen_id: uuid.UUID, summary: str
) -> FunctionalCapacity:
    """Write or update what the citizen can and cannot do at work now, for sharing."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="functional_capacity",
        citizen_id=citizen_id,
        require=WRITES_HEALTH,
    )
    summary = stripped(summary)
    problems: list[str] = []
    if not summary:
        problems.append(_("Write what the citizen can and cannot do at work now."))
    check_length(problems, summary, 4000, _("the work capacity summary"))
    raise_problems(problems)
    return authored_save_one(
        access, FunctionalCapacity, "functional_capacity", {"summary": summary}
    )


def _care_step_problems(
    course: Course,
    *,
    treatment_slug: str | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    status: str,
    description: str,
) -> tuple[list[str], Treatment | None]:
    problems: list[str] = []
    treatment = None
    if not treatment_slug:
        problems.append(_("Choose the treatment offered."))
    else:
        treatment = Treatment.objects.filter(
            diagnosis_group=course.diagnosis_group, slug=treatment_slug, active=True
        ).first()
        if treatment is None:
            problems.append(
                _("Choose a treatment from the catalogue for the citizen's diagnosis group.")
            )
    if treatment is not None and treatment.kind == "other" and not description:
        problems.append(_("Say what is offered when the treatment is 'Other'."))
    check_length(problems, description, 300, _("what is offered"))
    problems += date_problems(starts_on, _("the start date"))
    problems += date_problems(ends_on, _("the end date"), required=False)
    if starts_on and ends_on and not problems and ends_on < starts_on:
        problems.append(_("The step cannot end before it starts."))
    check_choice(problems, status, StepStatus, _("the status"))
    if status in (StepStatus.COMPLETED, StepStatus.STOPPED) and ends_on is None:
        problems.append(_("Give the end date of a step that is completed or stopped."))
    return problems, treatment


@service(AuditAction.CREATE, purpose=PURPOSE)
def care_step_add(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    treatment_slug: str | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
    status: str = StepStatus.PLANNED,
    description: str = "",
    service_id: uuid.UUID | None = None,
) -> CareStep:
    """Add a step of stepped care, with a treatment from the catalogue of the diagnosis group,
    and the service from the directory that gives it, if any."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="care_step",
        citizen_id=citizen_id,
        require=WRITES_HEALTH,
    )
    course = access.course
    description = stripped(description)
    problems, treatment = _care_step_problems(
        course,
        treatment_slug=treatment_slug,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        description=description,
    )
    by_field, service_row = directory_service_problems(CareStep, service_id)
    raise_problems(problems, by_field=by_field)
    assert treatment is not None and starts_on is not None  # checked above
    return authored_create(
        access,
        CareStep,
        "care_step",
        treatment=treatment,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        service=service_row,
    )


@service(AuditAction.UPDATE, purpose=PURPOSE)
def care_step_update(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    step_id: uuid.UUID,
    treatment_slug: str | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    status: str,
    description: str = "",
    service_id: uuid.UUID | None = None,
) -> CareStep:
    """Change a step of stepped care; `service_id` None leaves it without a service."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="care_step",
        citizen_id=citizen_id,
        require=WRITES_HEALTH,
    )
    course = access.course
    step = CareStep.objects.select_for_update().filter(pk=step_id, course=course).first()
    if step is None:
        # A step of another course is refused like a missing one.
        owner = record_owner(CareStep, step_id)
        raise Refused(
            object_type="care_step", object_id=step_id, citizen_id=owner[1] if owner else None
        )
    description = stripped(description)
    problems, treatment = _care_step_problems(
        course,
        treatment_slug=treatment_slug,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        description=description,
    )
    by_field, service_row = directory_service_problems(CareStep, service_id)
    raise_problems(problems, by_field=by_field)
    assert treatment is not None and starts_on is not None  # checked above
    return authored_update(
        access,
        step,
        "care_step",
        treatment=treatment,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        service=service_row,
    )


@service(AuditAction.CREATE, purpose=PURPOSE)
def care_session_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    held_on: dt.date | None,
    kind: str,
    attendance: str,
    step_id: uuid.UUID | None = None,
    notes: str = "",
) -> CareSession:
    """Record a session with the care manager. Therapy notes are kept encrypted, apart."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="care_session",
        citizen_id=citizen_id,
        require=WRITES_HEALTH,
    )
    course = access.course
    notes = stripped(notes)
    problems = date_problems(held_on, _("the date of the session"), not_future=True)
    check_choice(problems, kind, SessionKind, _("the kind of session"))
    check_choice(problems, attendance, Attendance, _("whether the citizen came"))
    check_length(problems, notes, 20000, _("the therapy notes"))
    step = None
    if step_id is not None:
        step = CareStep.objects.filter(pk=step_id, course=course).first()
        if step is None:
            problems.append(_("Choose a care step of this citizen's care plan."))
    raise_problems(problems)
    if notes and not CarePolicy.can_write_therapy_notes(access):
        raise Refused(
            object_type="session_note",
            object_id=citizen_id,
            citizen_id=course.citizen_id,
            forbidden=_("Only the care manager writes therapy notes."),
        )
    assert held_on is not None  # checked above
    session = authored_create(
        access,
        CareSession,
        "care_session",
        step=step,
        held_on=held_on,
        kind=kind,
        attendance=attendance,
    )
    if notes:
        SessionNote.objects.create(session=session, text=notes)
    return session


@service(AuditAction.CREATE, purpose=PURPOSE)
def symptom_score_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    instrument: str,
    score: Decimal | int | float | str | None,
    measured_on: dt.date | None,
) -> SymptomScore:
    """Record a symptom score. Known instruments (PHQ-9, GAD-7, WSAS, ...) are checked against
    their range; any other instrument takes a score of zero or more."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="symptom_score",
        citizen_id=citizen_id,
        require=WRITES_HEALTH,
    )
    problems = symptom_score_problems(instrument, score)
    problems += date_problems(measured_on, _("the date of the score"), not_future=True)
    raise_problems(problems)
    assert measured_on is not None and score is not None  # checked above
    return authored_create(
        access,
        SymptomScore,
        "symptom_score",
        instrument=instrument_name(instrument),
        score=Decimal(str(score)),
        measured_on=measured_on,
    )
