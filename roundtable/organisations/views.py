from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import request_actor
from roundtable.organisations import selectors


@login_required
@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    teams = selectors.team_list(actor=request_actor(request))
    return render(request, "organisations/team_list.html", {"teams": teams})
