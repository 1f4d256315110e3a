from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from roundtable.accounts.actor import request_actor
from roundtable.organisations.models import Jurisdiction
from roundtable.organisations.terms import Terms, terms_for
from roundtable.sickleave import selectors, services
from roundtable.sickleave.forms import (
    BenefitDecisionForm,
    BenefitPeriodForm,
    EvidenceCommentForm,
    EvidenceNoteForm,
    EvidenceRequestForm,
    MilestoneHandledForm,
)
from roundtable.sickleave.rules import dk


def _terms(record: selectors.SickleaveRecord) -> Terms:
    return terms_for(record.course.jurisdiction if record.course else Jurisdiction.DK)


def _page(
    request: HttpRequest,
    citizen_id: uuid.UUID,
    forms: dict | None = None,
    status=200,
    changes=None,
):
    actor = request_actor(request)
    if actor is None or actor.is_citizen:
        raise Http404()
    record = selectors.sickleave_get(actor=actor, citizen_id=citizen_id, today=timezone.localdate())
    forms = forms or {}
    care_manager_id = record.course.care_manager_id if record.course else None
    context = {
        "record": record,
        "today": timezone.localdate(),
        "grounds": dk.EXTENSION_GROUNDS,
        "period_form": forms.get("period", BenefitPeriodForm()),
        "decision_form": forms.get("decision", BenefitDecisionForm()),
        "evidence_form": forms.get(
            "evidence",
            EvidenceRequestForm(
                addressees=record.addressees,
                care_manager_id=care_manager_id,
                terms=_terms(record),
            ),
        ),
        "changes": changes,
    }
    return render(request, "sickleave/citizen_sickleave.html", context, status=status)


@login_required
@require_GET
def citizen_sickleave(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _page(request, citizen_id)


def _write(request, citizen_id, form_key, form, service, success):
    """Validate, call the service, and come back to the page; errors keep what was typed."""
    changes = None
    if form.is_valid():
        try:
            service(actor=request_actor(request), citizen_id=citizen_id, **form.cleaned_data)
        except services.LegalDatesChange as exc:
            # Nothing saved: show what would move and ask again with the same values.
            changes = exc.changes
            data = request.POST.copy()
            data["confirm"] = form.fingerprint(form.cleaned_data)
            form = type(form)(data)
            form.is_valid()
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, success)
            return redirect("sickleave:citizen", citizen_id=citizen_id)
    return _page(
        request,
        citizen_id,
        {form_key: form},
        status=400 if changes is None else 200,
        changes=changes,
    )


@login_required
@require_POST
def benefit_period_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _write(
        request,
        citizen_id,
        "period",
        BenefitPeriodForm(request.POST),
        services.benefit_period_record,
        _("The benefit period is recorded."),
    )


@login_required
@require_POST
def benefit_decision_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    return _write(
        request,
        citizen_id,
        "decision",
        BenefitDecisionForm(request.POST),
        services.benefit_decision_record,
        _("The decision is recorded."),
    )


@login_required
@require_POST
def evidence_request_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    if actor is None or actor.is_citizen:
        raise Http404()
    record = selectors.sickleave_get(actor=actor, citizen_id=citizen_id, today=timezone.localdate())
    return _write(
        request,
        citizen_id,
        "evidence",
        EvidenceRequestForm(
            request.POST,
            addressees=record.addressees,
            care_manager_id=record.course.care_manager_id if record.course else None,
            terms=_terms(record),
        ),
        services.evidence_request_create,
        _("Medical evidence has been asked for."),
    )


def _note_page(
    request: HttpRequest, request_id: uuid.UUID, *, form=None, error: str = "", status=200
) -> HttpResponse:
    actor = request_actor(request)
    if actor is None or actor.is_citizen:
        raise Http404()
    view = selectors.evidence_note_get(
        actor=actor, request_id=request_id, today=timezone.localdate()
    )
    if form is None and view.can_write:
        initial = {}
        if view.note is not None:
            initial = {
                name: getattr(view.note, name)
                for name in (
                    "capacity",
                    "hours_per_week",
                    "functional_capacity",
                    "prognosis",
                    "prognosis_text",
                    "diagnosis",
                )
            }
        form = EvidenceNoteForm(initial=initial, diagnosis_allowed=view.jobcentre_reads_diagnosis)
    return render(
        request,
        "sickleave/evidence_note.html",
        {"view": view, "form": form, "send_error": error, "today": timezone.localdate()},
        status=status,
    )


