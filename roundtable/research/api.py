"""Research exports in the API. Mounted at the API root: api.add_router("/", router).

GET /research/export?format=csv|json&team=<id>: the pseudonymised, k-anonymous export of the
evaluator's teams (all of them, or the one named). Anyone else gets 404.
"""

from __future__ import annotations

import uuid
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router

from roundtable.accounts.actor import request_actor
from roundtable.core.api import errors
from roundtable.research import selectors
from roundtable.research.views import export_response

router = Router(tags=["research"])


@router.get(
    "/research/export",
    response={200: dict, **errors(404)},
    openapi_extra={
        "responses": {
            200: {
                "description": "The export",
                "content": {"application/json": {}, "text/csv": {}},
            },
            404: {"description": "Not an evaluator, or not one of the caller's teams."},
        }
    },
)
def research_export(
    request: HttpRequest,
    format: Literal["csv", "json"] = "json",
    team: uuid.UUID | None = None,
) -> HttpResponse:
    """One row per course: a keyed pseudonym, categories, generalised dates and counts. No names,
    national ids, free text or exact dates; every combination of team, jurisdiction, diagnosis
    group and referral quarter is shared by at least k courses. Every export is audited."""
    export = selectors.research_export_get(actor=request_actor(request), fmt=format, team_id=team)
    return export_response(export)
