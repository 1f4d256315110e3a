"""Who may read and change the coordinator, the responsibility group and the directory.

- Reading the coordinator and the group: whoever may see the course (the gate) and read its
  `contact_details` — the team, the citizen, and an outside member whose organisation or role
  the citizen's consent names (roundtable.citizens.groups).
- Naming or handing over the coordinator, adding a member or marking one as left: the
  course's care manager and employment consultant and the team leader of its team (what the
  team writes together, `CourseAccess.may_write`). Outside members and supervisors read.
- The service directory holds no personal data: every signed-in person may search it; team
  leaders and administrators maintain it.

- Sharing a summary with a member who has no account: who changes the network, and only the
  parts whose data class they may read of the course. Opening a shared summary later: who
  reads the network and may read every part it holds.

`COORDINATIONS`, `GROUP_MEMBERS` and `SUMMARY_SHARES` pair the list filter with the instance check
(tests/test_policies_agree.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.citizens.gate import CourseAccess, Requirement
from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.core.data_classes import DataClass
from roundtable.network.models import (
    SUMMARY_PART_CLASSES,
    Coordination,
    GroupMember,
    SummaryShare,
)
from roundtable.organisations.models import Role

COORDINATIONS = CourseRecordPolicy(Coordination)
GROUP_MEMBERS = CourseRecordPolicy(GroupMember)
SUMMARY_SHARES = CourseRecordPolicy(SummaryShare)


class NetworkPolicy:
    @staticmethod
    def can_change(access: CourseAccess) -> bool:
        return access.may_write and access.may_read(DataClass.CONTACT_DETAILS)

    @staticmethod
    def share_classes(parts) -> list[str]:
        """The data classes a shared summary's parts hold (an unknown part: none readable)."""
        return [SUMMARY_PART_CLASSES.get(p, "") for p in parts]

    @staticmethod
    def may_open_share(access: CourseAccess, share: SummaryShare) -> bool:
        """A shared summary's text only to a reader who may read every part it holds: its row
        is contact details, but its plan part is the joint plan."""
        return all(access.may_read(c) for c in NetworkPolicy.share_classes(share.parts))

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
