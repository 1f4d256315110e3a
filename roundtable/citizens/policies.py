"""Who may see which citizens and courses: one policy per kind of record.

Each policy pairs a queryset filter (for lists) with an instance check (for one record), so the
list and the detail page cannot disagree; tests/test_policies_agree.py checks that they do not.

The rules (issue: foundation):
- a care manager or employment consultant sees the courses they are assigned to;
- a team leader or supervisor sees every course of the teams they belong to (and their own);
- a citizen sees their own courses;
- a professional of another organisation in the course's responsibility group (roundtable.network)
  sees it only while the citizen's consent gives their organisation or role a class
  (roundtable.citizens.groups; read-only);
- managers, evaluators and administrators see no one's record (aggregates and configuration only);
- a health clinician with an active break-glass grant sees that one course until it ends
  (roundtable.breakglass.access).

What of a course the actor reads (its data classes) is decided by consent
(roundtable.consent.access); `can_see_diagnosis` is that decision for the diagnosis group.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any, Generic, Protocol, TypeVar

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet

from roundtable.accounts.actor import Actor
from roundtable.breakglass.access import grant_allows, grant_q
from roundtable.citizens.groups import group_member_course_ids
from roundtable.citizens.models import Citizen, Course
from roundtable.consent.access import consent_decisions_by_course, visible_data_classes
from roundtable.core.data_classes import DataClass
from roundtable.core.request_context import memoised

GROUP_MEMO_KEY = "group_open"


def group_course_ids(actor: Actor | None) -> frozenset[uuid.UUID]:
    """The courses the actor sees as a member of their responsibility group: those whose
    consent decision (`outside`) gives the actor at least one data class. Memoised for the
    request; no query beyond the membership look-up for an actor who is a member of none."""
    members = group_member_course_ids(actor)
    if not members or actor is None:
        return frozenset()

    def load() -> frozenset[uuid.UUID]:
        courses = list(Course.objects.filter(pk__in=sorted(members)))
        decisions = consent_decisions_by_course(actor, courses)
        return frozenset(pk for pk, decision in decisions.items() if decision.classes)

    return memoised((GROUP_MEMO_KEY, actor.professional_id), load)


class CoursePolicy:
    @staticmethod
    def _filter(actor: Actor | None) -> Q | None:
        if actor is None:
            return None
        if actor.is_citizen:
            return Q(citizen_id=actor.citizen_id)
        if not actor.works_with_citizens or actor.professional_id is None:
            return None
        assigned = Q(care_manager_id=actor.professional_id) | Q(
            employment_consultant_id=actor.professional_id
        )
        if actor.sees_team_courses and actor.team_ids:
            assigned |= Q(team_id__in=actor.team_ids)
        emergency = grant_q(actor)
        if emergency is not None:
            assigned |= emergency
        grouped = group_course_ids(actor)
        if grouped:
            assigned |= Q(pk__in=sorted(grouped))
        return assigned

    @classmethod
    def queryset(cls, actor: Actor | None) -> QuerySet[Course]:
        condition = cls._filter(actor)
        if condition is None:
            return Course.objects.none()
        return Course.objects.filter(condition)

    @staticmethod
    def sees_without_grant(actor: Actor | None, course: Course) -> bool:
        """The citizen's own course, an assigned one, or one of a team the actor leads or
        supervises: everything but emergency access."""
        if actor is None:
            return False
        if actor.is_citizen:
            return course.citizen_id == actor.citizen_id
        if not actor.works_with_citizens or actor.professional_id is None:
            return False
        if actor.professional_id in (course.care_manager_id, course.employment_consultant_id):
            return True
        return actor.sees_team_courses and course.team_id in actor.team_ids

    @classmethod
    def allows(cls, actor: Actor | None, course: Course) -> bool:
        # Group membership and grants are looked up (once a request) only when nothing else
        # opens the course.
        return (
            cls.sees_without_grant(actor, course)
            or cls.sees_through_group(actor, course)
            or grant_allows(actor, course.pk)
        )

    @staticmethod
    def sees_through_group(actor: Actor | None, course: Course) -> bool:
        """A member of the course's responsibility group whom the citizen's consent gives at
        least one class (roundtable.citizens.groups): reads, never writes."""
        return course.pk in group_course_ids(actor)

    @staticmethod
    def can_see_diagnosis(
        actor: Actor | None, course: Course, *, classes: frozenset[str] | None = None
    ) -> bool:
        """Diagnoses stay in the health sector until the citizen shares them (SECURITY.md 3).

        Per course and decided by consent (roundtable.consent.access): employment staff see
        the diagnosis only while the citizen permits `diagnosis` to them. Pass `classes` when
        the caller already has the course's visible data classes (lists: one load per page).
        The caller has checked that the actor may see the course.
        """
        if actor is None:
            return False
        if classes is None:
            classes = visible_data_classes(actor, course)
        return DataClass.DIAGNOSIS in classes


class CitizenPolicy:
    @staticmethod
    def queryset(actor: Actor | None) -> QuerySet[Citizen]:
        if actor is None:
            return Citizen.objects.none()
        if actor.is_citizen:
            if actor.citizen_id is None:
                return Citizen.objects.none()
            return Citizen.objects.filter(pk=actor.citizen_id)
        courses = CoursePolicy.queryset(actor)
        if not courses.query.is_empty():
            return Citizen.objects.filter(Exists(courses.filter(citizen_id=OuterRef("pk"))))
        return Citizen.objects.none()

    @staticmethod
    def allows(actor: Actor | None, citizen: Citizen, courses: list[Course]) -> bool:
        """`courses` are all of the citizen's courses (the check must see every one of them)."""
        if actor is None:
            return False
        if actor.is_citizen:
            return citizen.pk == actor.citizen_id
        return any(CoursePolicy.allows(actor, course) for course in courses)


