"""The citizen's own pages. Plain language: short sentences, no jargon."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import request_actor
from roundtable.citizens.context_processors import terms_for_course
from roundtable.citizens.gate import citizen_access
from roundtable.instruments.selectors import sdm_waiting_for_citizen
from roundtable.network.selectors import network_of
from roundtable.sickleave.selectors import evidence_ready_for_citizen

PURPOSE = "citizen_portal"


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    access = citizen_access(
        actor=actor, citizen_id=actor.citizen_id, purpose=PURPOSE, object_type="citizen"
    )
    course = access.current.course if access.current else None
    weeks = course.weeks_since_first_absence(timezone.localdate()) if course else None
    network = network_of(access.current) if access.current else None
    return render(
        request,
        "portal/home.html",
        {
            "citizen": access.citizen,
            "course": course,
            "weeks": weeks,
            "terms": terms_for_course(course),
            "sdm_waiting": sdm_waiting_for_citizen(access=access),
            "evidence_ready": evidence_ready_for_citizen(access=access),
            "record": network,
        },
    )
