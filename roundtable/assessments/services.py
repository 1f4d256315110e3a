"""Writes of assessments and plans: atomic, checked, audited, and the only place these models
are saved.

Every write addresses the citizen's current course (as the pages and the API do). Bad input
raises ValidationError with every problem found, in words a person can act on, and nothing is
saved. An actor who may not see the citizen gets 404; one who may see the course but not write
this part of it (the other sector, a team leader, a supervisor, the citizen) gets
PermissionDenied. Both refusals are audited, outside the rolled-back transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.assessments.instruments import instrument_name, symptom_score_problems
from roundtable.assessments.models import (
    LIFE_AREA_CLASS,
    Attendance,
    CareSession,
    CareStep,
    Disclosure,
    EmployerContact,
    FunctionalCapacity,
    HealthAssessment,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    LifeArea,
    LifeAreaKind,
    Route,
    SessionKind,
    SessionNote,
    StepStatus,
    SymptomScore,
    TeamProgramme,
    Treatment,
    VocationalAssessment,
    VocationalStep,
)
from roundtable.assessments.policies import AssessmentPolicy
from roundtable.assessments.selectors import IPS_PROFILE_FIELDS, PURPOSE, current_course
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy
from roundtable.core.services import Refused as _Refused
from roundtable.core.services import service
from roundtable.organisations.models import Team

P = ParamSpec("P")
R = TypeVar("R")

# Dates are within ten years of today; anything else is a typing slip (and year 1 cannot be
# stored everywhere).
_REASONABLE = dt.timedelta(days=3653)
MAX_WEEKLY_HOURS = Decimal("80")


def _service(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """One transaction; a refusal is audited after the rollback and answers 404/403."""
    return service(action, purpose=PURPOSE)


def _audit(actor: Actor, action: str, course: Course, object_type: str, object_id: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.ALLOWED,
        object_type=object_type,
        object_id=object_id,
        citizen_id=course.citizen_id,
        purpose=PURPOSE,
    )


def _course(
    actor: Actor | None,
    citizen_id: uuid.UUID,
    object_type: str,
    allowed: Callable[[Actor | None, Course], bool],
    forbidden: str,
) -> Course:
    """The citizen's current course, locked for the write; refused when the actor may not see
    it (404) or may see it but not write this (403)."""
    citizen = CitizenPolicy.queryset(actor).filter(pk=citizen_id).only("id").first()
    course = None
    if citizen is not None:
        course = current_course(list(CoursePolicy.queryset(actor).filter(citizen_id=citizen.pk)))
    if course is None:
        exists = Citizen.objects.filter(pk=citizen_id).exists()
        raise _Refused(
            object_type=object_type,
            object_id=citizen_id,
            citizen_id=citizen_id if exists else None,
        )
    # Serialises writers of one course, so one-per-course records are not created twice.
    course = Course.objects.select_for_update().get(pk=course.pk)
    if not allowed(actor, course):
        raise _Refused(
            object_type=object_type,
            object_id=citizen_id,
            citizen_id=course.citizen_id,
            forbidden=forbidden,
        )
    return course


def _health_course(actor: Actor | None, citizen_id: uuid.UUID, object_type: str) -> Course:
    return _course(
        actor,
        citizen_id,
        object_type,
        AssessmentPolicy.can_write_health,
        _("Only the citizen's care manager writes the mental-health assessment and care plan."),
    )


def _vocational_course(actor: Actor | None, citizen_id: uuid.UUID, object_type: str) -> Course:
    return _course(
        actor,
        citizen_id,
        object_type,
        AssessmentPolicy.can_write_vocational,
        _("Only the citizen's employment consultant writes the vocational assessment and plan."),
    )


def _professional_id(actor: Actor) -> uuid.UUID:
    if actor.professional_id is None:
        raise PermissionDenied(_("Only professionals record this."))
    return actor.professional_id


def _field_meta(model, name: str) -> tuple[int, str]:
    """A text field's length limit and its label."""
    field = model._meta.get_field(name)
    return int(getattr(field, "max_length", None) or 2000), str(
        getattr(field, "verbose_name", name)
    )


def _text(value: str | None) -> str:
    return (value or "").strip()


def _length(problems: list[str], value: str, limit: int, label: str) -> None:
    if len(value) > limit:
        problems.append(
            _("Write %(what)s in at most %(n)d characters.") % {"what": label, "n": limit}
        )


