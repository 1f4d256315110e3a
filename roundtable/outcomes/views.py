"""The outcome pages: a course's work and benefit history (the employment consultant records it,
the team and the citizen read it) and the return-to-work curves of the teams a person oversees."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from roundtable.accounts.actor import request_actor
from roundtable.core.editing import form_page, posted
from roundtable.outcomes import selectors, services
from roundtable.outcomes.charts import return_chart
from roundtable.outcomes.forms import OutcomeFilterForm, WorkHistoryForm
from roundtable.outcomes.policies import WRITES_HISTORY


@login_required
@require_http_methods(["GET", "POST"])
def history(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.work_history_get(actor=actor, citizen_id=citizen_id)
    form = WorkHistoryForm(posted(request))
    if request.method == "POST":
        if not record.can_write:
            raise PermissionDenied(WRITES_HISTORY.refusal)
        if form.is_valid():
            try:
                services.work_history_record(
                    actor=actor,
                    citizen_id=citizen_id,
                    data=services.HistoryData(**form.cleaned_data),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The history is updated."))
                return redirect("outcomes:history", citizen_id=citizen_id)
    return form_page(request, "outcomes/history.html", {"record": record, "form": form})


@login_required
@require_GET
def my_history(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    record = selectors.work_history_get(actor=actor, citizen_id=actor.citizen_id)
    return render(request, "outcomes/my_history.html", {"record": record})


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    team_text = request.GET.get("team", "")
    try:
        team_id = uuid.UUID(team_text) if team_text else None
    except ValueError:
        raise Http404() from None
    view = selectors.outcome_overview(actor=actor, team_id=team_id, by=request.GET.get("by", ""))
    form = OutcomeFilterForm(initial={"team": str(team_id or ""), "by": view.by}, teams=view.teams)
    shown = [(row.label, row.curve) for row in view.rows if row.curve is not None and row.curve.n]
    chart = (
        return_chart(
            shown,
            x_label=_("Weeks since referral"),
            y_label=_("Back at work"),
        )
        if shown
        else ""
    )
    at_risk = [
        (row.label, [_at_risk(row.curve, week) for week in view.at_risk_weeks])
        for row in view.rows
        if row.curve is not None
    ]
    return render(
        request,
        "outcomes/overview.html",
        {"view": view, "form": form, "chart": chart, "at_risk": at_risk},
    )


def _at_risk(curve, week: int) -> int:
    """How many were still followed and not yet back at the start of the week."""
    remaining = curve.n
    for step in curve.steps:
        if step.week >= week:
            break
        remaining -= step.events + step.censored
    return remaining
