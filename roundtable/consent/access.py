"""Which data classes an actor may read for a course: the one question every selector asks.

Selectors, pages, the API, PDFs and exports all call `visible_data_classes` (one course) or
`visible_data_classes_by_course` (a list), and filter records by their `data_class`. Nothing else
decides what crosses a sector.

Without a consent directive each sector reads what it produced plus the jointly produced classes
(meeting minutes, the joint plan, contact details); the citizen reads everything about themself.
Consent directives (issue 4) add permits and denies on top of that base.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Course
from roundtable.core.data_classes import (
    ALL_CLASSES,
    EMPLOYMENT_CLASSES,
    HEALTH_CLASSES,
    JOINT_CLASSES,
)
from roundtable.organisations.models import Sector


def base_data_classes(actor: Actor | None) -> frozenset[str]:
    """What the actor's sector reads of a course it may see, before any consent."""
    if actor is None:
        return frozenset()
    if actor.is_citizen:
        return ALL_CLASSES
    if not actor.works_with_citizens:
        return frozenset()
    if actor.sector == Sector.HEALTH:
        return HEALTH_CLASSES | JOINT_CLASSES
    if actor.sector == Sector.EMPLOYMENT:
        return EMPLOYMENT_CLASSES | JOINT_CLASSES
    return JOINT_CLASSES


def visible_data_classes(actor: Actor | None, course: Course) -> frozenset[str]:
    """The data classes of `course` that `actor` may read (the caller has checked the course)."""
    return visible_data_classes_by_course(actor, [course])[course.pk]


def visible_data_classes_by_course(
    actor: Actor | None, courses: Iterable[Course]
) -> dict[uuid.UUID, frozenset[str]]:
    """The same for many courses, in a bounded number of queries."""
    base = base_data_classes(actor)
    return {course.pk: base for course in courses}
