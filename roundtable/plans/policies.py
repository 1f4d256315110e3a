"""Who may see and write the joint plan.

- The draft (`JointPlan`): the course's care manager, its employment consultant and the team
  leader of the course's team edit and publish it; supervisors of the team read it. The citizen
  never sees the draft, only what was published.
- Published versions (`PlanVersion`): everyone who may see the course reads them — the citizen
  included — and the citizen answers them (a comment, and whether they agree).
- Everyone else sees nothing: the selectors answer 404 for forbidden and missing alike.
- Which sections a reader sees is decided per data class by
  `roundtable.consent.access.visible_data_classes`, in the selectors.
"""

from __future__ import annotations

from django.db.models import QuerySet

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.organisations.models import Role
from roundtable.plans.models import JointPlan, PlanVersion


class JointPlanPolicy:
    """The working draft: professionals who may see the course; never the citizen."""

    @staticmethod
    def queryset(actor: Actor | None) -> QuerySet[JointPlan]:
        if actor is None or actor.is_citizen:
            return JointPlan.objects.none()
        courses = CoursePolicy.queryset(actor)
        if courses.query.is_empty():
            return JointPlan.objects.none()
        return JointPlan.objects.filter(course__in=courses)

    @staticmethod
    def allows(actor: Actor | None, plan: JointPlan) -> bool:
        return JointPlanPolicy.can_read_draft(actor, plan.course)

    @staticmethod
    def can_read_draft(actor: Actor | None, course: Course) -> bool:
        return actor is not None and not actor.is_citizen and CoursePolicy.allows(actor, course)

    @staticmethod
    def can_edit(actor: Actor | None, course: Course) -> bool:
        """Write the draft and publish it: the course's two professionals and the team leader."""
        if actor is None or actor.is_citizen or actor.professional_id is None:
            return False
        if not CoursePolicy.allows(actor, course):
            return False
        if actor.professional_id in (course.care_manager_id, course.employment_consultant_id):
            return True
        return actor.role == Role.TEAM_LEADER and course.team_id in actor.team_ids


class PlanVersionPolicy:
    """Published versions: everyone who may see the course, the citizen included."""

    @staticmethod
    def queryset(actor: Actor | None) -> QuerySet[PlanVersion]:
        courses = CoursePolicy.queryset(actor)
        if courses.query.is_empty():
            return PlanVersion.objects.none()
        return PlanVersion.objects.filter(plan__course__in=courses)

    @staticmethod
    def allows(actor: Actor | None, version: PlanVersion) -> bool:
        return CoursePolicy.allows(actor, version.plan.course)

    @staticmethod
    def can_respond(actor: Actor | None, course: Course) -> bool:
        """Comment on and agree with a published version: the citizen, on their own course."""
        return (
            actor is not None
            and actor.is_citizen
            and actor.citizen_id is not None
            and course.citizen_id == actor.citizen_id
        )
