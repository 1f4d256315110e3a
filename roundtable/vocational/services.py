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
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.authored import authored_create, authored_save_one, authored_update
from roundtable.citizens.gate import CourseAccess, course_write_access, record_owner
from roundtable.consent.access import current_directive_facts, employer_disclosure_permits
from roundtable.core.data_classes import DataClass
from roundtable.core.directory_link import directory_service_problems
from roundtable.core.problems import (
    check_choice,
    check_length,
    date_problems,
    raise_problems,
    stripped,
)
from roundtable.core.services import Refused, service
from roundtable.organisations.models import EMPLOYMENT_COURSE_ROLES, Role, Team
from roundtable.organisations.selectors import is_ips_team
from roundtable.outcomes.models import EmploymentTerms, HistoryKind, WorkHistoryEntry
from roundtable.outcomes.selectors import work_history_get
from roundtable.outcomes.services import HistoryData, work_history_record
from roundtable.vocational.models import (
    DISCLOSURE_CLASS,
    IPS_PROFILE_FIELDS,
    BenefitsCounselling,
    ContactAboutPerson,
    ContactMode,
    ContactPurpose,
    Disclosure,
    DisclosureCategory,
    DisclosureEntry,
    Employer,
    EmployerContact,
    FollowAlongContact,
    FollowAlongKind,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    JobDevelopmentContact,
    JobStart,
    Route,
    StepStatus,
    ToldBy,
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
    service_id: uuid.UUID | None = None,
) -> VocationalStep:
    """Add a step of the vocational plan, with the service from the directory that helps with
    it, if any."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="vocational_step",
        citizen_id=citizen_id,
        require=WRITES_VOCATIONAL,
    )
    text = stripped(text)
    by_field, service_row = directory_service_problems(VocationalStep, service_id)
    raise_problems(_vocational_step_problems(text, due_on, status), by_field=by_field)
    assert due_on is not None  # checked above
    return authored_create(
        access,
        VocationalStep,
        "vocational_step",
        text=text,
        due_on=due_on,
        status=status,
        service=service_row,
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
    service_id: uuid.UUID | None = None,
) -> VocationalStep:
    """Change a step of the vocational plan; `service_id` None leaves it without a service."""
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
    by_field, service_row = directory_service_problems(VocationalStep, service_id)
    raise_problems(_vocational_step_problems(text, due_on, status), by_field=by_field)
    assert due_on is not None  # checked above
    return authored_update(
        access,
        step,
        "vocational_step",
        text=text,
        due_on=due_on,
        status=status,
        service=service_row,
    )


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


# --- IPS job development and follow-along (issue 12 §2) -------------------------------------

REGISTER_ROLES = frozenset(EMPLOYMENT_COURSE_ROLES | {Role.TEAM_LEADER})
REGISTER_ONLY = _(
    "Only the team's employment specialists and its team leader keep the employer register."
)


def _register_team(actor: Actor | None, team_id: uuid.UUID, object_type: str) -> Team:
    """The team whose register the actor keeps: 404 for another team, 403 for a member who
    does not keep it."""
    team = Team.objects.filter(pk=team_id).first()
    if (
        team is None
        or actor is None
        or actor.professional_id is None
        or team.pk not in actor.team_ids
    ):
        raise Refused(object_type=object_type, object_id=team_id, citizen_id=None, exists=False)
    if actor.role not in REGISTER_ROLES:
        raise Refused(
            object_type=object_type,
            object_id=team_id,
            citizen_id=None,
            exists=True,
            forbidden=str(REGISTER_ONLY),
        )
    return team


def _team_audit(actor: Actor, action: str, object_type: str, object_id: uuid.UUID) -> None:
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.ALLOWED,
        object_type=object_type,
        object_id=object_id,
        purpose=PURPOSE,
    )


def _phone_email_problems(phone: str, email: str) -> list[str]:
    problems: list[str] = []
    if phone and (len(phone) > 40 or not all(c.isdigit() or c in "+ -()" for c in phone)):
        problems.append(_("Write the phone number with digits, spaces, +, - and brackets only."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("The e-mail address is not valid."))
    return problems


def _employer_values(
    name: str, industry: str, contact_name: str, phone: str, email: str, notes: str
) -> tuple[dict[str, str], list[str]]:
    values = {
        "name": stripped(name),
        "industry": stripped(industry),
        "contact_name": stripped(contact_name),
        "phone": stripped(phone),
        "email": stripped(email),
        "notes": stripped(notes),
    }
    problems: list[str] = []
    if not values["name"]:
        problems.append(_("Name the employer."))
    for key, limit, label in (
        ("name", 200, _("the employer")),
        ("industry", 200, _("the sector or industry")),
        ("contact_name", 200, _("the contact person's name")),
        ("notes", 2000, _("the notes")),
    ):
        check_length(problems, values[key], limit, label)
    problems += _phone_email_problems(values["phone"], values["email"])
    return values, problems


@service(AuditAction.CREATE, purpose=PURPOSE)
def employer_create(
    *,
    actor: Actor | None,
    team_id: uuid.UUID,
    name: str,
    industry: str = "",
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
) -> Employer:
    """Add an employer to the team's register."""
    team = _register_team(actor, team_id, "employer")
    assert actor is not None
    values, problems = _employer_values(name, industry, contact_name, phone, email, notes)
    if values["name"] and Employer.objects.filter(team=team, name__iexact=values["name"]).exists():
        problems.append(_("This employer is already in the register."))
    raise_problems(problems)
    me = actor.professional_id
    assert me is not None  # checked by _register_team
    employer = Employer.objects.create(team=team, created_by_id=me, updated_by_id=me, **values)
    _team_audit(actor, AuditAction.CREATE, "employer", employer.pk)
    return employer


