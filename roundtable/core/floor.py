"""The floor: the cheapest signed-in page, the baseline every page's cost is compared to.

`/floor/` goes through the whole middleware stack (session, user, actor, language, headers) and
the base template, then does what every page does at the least: one indexed query on a small
table (the actor's own teams, by primary key) and one audited read. `bench/run.py` reports each
page's cost as a multiple of this one (STYLE.md 16). It shows nothing personal, but it is a page
like any other: professionals only, 404 for everyone else.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import Actor, request_actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.organisations.models import Sector, Team


def floor_teams(*, actor: Actor) -> list[Team]:
    """The actor's own teams (one query on the primary key), with the read audited."""
    teams = list(Team.objects.filter(pk__in=actor.team_ids).only("id", "name").order_by("name"))
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="organisation",
        object_id=actor.organisation_id or "",
        detail={"teams": len(teams)},
    )
    return teams


@login_required
@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if actor is None or not actor.is_professional:
        raise Http404()
    sector = Sector(actor.sector).label if actor.sector in Sector.values else actor.sector
    return render(request, "core/floor.html", {"teams": floor_teams(actor=actor), "sector": sector})
