"""Who may read and write the collective journal.

Reading (queryset and allows agree):
- the course must be one the actor sees (CoursePolicy);
- the entry's data class must be one `visible_data_classes(actor, course)` allows — consent
  decides, nothing here reimplements it;
- while a dispute is open the entry stays inside the author's organisation: the author's
  colleagues and the citizen still see it (with the dispute), everyone else does not.

Writing:
- a professional who sees the course writes entries of the classes their sector produces
  (health: therapy detail, health summary, substance use and medication, functional capacity,
  diagnosis, family; employment:
  vocational, benefit decisions; both: minutes, joint plan, contact details) and may read;
- a health professional writes a summary for sharing (health summary or functional capacity)
  from a therapy-detail entry; the source is not changed;
- the citizen flags their own entries as wrong;
- the author answers with an addendum and closes a dispute; a team leader of the course's team
  from the author's organisation may stand in, so no dispute waits on an absent author.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from django.db.models import Exists, OuterRef, Q, QuerySet

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import visible_data_classes_by_course
from roundtable.core.data_classes import (
    EMPLOYMENT_CLASSES,
    HEALTH_CLASSES,
    JOINT_CLASSES,
    DataClass,
)
from roundtable.journal.models import DisputeStatus, JournalDispute, JournalEntry
from roundtable.organisations.models import Role, Sector

SECTOR_WRITES: Mapping[str, frozenset[str]] = {
    Sector.HEALTH: frozenset(HEALTH_CLASSES | JOINT_CLASSES),
    Sector.EMPLOYMENT: frozenset(EMPLOYMENT_CLASSES | JOINT_CLASSES),
}
SUMMARY_CLASSES = (DataClass.HEALTH_SUMMARY, DataClass.FUNCTIONAL_CAPACITY)
# The order classes are offered in a form: the sector's own first, then the joint ones.
CLASS_ORDER = [
    DataClass.THERAPY_DETAIL,
    DataClass.HEALTH_SUMMARY,
    DataClass.SUBSTANCE_MEDICATION,
    DataClass.FUNCTIONAL_CAPACITY,
    DataClass.DIAGNOSIS,
    DataClass.FAMILY,
    DataClass.VOCATIONAL,
    DataClass.BENEFIT_DECISION,
    DataClass.MEETING_MINUTES,
    DataClass.JOINT_PLAN,
    DataClass.CONTACT_DETAILS,
]


def works_on(actor: Actor, course: Course) -> bool:
    """On the course's team, not only through a break-glass grant (which opens read-only)."""
    if actor.professional_id in (course.care_manager_id, course.employment_consultant_id):
        return True
    return actor.sees_team_courses and course.team_id in actor.team_ids


def open_dispute_exists() -> Exists:
    return Exists(JournalDispute.objects.filter(entry_id=OuterRef("pk"), status=DisputeStatus.OPEN))


class JournalPolicy:
    @staticmethod
    def visible_q(
        actor: Actor | None, classes_by_course: Mapping[uuid.UUID, frozenset[str]]
    ) -> Q | None:
        """The entries of these courses the actor reads, as a filter on an annotated queryset
        (`open_dispute`); None when there are none."""
        if actor is None:
            return None
        condition: Q | None = None
        for course_id, classes in classes_by_course.items():
            if not classes:
                continue
            part = Q(course_id=course_id, data_class__in=sorted(classes))
            condition = part if condition is None else condition | part
        if condition is None:
            return None
        if not actor.is_citizen:
            own = Q(author_organisation_id=actor.organisation_id)
            condition &= Q(open_dispute=False) | own
        return condition

    @classmethod
    def queryset(
        cls, actor: Actor | None, courses: Iterable[Course] | None = None
    ) -> QuerySet[JournalEntry]:
        """Entries the actor reads, of `courses` (which the caller must have taken from
        CoursePolicy.queryset(actor)) or of every course the actor sees."""
        if courses is None:
            course_qs = CoursePolicy.queryset(actor)
            courses = [] if course_qs.query.is_empty() else list(course_qs)
        condition = cls.visible_q(actor, visible_data_classes_by_course(actor, courses))
        if condition is None:
            return JournalEntry.objects.none()
        return JournalEntry.objects.annotate(open_dispute=open_dispute_exists()).filter(condition)

    @staticmethod
    def allows(
        actor: Actor | None,
        entry: JournalEntry,
        *,
        classes: frozenset[str],
        disputed: bool,
    ) -> bool:
        """`classes`: visible_data_classes(actor, entry.course); `disputed`: a dispute is open."""
        if actor is None or not CoursePolicy.allows(actor, entry.course):
            return False
        if entry.data_class not in classes:
            return False
        if disputed and not actor.is_citizen:
            return actor.organisation_id == entry.author_organisation_id
        return True

    @staticmethod
    def writable_classes(actor: Actor | None, course: Course, visible: frozenset[str]) -> list[str]:
        """The classes the actor may write on this course, in form order."""
        if actor is None or actor.is_citizen or actor.professional_id is None:
            return []
        if not actor.works_with_citizens or not works_on(actor, course):
            return []
        own = SECTOR_WRITES.get(actor.sector, frozenset(JOINT_CLASSES))
        return [c.value for c in CLASS_ORDER if c in own and c in visible]

    @classmethod
    def can_summarise(cls, actor: Actor | None, course: Course, visible: frozenset[str]) -> bool:
        """Write a summary for sharing from a therapy-detail entry."""
        writable = cls.writable_classes(actor, course, visible)
        return (
            actor is not None
            and actor.sector == Sector.HEALTH
            and DataClass.THERAPY_DETAIL in visible
            and any(c in writable for c in SUMMARY_CLASSES)
        )

    @staticmethod
    def can_dispute(actor: Actor | None, course: Course) -> bool:
        return (
            actor is not None
            and actor.is_citizen
            and actor.citizen_id is not None
            and course.citizen_id == actor.citizen_id
        )

    @staticmethod
    def can_answer(actor: Actor | None, entry: JournalEntry) -> bool:
        """Add an addendum and close a dispute: the author, or a team leader of the course's
        team from the author's organisation."""
        if actor is None or actor.is_citizen or actor.professional_id is None:
            return False
        if not works_on(actor, entry.course):
            return False
        if actor.professional_id == entry.author_id:
            return True
        return (
            actor.role == Role.TEAM_LEADER
            and actor.organisation_id == entry.author_organisation_id
            and entry.course.team_id in actor.team_ids
        )