@service(AuditAction.UPDATE, purpose=PURPOSE)
def employer_update(
    *,
    actor: Actor | None,
    team_id: uuid.UUID,
    employer_id: uuid.UUID,
    name: str,
    industry: str = "",
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    notes: str = "",
) -> Employer:
    """Change an employer of the team's register."""
    team = _register_team(actor, team_id, "employer")
    assert actor is not None
    employer = Employer.objects.select_for_update().filter(pk=employer_id, team=team).first()
    if employer is None:
        raise Refused(object_type="employer", object_id=employer_id, citizen_id=None, exists=False)
    values, problems = _employer_values(name, industry, contact_name, phone, email, notes)
    clash = Employer.objects.filter(team=team, name__iexact=values["name"]).exclude(pk=employer.pk)
    if values["name"] and clash.exists():
        problems.append(_("This employer is already in the register."))
    raise_problems(problems)
    for key, value in values.items():
        setattr(employer, key, value)
    assert actor.professional_id is not None  # checked by _register_team
    employer.updated_by_id = actor.professional_id
    employer.save()
    _team_audit(actor, AuditAction.UPDATE, "employer", employer.pk)
    return employer


def _employer_of(team_id: uuid.UUID, employer_id: uuid.UUID | None, problems: list[str]):
    employer = (
        Employer.objects.filter(pk=employer_id, team_id=team_id).first() if employer_id else None
    )
    if employer is None:
        problems.append(_("Choose the employer from the team's register."))
    return employer


