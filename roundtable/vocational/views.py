"""The employment consultant's edit pages: the vocational assessment, the employer contact,
the steps of the plan, and for IPS teams the career profile, the job-search plan and its
planned employer contacts. They are shown on the assessments page of the citizen
(roundtable.assessments), where each form sends its writer back to.

Every view reads the same way: read the vocational records (404 for a citizen the reader may
not see), refuse anyone but the course's employment consultant (403), check the form, call the
service; saved: back to the page; refused by the service: the form again with the reasons (400).
"""

from __future__ import annotations

import functools
import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from roundtable.accounts.actor import request_actor
from roundtable.core.directory_link import directory_service_choice
from roundtable.core.editing import form_page, posted
from roundtable.vocational import selectors, services
from roundtable.vocational.forms import (
    BenefitsCounsellingForm,
    DisclosureForm,
    EmployerContactForm,
    EmployerForm,
    FollowAlongForm,
    IpsCareerProfileForm,
    IpsJobSearchPlanForm,
    IpsPlannedContactForm,
    JobDevelopmentContactForm,
    JobStartForm,
    VocationalAssessmentForm,
    VocationalStepForm,
)
from roundtable.vocational.models import VocationalStep
from roundtable.vocational.selectors import VocationalRecord

VOCATIONAL_ONLY = gettext_lazy(
    "Only the citizen's employment consultant writes the vocational plan."
)


def _page_url(citizen_id: uuid.UUID, anchor: str) -> str:
    return reverse("assessments:page", kwargs={"citizen_id": citizen_id}) + f"#{anchor}"


