"""Pages of emergency access: starting it (health clinicians), ending it, the review queue
(supervisors and team leaders of the health organisation) and the citizen's notices."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.accounts.actor import request_actor
from roundtable.breakglass import banner, selectors, services
from roundtable.breakglass.forms import ReviewForm, StartForm
from roundtable.breakglass.policies import START_REFUSED, GrantPolicy, ReviewPolicy


def _refused(request: HttpRequest, reason) -> HttpResponse:
    """403 with a plain reason (Django's own 403 page gives none)."""
    return render(request, "breakglass/refused.html", {"reason": str(reason)}, status=403)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not GrantPolicy.can_start(actor):
        services.start_refused(actor)
        return _refused(request, START_REFUSED)
    user = request.user
    assert user.is_authenticated  # login_required
    needs_code = selectors.needs_second_factor(user)
    form = StartForm(request.POST or None, needs_code=needs_code)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.grant_start(
                actor=actor,
                user=user,
                request=request,
                national_id=form.cleaned_data["national_id"],
                reason=form.cleaned_data["reason"],
                minutes=form.cleaned_data["minutes"],
                password=form.cleaned_data["password"],
                code=form.cleaned_data.get("code"),
            )
        except PermissionDenied as exc:
            return _refused(request, exc)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            banner.remember(request, grant)
            messages.warning(
                request,
                _("Emergency access is on. Everything you open is logged and will be reviewed."),
            )
            return redirect("workspace:citizen", citizen_id=grant.course.citizen_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "breakglass/start.html",
        {"form": form, "active": selectors.own_active_grant_list(actor=actor)},
        status=status,
    )


@login_required
@require_POST
def end(request: HttpRequest, grant_id: uuid.UUID) -> HttpResponse:
    result = services.grant_end(actor=request_actor(request), grant_id=grant_id)
    banner.forget(request, grant_id)
    if result.already_ended:
        messages.info(request, _("This emergency access had already ended."))
    else:
        messages.success(request, _("Emergency access has ended."))
    return redirect("workspace:caseload")


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if ReviewPolicy.can_review(actor) and actor is not None:
        services.grants_expire(organisation_id=actor.organisation_id)
    try:
        queue = selectors.review_list(actor=actor)
    except PermissionDenied as exc:
        return _refused(request, exc)
    return render(request, "breakglass/review_list.html", {"queue": queue})


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, grant_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_review(
                actor=actor,
                grant_id=grant_id,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except PermissionDenied as exc:
            return _refused(request, exc)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("breakglass:reviews")
    try:
        record = selectors.review_get(actor=actor, grant_id=grant_id)
    except PermissionDenied as exc:
        return _refused(request, exc)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "breakglass/review_detail.html", {"record": record, "form": form}, status=status
    )


@login_required
@require_GET
def my_notices(request: HttpRequest) -> HttpResponse:
    items = selectors.notice_list(actor=request_actor(request))
    unread = any(item.notice.read_at is None for item in items)
    return render(request, "breakglass/my_notices.html", {"items": items, "unread": unread})


@login_required
@require_POST
def my_notices_read(request: HttpRequest) -> HttpResponse:
    services.notices_mark_read(actor=request_actor(request))
    return redirect("breakglass:my-notices")
