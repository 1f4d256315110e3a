"""Pages of the assessments: one page per citizen with the sections the reader may see, the
edit forms of each sector, and the citizen's own plain-language page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.accounts.actor import request_actor
from roundtable.assessments import selectors, services
from roundtable.assessments.forms import (
    CareStepForm,
    CitizenWishesForm,
    EmployerContactForm,
    FunctionalCapacityForm,
    HealthAssessmentForm,
    IpsCareerProfileForm,
    IpsJobSearchPlanForm,
    IpsPlannedContactForm,
    LifeMappingForm,
    SessionForm,
    SymptomScoreForm,
    VocationalAssessmentForm,
    VocationalStepForm,
)
from roundtable.assessments.selectors import AssessmentRecord

Record = AssessmentRecord


def _is_citizen(request: HttpRequest) -> bool:
    actor = request_actor(request)
    return actor is not None and actor.is_citizen


def _page_url(citizen_id: uuid.UUID, anchor: str) -> str:
    return reverse("assessments:page", kwargs={"citizen_id": citizen_id}) + f"#{anchor}"


def _edit(
    request: HttpRequest,
    citizen_id: uuid.UUID,
    *,
    allowed: Callable[[Record], bool],
    refusal: str,
    make_form: Callable[[Record, Any], Any],
    save: Callable[[Any, Any], Any],
    title: str,
    anchor: str,
    success: str,
    record_and_extra: tuple[Record, dict] | None = None,
) -> HttpResponse:
    """A form page that writes one thing of the citizen's current course through a service."""
    actor = request_actor(request)
    if record_and_extra is None:
        record = selectors.assessment_get(actor=actor, citizen_id=citizen_id)
        extra: dict = {}
    else:
        record, extra = record_and_extra
    if not allowed(record):
        raise PermissionDenied(refusal)
    form = make_form(record, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            save(actor, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, success)
            return redirect(_page_url(citizen_id, anchor))
    status = 400 if request.method == "POST" else 200
    context = {
        "record": record,
        "form": form,
        "title": title,
        "back": _page_url(citizen_id, anchor),
        **extra,
    }
    return render(request, "assessments/form.html", context, status=status)


_HEALTH_ONLY = _("Only the citizen's care manager writes the mental-health assessment and plan.")
_VOCATIONAL_ONLY = _("Only the citizen's employment consultant writes the vocational plan.")


def _can_health(record: Record) -> bool:
    return record.can_write_health


def _can_vocational(record: Record) -> bool:
    return record.can_write_vocational


def _can_ips(record: Record) -> bool:
    return record.can_write_vocational and record.is_ips


# --- The team's pages -------------------------------------------------------------------------


@login_required
@require_GET
def assessment_page(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    if _is_citizen(request):
        return redirect("assessments:my-page")
    record = selectors.assessment_get(actor=request_actor(request), citizen_id=citizen_id)
    return render(request, "assessments/page.html", {"record": record})


@login_required
@require_http_methods(["GET", "POST"])
def health_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    def make_form(record: Record, data):
        initial = (
            {"assessed_on": record.health.assessed_on, "summary": record.health.summary}
            if record.health
            else {"assessed_on": timezone.localdate()}
        )
        return HealthAssessmentForm(data, initial=initial)

    return _edit(
        request,
        citizen_id,
        allowed=_can_health,
        refusal=_HEALTH_ONLY,
        make_form=make_form,
        save=lambda actor, form: services.health_assessment_save(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("Mental-health assessment"),
        anchor="health",
        success=_("The mental-health assessment is saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def capacity_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    def make_form(record: Record, data):
        initial = {"summary": record.capacity.summary} if record.capacity else {}
        return FunctionalCapacityForm(data, initial=initial)

    return _edit(
        request,
        citizen_id,
        allowed=_can_health,
        refusal=_HEALTH_ONLY,
        make_form=make_form,
        save=lambda actor, form: services.functional_capacity_save(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("What the citizen can and cannot do at work now"),
        anchor="functional-capacity",
        success=_("The work capacity summary is saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def care_step_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _edit(
        request,
        citizen_id,
        allowed=_can_health,
        refusal=_HEALTH_ONLY,
        make_form=lambda record, data: CareStepForm(
            data, treatments=record.treatments, initial={"starts_on": timezone.localdate()}
        ),
        save=lambda actor, form: services.care_step_add(
            actor=actor,
            citizen_id=citizen_id,
            treatment_slug=form.cleaned_data["treatment"],
            description=form.cleaned_data["description"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            status=form.cleaned_data["status"],
        ),
        title=_("New care step"),
        anchor="care-steps",
        success=_("The care step is added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def care_step_edit(request: HttpRequest, citizen_id: uuid.UUID, step_id: uuid.UUID) -> HttpResponse:
    record, step = selectors.care_step_get(
        actor=request_actor(request), citizen_id=citizen_id, step_id=step_id
    )
    return _edit(
        request,
        citizen_id,
        allowed=_can_health,
        refusal=_HEALTH_ONLY,
        make_form=lambda record, data: CareStepForm(
            data, treatments=record.treatments, initial=CareStepForm.initial_for(step)
        ),
        save=lambda actor, form: services.care_step_update(
            actor=actor,
            citizen_id=citizen_id,
            step_id=step_id,
            treatment_slug=form.cleaned_data["treatment"],
            description=form.cleaned_data["description"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            status=form.cleaned_data["status"],
        ),
        title=_("Change the care step"),
        anchor="care-steps",
        success=_("The care step is saved."),
        record_and_extra=(record, {}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    def save(actor, form):
        data = form.cleaned_data
        return services.care_session_record(
            actor=actor,
            citizen_id=citizen_id,
            held_on=data["held_on"],
            kind=data["kind"],
            attendance=data["attendance"],
            step_id=uuid.UUID(data["step"]) if data.get("step") else None,
            notes=data.get("notes", ""),
        )

    record = selectors.assessment_get(actor=request_actor(request), citizen_id=citizen_id)
    return _edit(
        request,
        citizen_id,
        allowed=_can_health,
        refusal=_HEALTH_ONLY,
        make_form=lambda record, data: SessionForm(
            data,
            steps=record.care_steps,
            with_notes=record.can_write_notes,
            initial={"held_on": timezone.localdate()},
        ),
        save=save,
        title=_("Record a session"),
        anchor="sessions",
        success=_("The session is recorded."),
        record_and_extra=(record, {"budget": record.budget}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def symptom_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _edit(
        request,
        citizen_id,
        allowed=_can_health,
        refusal=_HEALTH_ONLY,
        make_form=lambda record, data: SymptomScoreForm(
            data, initial={"measured_on": timezone.localdate()}
        ),
        save=lambda actor, form: services.symptom_score_record(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("Record a symptom score"),
        anchor="symptoms",
        success=_("The score is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vocational_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    def make_form(record: Record, data):
        v = record.vocational
        initial = (
            {
                "assessed_on": v.assessed_on,
                "work_capacity_hours": v.work_capacity_hours,
                "current_job": v.current_job,
                "route": v.route,
                "summary": v.summary,
            }
            if v
            else {"assessed_on": timezone.localdate()}
        )
        return VocationalAssessmentForm(data, initial=initial)

    return _edit(
        request,
        citizen_id,
        allowed=_can_vocational,
        refusal=_VOCATIONAL_ONLY,
        make_form=make_form,
        save=lambda actor, form: services.vocational_assessment_save(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("Vocational assessment"),
        anchor="vocational",
        success=_("The vocational assessment is saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_contact_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    def make_form(record: Record, data):
        c = record.employer_contact
        initial = (
            {"employer": c.employer, "name": c.name, "phone": c.phone, "email": c.email}
            if c
            else {}
        )
        return EmployerContactForm(data, initial=initial)

    return _edit(
        request,
        citizen_id,
        allowed=lambda record: record.can_write_contact,
        refusal=_VOCATIONAL_ONLY,
        make_form=make_form,
        save=lambda actor, form: services.employer_contact_save(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("Employer contact"),
        anchor="employer-contact",
        success=_("The employer contact is saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vocational_step_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _edit(
        request,
        citizen_id,
        allowed=_can_vocational,
        refusal=_VOCATIONAL_ONLY,
        make_form=lambda record, data: VocationalStepForm(data),
        save=lambda actor, form: services.vocational_step_add(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("New step in the vocational plan"),
        anchor="vocational-steps",
        success=_("The step is added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vocational_step_edit(
    request: HttpRequest, citizen_id: uuid.UUID, step_id: uuid.UUID
) -> HttpResponse:
    record, step = selectors.vocational_step_get(
        actor=request_actor(request), citizen_id=citizen_id, step_id=step_id
    )
    return _edit(
        request,
        citizen_id,
        allowed=_can_vocational,
        refusal=_VOCATIONAL_ONLY,
        make_form=lambda record, data: VocationalStepForm(
            data, initial={"text": step.text, "due_on": step.due_on, "status": step.status}
        ),
        save=lambda actor, form: services.vocational_step_update(
            actor=actor, citizen_id=citizen_id, step_id=step_id, **form.cleaned_data
        ),
        title=_("Change the step"),
        anchor="vocational-steps",
        success=_("The step is saved."),
        record_and_extra=(record, {}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ips_profile_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _edit(
        request,
        citizen_id,
        allowed=_can_ips,
        refusal=_VOCATIONAL_ONLY,
        make_form=lambda record, data: IpsCareerProfileForm(data, instance=record.ips_profile),
        save=lambda actor, form: services.ips_career_profile_save(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("IPS career profile"),
        anchor="ips-profile",
        success=_("The career profile is saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ips_plan_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _edit(
        request,
        citizen_id,
        allowed=_can_ips,
        refusal=_VOCATIONAL_ONLY,
        make_form=lambda record, data: IpsJobSearchPlanForm(data, instance=record.ips_plan),
        save=lambda actor, form: services.ips_job_search_plan_save(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("IPS job-search plan"),
        anchor="ips-plan",
        success=_("The job-search plan is saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ips_contact_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _edit(
        request,
        citizen_id,
        allowed=lambda record: _can_ips(record) and record.ips_plan is not None,
        refusal=_VOCATIONAL_ONLY,
        make_form=lambda record, data: IpsPlannedContactForm(data),
        save=lambda actor, form: services.ips_planned_contact_add(
            actor=actor, citizen_id=citizen_id, **form.cleaned_data
        ),
        title=_("Plan an employer contact"),
        anchor="ips-plan",
        success=_("The employer contact is planned."),
    )


@login_required
@require_POST
def ips_contact_done(
    request: HttpRequest, citizen_id: uuid.UUID, contact_id: uuid.UUID
) -> HttpResponse:
    try:
        services.ips_planned_contact_done(
            actor=request_actor(request),
            citizen_id=citizen_id,
            contact_id=contact_id,
            done=request.POST.get("done", "1") == "1",
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The employer contact is updated."))
    return redirect(_page_url(citizen_id, "ips-plan"))


@login_required
@require_http_methods(["GET", "POST"])
def mapping_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    def make_form(record: Record, data):
        rows = [r for r in record.life_areas if r.data_class in record.mapping_classes]
        filled_on = record.mapping_filled_with_citizen_on
        initial = {"filled_with_citizen": filled_on is not None, "filled_on": filled_on}
        return LifeMappingForm(data, rows=rows, initial=initial)

    def save(actor, form):
        return services.life_areas_save(
            actor=actor,
            citizen_id=citizen_id,
            areas=form.areas(),
            filled_with_citizen=form.cleaned_data["filled_with_citizen"],
            filled_on=form.cleaned_data["filled_on"],
        )

    return _edit(
        request,
        citizen_id,
        allowed=lambda record: record.can_write_mapping,
        refusal=_("Only the citizen's care manager and employment consultant write the mapping."),
        make_form=make_form,
        save=save,
        title=_("Life situation"),
        anchor="life-situation",
        success=_("The life situation is saved."),
    )


# --- The citizen's own page (plain language) --------------------------------------------------


@login_required
@require_GET
def my_page(request: HttpRequest) -> HttpResponse:
    record = selectors.my_assessment_get(actor=request_actor(request))
    return render(request, "assessments/my_page.html", {"record": record})


@login_required
@require_http_methods(["GET", "POST"])
def my_wishes(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.my_assessment_get(actor=actor)
    if not record.life_areas:
        raise Http404()
    form = CitizenWishesForm(
        request.POST if request.method == "POST" else None, rows=record.life_areas
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.life_area_wishes_save(actor=actor, wishes=form.wishes())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Thank you. Your wishes are saved. Your team can read them.")
            )
            return redirect(reverse("assessments:my-page") + "#life-situation")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "assessments/my_wishes.html", {"record": record, "form": form}, status=status
    )
