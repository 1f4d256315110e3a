"""The access export as files (JSON, PDF), the citizen's "Your data" page and the access log as
a spreadsheet file. Thin: the selectors check access and write the audit events."""

from __future__ import annotations

import json
import uuid

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import request_actor
from roundtable.audit.selectors import access_log_list
from roundtable.core import times
from roundtable.core.csvsafe import csv_response
from roundtable.core.pdf import pdf_response, render_pdf
from roundtable.exports.document import export_document
from roundtable.exports.selectors import AccessExport, access_export_get


def export_json_response(export: AccessExport) -> HttpResponse:
    response = HttpResponse(
        json.dumps(export.data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="roundtable-data-{stamp}.json"'
    return response


def export_pdf_response(request: HttpRequest, export: AccessExport) -> HttpResponse:
    actor = request_actor(request)
    own = actor is not None and actor.citizen_id == export.citizen_id
    user = request.user
    assert user.is_authenticated  # the export was decided for a signed-in actor
    content = render_pdf(
        "exports/export_pdf.html",
        {
            "name": export.citizen_name,
            "document": export_document(export.data, own=own),
            "own": own,
            "requester": user.display_name,
        },
        stylesheets=("exports/export_pdf.css",),
    )
    return pdf_response(content, f"roundtable-data-{timezone.localdate().isoformat()}.pdf")


@login_required
@require_GET
def export_file(request: HttpRequest, citizen_id: uuid.UUID, fmt: str) -> HttpResponse:
    export = access_export_get(actor=request_actor(request), citizen_id=citizen_id, fmt=fmt)
    if fmt == "pdf":
        return export_pdf_response(request, export)
    return export_json_response(export)


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    """The citizen's page for taking a copy of their data."""
    actor = request_actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    return render(request, "exports/my_data.html", {"citizen_id": actor.citizen_id})


ACCESS_LOG_CSV_ROWS = 10_000


@login_required
@require_GET
def access_log_csv(request: HttpRequest) -> HttpResponse:
    """The citizen's access log as a spreadsheet file (cells cannot become formulas)."""
    actor = request_actor(request)
    found = access_log_list(
        actor=actor,
        citizen_id=actor.citizen_id if actor else None,
        limit=ACCESS_LOG_CSV_ROWS,
        offset=0,
        max_limit=ACCESS_LOG_CSV_ROWS,
    )
    header = [_("When"), _("Who"), _("Role"), _("Organisation"), _("What they did"), _("Why")]
    rows = (
        [
            times.spreadsheet_datetime(e.when),
            e.who,
            e.role,
            e.organisation,
            e.what,
            e.why,
        ]
        for e in found.entries
    )
    return csv_response(header, rows, "roundtable-access-log.csv")
