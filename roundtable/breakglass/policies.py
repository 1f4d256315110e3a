"""Who may use and review emergency access (break-glass, SECURITY.md 9).

- Starting: health clinicians only, that is professionals of a health-sector organisation who
  work with citizens (care managers, team leaders, supervisors). Employment staff, managers,
  evaluators, administrators and citizens may not.
- Ending: the clinician who holds the grant, and no one else.
- Reviewing: supervisors and team leaders of the same health organisation as the clinician,
  never the clinician themself (four eyes).
- What a grant opens is decided in `roundtable.breakglass.access` (for the course policy).
"""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.breakglass.models import BreakGlassGrant, BreakGlassGrantQuerySet
from roundtable.organisations.models import TEAM_WIDE_ROLES

START_REFUSED = _(
    "Emergency access is only for health professionals who work with patients: care "
    "managers, team leaders and supervisors of a health organisation."
)
REVIEW_REFUSED = _(
    "Only supervisors and team leaders of a health organisation review emergency access."
)
OWN_REVIEW_REFUSED = _(
    "You cannot review your own emergency access. Another supervisor or team leader will."
)


class GrantPolicy:
    @staticmethod
    def can_start(actor: Actor | None) -> bool:
        return (
            actor is not None
            and not actor.is_citizen
            and actor.professional_id is not None
            and actor.works_with_citizens
            and actor.is_health_sector
        )

    @staticmethod
    def own_queryset(actor: Actor | None) -> BreakGlassGrantQuerySet:
        """The grants the actor holds (to end them, and to see their own)."""
        if actor is None or actor.professional_id is None or actor.is_citizen:
            return cast(BreakGlassGrantQuerySet, BreakGlassGrant.objects.none())
        grants = BreakGlassGrant.objects.filter(professional_id=actor.professional_id)
        return cast(BreakGlassGrantQuerySet, grants)


class ReviewPolicy:
    @staticmethod
    def can_review(actor: Actor | None) -> bool:
        return (
            actor is not None
            and not actor.is_citizen
            and actor.professional_id is not None
            and actor.organisation_id is not None
            and actor.role in TEAM_WIDE_ROLES
            and actor.is_health_sector
        )

    @classmethod
    def queryset(cls, actor: Actor | None) -> QuerySet[BreakGlassGrant]:
        """Grants of the actor's organisation, their own included (shown, never reviewable)."""
        if not cls.can_review(actor):
            return BreakGlassGrant.objects.none()
        assert actor is not None and actor.organisation_id is not None
        return BreakGlassGrant.objects.filter(professional__organisation_id=actor.organisation_id)

    @classmethod
    def allows(cls, actor: Actor | None, grant: BreakGlassGrant) -> bool:
        """May see the grant for review (the organisation's, own included)."""
        return (
            cls.can_review(actor)
            and actor is not None
            and grant.professional.organisation_id == actor.organisation_id
        )

    @staticmethod
    def is_own(actor: Actor | None, grant: BreakGlassGrant) -> bool:
        return actor is not None and grant.professional_id == actor.professional_id