def _date_problems(
    value: dt.date | None,
    label: str,
    *,
    required: bool = True,
    not_future: bool = False,
) -> list[str]:
    if value is None:
        return [_("Give %(what)s.") % {"what": label}] if required else []
    if not isinstance(value, dt.date):
        return [_("Give %(what)s as a date.") % {"what": label}]
    today = timezone.localdate()
    if abs(value - today) > _REASONABLE:
        return [_("Choose %(what)s within ten years from today.") % {"what": label}]
    if not_future and value > today:
        return [_("%(what)s cannot be in the future.") % {"what": label.capitalize()}]
    return []


def _raise(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def _add(actor: Actor, model, course: Course, object_type: str, **fields: Any):
    """Create a record of the course, authored by the actor, and audit it."""
    me = _professional_id(actor)
    record = model.objects.create(course=course, created_by_id=me, updated_by_id=me, **fields)
    _audit(actor, AuditAction.CREATE, course, object_type, record.pk)
    return record


def _change(actor: Actor, record, course: Course, object_type: str, **fields: Any):
    """Update a record of the course, authored by the actor, and audit it."""
    for name, value in fields.items():
        setattr(record, name, value)
    record.updated_by_id = _professional_id(actor)
    record.save()
    _audit(actor, AuditAction.UPDATE, course, object_type, record.pk)
    return record


def _save_one(actor: Actor, model, course: Course, object_type: str, values: dict[str, Any]):
    """Write or update the course's one record of `model` (keyed by the course) and audit it."""
    me = _professional_id(actor)
    record, created = model.objects.update_or_create(
        course=course,
        defaults={**values, "updated_by_id": me},
        create_defaults={**values, "updated_by_id": me, "created_by_id": me},
    )
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    _audit(actor, action, course, object_type, course.pk)
    return record


def _choice(problems: list[str], value: str, choices, label: str) -> None:
    if value not in choices.values:
        problems.append(_("Choose %(what)s from the list.") % {"what": label})


# --- Health -----------------------------------------------------------------------------------


@_service(AuditAction.UPDATE)
def health_assessment_save(
    *, actor: Actor, citizen_id: uuid.UUID, assessed_on: dt.date, summary: str
) -> HealthAssessment:
    """Write or update the mental-health assessment of the citizen's current course."""
    course = _health_course(actor, citizen_id, "health_assessment")
    summary = _text(summary)
    problems = _date_problems(assessed_on, _("the date of the assessment"), not_future=True)
    if not summary:
        problems.append(_("Write the health summary."))
    _length(problems, summary, 8000, _("the health summary"))
    _raise(problems)
    return _save_one(
        actor,
        HealthAssessment,
        course,
        "health_assessment",
        {"assessed_on": assessed_on, "summary": summary},
    )


@_service(AuditAction.UPDATE)
def functional_capacity_save(
    *, actor: Actor, citizen_id: uuid.UUID, summary: str
) -> FunctionalCapacity:
    """Write or update what the citizen can and cannot do at work now, for sharing."""
    course = _health_course(actor, citizen_id, "functional_capacity")
    summary = _text(summary)
    problems: list[str] = []
    if not summary:
        problems.append(_("Write what the citizen can and cannot do at work now."))
    _length(problems, summary, 4000, _("the work capacity summary"))
    _raise(problems)
    return _save_one(actor, FunctionalCapacity, course, "functional_capacity", {"summary": summary})


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
    _length(problems, description, 300, _("what is offered"))
    problems += _date_problems(starts_on, _("the start date"))
    problems += _date_problems(ends_on, _("the end date"), required=False)
    if starts_on and ends_on and not problems and ends_on < starts_on:
        problems.append(_("The step cannot end before it starts."))
    _choice(problems, status, StepStatus, _("the status"))
    if status in (StepStatus.COMPLETED, StepStatus.STOPPED) and ends_on is None:
        problems.append(_("Give the end date of a step that is completed or stopped."))
    return problems, treatment


@_service(AuditAction.CREATE)
def care_step_add(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    treatment_slug: str | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
    status: str = StepStatus.PLANNED,
    description: str = "",
) -> CareStep:
    """Add a step of stepped care, with a treatment from the catalogue of the diagnosis group."""
    course = _health_course(actor, citizen_id, "care_step")
    description = _text(description)
    problems, treatment = _care_step_problems(
        course,
        treatment_slug=treatment_slug,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        description=description,
    )
    _raise(problems)
    assert treatment is not None and starts_on is not None  # checked above
    return _add(
        actor,
        CareStep,
        course,
        "care_step",
        treatment=treatment,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
    )


def _sub_record(model, course: Course, record_id: uuid.UUID, object_type: str):
    """A record of this course; one of another course is refused like a missing one."""
    found = model.objects.select_for_update().filter(pk=record_id, course=course).first()
    if found is None:
        elsewhere = (
            model.objects.filter(pk=record_id).values_list("course__citizen_id", flat=True).first()
        )
        raise _Refused(object_type=object_type, object_id=record_id, citizen_id=elsewhere)
    return found


@_service(AuditAction.UPDATE)
def care_step_update(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    step_id: uuid.UUID,
    treatment_slug: str | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    status: str,
    description: str = "",
) -> CareStep:
    course = _health_course(actor, citizen_id, "care_step")
    step = _sub_record(CareStep, course, step_id, "care_step")
    description = _text(description)
    problems, treatment = _care_step_problems(
        course,
        treatment_slug=treatment_slug,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        description=description,
    )
    _raise(problems)
    assert treatment is not None and starts_on is not None  # checked above
    return _change(
        actor,
        step,
        course,
        "care_step",
        treatment=treatment,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
    )


@_service(AuditAction.CREATE)
def care_session_record(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    held_on: dt.date | None,
    kind: str,
    attendance: str,
    step_id: uuid.UUID | None = None,
    notes: str = "",
) -> CareSession:
    """Record a session with the care manager. Therapy notes are kept encrypted, apart."""
    course = _health_course(actor, citizen_id, "care_session")
    notes = _text(notes)
    problems = _date_problems(held_on, _("the date of the session"), not_future=True)
    _choice(problems, kind, SessionKind, _("the kind of session"))
    _choice(problems, attendance, Attendance, _("whether the citizen came"))
    _length(problems, notes, 20000, _("the therapy notes"))
    step = None
    if step_id is not None:
        step = CareStep.objects.filter(pk=step_id, course=course).first()
        if step is None:
            problems.append(_("Choose a care step of this citizen's care plan."))
    _raise(problems)
    if notes and not AssessmentPolicy.can_write_therapy_notes(actor, course):
        raise _Refused(
            object_type="session_note",
            object_id=citizen_id,
            citizen_id=course.citizen_id,
            forbidden=_("Only the care manager writes therapy notes."),
        )
    assert held_on is not None  # checked above
    session = _add(
        actor,
        CareSession,
        course,
        "care_session",
        step=step,
        held_on=held_on,
        kind=kind,
        attendance=attendance,
    )
    if notes:
        SessionNote.objects.create(session=session, text=notes)
    return session


@_service(AuditAction.CREATE)
def symptom_score_record(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    instrument: str,
    score: Decimal | int | float | str | None,
    measured_on: dt.date | None,
) -> SymptomScore:
    """Record a symptom score. Known instruments (PHQ-9, GAD-7, WSAS, ...) are checked against
    their range; any other instrument takes a score of zero or more."""
    course = _health_course(actor, citizen_id, "symptom_score")
    problems = symptom_score_problems(instrument, score)
    problems += _date_problems(measured_on, _("the date of the score"), not_future=True)
    _raise(problems)
    assert measured_on is not None and score is not None  # checked above
    return _add(
        actor,
        SymptomScore,
        course,
        "symptom_score",
        instrument=instrument_name(instrument),
        score=Decimal(str(score)),
        measured_on=measured_on,
    )


# --- Employment -------------------------------------------------------------------------------


def _hours(value: Decimal | int | float | str | None) -> tuple[Decimal | None, list[str]]:
    try:
        hours = Decimal(str(value)) if value is not None and value != "" else None
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or not hours.is_finite():
        return None, [_("Give the work capacity in hours per week, as a number.")]
    if hours < 0:
        return None, [_("Hours per week cannot be negative.")]
    if hours > MAX_WEEKLY_HOURS:
        return None, [_("Hours per week cannot be more than %(n)s.") % {"n": int(MAX_WEEKLY_HOURS)}]
    if hours != hours.quantize(Decimal("0.1")):
        return None, [_("Give the hours with at most one decimal.")]
    return hours, []


@_service(AuditAction.UPDATE)
def vocational_assessment_save(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    assessed_on: dt.date | None,
    work_capacity_hours: Decimal | int | float | str | None,
    route: str,
    current_job: str = "",
    summary: str = "",
) -> VocationalAssessment:
    """Write or update the vocational assessment: work capacity now, current job, route."""
    course = _vocational_course(actor, citizen_id, "vocational_assessment")
    current_job, summary = _text(current_job), _text(summary)
    problems = _date_problems(assessed_on, _("the date of the assessment"), not_future=True)
    hours, hour_problems = _hours(work_capacity_hours)
    problems += hour_problems
    _choice(problems, route, Route, _("the route back to work"))
    _length(problems, current_job, 200, _("the current job"))
    _length(problems, summary, 8000, _("the assessment"))
    _raise(problems)
    values = {
        "assessed_on": assessed_on,
        "work_capacity_hours": hours,
        "route": route,
        "current_job": current_job,
        "summary": summary,
    }
    return _save_one(actor, VocationalAssessment, course, "vocational_assessment", values)


@_service(AuditAction.UPDATE)
def employer_contact_save(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    employer: str,
    name: str,
    phone: str = "",
    email: str = "",
) -> EmployerContact:
    """Write or update the contact person at the citizen's current employer."""
    course = _course(
        actor,
        citizen_id,
        "employer_contact",
        AssessmentPolicy.can_write_employer_contact,
        _("Only the citizen's employment consultant writes the employer contact."),
    )
    employer, name, phone, email = _text(employer), _text(name), _text(phone), _text(email)
    problems: list[str] = []
    if not employer or not name:
        problems.append(_("Give the employer and the name of the contact person."))
    _length(problems, employer, 200, _("the employer"))
    _length(problems, name, 200, _("the contact person's name"))
    if not phone and not email:
        problems.append(_("Give a phone number or an e-mail address."))
    if phone and (len(phone) > 40 or not all(c.isdigit() or c in "+ -()" for c in phone)):
        problems.append(_("Write the phone number with digits, spaces, +, - and brackets only."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("The e-mail address is not valid."))
    _raise(problems)
    values = {"employer": employer, "name": name, "phone": phone, "email": email}
    return _save_one(actor, EmployerContact, course, "employer_contact", values)


def _vocational_step_problems(text: str, due_on: dt.date | None, status: str) -> list[str]:
    problems: list[str] = []
    if not text:
        problems.append(_("Describe the step."))
    _length(problems, text, 300, _("the step"))
    problems += _date_problems(due_on, _("the due date"))
    _choice(problems, status, StepStatus, _("the status"))
    return problems


@_service(AuditAction.CREATE)
def vocational_step_add(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    text: str,
    due_on: dt.date | None,
    status: str = StepStatus.PLANNED,
) -> VocationalStep:
    course = _vocational_course(actor, citizen_id, "vocational_step")
    text = _text(text)
    _raise(_vocational_step_problems(text, due_on, status))
    assert due_on is not None  # checked above
    return _add(
        actor, VocationalStep, course, "vocational_step", text=text, due_on=due_on, status=status
    )


@_service(AuditAction.UPDATE)
def vocational_step_update(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    step_id: uuid.UUID,
    text: str,
    due_on: dt.date | None,
    status: str,
) -> VocationalStep:
    course = _vocational_course(actor, citizen_id, "vocational_step")
    step = _sub_record(VocationalStep, course, step_id, "vocational_step")
    text = _text(text)
    _raise(_vocational_step_problems(text, due_on, status))
    assert due_on is not None  # checked above
    return _change(actor, step, course, "vocational_step", text=text, due_on=due_on, status=status)


def _ips_course(actor: Actor | None, citizen_id: uuid.UUID, object_type: str) -> Course:
    course = _vocational_course(actor, citizen_id, object_type)
    if not TeamProgramme.objects.filter(team_id=course.team_id, is_ips=True).exists():
        raise ValidationError(_("The IPS career profile and plan are for IPS teams only."))
    return course


@_service(AuditAction.UPDATE)
def ips_career_profile_save(
    *, actor: Actor, citizen_id: uuid.UUID, **fields: str
) -> IpsCareerProfile:
    """Write or update the IPS career profile (reference/instruments.md §7)."""
    unknown = set(fields) - set(IPS_PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown career profile fields: {sorted(unknown)}")
    course = _ips_course(actor, citizen_id, "ips_profile")
    values = {name: _text(fields.get(name)) for name in IPS_PROFILE_FIELDS}
    problems: list[str] = []
    if not values["work_goal"]:
        problems.append(_("Write the person's work goal or life dream."))
    for name in IPS_PROFILE_FIELDS:
        limit, label = _field_meta(IpsCareerProfile, name)
        _length(problems, values[name], limit, label)
    _raise(problems)
    return _save_one(actor, IpsCareerProfile, course, "ips_profile", values)


@_service(AuditAction.UPDATE)
def ips_job_search_plan_save(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    job_goals: str,
    review_on: dt.date | None,
    target_employers: str = "",
    weekly_employer_contacts: int = 0,
    disclosure: str = Disclosure.UNDECIDED,
    disclosure_script: str = "",
    benefits_planning_referred_on: dt.date | None = None,
    supports_needed: str = "",
    responsibilities: str = "",
) -> IpsJobSearchPlan:
    """Write or update the IPS job-search plan (reference/instruments.md §7)."""
    course = _ips_course(actor, citizen_id, "ips_plan")
    texts = {
        "job_goals": _text(job_goals),
        "target_employers": _text(target_employers),
        "disclosure_script": _text(disclosure_script),
        "supports_needed": _text(supports_needed),
        "responsibilities": _text(responsibilities),
    }
    problems: list[str] = []
    if not texts["job_goals"]:
        problems.append(_("Write the job goals and preferred settings."))
    for name, value in texts.items():
        limit, label = _field_meta(IpsJobSearchPlan, name)
        _length(problems, value, limit, label)
    if not isinstance(weekly_employer_contacts, int) or not 0 <= weekly_employer_contacts <= 50:
        problems.append(_("Plan between 0 and 50 employer contacts a week."))
    _choice(problems, disclosure, Disclosure, _("the disclosure decision"))
    problems += _date_problems(review_on, _("the review date"))
    problems += _date_problems(
        benefits_planning_referred_on, _("the benefits-planning referral date"), required=False
    )
    _raise(problems)
    values = {
        **texts,
        "review_on": review_on,
        "weekly_employer_contacts": weekly_employer_contacts,
        "disclosure": disclosure,
        "benefits_planning_referred_on": benefits_planning_referred_on,
    }
    return _save_one(actor, IpsJobSearchPlan, course, "ips_plan", values)


@_service(AuditAction.CREATE)
def ips_planned_contact_add(
    *, actor: Actor, citizen_id: uuid.UUID, planned_on: dt.date | None, employer: str
) -> IpsPlannedContact:
    """Plan an employer contact of the job-search plan."""
    course = _ips_course(actor, citizen_id, "ips_planned_contact")
    plan = IpsJobSearchPlan.objects.filter(course=course).first()
    employer = _text(employer)
    problems: list[str] = []
    if plan is None:
        problems.append(_("Write the job-search plan first."))
    if not employer:
        problems.append(_("Name the employer to contact."))
    _length(problems, employer, 200, _("the employer"))
    problems += _date_problems(planned_on, _("the date of the contact"))
    _raise(problems)
    assert plan is not None and planned_on is not None  # checked above
    contact = IpsPlannedContact.objects.create(plan=plan, planned_on=planned_on, employer=employer)
    _audit(actor, AuditAction.CREATE, course, "ips_planned_contact", contact.pk)
    return contact


@_service(AuditAction.UPDATE)
def ips_planned_contact_done(
    *, actor: Actor, citizen_id: uuid.UUID, contact_id: uuid.UUID, done: bool = True
) -> IpsPlannedContact:
    course = _ips_course(actor, citizen_id, "ips_planned_contact")
    contact = IpsPlannedContact.objects.filter(pk=contact_id, plan__course=course).first()
    if contact is None:
        elsewhere = (
            IpsPlannedContact.objects.filter(pk=contact_id)
            .values_list("plan__course__citizen_id", flat=True)
            .first()
        )
        raise _Refused(
            object_type="ips_planned_contact", object_id=contact_id, citizen_id=elsewhere
        )
    contact.done = done
    contact.save(update_fields=["done"])
    _audit(actor, AuditAction.UPDATE, course, "ips_planned_contact", contact.pk)
    return contact


# --- The life-situation mapping ---------------------------------------------------------------


@dataclass(frozen=True)
class LifeAreaData:
    situation: str = ""
    resources: str = ""
    wishes: str = ""


def _mapping_course(actor: Actor | None, citizen_id: uuid.UUID) -> Course:
    return _course(
        actor,
        citizen_id,
        "life_situation",
        lambda a, c: bool(AssessmentPolicy.mapping_classes(a, c)),
        _("Only the citizen's care manager and employment consultant write the mapping."),
    )


@_service(AuditAction.UPDATE)
def life_areas_save(
    *,
    actor: Actor,
    citizen_id: uuid.UUID,
    areas: Mapping[str, LifeAreaData],
    filled_with_citizen: bool = False,
    filled_on: dt.date | None = None,
) -> list[LifeArea]:
    """Write the situation, resources and wishes of some life areas, each only if the writer
    may read its data class. Filled in with the citizen: the date says when."""
    course = _mapping_course(actor, citizen_id)
    allowed = AssessmentPolicy.mapping_classes(actor, course)
    problems: list[str] = []
    for area in areas:
        if area not in LifeAreaKind.values:
            problems.append(_("There is no life area called %(area)s.") % {"area": area})
        elif LIFE_AREA_CLASS[area] not in allowed:
            raise _Refused(
                object_type="life_area",
                object_id=citizen_id,
                citizen_id=course.citizen_id,
                forbidden=_("You may not write the life area '%(area)s'.")
                % {"area": LifeAreaKind(area).label},
            )
    if not areas:
        problems.append(_("Fill in at least one life area."))
    for area, data in areas.items():
        if area not in LifeAreaKind.values:
            continue
        label = str(LifeAreaKind(area).label)
        for value in (data.situation, data.resources, data.wishes):
            _length(problems, _text(value), 4000, label)
    if filled_with_citizen:
        problems += _date_problems(
            filled_on, _("the day it was filled in with the citizen"), not_future=True
        )
    elif filled_on is not None:
        problems.append(_("Give a date only when the mapping was filled in with the citizen."))
    _raise(problems)
    me = _professional_id(actor)
    saved = []
    for area, data in areas.items():
        life_area, created = LifeArea.objects.update_or_create(
            course=course,
            area=area,
            defaults={
                "situation": _text(data.situation),
                "resources": _text(data.resources),
                "wishes": _text(data.wishes),
                "filled_with_citizen": filled_with_citizen,
                "filled_on": filled_on if filled_with_citizen else None,
                "updated_by_id": me,
                "data_class": LIFE_AREA_CLASS[area],
            },
        )
        _audit(
            actor,
            AuditAction.CREATE if created else AuditAction.UPDATE,
            course,
            "life_area",
            life_area.pk,
        )
        saved.append(life_area)
    return saved


@_service(AuditAction.UPDATE)
def life_area_wishes_save(*, actor: Actor, wishes: Mapping[str, str]) -> list[LifeArea]:
    """The citizen writes their own wishes per life area, on their current course."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    course = _course(
        actor,
        actor.citizen_id,
        "life_area",
        AssessmentPolicy.can_add_citizen_wishes,
        _("Only you can write your own wishes."),
    )
    problems: list[str] = []
    for area, text in wishes.items():
        if area not in LifeAreaKind.values:
            problems.append(_("There is no life area called %(area)s.") % {"area": area})
        else:
            _length(problems, _text(text), 4000, str(LifeAreaKind(area).label))
    _raise(problems)
    stored = {a.area: a for a in LifeArea.objects.filter(course=course, area__in=list(wishes))}
    saved = []
    for area, text in wishes.items():
        existing = stored.get(area)
        if existing is None and not _text(text):
            continue
        if existing is None:
            existing = LifeArea(course=course, area=area, data_class=LIFE_AREA_CLASS[area])
        elif existing.citizen_wishes == _text(text):
            continue
        existing.citizen_wishes = _text(text)
        existing.save()
        _audit(actor, AuditAction.UPDATE, course, "life_area", existing.pk)
        saved.append(existing)
    return saved


# --- Configuration (no personal data) ---------------------------------------------------------


@transaction.atomic
def team_programme_set(
    *, team_id: uuid.UUID, is_ips: bool, session_budget: int | None = None
) -> TeamProgramme:
    """Set a team's programme: IPS or not, and its session budget (None: the default)."""
    if session_budget is not None and not 1 <= session_budget <= 200:
        raise ValidationError(_("The session budget is between 1 and 200 sessions."))
    team = Team.objects.get(pk=team_id)
    programme, _created = TeamProgramme.objects.update_or_create(
        team=team, defaults={"is_ips": is_ips, "session_budget": session_budget}
    )
    return programme
