from __future__ import annotations

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import request_actor


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work starts."""
    if not request.user.is_authenticated:
        return redirect("account_login")
    actor = request_actor(request)
    if actor is not None and actor.is_citizen:
        return redirect("portal:home")
    if actor is not None and actor.works_with_citizens:
        return redirect("workspace:caseload")
    if actor is not None and (actor.is_family_member or not actor.role):
        # A family member (roundtable.family), or one whose every link has been stopped: their
        # page says what is shared with them, or that nothing is now.
        return redirect("family:home")
    return redirect("organisations:team-list")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Bare liveness endpoint: no database, no session. The benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 with no detail: the same page whether the record is missing or forbidden."""
    template = loader.get_template("core/404.html")
    return HttpResponseNotFound(template.render({}, request))


def _database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError) or (
        isinstance(exc, DatabaseError) and "connect" in str(exc).lower()
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the database is away. Rendered without touching the database."""
    exc = sys.exc_info()[1]
    if _database_unavailable(exc):
        title = _("Roundtable is unavailable for a moment")
        body = _(
            "Roundtable cannot reach its records right now. If you were saving something, it "
            "was not saved. Please try again in a minute."
        )
        status = 503
    else:
        title = _("Something went wrong")
        body = _("The error has been logged. Please try again. If it keeps happening, tell us.")
        status = 500
    html = loader.get_template("core/error.html").render({"title": title, "body": body})
    response = HttpResponse(html, status=status)
    if status == 503:
        response["Retry-After"] = "30"
    return response
