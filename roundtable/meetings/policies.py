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

from roundtable.accounts.actor import Actor
from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.meetings.models import Meeting
from roundtable.organisations.models import Role

# A meeting (its time, place and purpose) is seen by everyone who sees the course; what was
# said and decided is `meeting_minutes`, filtered by consent where it is read. Who runs a
# meeting is the gate's `CourseAccess.may_write`; who prepares, `CourseAccess.is_own`.
MEETINGS: CourseRecordPolicy[Meeting] = CourseRecordPolicy(Meeting, by_data_class=False)


class PromptPolicy:
    @staticmethod
    def can_edit(actor: Actor | None, team_id) -> bool:
        return (
            actor is not None
            and actor.role == Role.TEAM_LEADER
            and actor.professional_id is not None
            and team_id in actor.team_ids
        )
