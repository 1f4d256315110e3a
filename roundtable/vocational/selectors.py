"""Reads of the employment consultant's records. Each function checks the course policy,
filters every record by the data classes the reader may see, and writes the audit event itself;
a citizen or course the reader may not see answers 404, like a missing one.

`vocational_record_load` is the exception: it reads for a caller that has already checked the
course and audits what it shows (the assessments overview, which shows this part beside the
others).
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.scope import audited_reads
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CourseAccess, course_access, record_owner
from roundtable.citizens.models import OPEN_STATUSES, Citizen, Course
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.organisations.models import EMPLOYMENT_COURSE_ROLES, Role, Team
from roundtable.organisations.selectors import is_ips_team
from roundtable.vocational.models import (
    BenefitsCounselling,
    ContactAboutPerson,
    DisclosureEntry,
    Employer,
    EmployerContact,
    FollowAlongContact,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    JobDevelopmentContact,
    JobStart,
    VocationalAssessment,
    VocationalStep,
    ips_profile_fields,
)
from roundtable.vocational.policies import JOB_DEVELOPMENT_CONTACTS, VocationalPolicy

# The purpose in the audit events, as before these records had an app of their own.
PURPOSE = "assessments"
COURSE_RELATED = ("team", "care_manager__user", "employment_consultant__user")

# Audit a refused or missing read; the 404 hides which one it was.
deny = functools.partial(refused_read, purpose=PURPOSE)


@dataclass
class VocationalRecord:
    """The employment consultant's records of one course, as far as the reader may read them."""

    access: CourseAccess
    classes: frozenset[str]
    is_ips: bool
    vocational: VocationalAssessment | None = None
    employer_contact: EmployerContact | None = None
    vocational_steps: list[VocationalStep] = field(default_factory=list)
    ips_profile: IpsCareerProfile | None = None
    ips_plan: IpsJobSearchPlan | None = None
    ips_contacts: list[IpsPlannedContact] = field(default_factory=list)
    can_write_vocational: bool = False
    can_write_contact: bool = False
    # IPS job development (issue 12 §2): the person's job starts with their follow-along
    # contacts, benefits counselling, the disclosure ledger, employer contacts about them, and
    # the team's register to choose an employer from.
    job_starts: list[JobStart] = field(default_factory=list)
    benefits_sessions: list[BenefitsCounselling] = field(default_factory=list)
    disclosures: list[DisclosureEntry] = field(default_factory=list)
    person_contacts: list[ContactAboutPerson] = field(default_factory=list)
    employers: list[Employer] = field(default_factory=list)

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def course(self) -> Course:
        return self.access.course

    @property
    def show_vocational(self) -> bool:
        return DataClass.VOCATIONAL in self.classes

    @property
    def show_contact(self) -> bool:
        return DataClass.CONTACT_DETAILS in self.classes

    @property
    def show_ips(self) -> bool:
        return self.is_ips and self.show_vocational

    @property
    def can_write_ips(self) -> bool:
        return self.is_ips and self.can_write_vocational

    @property
    def sections(self) -> list[str]:
        """The names of the sections shown, for the audit event (never their content)."""
        names = []
        if self.show_vocational:
            names.append("vocational")
        if self.job_starts or self.disclosures or self.benefits_sessions:
            names.append("job_development")
        if self.show_contact:
            names.append("employer_contact")
        return names

    @property
    def ips_profile_fields(self) -> tuple[str, ...]:
        """The career profile's fields this reader may read and write (its health, medication
        and substance-use fields need their own classes)."""
        return ips_profile_fields(self.classes)

    @property
    def ips_profile_items(self) -> list[tuple[str, str]]:
        if self.ips_profile is None:
            return []
        return [
            (str(getattr(IpsCareerProfile._meta.get_field(name), "verbose_name", name)), value)
            for name in self.ips_profile_fields
            if (value := getattr(self.ips_profile, name))
        ]


def vocational_record_load(access: CourseAccess) -> VocationalRecord:
    """The vocational records of a course as the gate decided them. Not noted: the caller
    notes what it shows."""
    course, classes = access.course, access.visible
    record = VocationalRecord(
        access=access,
        classes=classes,
        is_ips=is_ips_team(team_id=course.team_id),
        can_write_vocational=VocationalPolicy.can_write_vocational(access),
        can_write_contact=VocationalPolicy.can_write_employer_contact(access),
    )
    if DataClass.VOCATIONAL in classes:
        record.vocational = VocationalAssessment.objects.filter(
            course=course, data_class__in=classes
        ).first()
        record.vocational_steps = list(
            VocationalStep.objects.filter(course=course, data_class__in=classes)
            .select_related("service__organization")
            .order_by("due_on", "created_at")
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
    if record.is_ips and DataClass.VOCATIONAL in classes:
        _load_job_development(record)
    if DataClass.CONTACT_DETAILS in classes:
        record.employer_contact = EmployerContact.objects.filter(
            course=course, data_class__in=classes
        ).first()
    return record


def _load_job_development(record: VocationalRecord) -> None:
    """The job-development records of the course (a constant number of queries)."""
    course, classes = record.course, record.classes
    record.job_starts = list(
        JobStart.objects.filter(course=course, data_class__in=classes)
        .select_related("employer")
        .prefetch_related(
            Prefetch(
                "follow_along",
                FollowAlongContact.objects.filter(data_class__in=classes).order_by(
                    "-contacted_on", "-created_at"
                ),
            )
        )
    )
    record.benefits_sessions = list(
        BenefitsCounselling.objects.filter(course=course, data_class__in=classes)
    )
    record.disclosures = list(
        DisclosureEntry.objects.filter(course=course, data_class__in=classes).select_related(
            "employer", "consent"
        )
    )
    record.person_contacts = list(
        ContactAboutPerson.objects.filter(course=course, data_class__in=classes)
        .select_related("contact__employer")
        .order_by("-contact__contacted_on")
    )
    if record.can_write_vocational:
        record.employers = list(Employer.objects.filter(team_id=course.team_id))


@audited_reads
def vocational_record_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> VocationalRecord:
    """The vocational records of the citizen's current course, as far as the actor may read
    them; one audited read naming the sections shown (never their content)."""
    access = course_access(
        actor=actor, citizen_id=citizen_id, purpose=PURPOSE, object_type="vocational", note=False
    )
    record = vocational_record_load(access)
    access.note(
        object_type="vocational",
        object_id=access.course.pk,
        part="vocational",
        detail={"sections": record.sections},
    )
    return record


@audited_reads
def vocational_step_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, step_id: uuid.UUID
) -> tuple[VocationalRecord, VocationalStep]:
    """A step of the citizen's current course; one of another course is refused like a missing
    one (audited, with the citizen it belongs to)."""
    record = vocational_record_get(actor=actor, citizen_id=citizen_id)
    step = next((s for s in record.vocational_steps if s.pk == step_id), None)
    if step is None:
        owner = record_owner(VocationalStep, step_id)
        raise deny(
            actor=actor,
            object_type="vocational_step",
            object_id=step_id,
            citizen_id=owner[1] if owner else None,
        )
    return record, step


