"""What an active break-glass grant opens, for the course policy (roundtable.citizens.policies).

Only health-sector professionals can hold a grant; the grant opens exactly one course, read-only,
until it expires or is ended. The actor's active grants are looked up once per request (one
small indexed query, none for anyone who cannot hold a grant), so expiry takes effect on the
next request, and the course filter names the opened courses as literal ids — never a subquery
that would keep the database from using its indexes for every other course (issue 9).
"""

from __future__ import annotations

import uuid

from django.db.models import Q
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.breakglass.models import BreakGlassGrant
from roundtable.breakglass.policies import GrantPolicy
from roundtable.core.request_context import memoised

# Only those who may start a grant can hold one: a grant left over from someone who has since
# moved to the jobcentre, or become a manager, opens nothing.
_eligible = GrantPolicy.can_start

MEMO_KEY = "breakglass"


def emergency_course_ids(actor: Actor | None) -> frozenset[uuid.UUID]:
    """The courses the actor's active grants open now (memoised for the request)."""
    if not _eligible(actor):
        return frozenset()
    assert actor is not None

    def load() -> frozenset[uuid.UUID]:
        return frozenset(
            BreakGlassGrant.objects.active(timezone.now())
            .filter(professional_id=actor.professional_id)
            .values_list("course_id", flat=True)
        )

    return memoised((MEMO_KEY, actor.professional_id), load)


def grant_q(actor: Actor | None) -> Q | None:
    """A filter on Course for the courses the actor's active grants open (None: none)."""
    opened = emergency_course_ids(actor)
    return Q(pk__in=sorted(opened)) if opened else None


def grant_allows(actor: Actor | None, course_id: uuid.UUID) -> bool:
    return course_id in emergency_course_ids(actor)
