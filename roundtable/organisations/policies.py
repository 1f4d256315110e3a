"""Who may see which teams. Team pages hold staff names and aggregate counts, never a citizen.

- members of a team see it;
- a manager sees the teams that have a member from the manager's organisation;
- an administrator sees every team (configuration);
- citizens and everyone else see none.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from roundtable.accounts.actor import Actor
from roundtable.organisations.models import Membership, Team


class TeamPolicy:
    @staticmethod
    def queryset(actor: Actor | None) -> QuerySet[Team]:
        if actor is None or actor.is_citizen:
            return Team.objects.none()
        if actor.is_administrator:
            return Team.objects.all()
        if actor.is_manager:
            # A manager sees by organisation, never by membership (as `allows` decides).
            if not actor.organisation_id:
                return Team.objects.none()
            members_from_org = Membership.objects.filter(
                team_id=OuterRef("pk"), professional__organisation_id=actor.organisation_id
            )
            return Team.objects.filter(Exists(members_from_org))
        return Team.objects.filter(pk__in=actor.team_ids)

    @staticmethod
    def allows(actor: Actor | None, team: Team, member_organisation_ids: set) -> bool:
        if actor is None or actor.is_citizen:
            return False
        if actor.is_administrator:
            return True
        if actor.is_manager:
            return actor.organisation_id in member_organisation_ids
        return team.pk in actor.team_ids
