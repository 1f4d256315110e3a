"""Pages of shared decision making after a held meeting: the citizen's questionnaire (plain
language) and the team's page of the meeting (SDM-Q-Doc for the course's two professionals, the
three views side by side for them and the team leader)."""

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
from roundtable.core.pdf import pdf_response, render_pdf
from roundtable.instruments import selectors, services
from roundtable.instruments.forms import (
    FidelityConsensusForm,
    FidelityRatingForm,
    FidelityReviewForm,
    FidelityTextForm,
    OptionRatingForm,
    SdmForm,
)
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


# --- IPS fidelity reviews ------------------------------------------------------------------------


def _reviewer_choices(record: selectors.FidelityTeam) -> list[tuple[str, str]]:
    return [
        (str(p.pk), f"{p.name} ({record.terms.role_label(p.role)})")
        for p in selectors.fidelity_reviewer_choices(team_id=record.team.pk)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def fidelity_team(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    """The team's reviews with the trend of their totals, and a new review."""
    actor = request_actor(request)
    record = selectors.fidelity_team_get(actor=actor, team_id=team_id)
    form = None
    if record.may_create:
        form = FidelityReviewForm(
            request.POST if request.method == "POST" else None,
            reviewer_choices=_reviewer_choices(record),
        )
    elif request.method == "POST":
        raise PermissionDenied(_("Only the team's leaders and evaluators start a review."))
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            review = services.fidelity_review_create(
                actor=actor, team_id=team_id, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The review is started. Each reviewer now rates it."))
            return redirect("instruments:fidelity-review", review_id=review.pk)
    status = 400 if request.method == "POST" else 200
    context = {"record": record, "form": form}
    return render(request, "instruments/fidelity_team.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def fidelity_review(request: HttpRequest, review_id: uuid.UUID) -> HttpResponse:
    """A review: its total, band and sections, each item, strengths and recommendations."""
    actor = request_actor(request)
    record = selectors.fidelity_review_get(actor=actor, review_id=review_id)
    form = FidelityTextForm(
        request.POST if request.method == "POST" else None,
        initial={
            "strengths": record.review.strengths,
            "recommendations": record.review.recommendations,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.fidelity_review_update(actor=actor, review_id=review_id, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Strengths and recommendations are saved."))
            return redirect("instruments:fidelity-review", review_id=review_id)
    status = 400 if request.method == "POST" else 200
    context = {"record": record, "form": form}
    return render(request, "instruments/fidelity_review.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def fidelity_rate(request: HttpRequest, review_id: uuid.UUID) -> HttpResponse:
    """A reviewer rates the 25 items alone, starting from the figures in the records."""
    actor = request_actor(request)
    record = selectors.fidelity_review_get(actor=actor, review_id=review_id, with_prefill=True)
    if record.me is None:
        raise PermissionDenied(_("Only the review's reviewers rate its items."))
    saved = {
        row.item.code: rating
        for row in record.rows
        for reviewer, rating in row.ratings
        if reviewer is record.me and rating is not None
    }
    prefill = {row.item.code: row.prefill for row in record.rows if row.prefill is not None}
    form = FidelityRatingForm(
        request.POST if request.method == "POST" else None, saved=saved, prefill=prefill
    )
    if request.method == "POST" and record.may_rate and form.is_valid():
        arguments = form.service_arguments()
        try:
            services.fidelity_ratings_save(actor=actor, review_id=review_id, **arguments)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if arguments["submit"]:
                messages.success(request, _("Your ratings are submitted."))
                return redirect("instruments:fidelity-review", review_id=review_id)
            messages.success(request, _("Your ratings are saved. Submit them when you are done."))
            return redirect("instruments:fidelity-rate", review_id=review_id)
    status = 400 if request.method == "POST" else 200
    context = {"record": record, "form": form}
    return render(request, "instruments/fidelity_rate.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def fidelity_consensus(request: HttpRequest, review_id: uuid.UUID) -> HttpResponse:
    """The reviewers agree a rating per item, each reviewer's rating beside it."""
    actor = request_actor(request)
    record = selectors.fidelity_review_get(actor=actor, review_id=review_id)
    if record.me is None:
        raise PermissionDenied(_("Only the review's reviewers record its consensus."))
    form = FidelityConsensusForm(
        request.POST if request.method == "POST" else None, rows=record.rows
    )
    if request.method == "POST" and record.may_agree and form.is_valid():
        try:
            services.fidelity_consensus_record(
                actor=actor, review_id=review_id, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The consensus is recorded."))
            return redirect("instruments:fidelity-review", review_id=review_id)
    status = 400 if request.method == "POST" else 200
    context = {"record": record, "form": form}
    return render(request, "instruments/fidelity_consensus.html", context, status=status)


@login_required
@require_GET
def fidelity_report(request: HttpRequest, review_id: uuid.UUID) -> HttpResponse:
    """The review as a readable PDF."""
    record = selectors.fidelity_review_get(actor=request_actor(request), review_id=review_id)
    content = render_pdf(
        "instruments/fidelity_report.html",
        {"record": record},
        request=request,
        stylesheets=("instruments/fidelity_report.css",),
    )
    return pdf_response(content, f"ips-fidelity-{record.review.reviewed_on.isoformat()}.pdf")
