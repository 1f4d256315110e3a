"""Pages of the roundtable meeting: for the team (scheduling, the meeting page with its decision
log and minutes, the team's prompts) and for the citizen (preparation, decisions and minutes),
the latter in plain language."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.accounts.actor import request_actor
from roundtable.meetings import ical, selectors, services
from roundtable.meetings.forms import (
    DecisionForm,
    MeetingForm,
    MinutesForm,
    OptionForm,
    PreparationForm,
    PromptSetForm,
    raised_by_for,
)
from roundtable.meetings.models import Decision, MeetingStatus


def _is_citizen(request: HttpRequest) -> bool:
    actor = request_actor(request)
    return actor is not None and actor.is_citizen


def _option_prefix(decision_id) -> str:
    return f"option-{decision_id}"


def _decision_form(request: HttpRequest, types, data=None, **kwargs) -> DecisionForm:
    actor = request_actor(request)
    initial = kwargs.pop("initial", None) or {
        "raised_by": raised_by_for(actor.role if actor else "")
    }
    return DecisionForm(
        data,
        types=types,
        fields_url=reverse("meetings:decision-fields"),
        initial=initial,
        **kwargs,
    )


def _detail(
    request: HttpRequest,
    meeting_id: uuid.UUID,
    *,
    decision_form: DecisionForm | None = None,
    option_form: tuple[uuid.UUID, OptionForm] | None = None,
    minutes_form: MinutesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if _is_citizen(request):
        # The citizen has their own, read-only pages; the team's page is not one of them.
        raise PermissionDenied(_("Only the professionals running the meeting change it."))
    record = selectors.meeting_get(actor=request_actor(request), meeting_id=meeting_id)
    types = selectors.typology_list() if record.can_run else []
    for decision in record.decisions:
        if option_form and option_form[0] == decision.pk:
            decision.option_form = option_form[1]  # type: ignore[attr-defined]
        else:
            decision.option_form = OptionForm(prefix=_option_prefix(decision.pk))  # type: ignore[attr-defined]
    context = {
        "record": record,
        "meeting": record.meeting,
        "decision_form": decision_form or _decision_form(request, types),
        "minutes_form": minutes_form
        or MinutesForm(initial={"text": record.minutes.text if record.minutes else ""}),
        "today": timezone.localdate(),
        "errors_in": {
            "decision": bool(decision_form and decision_form.errors),
            "option": option_form[0] if option_form else None,
            "minutes": bool(minutes_form and minutes_form.errors),
        },
    }
    return render(request, "meetings/meeting_detail.html", context, status=status)


# --- The team's pages ------------------------------------------------------------------------


@login_required
@require_GET
def citizen_meetings(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    if _is_citizen(request):
        return redirect("meetings:my-list")
    listing = selectors.meeting_list(actor=request_actor(request), citizen_id=citizen_id)
    return render(request, "meetings/citizen_meetings.html", {"listing": listing})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    listing = selectors.meeting_list(actor=actor, citizen_id=citizen_id)
    if not listing.can_schedule:
        raise PermissionDenied(
            _(
                "Only the care manager, the employment consultant and the team leader "
                "of an open course schedule meetings."
            )
        )
    assert listing.current is not None  # can_schedule
    choices = selectors.meeting_group_choices(listing.current)
    form = MeetingForm(request.POST or None, group_members=choices)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=actor, citizen_id=citizen_id, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect("meetings:detail", meeting_id=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "listing": listing, "citizen": listing.citizen, "course": listing.course},
        status=status,
    )


@login_required
@require_GET
def meeting_detail(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    if _is_citizen(request):
        return redirect("meetings:my-meeting", meeting_id=meeting_id)
    return _detail(request, meeting_id)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.meeting_get(actor=actor, meeting_id=meeting_id)
    if not record.can_run:
        raise PermissionDenied(_("Only the professionals running the meeting change it."))
    if record.meeting.status != MeetingStatus.PLANNED:
        messages.error(request, _("Only a planned meeting can be changed."))
        return redirect("meetings:detail", meeting_id=meeting_id)
    initial = MeetingForm.initial_for(record.meeting, record.guests, record.group_member_ids)
    choices = selectors.meeting_group_choices(record.access)
    form = MeetingForm(request.POST or None, initial=initial, group_members=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=actor, meeting_id=meeting_id, **form.service_arguments())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The meeting is changed."))
            return redirect("meetings:detail", meeting_id=meeting_id)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "record": record,
        "citizen": record.citizen,
        "course": record.course,
        "left_group": _left_group(record.group),
    }
    return render(request, "meetings/meeting_form.html", context, status=status)


def _left_group(participants) -> str:
    """Says who was chosen from the group but has left it since: the form no longer offers
    them, so saving takes them off the meeting."""
    left = [p.member.display_name for p in participants if p.member.left_on is not None]
    if not left:
        return ""
    return ngettext(
        "%(names)s has left the responsibility group. When you save, they no longer take "
        "part in this meeting.",
        "%(names)s have left the responsibility group. When you save, they no longer take "
        "part in this meeting.",
        len(left),
    ) % {"names": ", ".join(left)}


def _state_change(request: HttpRequest, meeting_id: uuid.UUID, service, success: str):
    try:
        service(actor=request_actor(request), meeting_id=meeting_id)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("meetings:detail", meeting_id=meeting_id)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    return _state_change(
        request, meeting_id, services.meeting_cancel, _("The meeting is cancelled.")
    )


@login_required
@require_POST
def meeting_hold(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    return _state_change(
        request, meeting_id, services.meeting_hold, _("The meeting is marked as held.")
    )


@login_required
@require_GET
def meeting_invitation(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = selectors.meeting_invitation_get(actor=request_actor(request), meeting_id=meeting_id)
    text = ical.render(
        ical.Invitation(
            uid=f"{meeting.pk}@roundtable",
            summary=_("Roundtable meeting"),
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            stamp=meeting.updated_at,
            location=meeting.place or meeting.video_url,
            url=meeting.video_url,
            sequence=meeting.sequence,
            cancelled=meeting.status == MeetingStatus.CANCELLED,
        )
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="roundtable-meeting.ics"'
    return response


@login_required
@require_POST
def decision_new(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    form = _decision_form(request, selectors.typology_list(), request.POST)
    if form.is_valid():
        try:
            decision = services.decision_add(
                actor=request_actor(request), meeting_id=meeting_id, **form.service_arguments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The decision is logged."))
            return _to_decision(meeting_id, decision)
    return _detail(request, meeting_id, decision_form=form, status=400)


def _to_decision(meeting_id: uuid.UUID, decision: Decision) -> HttpResponse:
    url = reverse("meetings:detail", kwargs={"meeting_id": meeting_id})
    return redirect(f"{url}#decision-{decision.pk}")


@login_required
@require_GET
def decision_fields(request: HttpRequest) -> HttpResponse:
    """The subtype and zone fields for the chosen type (an htmx swap): no personal data."""
    actor = request_actor(request)
    if actor is None or not actor.works_with_citizens:
        raise Http404()
    types = selectors.typology_list()
    type_slug = request.GET.get("type") or None
    subtype_slug = request.GET.get("subtype") or None
    if type_slug and not any(t.slug == type_slug for t in types):
        type_slug = None
    form = _decision_form(
        request,
        types,
        initial={"type": type_slug, "subtype": subtype_slug},
    )
    return render(request, "meetings/_decision_classification.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(
    request: HttpRequest, meeting_id: uuid.UUID, decision_id: uuid.UUID
) -> HttpResponse:
    actor = request_actor(request)
    record, decision = selectors.decision_get(
        actor=actor, meeting_id=meeting_id, decision_id=decision_id
    )
    if not record.can_run:
        raise PermissionDenied(_("Only the professionals running the meeting change decisions."))
    types = selectors.typology_list()
    initial = {
        "type": decision.type.slug,
        "subtype": decision.subtype.slug if decision.subtype else "",
        "zone": decision.zone,
        "title": decision.title,
        "raised_by": decision.raised_by,
        "is_key": decision.is_key,
        "status": decision.status,
        "revisit_on": decision.revisit_on,
        "exclusion_reason": decision.exclusion_reason,
        "exclusion_note": decision.exclusion_note,
        "outcome": decision.outcome,
    }
    form = _decision_form(
        request, types, request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(
                actor=actor,
                meeting_id=meeting_id,
                decision_id=decision_id,
                **form.service_arguments(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The decision is saved."))
            return _to_decision(meeting_id, decision)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "record": record, "decision": decision}
    return render(request, "meetings/decision_form.html", context, status=status)


CHOSEN_MESSAGE = gettext_lazy(
    "The option is chosen: the decision is marked as made, with this option as what was decided."
)


@login_required
@require_POST
def option_new(request: HttpRequest, meeting_id: uuid.UUID, decision_id: uuid.UUID) -> HttpResponse:
    form = OptionForm(request.POST, prefix=_option_prefix(decision_id))
    if form.is_valid():
        try:
            services.option_add(
                actor=request_actor(request),
                meeting_id=meeting_id,
                decision_id=decision_id,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if form.cleaned_data.get("chosen"):
                messages.success(request, CHOSEN_MESSAGE)
            else:
                messages.success(request, _("The option is added."))
            url = reverse("meetings:detail", kwargs={"meeting_id": meeting_id})
            return redirect(f"{url}#decision-{decision_id}")
    return _detail(request, meeting_id, option_form=(decision_id, form), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def option_edit(
    request: HttpRequest, meeting_id: uuid.UUID, decision_id: uuid.UUID, option_id: uuid.UUID
) -> HttpResponse:
    actor = request_actor(request)
    record, decision, option = selectors.option_get(
        actor=actor, meeting_id=meeting_id, decision_id=decision_id, option_id=option_id
    )
    if not record.can_run:
        raise PermissionDenied(_("Only the professionals running the meeting change options."))
    initial = {
        "text": option.text,
        "pros": option.pros,
        "cons": option.cons,
        "chosen": option.chosen,
    }
    form = OptionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.option_update(
                actor=actor,
                meeting_id=meeting_id,
                decision_id=decision_id,
                option_id=option_id,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if form.cleaned_data.get("chosen") and not option.chosen:
                messages.success(request, CHOSEN_MESSAGE)
            elif option.chosen and not form.cleaned_data.get("chosen"):
                messages.success(
                    request,
                    _(
                        "The option is saved and no longer chosen. If the decision was this "
                        "option, it is marked “to be decided” again."
                    ),
                )
            else:
                messages.success(request, _("The option is saved."))
            return _to_decision(meeting_id, decision)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "record": record, "decision": decision, "option": option}
    return render(request, "meetings/option_form.html", context, status=status)


@login_required
@require_POST
def minutes_save(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.minutes_save(
                actor=request_actor(request), meeting_id=meeting_id, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The minutes are saved. Everyone who took part can read them.")
            )
            url = reverse("meetings:detail", kwargs={"meeting_id": meeting_id})
            return redirect(f"{url}#minutes")
    return _detail(request, meeting_id, minutes_form=form, status=400)


@login_required
@require_GET
def prompt_teams(request: HttpRequest) -> HttpResponse:
    teams = selectors.prompt_team_list(actor=request_actor(request))
    if len(teams) == 1:
        return redirect("meetings:prompts", team_id=teams[0].pk)
    return render(request, "meetings/prompt_teams.html", {"teams": teams})


@login_required
@require_http_methods(["GET", "POST"])
def prompt_set(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    found = selectors.prompt_set_get(actor=actor, team_id=team_id)
    initial = {"questions": "\n".join(p.label for p in found.prompts)}
    form = PromptSetForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "reset":
        services.prompt_set_reset(actor=actor, team_id=team_id)
        messages.success(request, _("Your team uses the default questions again."))
        return redirect("meetings:prompts", team_id=team_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.prompt_set_save(actor=actor, team_id=team_id, texts=form.texts())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The questions are saved."))
            return redirect("meetings:prompts", team_id=team_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "meetings/prompt_set.html", {"form": form, "found": found}, status=status
    )


# --- The citizen's pages (plain language) ----------------------------------------------------


def _citizen_actor(request: HttpRequest):
    actor = request_actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    return actor


@login_required
@require_GET
def my_meetings(request: HttpRequest) -> HttpResponse:
    actor = _citizen_actor(request)
    listing = selectors.meeting_list(actor=actor, citizen_id=actor.citizen_id)
    return render(request, "meetings/my_meetings.html", {"listing": listing})


@login_required
@require_GET
def my_meeting(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    record = selectors.meeting_get(
        actor=request_actor(request), meeting_id=meeting_id, citizen_view=True
    )
    return render(request, "meetings/my_meeting.html", {"record": record})


@login_required
@require_http_methods(["GET", "POST"])
def my_preparation(request: HttpRequest, meeting_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.meeting_get(
        actor=actor, meeting_id=meeting_id, citizen_view=True, with_prompts=True
    )
    form = PreparationForm(
        request.POST if request.method == "POST" else None,
        prompts=record.prompts,
        answers=record.answers_by_prompt,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preparation_answer_save(
                actor=actor, meeting_id=meeting_id, answers=form.answers()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Thank you. Your answers are saved. Your team reads them before the meeting."),
            )
            return redirect("meetings:my-preparation", meeting_id=meeting_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "meetings/my_preparation.html", {"record": record, "form": form}, status=status
    )
