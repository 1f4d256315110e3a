"""Who may read and write the work and benefit history, and who sees outcome aggregates.

- The history is read like the employment consultant's other records: everyone who may see the
  course reads the entries whose data class consent gives them (vocational, benefit decisions).
- The course's own employment consultant (or employment specialist) writes it.
- Outcome pages show aggregates only, never a person: the members of a team see their team's;
  a manager the teams with a member from their organisation (TeamPolicy); evaluators their teams.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.citizens.gate import CourseAccess, Requirement
from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.core.data_classes import DataClass
from roundtable.organisations.models import EMPLOYMENT_COURSE_ROLES
from roundtable.outcomes.models import WorkHistoryEntry

WORK_HISTORY = CourseRecordPolicy(WorkHistoryEntry)
RECORD_POLICIES = (WORK_HISTORY,)


def can_write_history(access: CourseAccess) -> bool:
    """The course's own employment consultant, while consent lets them read work records."""
    actor = access.actor
    return (
        not access.emergency
        and actor.role in EMPLOYMENT_COURSE_ROLES
        and actor.professional_id is not None
        and actor.professional_id == access.course.employment_consultant_id
        and access.may_read(DataClass.VOCATIONAL)
    )


WRITES_HISTORY = Requirement(
    can_write_history,
    _("Only the citizen's employment consultant records the work and benefit history."),
)
