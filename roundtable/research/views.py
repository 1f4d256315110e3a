"""The evaluator's research page and the export files. Thin: the selector checks access and
writes the audit event; `anonymise` has already made the rows safe to hand out."""

from __future__ import annotations

import json
import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import request_actor
from roundtable.core.csvsafe import csv_response
from roundtable.research import selectors
from roundtable.research.selectors import FORMATS, ResearchExport


def _cell(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def export_response(export: ResearchExport) -> HttpResponse:
    table = export.table
    filename = f"roundtable-research-{timezone.localdate():%Y-%m}.{export.fmt}"
    if export.fmt == "csv":
        rows = ([_cell(row[c]) for c in table.columns] for row in table.rows)
        return csv_response(table.columns, rows, filename)
    body = {
        "k": table.k,
        "teams": list(export.team_names),
        "columns": list(table.columns),
        "rows": table.rows,
        "rows_withheld": table.withheld_cell,
        # Their weeks_absence_to_first_meeting is empty: a data error for the team to correct.
        "courses_with_first_meeting_before_absence": table.meeting_before_absence_cell,
        "courses_by_team_diagnosis_and_status": table.aggregates,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def parse_team(value: str | None) -> uuid.UUID | None | str:
    """The chosen team: None for all teams, a UUID, or "" when the value is not a team id."""
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return ""


@login_required
@require_GET
def research_page(request: HttpRequest) -> HttpResponse:
    teams = selectors.research_teams(actor=request_actor(request))
    return render(request, "research/research.html", {"teams": teams, "k": selectors.research_k()})


@login_required
@require_GET
def research_export(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    fmt = request.GET.get("format", "csv")
    team = parse_team(request.GET.get("team"))
    if fmt not in FORMATS or team == "":
        # Checked after access, so that a bad request tells an outsider nothing.
        selectors.research_teams(actor=actor)
        return HttpResponseBadRequest(_("Choose CSV or JSON, and one of your teams."))
    assert not isinstance(team, str)
    export = selectors.research_export_get(actor=actor, fmt=fmt, team_id=team)
    return export_response(export)
