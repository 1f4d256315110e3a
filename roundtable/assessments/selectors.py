"""The assessments overview of a course: the care manager's records (roundtable.care), the
employment consultant's (roundtable.vocational) and the life-situation mapping
(roundtable.lifesituation), read together for the citizen's assessments page, the citizen's own
page and `GET /api/v1/citizens/{id}/assessments`.

The course is looked up and checked once, the data classes the reader may read decided once,
and the read is one audit event naming the sections shown (never their content); a citizen or
course the reader may not see answers 404, like a missing one.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass

from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.care.policies import readable_classes
from roundtable.care.selectors import CareRecord, care_record_load
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy
from roundtable.citizens.selectors import current_course
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.lifesituation.selectors import LifeSituationRecord, life_situation_record_load
from roundtable.vocational.selectors import VocationalRecord, vocational_record_load

PURPOSE = "assessments"
COURSE_RELATED = ("team", "care_manager__user", "employment_consultant__user")

# Audit a refused or missing read; the 404 hides which one it was.
deny = functools.partial(refused_read, purpose=PURPOSE)


def citizen_course_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, action: str = AuditAction.READ
) -> tuple[Citizen, Course]:
    """The citizen and the current course the actor may see; 404 (audited) otherwise. Not
    audited when found: the caller audits what it reads."""
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


@dataclass
class AssessmentRecord:
    """One course's assessments and plans, each part as far as the reader may read it."""

    citizen: Citizen
    course: Course
    care: CareRecord
    work: VocationalRecord
    life: LifeSituationRecord

    @property
    def sections(self) -> list[str]:
        return self.care.sections + self.work.sections + self.life.sections

    @property
    def class_labels(self) -> dict[str, str]:
        """Each data class's name, for the label on each section."""
        return {str(value): str(label) for value, label in DataClass.choices}


def assessment_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> AssessmentRecord:
    """The assessments and plans of the citizen's current course, as far as the actor may read
    them; one audited read event naming the sections shown (never their content)."""
    citizen, course = citizen_course_get(actor=actor, citizen_id=citizen_id)
    classes = readable_classes(actor, course)
    record = AssessmentRecord(
        citizen=citizen,
        course=course,
        care=care_record_load(actor=actor, citizen=citizen, course=course, classes=classes),
        work=vocational_record_load(actor=actor, citizen=citizen, course=course, classes=classes),
        life=life_situation_record_load(
            actor=actor, citizen=citizen, course=course, classes=classes
        ),
    )
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