M = TypeVar("M", bound=models.Model)


class CourseRecordPolicy(Generic[M]):
    """One kind of record of a course (STYLE.md 4: one policy per kind of record).

    A record is readable by whoever may see its course (CoursePolicy) and — for records with a
    `data_class` — whom consent lets read that class (roundtable.consent.access). Instantiated
    once per kind of record by the app that owns it, e.g.
    `PLAN_VERSIONS = CourseRecordPolicy(PlanVersion, course_path="plan__course")`; the paired
    `queryset` and `allows` are checked to agree by a hypothesis test in each app.

    Pages read records of one course through `of(access)`, with what the gate decided; the
    queryset over every course (two consent queries, then one condition per distinct set of
    classes) is for lists across courses and for the agreement tests.
    """

    def __init__(
        self,
        model: type[M],
        *,
        course_path: str = "course",
        by_data_class: bool = True,
        citizen_reads: bool = True,
        hidden_from_citizen: frozenset[str] = frozenset(),
    ) -> None:
        self.model = model
        self.course_path = course_path
        self.by_data_class = by_data_class
        # The working draft of the joint plan is the team's, never the citizen's.
        self.citizen_reads = citizen_reads
        # Classes the citizen does not read of their own record here (the therapy notes).
        self.hidden_from_citizen = hidden_from_citizen

    def _classes(self, actor: Actor, classes: frozenset[str]) -> frozenset[str]:
        return classes - self.hidden_from_citizen if actor.is_citizen else classes

    def queryset(self, actor: Actor | None) -> QuerySet[M]:
        manager = self.model._default_manager
        if actor is None or (actor.is_citizen and not self.citizen_reads):
            return manager.none()
        courses = CoursePolicy.queryset(actor)
        if courses.query.is_empty():
            return manager.none()
        if not self.by_data_class:
            return manager.filter(**{f"{self.course_path}__in": courses})
        by_classes: dict[frozenset[str], list[uuid.UUID]] = defaultdict(list)
        for pk, decision in consent_decisions_by_course(actor, list(courses)).items():
            classes = self._classes(actor, decision.classes)
            if classes:
                by_classes[classes].append(pk)
        if not by_classes:
            return manager.none()
        condition = Q()
        for classes, ids in by_classes.items():
            condition |= Q(**{f"{self.course_path}_id__in": ids}, data_class__in=sorted(classes))
        return manager.filter(condition)

    def course_of(self, record: M) -> Course:
        value: Any = record
        for step in self.course_path.split("__"):
            value = getattr(value, step)
        return value

    def allows(self, actor: Actor | None, record: M, *, course: Course | None = None) -> bool:
        """`course`: the record's course when the caller has it (no query)."""
        if actor is None or (actor.is_citizen and not self.citizen_reads):
            return False
        course = course if course is not None else self.course_of(record)
        if not CoursePolicy.allows(actor, course):
            return False
        if not self.by_data_class:
            return True
        classes = self._classes(actor, visible_data_classes(actor, course))
        return getattr(record, "data_class") in classes  # noqa: B009 (typed as a plain model)

    def of(self, access: CourseAccessLike) -> QuerySet[M]:
        """The records of the access's course that it may read (the gate has decided)."""
        manager = self.model._default_manager
        if access.actor.is_citizen and not self.citizen_reads:
            return manager.none()
        rows = manager.filter(**{self.course_path: access.course})
        if not self.by_data_class:
            return rows
        return rows.filter(data_class__in=sorted(self._classes(access.actor, access.visible)))


class CourseAccessLike(Protocol):
    """What `CourseRecordPolicy.of` needs of roundtable.citizens.gate.CourseAccess."""

    @property
    def actor(self) -> Actor: ...

    @property
    def course(self) -> Course: ...

    @property
    def visible(self) -> frozenset[str]: ...
