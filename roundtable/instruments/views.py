"""Pages of shared decision making after a held meeting: the citizen's questionnaire (plain
language) and the team's page of the meeting (SDM-Q-Doc for the course's two professionals, the
three views side by side for them and the team leader)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from roundtable.accounts.actor import request_actor
from roundtable.instruments import selectors, services
from roundtable.instruments.forms import OptionRatingForm, SdmForm
from roundtable.instruments.models import Respondent


def _answer(request: HttpRequest, meeting_id: uuid.UUID, form: SdmForm) -> ValidationError | None:
    """Decline or save the posted answers; the problem when the service refuses them."""
    actor = request_actor(request)
    try:
        if request.POST.get("action") == "decline":
            services.sdm_response_decline(actor=actor, meeting_id=meeting_id)
            messages.success(request, _("All right. We will not ask you about this meeting again."))
        elif form.is_valid():
            services.sdm_response_answer(
                actor=actor, meeting_id=meeting_id, **form.service_arguments()
            )
            messages.success(request, _("Thank you. Your answers are saved."))
        else:
            return ValidationError("")
    except ValidationError as exc:
        form.add_error(None, exc)
        return exc
    return None


@login_required
@require_http_methods(["GET", "POST"])
def my_sdm(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    """The citizen: "Tell us how the decisions were made", once per held meeting."""
    # Only the citizen themselves gets through (404 for everyone else, the team included).
    record = selectors.sdm_meeting_get(
        actor=request_actor(request), meeting_id=meeting_id, citizen_view=True
    )
    form = SdmForm(
        request.POST if request.method == "POST" else None,
        citizen=True,
        decisions=record.decisions,
    )
    if request.method == "POST" and _answer(request, meeting_id, form) is None:
        return redirect("instruments:my-sdm", meeting_id=meeting_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "instruments/my_sdm.html", {"record": record, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_sdm(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    """The team: the three views of the meeting, and SDM-Q-Doc for the course's professionals."""
    record = selectors.sdm_meeting_get(actor=request_actor(request), meeting_id=meeting_id)
    form = SdmForm(request.POST if request.method == "POST" else None, citizen=False)
    if request.method == "POST" and _answer(request, meeting_id, form) is None:
        return redirect("instruments:meeting-sdm", meeting_id=meeting_id)
    status = 400 if request.method == "POST" else 200
    context = {
        "record": record,
        "form": form,
        "citizen": record.access.citizen,
        "is_citizen_row": Respondent.CITIZEN,
    }
    return render(request, "instruments/meeting_sdm.html", context, status=status)


@login_required
@require_GET
def team_sdm_trend(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    """The team leader's small page: mean scores per month of the team's meetings."""
    trend = selectors.sdm_team_trend(actor=request_actor(request), team_id=team_id)
    return render(request, "instruments/team_sdm_trend.html", {"trend": trend})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_option(request: HttpRequest, meeting_id: uuid.UUID, instrument: str) -> HttpResponse:
    """An observer rates the held meeting with OPTION-12 or OPTION-5."""
    actor = request_actor(request)
    record = selectors.sdm_meeting_get(actor=actor, meeting_id=meeting_id)
    if instrument not in services.OPTION_ITEMS:
        raise Http404()
    form = OptionRatingForm(
        request.POST if request.method == "POST" else None, instrument=instrument
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.option_rating_record(
                actor=actor, meeting_id=meeting_id, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The rating is saved."))
            return redirect("instruments:meeting-sdm", meeting_id=meeting_id)
    status = 400 if request.method == "POST" else 200
    context = {
        "record": record,
        "form": form,
        "instrument_name": "OPTION-12" if instrument == "option12" else "OPTION-5",
        "citizen": record.access.citizen,
    }
    return render(request, "instruments/option_form.html", context, status=status)
