"""Reads of the employment consultant's records. Each function checks the course policy,
filters every record by the data classes the reader may see, and writes the audit event itself;
a citizen or course the reader may not see answers 404, like a missing one.

`vocational_record_load` is the exception: it reads for a caller that has already checked the
course and audits what it shows (the assessments overview, which shows this part beside the
others).
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field

from roundtable.accounts.actor import Actor
from roundtable.audit.scope import audited_reads
from roundtable.citizens.gate import CourseAccess, course_access, record_owner
from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.organisations.selectors import is_ips_team
from roundtable.vocational.models import (
    EmployerContact,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    VocationalAssessment,
    VocationalStep,
    ips_profile_fields,
)
from roundtable.vocational.policies import VocationalPolicy

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
    return record


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