def _form_page(
    request: HttpRequest,
    *,
    record: VocationalRecord,
    form: forms.BaseForm,
    title: str,
    anchor: str,
    chosen_service: object | None = None,
) -> HttpResponse:
    """The page with the form. A posted form shown again did not save: 400."""
    context = {
        "record": record,
        "form": form,
        "title": title,
        "back": _page_url(record.citizen.pk, anchor),
        # A step's service is chosen in the directory, which comes back to this page.
        "chosen_service": chosen_service,
        "pick_url": request.path,
    }
    return form_page(request, "vocational/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vocational_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.vocational_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_vocational:
        raise PermissionDenied(VOCATIONAL_ONLY)
    assessment = record.vocational
    initial: dict[str, object]
    if assessment is None:
        initial = {"assessed_on": timezone.localdate()}
    else:
        initial = {
            "assessed_on": assessment.assessed_on,
            "work_capacity_hours": assessment.work_capacity_hours,
            "current_job": assessment.current_job,
            "route": assessment.route,
            "summary": assessment.summary,
        }
    form = VocationalAssessmentForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            services.vocational_assessment_save(
                actor=actor, citizen_id=citizen_id, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The vocational assessment is saved."))
            return redirect(_page_url(citizen_id, "vocational"))
    return _form_page(
        request, record=record, form=form, title=_("Vocational assessment"), anchor="vocational"
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_contact_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.vocational_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_contact:
        raise PermissionDenied(VOCATIONAL_ONLY)
    contact = record.employer_contact
    initial: dict[str, object] = {}
    if contact is not None:
        initial = {
            "employer": contact.employer,
            "name": contact.name,
            "phone": contact.phone,
            "email": contact.email,
        }
    form = EmployerContactForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            services.employer_contact_save(actor=actor, citizen_id=citizen_id, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The employer contact is saved."))
            return redirect(_page_url(citizen_id, "employer-contact"))
    return _form_page(
        request, record=record, form=form, title=_("Employer contact"), anchor="employer-contact"
    )


@login_required
@require_http_methods(["GET", "POST"])
def vocational_step_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.vocational_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_vocational:
        raise PermissionDenied(VOCATIONAL_ONLY)
    service, chosen = directory_service_choice(request, VocationalStep)
    form = VocationalStepForm(posted(request), initial={"service": service})
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.vocational_step_add(
                actor=actor,
                citizen_id=citizen_id,
                text=data["text"],
                due_on=data["due_on"],
                status=data["status"],
                service_id=data["service"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The step is added."))
            return redirect(_page_url(citizen_id, "vocational-steps"))
    return _form_page(
        request,
        record=record,
        form=form,
        title=_("New step in the vocational plan"),
        anchor="vocational-steps",
        chosen_service=chosen,
    )


@login_required
@require_http_methods(["GET", "POST"])
def vocational_step_edit(
    request: HttpRequest, citizen_id: uuid.UUID, step_id: uuid.UUID
) -> HttpResponse:
    actor = request_actor(request)
    record, step = selectors.vocational_step_get(
        actor=actor, citizen_id=citizen_id, step_id=step_id
    )
    if not record.can_write_vocational:
        raise PermissionDenied(VOCATIONAL_ONLY)
    service, chosen = directory_service_choice(request, VocationalStep, step.service_id)
    initial = {"text": step.text, "due_on": step.due_on, "status": step.status, "service": service}
    form = VocationalStepForm(posted(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.vocational_step_update(
                actor=actor,
                citizen_id=citizen_id,
                step_id=step_id,
                text=data["text"],
                due_on=data["due_on"],
                status=data["status"],
                service_id=data["service"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The step is saved."))
            return redirect(_page_url(citizen_id, "vocational-steps"))
    return _form_page(
        request,
        record=record,
        form=form,
        title=_("Change the step"),
        anchor="vocational-steps",
        chosen_service=chosen,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ips_profile_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.vocational_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_ips:
        raise PermissionDenied(VOCATIONAL_ONLY)
    form = IpsCareerProfileForm(
        posted(request), instance=record.ips_profile, shown=record.ips_profile_fields
    )
    if form.is_valid():
        try:
            services.ips_career_profile_save(
                actor=actor, citizen_id=citizen_id, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The career profile is saved."))
            return redirect(_page_url(citizen_id, "ips-profile"))
    return _form_page(
        request, record=record, form=form, title=_("IPS career profile"), anchor="ips-profile"
    )


@login_required
@require_http_methods(["GET", "POST"])
def ips_plan_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.vocational_record_get(actor=actor, citizen_id=citizen_id)
    if not record.can_write_ips:
        raise PermissionDenied(VOCATIONAL_ONLY)
    form = IpsJobSearchPlanForm(posted(request), instance=record.ips_plan)
    if form.is_valid():
        try:
            services.ips_job_search_plan_save(
                actor=actor, citizen_id=citizen_id, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The job-search plan is saved."))
            return redirect(_page_url(citizen_id, "ips-plan"))
    return _form_page(
        request, record=record, form=form, title=_("IPS job-search plan"), anchor="ips-plan"
    )


@login_required
@require_http_methods(["GET", "POST"])
def ips_contact_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.vocational_record_get(actor=actor, citizen_id=citizen_id)
    # Employer contacts belong to a job-search plan: there is none to add to before it.
    if not record.can_write_ips or record.ips_plan is None:
        raise PermissionDenied(VOCATIONAL_ONLY)
    form = IpsPlannedContactForm(posted(request))
    if form.is_valid():
        try:
            services.ips_planned_contact_add(
                actor=actor, citizen_id=citizen_id, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The employer contact is planned."))
            return redirect(_page_url(citizen_id, "ips-plan"))
    return _form_page(
        request, record=record, form=form, title=_("Plan an employer contact"), anchor="ips-plan"
    )


@login_required
@require_POST
def ips_contact_done(
    request: HttpRequest, citizen_id: uuid.UUID, contact_id: uuid.UUID
) -> HttpResponse:
    """Mark a planned employer contact as done (or not): a button on the assessments page."""
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


# --- IPS job development (issue 12 §2): the person's sections on the assessments page --------


def _save_form(
    request: HttpRequest,
    citizen_id: uuid.UUID,
    *,
    record: VocationalRecord,
    form: forms.Form,
    save,
    saved: str,
    title: str,
    anchor: str,
) -> HttpResponse:
    """Check the form, call the service; back to the page when saved, the form again (400)
    with the service's reasons beside the fields when not."""
    if form.is_valid():
        try:
            save(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, saved)
            return redirect(_page_url(citizen_id, anchor))
    return _form_page(request, record=record, form=form, title=title, anchor=anchor)


def _ips_writer(request: HttpRequest, citizen_id: uuid.UUID) -> VocationalRecord:
    record = selectors.vocational_record_get(actor=request_actor(request), citizen_id=citizen_id)
    if not record.can_write_ips:
        raise PermissionDenied(VOCATIONAL_ONLY)
    return record


@login_required
@require_http_methods(["GET", "POST"])
def job_start_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    record = _ips_writer(request, citizen_id)
    form = JobStartForm(posted(request), employers=record.employers)
    return _save_form(
        request,
        citizen_id,
        record=record,
        form=form,
        save=functools.partial(
            services.job_start_record, actor=request_actor(request), citizen_id=citizen_id
        ),
        saved=_("The job start is recorded."),
        title=_("Record a job start"),
        anchor="job-starts",
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_along_new(
    request: HttpRequest, citizen_id: uuid.UUID, job_start_id: uuid.UUID
) -> HttpResponse:
    actor = request_actor(request)
    record, job_start = selectors.job_start_get(
        actor=actor, citizen_id=citizen_id, job_start_id=job_start_id
    )
    if not record.can_write_ips:
        raise PermissionDenied(VOCATIONAL_ONLY)
    return _save_form(
        request,
        citizen_id,
        record=record,
        form=FollowAlongForm(posted(request)),
        save=functools.partial(
            services.follow_along_record,
            actor=actor,
            citizen_id=citizen_id,
            job_start_id=job_start.pk,
        ),
        saved=_("The follow-along contact is recorded."),
        title=_("Follow-along support at %(employer)s") % {"employer": job_start.employer.name},
        anchor="job-starts",
    )


@login_required
@require_http_methods(["GET", "POST"])
def benefits_counselling_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    record = _ips_writer(request, citizen_id)
    return _save_form(
        request,
        citizen_id,
        record=record,
        form=BenefitsCounsellingForm(posted(request)),
        save=functools.partial(
            services.benefits_counselling_record,
            actor=request_actor(request),
            citizen_id=citizen_id,
        ),
        saved=_("The benefits counselling session is recorded."),
        title=_("Record benefits counselling"),
        anchor="benefits-counselling",
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    record = _ips_writer(request, citizen_id)
    return _save_form(
        request,
        citizen_id,
        record=record,
        form=DisclosureForm(posted(request), employers=record.employers),
        save=functools.partial(
            services.disclosure_record, actor=request_actor(request), citizen_id=citizen_id
        ),
        saved=_("The disclosure is recorded in the ledger."),
        title=_("Record what was told to an employer"),
        anchor="disclosures",
    )


# --- The team's employer register and contact log ------------------------------------------


def _register_url(team_id: uuid.UUID) -> str:
    return reverse("vocational:employers", kwargs={"team_id": team_id})


@login_required
@require_http_methods(["GET"])
def employer_register(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    register = selectors.employer_register_get(actor=request_actor(request), team_id=team_id)
    return render(request, "vocational/employer_register.html", {"register": register})


def _team_form_page(
    request: HttpRequest, register: selectors.EmployerRegister, form: forms.Form, title: str
) -> HttpResponse:
    context = {"register": register, "form": form, "title": title}
    return form_page(request, "vocational/team_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def employer_new(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    register = selectors.employer_register_get(actor=actor, team_id=team_id)
    if not register.can_write:
        raise PermissionDenied(_("Only the employment specialists keep the employer register."))
    form = EmployerForm(posted(request))
    if form.is_valid():
        try:
            services.employer_create(actor=actor, team_id=team_id, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The employer is added to the register."))
            return redirect(_register_url(team_id))
    return _team_form_page(request, register, form, _("Add an employer"))


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, team_id: uuid.UUID, employer_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    register, employer = selectors.employer_get(
        actor=actor, team_id=team_id, employer_id=employer_id
    )
    if not register.can_write:
        raise PermissionDenied(_("Only the employment specialists keep the employer register."))
    initial = {
        name: getattr(employer, name)
        for name in ("name", "industry", "contact_name", "phone", "email", "notes")
    }
    form = EmployerForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            services.employer_update(
                actor=actor, team_id=team_id, employer_id=employer_id, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The employer is saved."))
            return redirect(_register_url(team_id))
    return _team_form_page(request, register, form, _("Change the employer"))


@login_required
@require_http_methods(["GET", "POST"])
def job_development_contact_new(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    register = selectors.employer_register_get(actor=actor, team_id=team_id)
    if not register.can_log:
        raise PermissionDenied(_("Only an employment specialist logs their employer contacts."))
    form = JobDevelopmentContactForm(
        posted(request),
        employers=register.employers,
        people=register.own_people,
        initial={"contacted_on": timezone.localdate()},
    )
    if form.is_valid():
        try:
            services.job_development_contact_record(
                actor=actor, team_id=team_id, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The employer contact is logged."))
            return redirect(_register_url(team_id))
    return _team_form_page(request, register, form, _("Log an employer contact"))
