"""The care manager's edit pages: the mental-health assessment, the functional capacity, the
care steps, sessions and symptom scores. They are shown on the assessments page of the citizen
(roundtable.assessments), where each form sends its writer back to.

Every view reads the same way: read the care records (404 for a citizen the reader may not
see), refuse anyone but the course's care manager (403), check the form, call the service;
saved: back to the page; refused by the service: the form again with the reasons (400).
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from roundtable.accounts.actor import request_actor
from roundtable.care import selectors, services
from roundtable.care.forms import (
    CareStepForm,
    FunctionalCapacityForm,
    HealthAssessmentForm,
    SessionForm,
    SymptomScoreForm,
)
from roundtable.care.models import CareStep
from roundtable.care.selectors import Budget, CareRecord
from roundtable.core.directory_link import directory_service_choice
from roundtable.core.editing import form_page, posted

HEALTH_ONLY = gettext_lazy(
    "Only the citizen's care manager writes the mental-health assessment and plan."
)


def _page_url(citizen_id: uuid.UUID, anchor: str) -> str:
    return reverse("assessments:page", kwargs={"citizen_id": citizen_id}) + f"#{anchor}"


def _form_page(
    request: HttpRequest,
    *,
    record: CareRecord,
    form: forms.BaseForm,
    title: str,
    anchor: str,
    budget: Budget | None = None,
    chosen_service: object | None = None,
) -> HttpResponse:
    """The page with the form. A posted form shown again did not save: 400."""
    context = {
        "record": record,
        "form": form,
        "title": title,
        "back": _page_url(record.citizen.pk, anchor),
        "budget": budget,
        # A step's service is chosen in the directory, which comes back to this page.
        "chosen_service": chosen_service,
        "pick_url": request.path,
    }
    return form_page(request, "care/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def health_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.care_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_health:
        raise PermissionDenied(HEALTH_ONLY)
    health = record.health
    initial: dict[str, object]
    if health is None:
        initial = {"assessed_on": timezone.localdate()}
    else:
        initial = {"assessed_on": health.assessed_on, "summary": health.summary}
    form = HealthAssessmentForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            services.health_assessment_save(actor=actor, citizen_id=citizen_id, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The mental-health assessment is saved."))
            return redirect(_page_url(citizen_id, "health"))
    return _form_page(
        request, record=record, form=form, title=_("Mental-health assessment"), anchor="health"
    )


@login_required
@require_http_methods(["GET", "POST"])
def capacity_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.care_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_health:
        raise PermissionDenied(HEALTH_ONLY)
    initial = {"summary": record.capacity.summary} if record.capacity else {}
    form = FunctionalCapacityForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            services.functional_capacity_save(
                actor=actor, citizen_id=citizen_id, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The work capacity summary is saved."))
            return redirect(_page_url(citizen_id, "functional-capacity"))
    return _form_page(
        request,
        record=record,
        form=form,
        title=_("What the citizen can and cannot do at work now"),
        anchor="functional-capacity",
    )


@login_required
@require_http_methods(["GET", "POST"])
def care_step_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.care_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_health:
        raise PermissionDenied(HEALTH_ONLY)
    service, chosen = directory_service_choice(request, CareStep)
    form = CareStepForm(
        posted(request),
        treatments=record.treatments,
        initial={"starts_on": timezone.localdate(), "service": service},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.care_step_add(
                actor=actor,
                citizen_id=citizen_id,
                treatment_slug=data["treatment"],
                description=data["description"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                status=data["status"],
                service_id=data["service"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The care step is added."))
            return redirect(_page_url(citizen_id, "care-steps"))
    return _form_page(
        request,
        record=record,
        form=form,
        title=_("New care step"),
        anchor="care-steps",
        chosen_service=chosen,
    )


@login_required
@require_http_methods(["GET", "POST"])
def care_step_edit(request: HttpRequest, citizen_id: uuid.UUID, step_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record, step = selectors.care_step_get(actor=actor, citizen_id=citizen_id, step_id=step_id)
    if not record.can_write_health:
        raise PermissionDenied(HEALTH_ONLY)
    service, chosen = directory_service_choice(request, CareStep, step.service_id)
    form = CareStepForm(
        posted(request),
        treatments=record.treatments,
        initial={**CareStepForm.initial_for(step), "service": service},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.care_step_update(
                actor=actor,
                citizen_id=citizen_id,
                step_id=step_id,
                treatment_slug=data["treatment"],
                description=data["description"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                status=data["status"],
                service_id=data["service"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The care step is saved."))
            return redirect(_page_url(citizen_id, "care-steps"))
    return _form_page(
        request,
        record=record,
        form=form,
        title=_("Change the care step"),
        anchor="care-steps",
        chosen_service=chosen,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.care_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_health:
        raise PermissionDenied(HEALTH_ONLY)
    form = SessionForm(
        posted(request),
        steps=record.care_steps,
        with_notes=record.can_write_notes,
        initial={"held_on": timezone.localdate()},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.care_session_record(
                actor=actor,
                citizen_id=citizen_id,
                held_on=data["held_on"],
                kind=data["kind"],
                attendance=data["attendance"],
                step_id=uuid.UUID(data["step"]) if data.get("step") else None,
                notes=data.get("notes", ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The session is recorded."))
            return redirect(_page_url(citizen_id, "sessions"))
    return _form_page(
        request,
        record=record,
        form=form,
        title=_("Record a session"),
        anchor="sessions",
        budget=record.budget,
    )


@login_required
@require_http_methods(["GET", "POST"])
def symptom_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.care_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_health:
        raise PermissionDenied(HEALTH_ONLY)
    form = SymptomScoreForm(posted(request), initial={"measured_on": timezone.localdate()})
    if form.is_valid():
        try:
            services.symptom_score_record(actor=actor, citizen_id=citizen_id, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The score is recorded."))
            return redirect(_page_url(citizen_id, "symptoms"))
    return _form_page(
        request, record=record, form=form, title=_("Record a symptom score"), anchor="symptoms"
    )
