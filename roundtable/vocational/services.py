"""Writes of the employment consultant's records: atomic, checked, audited, and the only place
these models are saved.

Every write addresses the citizen's current course (as the pages do). Bad input raises
ValidationError with every problem found, in words a person can act on, and nothing is saved.
An actor who may not see the citizen gets 404; one who may see the course but not write this
part of it (the health side, a team leader, a supervisor, the citizen) gets PermissionDenied.
Both refusals are audited, outside the rolled-back transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.citizens.authored import authored_create, authored_save_one, authored_update
from roundtable.citizens.gate import CourseAccess, course_write_access, record_owner
from roundtable.core.problems import (
    check_choice,
    check_length,
    date_problems,
    raise_problems,
    stripped,
)
from roundtable.core.services import Refused, service
from roundtable.organisations.selectors import is_ips_team
from roundtable.vocational.models import (
    IPS_PROFILE_FIELDS,
    Disclosure,
    EmployerContact,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    Route,
    StepStatus,
    VocationalAssessment,
    VocationalStep,
    ips_profile_fields,
)
from roundtable.vocational.policies import WRITES_EMPLOYER_CONTACT, WRITES_VOCATIONAL
from roundtable.vocational.selectors import PURPOSE

MAX_WEEKLY_HOURS = Decimal("80")


def _ips_course(actor: Actor | None, citizen_id: uuid.UUID, object_type: str) -> CourseAccess:
    """The course of an IPS team, for the IPS career profile and plan."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type=object_type,
        citizen_id=citizen_id,
        require=WRITES_VOCATIONAL,
    )
    if not is_ips_team(team_id=access.course.team_id):
        raise ValidationError(_("The IPS career profile and plan are for IPS teams only."))
    return access


def _field_meta(model, name: str) -> tuple[int, str]:
    """A text field's length limit and its label."""
    field = model._meta.get_field(name)
    return int(getattr(field, "max_length", None) or 2000), str(
        getattr(field, "verbose_name", name)
    )


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


@service(AuditAction.UPDATE, purpose=PURPOSE)
def vocational_assessment_save(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    assessed_on: dt.date | None,
    work_capacity_hours: Decimal | int | float | str | None,
    route: str,
    current_job: str = "",
    summary: str = "",
) -> VocationalAssessment:
    """Write or update the vocational assessment: work capacity now, current job, route."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="vocational_assessment",
        citizen_id=citizen_id,
        require=WRITES_VOCATIONAL,
    )
    current_job, summary = stripped(current_job), stripped(summary)
    problems = date_problems(assessed_on, _("the date of the assessment"), not_future=True)
    hours, hour_problems = _hours(work_capacity_hours)
    problems += hour_problems
    check_choice(problems, route, Route, _("the route back to work"))
    check_length(problems, current_job, 200, _("the current job"))
    check_length(problems, summary, 8000, _("the assessment"))
    raise_problems(problems)
    values = {
        "assessed_on": assessed_on,
        "work_capacity_hours": hours,
        "route": route,
        "current_job": current_job,
        "summary": summary,
    }
    return authored_save_one(access, VocationalAssessment, "vocational_assessment", values)


@service(AuditAction.UPDATE, purpose=PURPOSE)
def employer_contact_save(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    employer: str,
    name: str,
    phone: str = "",
    email: str = "",
) -> EmployerContact:
    """Write or update the contact person at the citizen's current employer."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="employer_contact",
        citizen_id=citizen_id,
        require=WRITES_EMPLOYER_CONTACT,
    )
    employer, name = stripped(employer), stripped(name)
    phone, email = stripped(phone), stripped(email)
    problems: list[str] = []
    if not employer or not name:
        problems.append(_("Give the employer and the name of the contact person."))
    check_length(problems, employer, 200, _("the employer"))
    check_length(problems, name, 200, _("the contact person's name"))
    if not phone and not email:
        problems.append(_("Give a phone number or an e-mail address."))
    if phone and (len(phone) > 40 or not all(c.isdigit() or c in "+ -()" for c in phone)):
        problems.append(_("Write the phone number with digits, spaces, +, - and brackets only."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("The e-mail address is not valid."))
    raise_problems(problems)
    values = {"employer": employer, "name": name, "phone": phone, "email": email}
    return authored_save_one(access, EmployerContact, "employer_contact", values)


def _vocational_step_problems(text: str, due_on: dt.date | None, status: str) -> list[str]:
    problems: list[str] = []
    if not text:
        problems.append(_("Describe the step."))
    check_length(problems, text, 300, _("the step"))
    problems += date_problems(due_on, _("the due date"))
    check_choice(problems, status, StepStatus, _("the status"))
    return problems


@service(AuditAction.CREATE, purpose=PURPOSE)
def vocational_step_add(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    text: str,
    due_on: dt.date | None,
    status: str = StepStatus.PLANNED,
) -> VocationalStep:
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="vocational_step",
        citizen_id=citizen_id,
        require=WRITES_VOCATIONAL,
    )
    text = stripped(text)
    raise_problems(_vocational_step_problems(text, due_on, status))
    assert due_on is not None  # checked above
    return authored_create(
        access, VocationalStep, "vocational_step", text=text, due_on=due_on, status=status
    )


