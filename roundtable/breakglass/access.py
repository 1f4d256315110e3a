"""What an active break-glass grant opens, for the course policy (roundtable.citizens.policies).

Only health-sector professionals can hold a grant; the grant opens exactly one course, read-only,
until it expires or is ended. Checked on every request, so expiry takes effect at once.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.breakglass.models import BreakGlassGrant
from roundtable.breakglass.policies import GrantPolicy

# Only those who may start a grant can hold one: a grant left over from someone who has since
# moved to the jobcentre, or become a manager, opens nothing.
_eligible = GrantPolicy.can_start


def grant_q(actor: Actor | None) -> Q | None:
    """A filter on Course for the courses the actor's active grants open (None: none can be)."""
    if not _eligible(actor):
        return None
    assert actor is not None
    return Q(
        pk__in=BreakGlassGrant.objects.active(timezone.now())
        .filter(professional_id=actor.professional_id)
        .values("course_id")
    )


def grant_allows(actor: Actor | None, course_id) -> bool:
    if not _eligible(actor):
        return False
    assert actor is not None
    return (
        BreakGlassGrant.objects.active(timezone.now())
        .filter(professional_id=actor.professional_id, course_id=course_id)
        .exists()
    )
