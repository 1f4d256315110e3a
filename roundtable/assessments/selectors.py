"""The assessments overview of a course: the care manager's records (roundtable.care), the
employment consultant's (roundtable.vocational) and the life-situation mapping
(roundtable.lifesituation), read together for the citizen's assessments page, the citizen's own
page and `GET /api/v1/citizens/{id}/assessments`.

The course is looked up and checked once, the data classes the reader may read decided once,
and the read is one audit event naming the sections shown (never their content); a citizen or
course the reader may not see answers 404, like a missing one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.audit.scope import audited_reads
from roundtable.care.selectors import CareRecord, care_record_load
from roundtable.citizens.gate import CourseAccess, course_access
from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass
from roundtable.lifesituation.selectors import LifeSituationRecord, life_situation_record_load
from roundtable.vocational.selectors import VocationalRecord, vocational_record_load

PURPOSE = "assessments"


@dataclass
class AssessmentRecord:
    """One course's assessments and plans, each part as far as the reader may read it."""

    access: CourseAccess
    care: CareRecord
    work: VocationalRecord
    life: LifeSituationRecord

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def course(self) -> Course:
        return self.access.course

    @property
    def sections(self) -> list[str]:
        return self.care.sections + self.work.sections + self.life.sections

    @property
    def class_labels(self) -> dict[str, str]:
        """Each data class's name, for the label on each section."""
        return {str(value): str(label) for value, label in DataClass.choices}


@audited_reads
def assessment_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> AssessmentRecord:
    """The assessments and plans of the citizen's current course, as far as the actor may read
    them: one gate decision for the three parts, one audited read naming the sections shown
    (never their content)."""
    access = course_access(
        actor=actor, citizen_id=citizen_id, purpose=PURPOSE, object_type="assessments", note=False
    )
    record = AssessmentRecord(
        access=access,
        care=care_record_load(access),
        work=vocational_record_load(access),
        life=life_situation_record_load(access),
    )
    access.note(
        object_type="assessments",
        object_id=access.course.pk,
        part="assessments",
        detail={"sections": record.sections},
    )
    return record


def my_assessment_get(*, actor: Actor | None) -> AssessmentRecord:
    """The citizen's own assessments (their portal page). Only a citizen gets through."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    return assessment_get(actor=actor, citizen_id=actor.citizen_id)
