"""Who may read and write the care manager's records of a course.

- Reading: everyone who may see the course (CoursePolicy) — the course's care manager and
  employment consultant, the team leader and supervisors of its team, the citizen — reads the
  records whose data class `roundtable.consent.access.visible_data_classes` gives them. The
  citizen reads everything about themself except the therapy notes (`therapy_detail`): those
  are the care manager's working notes.
- Writing: the course's care manager writes the mental-health assessment, functional capacity,
  stepped care, sessions and symptom scores, and the therapy notes when they may read therapy
  detail.
- Team leaders and supervisors read; managers, evaluators, administrators and other teams see
  nothing (the selectors answer 404).

`RecordPolicy` pairs the list filter with the instance check for every record kind here, so
the page and the API cannot disagree (tests/test_policies_agree.py).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q, QuerySet

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import visible_data_classes, visible_data_classes_by_course
from roundtable.core.data_classes import DataClass

M = TypeVar("M", bound=models.Model)

HEALTH_WRITE_CLASS = DataClass.HEALTH_SUMMARY


def readable_classes(actor: Actor | None, course: Course) -> frozenset[str]:
    """The data classes of `course` the actor reads here (the caller has checked the course)."""
    classes = visible_data_classes(actor, course)
    if actor is not None and actor.is_citizen:
        classes = classes - {DataClass.THERAPY_DETAIL}
    return classes


def readable_classes_by_course(
    actor: Actor | None, courses: list[Course]
) -> dict[uuid.UUID, frozenset[str]]:
    by_course = visible_data_classes_by_course(actor, courses)
    if actor is not None and actor.is_citizen:
        return {pk: c - {DataClass.THERAPY_DETAIL} for pk, c in by_course.items()}
    return by_course


class RecordPolicy:
    """Any record here with a `data_class` and a course reached through `course_path`."""

    @staticmethod
    def queryset(
        actor: Actor | None, model: type[M], *, course_path: str = "course"
    ) -> QuerySet[M]:
        courses = list(CoursePolicy.queryset(actor))
        if not courses:
            return model._default_manager.none()
        # Courses that share the same readable classes share one condition: bounded SQL.
        by_classes: dict[frozenset[str], list[uuid.UUID]] = defaultdict(list)
        for pk, classes in readable_classes_by_course(actor, courses).items():
            if classes:
                by_classes[classes].append(pk)
        if not by_classes:
            return model._default_manager.none()
        condition = Q()
        for classes, ids in by_classes.items():
            condition |= Q(**{f"{course_path}_id__in": ids}, data_class__in=classes)
        return model._default_manager.filter(condition)

    @staticmethod
    def allows(actor: Actor | None, record: Any, *, course: Course) -> bool:
        """`course` is the record's course (passed in so the check needs no query)."""
        return CoursePolicy.allows(actor, course) and record.data_class in readable_classes(
            actor, course
        )


def _assigned(actor: Actor | None, professional_id: uuid.UUID | None) -> bool:
    return (
        actor is not None
        and not actor.is_citizen
        and actor.professional_id is not None
        and professional_id is not None
        and actor.professional_id == professional_id
    )


def _reads(
    actor: Actor | None, course: Course, data_class: str, classes: frozenset[str] | None
) -> bool:
    """`classes`: the actor's readable classes of this course, when the caller has them."""
    return data_class in (classes if classes is not None else readable_classes(actor, course))


class CarePolicy:
    """Write predicates. Each takes the actor's readable classes of the course when the caller
    already has them (a page asks several questions about one course)."""

    @staticmethod
    def can_write_health(
        actor: Actor | None, course: Course, classes: frozenset[str] | None = None
    ) -> bool:
        return (
            _assigned(actor, course.care_manager_id)
            and CoursePolicy.allows(actor, course)
            and _reads(actor, course, HEALTH_WRITE_CLASS, classes)
        )

    @staticmethod
    def can_write_therapy_notes(
        actor: Actor | None, course: Course, classes: frozenset[str] | None = None
    ) -> bool:
        if classes is None:
            classes = readable_classes(actor, course)
        return CarePolicy.can_write_health(actor, course, classes) and _reads(
            actor, course, DataClass.THERAPY_DETAIL, classes
        )
