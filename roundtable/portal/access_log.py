"""The citizen's access log: who has looked at their record (SECURITY.md 21). Plain language."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import request_actor
from roundtable.audit.selectors import OVERVIEW_DAYS, access_log_list, access_log_overview
from roundtable.core.api import MAX_OFFSET

ACCESS_LOG_PAGE_SIZE = 25


def _page_number(text: str | None) -> int:
    """A page number from the address; nonsense or an absurd page becomes the first/last
    reachable page rather than an error."""
    try:
        number = int(text or 1)
    except ValueError:
        return 1
    return min(max(1, number), MAX_OFFSET // ACCESS_LOG_PAGE_SIZE)


@login_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    """The overview (the unusual first, routine access by person and day); `?all=1` is every
    entry one by one, a page at a time (issue 10, 14)."""
    if request.GET.get("all"):
        return _full_list(request)
    actor = request_actor(request)
    number = _page_number(request.GET.get("days"))
    overview = access_log_overview(
        actor=actor,
        citizen_id=actor.citizen_id if actor else None,
        day_offset=(number - 1) * OVERVIEW_DAYS,
    )
    return render(
        request,
        "portal/access_log_overview.html",
        {
            "overview": overview,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if overview.has_older else None,
        },
    )


def _full_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    number = _page_number(request.GET.get("page"))
    # Everyone but the citizen gets 404 from the selector (and the attempt is audited).
    found = access_log_list(
        actor=actor,
        citizen_id=actor.citizen_id if actor else None,
        limit=ACCESS_LOG_PAGE_SIZE,
        offset=(number - 1) * ACCESS_LOG_PAGE_SIZE,
    )
    pages = max(1, -(-found.total // ACCESS_LOG_PAGE_SIZE))
    return render(
        request,
        "portal/access_log.html",
        {
            "log": found,
            "number": number,
            "pages": pages,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if found.has_next else None,
        },
    )
