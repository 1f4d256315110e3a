"""Consent pages: the citizen's own page in the portal, and the professional's page under the
citizen where a consent given on paper or orally is recorded. Thin: a selector to read, a form
to validate, a service to write."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.accounts.actor import Actor, request_actor
from roundtable.citizens.context_processors import terms_for_course
from roundtable.consent import selectors, services
from roundtable.consent.forms import (
    CITIZEN_CLASS_LABELS,
    CLASS_ORDER,
    SharingForm,
    sector_name,
)
from roundtable.consent.models import GivenVia
from roundtable.consent.selectors import SHARING_SECTORS, ConsentHistory


def _citizen_actor(request: HttpRequest) -> Actor:
    actor = request_actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    return actor


def _form(history: ConsentHistory, data=None, *, professional: bool) -> SharingForm:
    assert history.defaults is not None
    return SharingForm(
        data,
        defaults=history.defaults,
        shares={s: history.shared_with(s) for s in SHARING_SECTORS},
        expected_version=history.current.version if history.current else 0,
        keep=history.other_rules,
        professional=professional,
        terms=terms_for_course(history.course),
    )


def _save(request: HttpRequest, actor: Actor, history: ConsentHistory, form: SharingForm):
    """Validate and record; None when the form has errors (then shown on the page)."""
    if not form.is_valid():
        return None
    try:
        return services.consent_directive_record(
            actor=actor,
            citizen_id=history.citizen.pk,
            provisions=form.provisions(),
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data.get("period_end"),
            given_via=form.cleaned_data.get("given_via"),
            witness_name=form.cleaned_data.get("witness_name", ""),
            expected_version=form.cleaned_data["expected_version"],
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None


def _summary(history: ConsentHistory) -> list[dict]:
    """What each sector sees today, in plain words, for the overview tables."""
    rows = []
    terms = terms_for_course(history.course)
    for sector in SHARING_SECTORS:
        shared = history.shared_with(sector)
        rows.append(
            {
                "name": sector_name(sector, terms),
                "items": [
                    {"label": CITIZEN_CLASS_LABELS[c], "shared": c in shared} for c in CLASS_ORDER
                ],
            }
        )
    return rows


# --- The citizen's own page ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def my_consent(request: HttpRequest) -> HttpResponse:
    actor = _citizen_actor(request)
    assert actor.citizen_id is not None
    history = selectors.consent_history_get(actor=actor, citizen_id=actor.citizen_id)
    form = _form(history, request.POST or None, professional=False)
    if request.method == "POST" and _save(request, actor, history, form) is not None:
        messages.success(request, _("Your choices are saved. They count from now on."))
        return redirect("consent:mine")
    return render(
        request,
        "consent/my_consent.html",
        {"history": history, "form": form, "summary": _summary(history)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def my_consent_history(request: HttpRequest) -> HttpResponse:
    actor = _citizen_actor(request)
    assert actor.citizen_id is not None
    history = selectors.consent_history_get(actor=actor, citizen_id=actor.citizen_id)
    return render(request, "consent/my_history.html", {"history": history})


@login_required
@require_http_methods(["GET", "POST"])
def my_consent_withdraw(request: HttpRequest) -> HttpResponse:
    actor = _citizen_actor(request)
    assert actor.citizen_id is not None
    history = selectors.consent_history_get(actor=actor, citizen_id=actor.citizen_id)
    error = ""
    if request.method == "POST":
        if not history.current_in_force:
            error = _("You have no choices in force to take back.")
        else:
            assert history.current is not None
            try:
                services.consent_directive_revoke(
                    actor=actor,
                    citizen_id=history.citizen.pk,
                    consent_id=history.current.pk,
                    expected_version=_int(request.POST.get("expected_version")),
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                messages.success(
                    request,
                    _(
                        "You have taken back your consent. From now on, only what the law "
                        "allows is shared."
                    ),
                )
                return redirect("consent:mine")
    return render(
        request,
        "consent/my_withdraw.html",
        {"history": history, "error": error},
        status=400 if error else 200,
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- The professional's page under the citizen ----------------------------------------------


@login_required
@require_GET
def citizen_consent(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    history = selectors.consent_history_get(actor=request_actor(request), citizen_id=citizen_id)
    return render(
        request,
        "consent/citizen_consent.html",
        {"history": history, "summary": _summary(history), "given_via": GivenVia},
    )


@login_required
@require_http_methods(["GET", "POST"])
def citizen_consent_record(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    history = selectors.consent_history_get(actor=actor, citizen_id=citizen_id)
    if not history.can_record or actor is None:
        raise PermissionDenied(
            _("Only the care manager or employment consultant can record consent.")
        )
    form = _form(history, request.POST or None, professional=True)
    if request.method == "POST":
        saved = _save(request, actor, history, form)
        if saved is not None:
            messages.success(request, _("The consent is recorded as a new version."))
            return redirect("consent:citizen", citizen_id=citizen_id)
    return render(
        request,
        "consent/record_form.html",
        {"history": history, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def citizen_consent_withdraw(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    history = selectors.consent_history_get(actor=actor, citizen_id=citizen_id)
    if not history.can_record or history.current is None:
        raise Http404()
    try:
        services.consent_directive_revoke(
            actor=actor,
            citizen_id=citizen_id,
            consent_id=history.current.pk,
            given_via=request.POST.get("given_via"),
            witness_name=request.POST.get("witness_name", ""),
            expected_version=_int(request.POST.get("expected_version")),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The withdrawal is recorded as a new version."))
    return redirect("consent:citizen", citizen_id=citizen_id)