@service(AuditAction.CREATE, purpose=PURPOSE)
def job_development_contact_record(
    *,
    actor: Actor | None,
    team_id: uuid.UUID,
    employer_id: uuid.UUID | None,
    contacted_on: dt.date | None,
    mode: str,
    purpose: str,
    citizen_id: uuid.UUID | None = None,
    note: str = "",
) -> JobDevelopmentContact:
    """Log an employer contact of the actor (an employment specialist). About a person when
    `citizen_id` is given: then only that person's own employment specialist logs it, and it
    is a record of their course."""
    team = _register_team(actor, team_id, "job_development_contact")
    assert actor is not None
    if actor.professional_id is None or actor.role not in EMPLOYMENT_COURSE_ROLES:
        raise Refused(
            object_type="job_development_contact",
            object_id=team_id,
            citizen_id=None,
            exists=True,
            forbidden=_("Only an employment specialist logs their employer contacts."),
        )
    access = None
    if citizen_id is not None:
        access = course_write_access(
            actor=actor,
            purpose=PURPOSE,
            object_type="job_development_contact",
            citizen_id=citizen_id,
            require=WRITES_VOCATIONAL,
        )
    note = stripped(note)
    problems = date_problems(contacted_on, _("the date of the contact"), not_future=True)
    employer = _employer_of(team.pk, employer_id, problems)
    check_choice(problems, mode, ContactMode, _("how the contact took place"))
    check_choice(problems, purpose, ContactPurpose, _("the purpose"))
    check_length(problems, note, 2000, _("the note"))
    if access is not None and access.course.team_id != team.pk:
        problems.append(_("The person is in another team."))
    raise_problems(problems)
    assert contacted_on is not None
    contact = JobDevelopmentContact.objects.create(
        team=team,
        employer=employer,
        specialist_id=actor.professional_id,
        contacted_on=contacted_on,
        mode=mode,
        purpose=purpose,
        note=note,
    )
    if access is not None:
        ContactAboutPerson.objects.create(contact=contact, course=access.course)
        access.audit(
            action=AuditAction.CREATE, object_type="job_development_contact", object_id=contact.pk
        )
    else:
        _team_audit(actor, AuditAction.CREATE, "job_development_contact", contact.pk)
    return contact


def _vocational_course(actor: Actor | None, citizen_id: uuid.UUID, object_type: str):
    return course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type=object_type,
        citizen_id=citizen_id,
        require=WRITES_VOCATIONAL,
    )


def _matching_history_entry(
    actor: Actor, citizen_id: uuid.UUID, employer: str, starts_on: dt.date
) -> WorkHistoryEntry | None:
    """A job already in the work history with this employer and first day (not duplicated)."""
    history = work_history_get(actor=actor, citizen_id=citizen_id)
    return next(
        (
            e
            for e in history.entries
            if e.kind == HistoryKind.JOB
            and e.starts_on == starts_on
            and e.employer.casefold() == employer.casefold()
        ),
        None,
    )


@service(AuditAction.CREATE, purpose=PURPOSE)
def job_start_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    employer_id: uuid.UUID | None,
    job_type: str,
    competitive: bool,
    hours_per_week: Decimal | int | float | str | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
    in_work_history: bool = True,
) -> JobStart:
    """Record a job start. With `in_work_history`, the job is also recorded in the work and
    benefit history (roundtable.outcomes) through its service — or linked to the entry already
    there for this employer and first day — so the return-to-work figures count it once."""
    access = _vocational_course(actor, citizen_id, "job_start")
    assert actor is not None
    job_type = stripped(job_type)
    problems: list[str] = []
    employer = _employer_of(access.course.team_id, employer_id, problems)
    if not job_type:
        problems.append(_("Name the job type, for example kitchen assistant."))
    check_length(problems, job_type, 200, _("the job type"))
    hours, hour_problems = _hours(hours_per_week)
    problems += [_("Give the hours a week as a number from 0 to 80.")] if hour_problems else []
    problems += date_problems(starts_on, _("the first day"), not_future=True)
    problems += date_problems(ends_on, _("the last day"), required=False, not_future=True)
    if starts_on and ends_on and ends_on < starts_on:
        problems.append(_("The last day cannot be before the first day."))
    raise_problems(problems)
    assert employer is not None and starts_on is not None
    entry = None
    if in_work_history:
        entry = _matching_history_entry(actor, citizen_id, employer.name, starts_on)
        if entry is None:
            entry = work_history_record(
                actor=actor,
                citizen_id=citizen_id,
                data=HistoryData(
                    kind=HistoryKind.JOB,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    employer=employer.name,
                    job_title=job_type,
                    terms=(
                        EmploymentTerms.COMPETITIVE if competitive else EmploymentTerms.SUBSIDISED
                    ),
                    hours_per_week=hours,
                ),
            )
    return authored_create(
        access,
        JobStart,
        "job_start",
        employer=employer,
        job_type=job_type,
        competitive=bool(competitive),
        hours_per_week=hours,
        starts_on=starts_on,
        ends_on=ends_on,
        work_history_entry=entry,
    )