@service(AuditAction.UPDATE, purpose=PURPOSE)
def vocational_step_update(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    step_id: uuid.UUID,
    text: str,
    due_on: dt.date | None,
    status: str,
) -> VocationalStep:
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="vocational_step",
        citizen_id=citizen_id,
        require=WRITES_VOCATIONAL,
    )
    course = access.course
    step = VocationalStep.objects.select_for_update().filter(pk=step_id, course=course).first()
    if step is None:
        # A step of another course is refused like a missing one.
        owner = record_owner(VocationalStep, step_id)
        raise Refused(
            object_type="vocational_step", object_id=step_id, citizen_id=owner[1] if owner else None
        )
    text = stripped(text)
    raise_problems(_vocational_step_problems(text, due_on, status))
    assert due_on is not None  # checked above
    return authored_update(access, step, "vocational_step", text=text, due_on=due_on, status=status)


@service(AuditAction.UPDATE, purpose=PURPOSE)
def ips_career_profile_save(
    *, actor: Actor | None, citizen_id: uuid.UUID, **fields: str
) -> IpsCareerProfile:
    """Write or update the IPS career profile (reference/instruments.md §7)."""
    unknown = set(fields) - set(IPS_PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown career profile fields: {sorted(unknown)}")
    access = _ips_course(actor, citizen_id, "ips_profile")
    # A field of a class the writer may not read (medication, substance use, health) keeps
    # what is stored: it was never shown to them, so it is not theirs to change.
    writable = set(ips_profile_fields(access.visible))
    stored = IpsCareerProfile.objects.filter(course=access.course).first()
    values = {
        name: (
            stripped(fields.get(name))
            if name in writable
            else (getattr(stored, name) if stored else "")
        )
        for name in IPS_PROFILE_FIELDS
    }
    problems: list[str] = []
    if not values["work_goal"]:
        problems.append(_("Write the person's work goal or life dream."))
    for name in IPS_PROFILE_FIELDS:
        limit, label = _field_meta(IpsCareerProfile, name)
        check_length(problems, values[name], limit, label)
    raise_problems(problems)
    return authored_save_one(access, IpsCareerProfile, "ips_profile", values)


@service(AuditAction.UPDATE, purpose=PURPOSE)
def ips_job_search_plan_save(
    *,
    actor: Actor | None,
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
    access = _ips_course(actor, citizen_id, "ips_plan")
    texts = {
        "job_goals": stripped(job_goals),
        "target_employers": stripped(target_employers),
        "disclosure_script": stripped(disclosure_script),
        "supports_needed": stripped(supports_needed),
        "responsibilities": stripped(responsibilities),
    }
    problems: list[str] = []
    if not texts["job_goals"]:
        problems.append(_("Write the job goals and preferred settings."))
    for name, value in texts.items():
        limit, label = _field_meta(IpsJobSearchPlan, name)
        check_length(problems, value, limit, label)
    if not isinstance(weekly_employer_contacts, int) or not 0 <= weekly_employer_contacts <= 50:
        problems.append(_("Plan between 0 and 50 employer contacts a week."))
    check_choice(problems, disclosure, Disclosure, _("the disclosure decision"))
    problems += date_problems(review_on, _("the review date"))
    problems += date_problems(
        benefits_planning_referred_on, _("the benefits-planning referral date"), required=False
    )
    raise_problems(problems)
    values = {
        **texts,
        "review_on": review_on,
        "weekly_employer_contacts": weekly_employer_contacts,
        "disclosure": disclosure,
        "benefits_planning_referred_on": benefits_planning_referred_on,
    }
    return authored_save_one(access, IpsJobSearchPlan, "ips_plan", values)


@service(AuditAction.CREATE, purpose=PURPOSE)
def ips_planned_contact_add(
    *, actor: Actor | None, citizen_id: uuid.UUID, planned_on: dt.date | None, employer: str
) -> IpsPlannedContact:
    """Plan an employer contact of the job-search plan."""
    access = _ips_course(actor, citizen_id, "ips_planned_contact")
    course = access.course
    plan = IpsJobSearchPlan.objects.filter(course=course).first()
    employer = stripped(employer)
    problems: list[str] = []
    if plan is None:
        problems.append(_("Write the job-search plan first."))
    if not employer:
        problems.append(_("Name the employer to contact."))
    check_length(problems, employer, 200, _("the employer"))
    problems += date_problems(planned_on, _("the date of the contact"))
    raise_problems(problems)
    assert plan is not None and planned_on is not None  # checked above
    contact = IpsPlannedContact.objects.create(plan=plan, planned_on=planned_on, employer=employer)
    access.audit(action=AuditAction.CREATE, object_type="ips_planned_contact", object_id=contact.pk)
    return contact


@service(AuditAction.UPDATE, purpose=PURPOSE)
def ips_planned_contact_done(
    *, actor: Actor | None, citizen_id: uuid.UUID, contact_id: uuid.UUID, done: bool = True
) -> IpsPlannedContact:
    access = _ips_course(actor, citizen_id, "ips_planned_contact")
    course = access.course
    contact = IpsPlannedContact.objects.filter(pk=contact_id, plan__course=course).first()
    if contact is None:
        # A contact of another course is refused like a missing one.
        owner = record_owner(IpsPlannedContact, contact_id, course_path="plan__course")
        raise Refused(
            object_type="ips_planned_contact",
            object_id=contact_id,
            citizen_id=owner[1] if owner else None,
        )
    contact.done = done
    contact.save(update_fields=["done"])
    access.audit(action=AuditAction.UPDATE, object_type="ips_planned_contact", object_id=contact.pk)
    return contact
