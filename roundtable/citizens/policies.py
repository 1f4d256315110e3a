"""Who may see which citizens and courses: one policy per kind of record.

Each policy pairs a queryset filter (for lists) with an instance check (for one record), so the
list and the detail page cannot disagree; tests/test_policies_agree.py checks that they do not.

The rules (issue: foundation):
- a care manager or employment consultant sees the courses they are assigned to;
- a team leader or supervisor sees every course of the teams they belong to (and their own);
- a citizen sees their own courses;
- managers, evaluators and administrators see no one's record (aggregates and configuration only);
- a health clinician with an active break-glass grant sees that one course until it ends
  (roundtable.breakglass.access).

What of a course the actor reads (its data classes) is decided by consent
(roundtable.consent.access); `can_see_diagnosis` is that decision for the diagnosis group.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from roundtable.accounts.actor import Actor
from roundtable.breakglass.access import grant_allows, grant_q
from roundtable.citizens.models import Citizen, Course
from roundtable.consent.access import visible_data_classes
from roundtable.core.data_classes import DataClass


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
        return assigned

    @classmethod
    def queryset(cls, actor: Actor | None) -> QuerySet[Course]:
        condition = cls._filter(actor)
        if condition is None:
            return Course.objects.none()
        return Course.objects.filter(condition)

    @staticmethod
    def allows(actor: Actor | None, course: Course) -> bool:
        if actor is None:
            return False
        if actor.is_citizen:
            return course.citizen_id == actor.citizen_id
        if not actor.works_with_citizens or actor.professional_id is None:
            return False
        if actor.professional_id in (course.care_manager_id, course.employment_consultant_id):
            return True
        if actor.sees_team_courses and course.team_id in actor.team_ids:
            return True
        return grant_allows(actor, course.pk)

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