@service(AuditAction.CREATE, purpose=PURPOSE)
def follow_along_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    job_start_id: uuid.UUID,
    contacted_on: dt.date | None,
    kind: str,
    note: str = "",
) -> FollowAlongContact:
    """Record follow-along support after a job start: any time after it, with no end."""
    access = _vocational_course(actor, citizen_id, "follow_along")
    job_start = JobStart.objects.filter(pk=job_start_id, course=access.course).first()
    if job_start is None:
        owner = record_owner(JobStart, job_start_id)
        raise Refused(
            object_type="job_start", object_id=job_start_id, citizen_id=owner[1] if owner else None
        )
    note = stripped(note)
    problems = date_problems(contacted_on, _("the date of the contact"), not_future=True)
    if contacted_on and contacted_on < job_start.starts_on:
        problems.append(_("Follow-along support comes after the first day of the job."))
    check_choice(problems, kind, FollowAlongKind, _("the kind of contact"))
    check_length(problems, note, 2000, _("the note"))
    raise_problems(problems)
    assert contacted_on is not None  # checked above
    me = access.actor.professional_id
    contact = FollowAlongContact.objects.create(
        job_start=job_start,
        contacted_on=contacted_on,
        kind=kind,
        note=note,
        created_by_id=me,
        updated_by_id=me,
    )
    access.audit(action=AuditAction.CREATE, object_type="follow_along", object_id=contact.pk)
    return contact


@service(AuditAction.CREATE, purpose=PURPOSE)
def benefits_counselling_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    held_on: dt.date | None,
    counsellor: str,
    topic: str,
) -> BenefitsCounselling:
    """Record a benefits counselling session."""
    access = _vocational_course(actor, citizen_id, "benefits_counselling")
    counsellor, topic = stripped(counsellor), stripped(topic)
    problems = date_problems(held_on, _("the date of the session"), not_future=True)
    if not counsellor:
        problems.append(_("Say who gave the counselling."))
    if not topic:
        problems.append(_("Write what the session was about."))
    check_length(problems, counsellor, 200, _("who gave the counselling"))
    check_length(problems, topic, 2000, _("the topic"))
    raise_problems(problems)
    return authored_create(
        access,
        BenefitsCounselling,
        "benefits_counselling",
        held_on=held_on,
        counsellor=counsellor,
        topic=topic,
    )


DISCLOSURE_REFUSED = _(
    "The person's consent does not allow telling an employer this. Record it only after the "
    "person has given consent to share %(what)s with employers."
)


@service(AuditAction.CREATE, purpose=PURPOSE)
def disclosure_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    employer_id: uuid.UUID | None,
    told_on: dt.date | None,
    category: str,
    told_by: str,
    note: str = "",
) -> DisclosureEntry:
    """Add a line to the disclosure ledger. Something about health (a condition, the
    diagnosis, limits and adjustments) is refused unless the citizen's current consent has a
    rule permitting that data class to employers, in force on the day it was told and today
    (roundtable.consent.access.employer_disclosure_permits); the version relied on is kept."""
    access = _vocational_course(actor, citizen_id, "disclosure")
    note = stripped(note)
    problems = date_problems(told_on, _("the date"), not_future=True)
    employer = _employer_of(access.course.team_id, employer_id, problems)
    check_choice(problems, category, DisclosureCategory, _("what was told"))
    check_choice(problems, told_by, ToldBy, _("who told it"))
    check_length(problems, note, 2000, _("the words used"))
    raise_problems(problems)
    assert told_on is not None
    facts = current_directive_facts([access.citizen.pk]).get(access.citizen.pk)
    needed = DISCLOSURE_CLASS.get(category)
    if needed is not None:
        permitted = employer_disclosure_permits(facts, days=(told_on, timezone.localdate()))
        if needed not in permitted:
            label = dict(DataClass.choices)[needed]
            raise ValidationError(
                {"category": [DISCLOSURE_REFUSED % {"what": str(label).lower()}]},
                code="no_consent",
            )
    consent_id = facts.id if facts is not None and facts.in_force(told_on) else None
    return authored_create(
        access,
        DisclosureEntry,
        "disclosure",
        employer=employer,
        told_on=told_on,
        category=category,
        told_by=told_by,
        note=note,
        consent_id=consent_id,
    )
