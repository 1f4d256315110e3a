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
from roundtable.citizens import selectors, services
from roundtable.citizens.forms import ReferralForm
from roundtable.citizens.signals import course_referred


def _professional_actor(request: HttpRequest):
    actor = request_actor(request)
    if actor is None or not actor.works_with_citizens:
        # Managers and administrators register no referrals: the page does not exist for them.
        raise Http404()
    return actor


@login_required
@require_GET
def citizen_national_id(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    national_id = selectors.citizen_national_id_get(
        actor=request_actor(request), citizen_id=citizen_id
    )
    return render(
        request, "citizens/_national_id.html", {"national_id": national_id, "revealed": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    actor = _professional_actor(request)
    form = ReferralForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.referral_register(actor=actor, **form.referral())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The referral is registered."))
            answers = course_referred.send(
                sender=ReferralForm,
                actor=actor,
                course=course,
                coordinator=form.chosen_coordinator(),
            )
            for _receiver, problem in answers:
                if problem:
                    messages.warning(request, problem)
            return redirect("workspace:citizen", citizen_id=course.citizen_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "citizens/referral_form.html", {"form": form}, status=status)