@audited_reads
def job_start_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, job_start_id: uuid.UUID
) -> tuple[VocationalRecord, JobStart]:
    """A job start of the citizen's current course; one of another course is refused like a
    missing one."""
    record = vocational_record_get(actor=actor, citizen_id=citizen_id)
    job_start = next((j for j in record.job_starts if j.pk == job_start_id), None)
    if job_start is None:
        owner = record_owner(JobStart, job_start_id)
        raise deny(
            actor=actor,
            object_type="job_start",
            object_id=job_start_id,
            citizen_id=owner[1] if owner else None,
        )
    return record, job_start


# --- The team's employer register and contact log ----------------------------------------

CONTACT_LOG_DAYS = 92


@dataclass
class LoggedContact:
    """A line of the team's contact log; `person` is the name only for a reader who may read
    that course's vocational records, otherwise the line says only that it was about a person."""

    contact: JobDevelopmentContact
    specialist: str
    about_person: bool
    person: str = ""


@dataclass
class EmployerRegister:
    team: Team
    employers: list[Employer]
    contacts: list[LoggedContact]
    since: dt.date
    can_write: bool
    can_log: bool
    # The actor's own courses in the team, for "about whom" (citizen id, name).
    own_people: list[tuple[uuid.UUID, str]] = field(default_factory=list)


def employer_register_get(*, actor: Actor | None, team_id: uuid.UUID) -> EmployerRegister:
    """The team's employer register and its employer contacts of the last three months, for
    the team's members; 404 (audited) for anyone else."""
    team = Team.objects.filter(pk=team_id).first()
    if team is None or actor is None or not actor.is_professional or team.pk not in actor.team_ids:
        raise refused_read(
            actor=actor,
            action=AuditAction.LIST,
            object_type="employer_register",
            object_id=team_id,
            citizen_id=None,
            purpose=PURPOSE,
            exists=team is not None,
        )
    since = timezone.localdate() - dt.timedelta(days=CONTACT_LOG_DAYS)
    rows = list(
        JobDevelopmentContact.objects.filter(team=team, contacted_on__gte=since)
        .select_related("employer", "specialist__user", "about__course__citizen")
        .order_by("-contacted_on", "-created_at")
    )
    about = {r.pk: r.about for r in rows if hasattr(r, "about")}
    readable = (
        set(
            JOB_DEVELOPMENT_CONTACTS.queryset(actor)
            .filter(contact_id__in=list(about))
            .values_list("pk", flat=True)
        )
        if about
        else set()
    )
    contacts = [
        LoggedContact(
            contact=r,
            specialist=r.specialist.user.get_full_name(),
            about_person=r.pk in about,
            person=about[r.pk].course.citizen.full_name if r.pk in readable else "",
        )
        for r in rows
    ]
    can_log = actor.role in EMPLOYMENT_COURSE_ROLES and actor.professional_id is not None
    own_people = (
        [
            (course.citizen_id, course.citizen.full_name)
            for course in Course.objects.filter(
                team=team,
                employment_consultant_id=actor.professional_id,
                status__in=OPEN_STATUSES,
            )
            .select_related("citizen")
            .order_by("citizen__given_name", "citizen__family_name")
        ]
        if can_log
        else []
    )
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="employer_register",
        object_id=team.pk,
        purpose=PURPOSE,
        detail={"contacts": len(contacts), "named": sum(1 for c in contacts if c.person)},
    )
    return EmployerRegister(
        team=team,
        employers=list(Employer.objects.filter(team=team)),
        contacts=contacts,
        since=since,
        can_write=actor.role in (EMPLOYMENT_COURSE_ROLES | {Role.TEAM_LEADER}),
        can_log=can_log,
        own_people=own_people,
    )


def employer_get(
    *, actor: Actor | None, team_id: uuid.UUID, employer_id: uuid.UUID
) -> tuple[EmployerRegister, Employer]:
    """An employer of the team's register, for its members; 404 for anyone else."""
    register = employer_register_get(actor=actor, team_id=team_id)
    employer = next((e for e in register.employers if e.pk == employer_id), None)
    if employer is None:
        raise refused_read(
            actor=actor,
            action=AuditAction.READ,
            object_type="employer",
            object_id=employer_id,
            citizen_id=None,
            purpose=PURPOSE,
            exists=False,
        )
    return register, employer
