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
from roundtable.sickleave import selectors, services
from roundtable.sickleave.forms import (
    BenefitDecisionForm,
    BenefitPeriodForm,
    EvidenceRequestForm,
    MilestoneHandledForm,
)
from roundtable.sickleave.rules import dk


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
    context = {
        "record": record,
        "today": timezone.localdate(),
        "grounds": dk.EXTENSION_GROUNDS,
        "period_form": forms.get("period", BenefitPeriodForm()),
        "decision_form": forms.get("decision", BenefitDecisionForm()),
        "evidence_form": forms.get("evidence", EvidenceRequestForm()),
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
    return _write(
        request,
        citizen_id,
        "evidence",
        EvidenceRequestForm(request.POST),
        services.evidence_request_create,
        _("The care manager has been asked for medical evidence."),
    )


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
    notices = selectors.notice_rows(actor=actor)
    return render(
        request,
        "sickleave/deadlines.html",
        {
            "sections": sections,
            "today": today,
            "reminders": reminders,
            "notices": notices,
            "new_count": len(reminders) + len(notices),
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
