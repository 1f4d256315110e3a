"""Who may read and write the life-situation mapping of a course.

- Reading: everyone who may see the course (CoursePolicy) — the course's care manager and
  employment consultant, the team leader and supervisors of its team, the citizen — reads the
  life areas whose data class `roundtable.consent.access.visible_data_classes` gives them.
- Writing: the course's care manager and employment consultant write the mapping, each the
  areas whose data class they may read (so nobody overwrites what they cannot see). The citizen
  adds their own wishes per life area.
- Team leaders and supervisors read; managers, evaluators, administrators and other teams see
  nothing (the selectors answer 404).

`RecordPolicy` pairs the list filter with the instance check for the life areas, so the page
and the API cannot disagree (tests/test_policies_agree.py).
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

M = TypeVar("M", bound=models.Model)


def readable_classes(actor: Actor | None, course: Course) -> frozenset[str]:
    """The data classes of `course` the actor reads here (the caller has checked the course):
    what consent gives them. (No life area is therapy detail, which the citizen does not read of
    themself: that rule is the care app's.)"""
    return visible_data_classes(actor, course)


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
        for pk, classes in visible_data_classes_by_course(actor, courses).items():
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


class LifeSituationPolicy:
    @staticmethod
    def mapping_classes(
        actor: Actor | None, course: Course, classes: frozenset[str] | None = None
    ) -> frozenset[str]:
        """The life-area data classes the actor may write: none unless they are the course's
        care manager or employment consultant; then those they may read (`classes`, when the
        caller has them)."""
        if not (
            _assigned(actor, course.care_manager_id)
            or _assigned(actor, course.employment_consultant_id)
        ) or not CoursePolicy.allows(actor, course):
            return frozenset()
        return classes if classes is not None else readable_classes(actor, course)

    @staticmethod
    def can_add_citizen_wishes(actor: Actor | None, course: Course) -> bool:
        return (
            actor is not None
            and actor.is_citizen
            and actor.citizen_id is not None
            and course.citizen_id == actor.citizen_id
        )
