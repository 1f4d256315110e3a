"""Who may read and who may record a citizen's consent.

- Read: the citizen themself, and every professional who may see one of the citizen's courses
  (CoursePolicy) — the team must know what it may share. The consent itself holds no health
  content, only which classes may go where.
- Record (a new version, a withdrawal): the citizen in the portal; the care manager or the
  employment consultant of one of the citizen's open courses, for a consent the citizen gave
  on paper or orally (with a witness). Team leaders and supervisors read but do not record.
"""

from __future__ import annotations

from collections.abc import Iterable

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy


class ConsentPolicy:
    @staticmethod
    def can_read(actor: Actor | None, citizen: Citizen, courses: Iterable[Course]) -> bool:
        return CitizenPolicy.allows(actor, citizen, list(courses))

    @staticmethod
    def can_record(actor: Actor | None, citizen: Citizen, courses: Iterable[Course]) -> bool:
        if actor is None:
            return False
        if actor.is_citizen:
            return actor.citizen_id == citizen.pk
        if actor.professional_id is None:
            return False
        return any(
            course.citizen_id == citizen.pk
            and course.is_open
            and actor.professional_id in (course.care_manager_id, course.employment_consultant_id)
            and CoursePolicy.allows(actor, course)
            for course in courses
        )
