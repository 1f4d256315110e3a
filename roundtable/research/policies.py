"""Who may take a research export (DOMAIN §7: the evaluator gets pseudonymised exports).

- An evaluator, for the teams they belong to — all of them at once, or one of them.
- Everyone else, managers included (they get aggregates elsewhere), gets nothing: the selector
  answers 404, the same as for a team that does not exist.
"""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from roundtable.accounts.actor import Actor
from roundtable.organisations.models import Role, Team


class ResearchPolicy:
    @staticmethod
    def can_export(actor: Actor | None) -> bool:
        return (
            actor is not None
            and actor.role == Role.EVALUATOR
            and actor.professional_id is not None
            and bool(actor.team_ids)
        )

    @staticmethod
    def teams(actor: Actor | None) -> QuerySet[Team]:
        if not ResearchPolicy.can_export(actor):
            return Team.objects.none()
        assert actor is not None
        return Team.objects.filter(pk__in=actor.team_ids)

    @staticmethod
    def allows_team(actor: Actor | None, team_id: uuid.UUID) -> bool:
        return ResearchPolicy.can_export(actor) and actor is not None and team_id in actor.team_ids
