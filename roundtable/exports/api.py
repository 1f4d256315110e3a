"""The access export on the API: GET /api/v1/citizens/{id}/export (JSON, or ?format=pdf)."""

from __future__ import annotations

import uuid
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router

from roundtable.accounts.actor import request_actor
from roundtable.core.api import errors
from roundtable.exports.selectors import access_export_get
from roundtable.exports.views import export_json_response, export_pdf_response

router = Router(tags=["exports"])


@router.get(
    "/citizens/{citizen_id}/export",
    response={200: dict, **errors(404)},
    openapi_extra={
        "responses": {
            200: {
                "description": "The export",
                "content": {"application/json": {}, "application/pdf": {}},
            },
            404: {"description": "No such citizen, or not one the caller may see."},
        }
    },
)
def citizen_export(
    request: HttpRequest, citizen_id: uuid.UUID, format: Literal["json", "pdf"] = "json"
) -> HttpResponse:
    """Everything about the citizen that the caller may read. The citizen also gets their
    national identity number and their complete access log; a professional gets what consent
    lets them read. Every export is audited."""
    export = access_export_get(actor=request_actor(request), citizen_id=citizen_id, fmt=format)
    if format == "pdf":
        return export_pdf_response(request, export)
    return export_json_response(export)
