"""Reads of the life-situation mapping. Each function checks the course policy, filters the life
areas by the data classes the reader may see, and writes the audit event itself; a citizen or
course the reader may not see answers 404, like a missing one.

`life_situation_record_load` is the exception: it reads for a caller that has already checked
the course and audits what it shows (the assessments overview, which shows this part beside the
others).
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass, field

from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.audit.scope import audited_reads
from roundtable.citizens.gate import CourseAccess, course_access
from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.lifesituation.models import LIFE_AREA_CLASS, LifeArea, LifeAreaKind
from roundtable.lifesituation.policies import LifeSituationPolicy

# The purpose in the audit events, as before these records had an app of their own.
PURPOSE = "assessments"

# Audit a refused or missing read; the 404 hides which one it was.
deny = functools.partial(refused_read, purpose=PURPOSE)


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
class LifeSituationRecord:
    """The life areas of one course the reader may read, each filled in or not yet."""

    access: CourseAccess
    classes: frozenset[str]
    rows: list[LifeAreaRow] = field(default_factory=list)
    # The life-area classes the reader may write (none for a reader who does not map).
    mapping_classes: frozenset[str] = frozenset()
    can_add_wishes: bool = False

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def course(self) -> Course:
        return self.access.course

    @property
    def can_write_mapping(self) -> bool:
        return bool(self.mapping_classes & {r.data_class for r in self.rows})

    @property
    def writable_rows(self) -> list[LifeAreaRow]:
        return [r for r in self.rows if r.data_class in self.mapping_classes]

    @property
    def filled_with_citizen_on(self) -> dt.date | None:
        """The last day the mapping was filled in together with the citizen."""
        days = [
            r.record.filled_on
            for r in self.rows
            if r.record is not None and r.record.filled_with_citizen and r.record.filled_on
        ]
        return max(days) if days else None

    @property
    def sections(self) -> list[str]:
        """The names of the sections shown, for the audit event (never their content)."""
        return ["life_situation"] if self.rows else []


def _rows(course: Course, classes: frozenset[str]) -> list[LifeAreaRow]:
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


def life_situation_record_load(access: CourseAccess) -> LifeSituationRecord:
    """The life areas of a course as the gate decided them. Not noted: the caller notes what
    it shows."""
    return LifeSituationRecord(
        access=access,
        classes=access.visible,
        rows=_rows(access.course, access.visible),
        mapping_classes=LifeSituationPolicy.mapping_classes(access),
        can_add_wishes=LifeSituationPolicy.can_add_citizen_wishes(access),
    )


@audited_reads
def life_situation_record_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> LifeSituationRecord:
    """The life areas of the citizen's current course, as far as the actor may read them; one
    audited read naming the sections shown (never their content)."""
    access = course_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        object_type="life_situation",
        note=False,
    )
    record = life_situation_record_load(access)
    access.note(
        object_type="life_situation",
        object_id=access.course.pk,
        part="life_situation",
        detail={"sections": record.sections},
    )
    return record


def my_life_situation_record_get(*, actor: Actor | None) -> LifeSituationRecord:
    """The citizen's own life areas (for their wishes). Only a citizen gets through."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    return life_situation_record_get(actor=actor, citizen_id=actor.citizen_id)
