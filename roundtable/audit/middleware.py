"""Opens, for each request, the memo of facts that live one request and the scope of noted
reads, and writes those reads once the response is ready (roundtable.audit.scope)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from roundtable.audit.scope import SILENT_STATUSES, request_read_scope
from roundtable.core.request_context import request_memo


class RequestScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_memo(), request_read_scope() as reads:
            response = self.get_response(request)
            if response.status_code in SILENT_STATUSES or response.status_code >= 500:
                reads.drop()
            else:
                # Before the response leaves: if this fails, the person gets the 503 page
                # (Django turns the exception into the error response), never unaudited data.
                reads.flush()
        return response
