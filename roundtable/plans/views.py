"""Pages of the joint plan: for the team (the draft with its nudges, editing, publishing, the
published versions and their comparison, the printout) and for the citizen (the current
version in plain language, their answer, the version history and the printout)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from roundtable.accounts.actor import request_actor
from roundtable.plans import content, selectors, services
from roundtable.plans.charts import ramp_chart
from roundtable.plans.forms import (
    GoalFormSet,
    PlanForm,
    RampFormSet,
    ResponseForm,
    goal_initial,
    ramp_initial,
)
from roundtable.plans.printout import printout_response
from roundtable.plans.services import StaleRevision


def _is_citizen(request: HttpRequest) -> bool:
    actor = request_actor(request)
    return actor is not None and actor.is_citizen


def _ramp_context(weeks) -> dict:
    max_weekly = selectors.max_weekly_hours()
    return {
        "chart": ramp_chart(weeks, max_weekly=max_weekly),
        "max_weekly": selectors.countable(max_weekly),
    }


# --- The team's pages ----------------------------------------------------------------------------


@login_required
@require_GET
def plan_detail(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    if _is_citizen(request):
        return redirect("plans:my-plan")
    record = selectors.plan_get(actor=request_actor(request), citizen_id=citizen_id)
    context = {
        "record": record,
        "unchanged": record.can_edit and selectors.draft_unchanged(record.plan),
        **_ramp_context(record.ramp_weeks),
    }
    return render(request, "plans/plan_detail.html", context)


def _meeting_param(request: HttpRequest) -> uuid.UUID | None:
    raw = request.POST.get("meeting") or request.GET.get("meeting")
    if not raw:
        return None
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        raise Http404() from None


def _plan_forms(record, choices, data, meeting_id):
    plan_form = PlanForm(
        data,
        section_kinds=record.section_kinds,
        initial=PlanForm.initial_for(record, meeting_id),
    )
    goals = GoalFormSet(
        data,
        prefix="goal",
        initial=goal_initial(record),
        form_kwargs={"decision_choices": choices},
    )
    ramp = RampFormSet(data, prefix="ramp", initial=ramp_initial(record))
    return plan_form, goals, ramp


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    """Write the draft; with ?meeting=<id>, make or adjust it from that held meeting."""
    actor = request_actor(request)
    if _is_citizen(request):
        raise Http404()
    record = selectors.plan_get(actor=actor, citizen_id=citizen_id, with_nudges=False)
    if not record.can_edit:
        raise PermissionDenied(
            _(
                "Only the care manager, the employment consultant and the team leader "
                "write the joint plan."
            )
        )
    meeting_id = _meeting_param(request)
    meeting = selectors.plan_meeting_get(record.access, meeting_id) if meeting_id else None
    choices = selectors.decision_choices(record.access)
    data = request.POST if request.method == "POST" else None
    plan_form, goals, ramp = _plan_forms(record, choices, data, meeting_id)
    stale: StaleRevision | None = None
    status = 200
    if request.method == "POST":
        status = 400
        if (
            plan_form.is_valid()
            and goals.is_valid()
            and ramp.is_valid()
            and not _place_problems(record, plan_form, goals.kept_forms(), ramp.kept_forms())
        ):
            try:
                services.joint_plan_save(
                    actor=actor,
                    citizen_id=citizen_id,
                    expected_revision=plan_form.cleaned_data["revision"],
                    sections=plan_form.sections(),
                    goals=[f.goal_data() for f in goals.kept_forms()],
                    ramp=[f.ramp_row() for f in ramp.kept_forms()],
                    ramp_start=plan_form.cleaned_data.get("ramp_start"),
                    review_on=plan_form.cleaned_data.get("review_on"),
                    meeting_id=plan_form.cleaned_data.get("meeting"),
                )
            except StaleRevision as exc:
                # Nothing is lost: the form shows what this person wrote, now based on the
                # newest revision, so saving again is a choice made knowing the other save.
                stale = exc
                status = 409
                fresh = request.POST.copy()
                fresh["revision"] = str(exc.current)
                plan_form, goals, ramp = _plan_forms(record, choices, fresh, meeting_id)
            except ValidationError as exc:
                plan_form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("The draft is saved. The citizen sees it once you publish it."),
                )
                return redirect("plans:detail", citizen_id=citizen_id)
    summary = _error_summary(plan_form, goals, ramp)
    context = {
        "record": record,
        "form": plan_form,
        "goals": goals,
        "ramp": ramp,
        "meeting": meeting,
        "stale": stale,
        "has_choices": bool(choices),
        "max_weekly": selectors.countable(selectors.max_weekly_hours()),
        "error_summary": summary,
        "focus_summary": status == 400 and not summary,
    }
    return render(request, "plans/plan_form.html", context, status=status)


def _place_problems(record, plan_form, goal_forms, ramp_forms) -> bool:
    """Put the draft's ramp and date problems beside the fields they are about (the service
    checks them again and stays the authority); answer whether there were any."""
    data = plan_form.cleaned_data
    problems = content.ramp_problem_list(
        [f.ramp_row() for f in ramp_forms],
        start=data.get("ramp_start"),
        max_weekly=selectors.max_weekly_hours(),
    )
    problems += content.date_problem_list(
        today=timezone.localdate(),
        first_absence_day=record.course.first_absence_day,
        review_on=data.get("review_on"),
        ramp_start=data.get("ramp_start"),
        goals=[f.goal_data() for f in goal_forms],
        publishing=False,
    )
    rows = {"goal": goal_forms, "ramp": ramp_forms}
    for problem in problems:
        if problem.part == "plan":
            plan_form.add_error(problem.field, problem.message)
        elif problem.row is None or problem.row >= len(rows[problem.part]):
            plan_form.add_error(None, problem.message)
        else:
            rows[problem.part][problem.row].add_error(problem.field, problem.message)
    return bool(problems)


def _error_summary(plan_form, goals, ramp) -> list[dict]:
    """Every field with an error, in the order of the page, each linking to its field; the
    first one is focused when the page comes back, so the person lands on what to correct."""
    entries: list[tuple[str | None, BoundField]] = []
    for number, form in enumerate(goals, start=1):
        where = _("Goal %(n)s") % {"n": number}
        entries += [(where, form[name]) for name in form.errors if name != "__all__"]
    order = [*plan_form.fields]
    entries += [
        (None, plan_form[name])
        for name in sorted(plan_form.errors, key=lambda n: order.index(n) if n in order else -1)
        if name != "__all__" and name != "ramp_start"
    ]
    if "ramp_start" in plan_form.errors:
        entries.append((None, plan_form["ramp_start"]))
    for number, form in enumerate(ramp, start=1):
        where = _("Week %(n)s") % {"n": number}
        entries += [(where, form[name]) for name in form.errors if name != "__all__"]
    summary = []
    for place, bound in entries:
        label = f"{place} · {bound.label}" if place else str(bound.label)
        summary += [{"id": bound.auto_id, "label": label, "message": e} for e in bound.errors]
    if entries:
        first = entries[0][1]
        first.field.widget.attrs["autofocus"] = True
    return summary


@login_required
@require_http_methods(["GET", "POST"])
def plan_publish(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    """GET asks for confirmation, showing what changes for the citizen (or why the draft cannot
    be published yet); POST publishes the revision that was confirmed."""
    actor = request_actor(request)
    if _is_citizen(request):
        raise Http404()
    if request.method == "GET":
        preview = selectors.publish_preview(
            actor=actor, citizen_id=citizen_id, today=timezone.localdate()
        )
        if not preview.record.can_edit:
            raise PermissionDenied(
                _(
                    "Only the care manager, the employment consultant and the team leader "
                    "write and publish the joint plan."
                )
            )
        context = {"preview": preview, "record": preview.record}
        return render(request, "plans/publish_confirm.html", context)
    try:
        revision: int | None = int(request.POST.get("revision", ""))
    except ValueError:
        revision = None
    try:
        published = services.joint_plan_publish(
            actor=actor, citizen_id=citizen_id, expected_revision=revision
        )
    except StaleRevision:
        messages.error(
            request,
            _(
                "Someone else saved the plan after you opened it, so nothing was published. "
                "Read the plan again below, then publish."
            ),
        )
    except ValidationError as exc:
        current = selectors.version_list(actor=actor, citizen_id=citizen_id).versions
        if current:
            messages.error(
                request,
                _("Nothing new was published. The citizen still sees version %(n)d.")
                % {"n": current[0].number},
            )
        else:
            messages.error(request, _("The plan is not published yet:"))
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Version %(n)d is published. The citizen can read it and answer now.")
            % {"n": published.version.number},
        )
    return redirect("plans:detail", citizen_id=citizen_id)


@login_required
@require_GET
def version_detail(request: HttpRequest, citizen_id: uuid.UUID, number: int) -> HttpResponse:
    if _is_citizen(request):
        return redirect("plans:my-version", number=number)
    record = selectors.version_get(
        actor=request_actor(request), citizen_id=citizen_id, number=number
    )
    context = {"record": record, **_ramp_context(record.ramp_weeks)}
    return render(request, "plans/version_detail.html", context)


def _int_param(request: HttpRequest, name: str) -> int | None:
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if 0 < value < 1_000_000 else None


def _compare(request: HttpRequest, citizen_id: uuid.UUID, template: str) -> HttpResponse:
    actor = request_actor(request)
    listing = selectors.version_list(actor=actor, citizen_id=citizen_id)
    numbers = [v.number for v in listing.versions]
    if len(numbers) < 2:
        return render(request, template, {"listing": listing, "record": None})
    new = _int_param(request, "new") or numbers[0]
    old = _int_param(request, "old") or next((n for n in numbers if n < new), numbers[-1])
    if old > new:
        old, new = new, old
    record = selectors.version_compare(actor=actor, citizen_id=citizen_id, old=old, new=new)
    return render(request, template, {"listing": listing, "record": record})


@login_required
@require_GET
def version_compare(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    if _is_citizen(request):
        return redirect("plans:my-compare")
    return _compare(request, citizen_id, "plans/compare.html")


def _pdf(request: HttpRequest, citizen_id: uuid.UUID, number: int | None) -> HttpResponse:
    record = selectors.version_get(
        actor=request_actor(request), citizen_id=citizen_id, number=number, printable=True
    )
    return printout_response(record, request)


@login_required
@require_GET
def plan_pdf(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    number = _int_param(request, "version")
    return _pdf(request, citizen_id, number)


# --- The citizen's pages (plain language) --------------------------------------------------------


def _citizen_actor(request: HttpRequest):
    actor = request_actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    return actor


@login_required
@require_http_methods(["GET", "POST"])
def my_plan(request: HttpRequest) -> HttpResponse:
    actor = _citizen_actor(request)
    record = selectors.current_version_get(actor=actor, citizen_id=actor.citizen_id)
    if record is None:
        return render(request, "plans/my_plan.html", {"record": None})
    form = ResponseForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                number = int(request.POST.get("version", record.version.number))
            except ValueError:
                number = record.version.number
            try:
                services.plan_response_add(
                    actor=actor,
                    citizen_id=actor.citizen_id,
                    number=number,
                    agreement=form.cleaned_data["agreement"],
                    comment=form.cleaned_data.get("comment", ""),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, _("Thank you. Your answer is saved. Your team will read it.")
                )
                return redirect(f"{reverse('plans:my-plan')}#your-answer")
    context = {"record": record, "form": form, **_ramp_context(record.ramp_weeks)}
    return render(request, "plans/my_plan.html", context, status=status)


@login_required
@require_GET
def my_version(request: HttpRequest, number: int) -> HttpResponse:
    actor = _citizen_actor(request)
    record = selectors.version_get(actor=actor, citizen_id=actor.citizen_id, number=number)
    if record.is_current:
        return redirect("plans:my-plan")
    context = {"record": record, "form": None, **_ramp_context(record.ramp_weeks)}
    return render(request, "plans/my_plan.html", context)


@login_required
@require_GET
def my_compare(request: HttpRequest) -> HttpResponse:
    actor = _citizen_actor(request)
    return _compare(request, actor.citizen_id, "plans/my_compare.html")


@login_required
@require_GET
def my_pdf(request: HttpRequest) -> HttpResponse:
    actor = _citizen_actor(request)
    return _pdf(request, actor.citizen_id, _int_param(request, "version"))
