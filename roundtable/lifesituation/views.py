"""The life-situation pages: the team's mapping form and the citizen's own wishes. The mapping
is shown on the citizen's assessments page (roundtable.assessments), where both forms send
their writer back to.

Each view reads the same way: read the life areas (404 for a citizen the reader may not see),
refuse who may not write (403), check the form, call the service; saved: back to the page;
refused by the service: the form again with the reasons (400).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roundtable.accounts.actor import request_actor
from roundtable.core.editing import posted
from roundtable.lifesituation import selectors, services
from roundtable.lifesituation.forms import CitizenWishesForm, LifeMappingForm


@login_required
@require_http_methods(["GET", "POST"])
def mapping_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.life_situation_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_mapping:
        raise PermissionDenied(
            _("Only the citizen's care manager and employment consultant write the mapping.")
        )
    filled_on = record.filled_with_citizen_on
    form = LifeMappingForm(
        posted(request),
        rows=record.writable_rows,
        initial={"filled_with_citizen": filled_on is not None, "filled_on": filled_on},
    )
    back = reverse("assessments:page", kwargs={"citizen_id": citizen_id}) + "#life-situation"
    if form.is_valid():
        try:
            services.life_areas_save(
                actor=actor,
                citizen_id=citizen_id,
                areas=form.areas(),
                filled_with_citizen=form.cleaned_data["filled_with_citizen"],
                filled_on=form.cleaned_data["filled_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The life situation is saved."))
            return redirect(back)
    context = {"record": record, "form": form, "title": _("Life situation"), "back": back}
    return render(
        request, "lifesituation/form.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_wishes(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.my_life_situation_record_get(actor=actor)
    if not record.rows:
        raise Http404()
    form = CitizenWishesForm(posted(request), rows=record.rows)
    if form.is_valid():
        try:
            services.life_area_wishes_save(actor=actor, wishes=form.wishes())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Thank you. Your wishes are saved. Your team can read them.")
            )
            return redirect(reverse("assessments:my-page") + "#life-situation")
    context = {"record": record, "form": form}
    return render(
        request,
        "lifesituation/my_wishes.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
