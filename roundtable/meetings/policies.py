"""Who may see and run roundtable meetings.

- Everyone who may see the course sees its meetings (CoursePolicy): the care manager, the
  employment consultant, the team leader and supervisors of the team, and the citizen. The
  minutes are for everyone who took part, the citizen first (DOMAIN §2).
- The course's care manager, its employment consultant and the team leader of the course's team
  schedule and run meetings and log decisions. Supervisors advise; they read.
- The citizen prepares: reads the preparation and answers the prompts of their own meetings. The
  citizen reads decisions and minutes but does not edit them.
- A team leader edits the preparation prompts of their own team.
- Everyone else sees nothing: the selectors answer 404 for forbidden and missing alike.
"""

from __future__ import annotations

from django.db.models import QuerySet

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.meetings.models import Meeting
from roundtable.organisations.models import Role


class MeetingPolicy:
    @staticmethod
    def queryset(actor: Actor | None) -> QuerySet[Meeting]:
        courses = CoursePolicy.queryset(actor)
        if courses.query.is_empty():
            return Meeting.objects.none()
        return Meeting.objects.filter(course__in=courses)

    @staticmethod
    def allows(actor: Actor | None, meeting: Meeting) -> bool:
        return CoursePolicy.allows(actor, meeting.course)

    @staticmethod
    def can_run(actor: Actor | None, course: Course) -> bool:
        """Schedule, change, cancel and hold meetings; log decisions and options; write minutes."""
        if actor is None or actor.is_citizen or actor.professional_id is None:
            return False
        if not CoursePolicy.allows(actor, course):
            return False
        if actor.professional_id in (course.care_manager_id, course.employment_consultant_id):
            return True
        return actor.role == Role.TEAM_LEADER and course.team_id in actor.team_ids

    @staticmethod
    def can_prepare(actor: Actor | None, course: Course) -> bool:
        """Answer the preparation prompts: the citizen, for their own meetings only."""
        return (
            actor is not None
            and actor.is_citizen
            and actor.citizen_id is not None
            and course.citizen_id == actor.citizen_id
        )


class PromptPolicy:
    @staticmethod
    def can_edit(actor: Actor | None, team_id) -> bool:
        return (
            actor is not None
            and actor.role == Role.TEAM_LEADER
            and actor.professional_id is not None
            and team_id in actor.team_ids
        )