@login_required
@require_GET
def evidence_note(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    """The evidence note of one request: written here by the one asked, read by the team."""
    return _note_page(request, request_id)


@login_required
@require_POST
def evidence_note_save(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    view = selectors.evidence_note_get(
        actor=actor, request_id=request_id, today=timezone.localdate()
    )
    form = EvidenceNoteForm(request.POST, diagnosis_allowed=view.jobcentre_reads_diagnosis)
    if form.is_valid():
        try:
            services.evidence_note_save(
                actor=actor,
                request_id=request_id,
                ready=request.POST.get("action") == "ready",
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("A new version of the note is saved."))
            return redirect("sickleave:evidence-note", request_id=request_id)
    return _note_page(request, request_id, form=form, status=400)


@login_required
@require_POST
def evidence_note_send(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    try:
        services.evidence_note_send(actor=request_actor(request), request_id=request_id)
    except ValidationError as exc:
        return _note_page(request, request_id, error=" ".join(exc.messages), status=400)
    messages.success(request, _("The note is sent."))
    return redirect("sickleave:evidence-note", request_id=request_id)


def _my_evidence_page(request: HttpRequest, *, forms=None, status=200) -> HttpResponse:
    actor = request_actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    views = selectors.evidence_list(
        actor=actor, citizen_id=actor.citizen_id, today=timezone.localdate()
    )
    forms = forms or {}
    rows = [(v, forms.get(v.request.pk, EvidenceCommentForm())) for v in views]
    return render(request, "sickleave/my_evidence.html", {"rows": rows}, status=status)


@login_required
@require_GET
def my_evidence(request: HttpRequest) -> HttpResponse:
    """The citizen reads what the health side writes to the jobcentre about them."""
    return _my_evidence_page(request)


@login_required
@require_POST
def my_evidence_comment(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    form = EvidenceCommentForm(request.POST)
    if form.is_valid():
        try:
            services.evidence_note_comment(
                actor=request_actor(request),
                request_id=request_id,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            form.add_error("comment", exc)
        else:
            messages.success(request, _("Your comment is saved. It goes with the note."))
            return redirect("sickleave:my-evidence")
    return _my_evidence_page(request, forms={request_id: form}, status=400)


@login_required
@require_POST
def evidence_request_done(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    evidence = services.evidence_request_complete(
        actor=request_actor(request), request_id=request_id
    )
    messages.success(request, _("The medical evidence is marked as sent."))
    next_url = request.POST.get("next")
    if next_url == "deadlines":
        return redirect("sickleave:deadlines")
    return redirect("sickleave:citizen", citizen_id=evidence.course.citizen_id)


@login_required
@require_POST
def milestone_handled(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    form = MilestoneHandledForm(request.POST)
    if not form.is_valid():
        return _page(request, citizen_id, status=400)
    services.milestone_handle(
        actor=request_actor(request),
        citizen_id=citizen_id,
        milestone_id=form.cleaned_data["milestone_id"],
        due_on=form.cleaned_data["due_on"],
    )
    messages.success(request, _("The deadline is marked as handled."))
    if request.POST.get("next") == "deadlines":
        return redirect("sickleave:deadlines")
    return redirect("sickleave:citizen", citizen_id=citizen_id)


@login_required
@require_GET
def deadlines(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    found = selectors.deadline_list(actor=request_actor(request), today=today)
    sections = [
        ("overdue", _("Overdue"), found.overdue),
        ("this_week", _("This week"), found.this_week),
        ("next_week", _("Next week"), found.next_week),
        ("later", _("Later: asked of you"), found.later),
    ]
    actor = request_actor(request)
    reminders = selectors.reminder_list(actor=actor)
    notices = selectors.notices_for(actor=actor)
    return render(
        request,
        "sickleave/deadlines.html",
        {
            "sections": sections,
            "today": today,
            "reminders": reminders,
            "notices": notices.new,
            "team_work": notices.team_work,
            "new_count": len(reminders) + len(notices.new),
        },
    )


@login_required
@require_POST
def reminders_read(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if actor is None or not actor.works_with_citizens:
        raise Http404()
    services.reminders_mark_read(actor=actor)
    return redirect("sickleave:deadlines")


@login_required
@require_GET
def team_risks(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.reassessment_risk_list(actor=request_actor(request), today=today)
    return render(request, "sickleave/team_risks.html", {"rows": rows, "today": today})


@login_required
@require_GET
def my_timeline(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    record = selectors.sickleave_get(
        actor=actor, citizen_id=actor.citizen_id, today=timezone.localdate()
    )
    return render(request, "sickleave/my_timeline.html", {"record": record})
