"""The assessments pages: one page per citizen with the sections of care, work and life
situation the reader may see (their edit forms are in roundtable.care, roundtable.vocational
and roundtable.lifesituation), and the citizen's own plain-language page."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import request_actor
from roundtable.assessments import selectors


@login_required
@require_GET
def assessment_page(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    if actor is not None and actor.is_citizen:
        return redirect("assessments:my-page")
    record = selectors.assessment_get(actor=actor, citizen_id=citizen_id)
    return render(request, "assessments/page.html", {"record": record})


@login_required
@require_GET
def my_page(request: HttpRequest) -> HttpResponse:
    record = selectors.my_assessment_get(actor=request_actor(request))
    return render(request, "assessments/my_page.html", {"record": record})
