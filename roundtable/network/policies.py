"""Who may read and change the coordinator, the responsibility group and the directory.

- Reading the coordinator and the group: whoever may see the course (the gate) and read its
  `contact_details` — the team, the citizen, and an outside member whose organisation or role
  the citizen's consent names (roundtable.citizens.groups).
- Naming or handing over the coordinator, adding a member or marking one as left: the
  course's care manager and employment consultant and the team leader of its team (what the
  team writes together, `CourseAccess.may_write`). Outside members and supervisors read.
- The service directory holds no personal data: every signed-in person may search it; team
  leaders and administrators maintain it.

`COORDINATIONS` and `GROUP_MEMBERS` pair the list filter with the instance check
(tests/test_policies_agree.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.citizens.gate import CourseAccess, Requirement
from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.core.data_classes import DataClass
from roundtable.network.models import Coordination, GroupMember
from roundtable.organisations.models import Role

COORDINATIONS = CourseRecordPolicy(Coordination)
GROUP_MEMBERS = CourseRecordPolicy(GroupMember)


class NetworkPolicy:
    @staticmethod
    def can_change(access: CourseAccess) -> bool:
        return access.may_write and access.may_read(DataClass.CONTACT_DETAILS)

    @staticmethod
    def can_search_directory(actor: Actor | None) -> bool:
        return actor is not None and (actor.is_citizen or actor.is_professional)

    @staticmethod
    def can_maintain_directory(actor: Actor | None) -> bool:
        return actor is not None and actor.role in (Role.TEAM_LEADER, Role.ADMINISTRATOR)

    @staticmethod
    def sees_uncoordinated(actor: Actor | None, team_id) -> bool:
        """A team leader of the team sees which of its courses have no coordinator."""
        return (
            actor is not None
            and actor.role == Role.TEAM_LEADER
            and actor.professional_id is not None
            and team_id in actor.team_ids
        )


CHANGES = Requirement(
    NetworkPolicy.can_change,
    _("Only the course's own professionals and the team leader change its network."),
)
