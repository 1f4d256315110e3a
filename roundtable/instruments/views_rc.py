"""Pages of relational coordination (the team's rounds, the survey, a round's results) and the
team's integration page. Aggregates only; 404 for another team."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from roundtable.accounts.actor import request_actor
from roundtable.instruments import rc_selectors, rc_services
from roundtable.instruments.rc_forms import RcRoundForm, RcSurveyForm


@login_required
@require_http_methods(["GET", "POST"])
def rc_rounds(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    """The team's relational coordination rounds; the team leader opens a new one here."""
    actor = request_actor(request)
    listing = rc_selectors.rc_round_list(actor=actor, team_id=team_id)
    terms = rc_selectors.team_terms(listing.team)
    labels = [
        (key, rc_selectors.group_label({"key": key}, terms))
        for key in ("care_manager", "employment", "team_leader", "supervisor")
    ]
    form = RcRoundForm(request.POST if request.method == "POST" else None, group_labels=labels)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = rc_services.rc_round_open(
                actor=actor, team_id=team_id, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The round is open."))
            return redirect("instruments:rc-results", round_id=round_.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "instruments/rc/rounds.html", {"listing": listing, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def rc_survey(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    """A team member rates each work group on the seven questions, once."""
    actor = request_actor(request)
    survey = rc_selectors.rc_survey_get(actor=actor, round_id=round_id)
    form = RcSurveyForm(
        request.POST if request.method == "POST" else None,
        groups=survey.groups,
        questions=survey.questions,
        scale=survey.scale,
    )
    if request.method == "POST" and form.is_valid():
        try:
            rc_services.rc_response_submit(actor=actor, round_id=round_id, ratings=form.ratings())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("instruments:rc-survey", round_id=round_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "instruments/rc/survey.html", {"survey": survey, "form": form}, status=status
    )


@login_required
@require_GET
def rc_results(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    results = rc_selectors.rc_results_get(actor=request_actor(request), round_id=round_id)
    return render(request, "instruments/rc/results.html", {"r": results})


@login_required
@require_GET
def integration(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    """Fidelity, shared decision making, relational coordination and return to work, over time."""
    page = rc_selectors.integration_get(actor=request_actor(request), team_id=team_id)
    return render(request, "instruments/rc/integration.html", {"i": page})
