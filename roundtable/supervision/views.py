"""Pages of a team's reflective supervision: the history, scheduling a session, and a session
with its attendance, themes, actions and the follow-up of earlier actions. Team pages: the
team's members see them, everyone else gets 404."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from roundtable.accounts.actor import request_actor
from roundtable.supervision import selectors, services
from roundtable.supervision.forms import (
    ActionForm,
    AttendanceForm,
    FollowUpForm,
    SessionForm,
    ThemeForm,
)


def _add_errors(form: Form, exc: ValidationError) -> None:
    """The service's messages beside their fields (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_GET
def teams(request: HttpRequest) -> HttpResponse:
    found = selectors.supervision_team_list(actor=request_actor(request))
    if len(found) == 1:
        return redirect("supervision:history", team_id=found[0].pk)
    return render(request, "supervision/teams.html", {"teams": found})


@login_required
@require_GET
def history(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    record = selectors.supervision_history_get(
        actor=request_actor(request), team_id=team_id, kind=request.GET.get("kind", "")
    )
    return render(request, "supervision/history.html", {"record": record})


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    team = selectors.supervision_team_get(actor=actor, team_id=team_id)
    if not selectors.may_schedule(actor, team_id):
        raise PermissionDenied(_("Only the team leader schedules supervision."))
    members = selectors.team_members(team_id)
    form = SessionForm(request.POST if request.method == "POST" else None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.supervision_session_schedule(
                actor=actor, team_id=team_id, **form.service_arguments()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The supervision session is scheduled."))
            return redirect("supervision:session", session_id=session.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "supervision/schedule.html", {"team": team, "form": form}, status=status)


def _forms(record: selectors.SessionRecord, data: Any = None, which: str = "") -> dict[str, Any]:
    def bound(name: str) -> Any:
        return data if which == name else None

    return {
        "attendance_form": AttendanceForm(
            bound("attendance"),
            members=record.members,
            recorded={row.professional.pk: row.present for row in record.attendance},
        ),
        "theme_form": ThemeForm(bound("theme")),
        "action_form": ActionForm(bound("action"), members=record.members),
        "follow_up_forms": [
            (
                carried,
                FollowUpForm(
                    data if which == f"follow_up_{carried.action.pk}" else None,
                    prefix=f"f{carried.action.pk.hex[:8]}",
                    initial={"action": carried.action.pk},
                ),
            )
            for carried in record.open_carried
        ],
    }


def _save(request: HttpRequest, record: selectors.SessionRecord, which: str, forms: dict) -> bool:
    """Save the posted form through its service; False (with the messages beside the fields)
    when it is refused."""
    actor = request_actor(request)
    session_id = record.session.pk
    if which.startswith("follow_up_"):
        form = next(
            (f for c, f in forms["follow_up_forms"] if which == f"follow_up_{c.action.pk}"), None
        )
        if form is None:
            return False
    else:
        form = forms.get(f"{which}_form")
        if form is None:
            return False
    if not form.is_valid():
        return False
    try:
        if which == "attendance":
            services.supervision_attendance_record(
                actor=actor, session_id=session_id, present=form.present()
            )
            messages.success(request, _("Attendance is saved."))
        elif which == "theme":
            services.supervision_theme_add(actor=actor, session_id=session_id, **form.cleaned_data)
            messages.success(request, _("The theme is added."))
        elif which == "action":
            data = form.cleaned_data
            services.supervision_action_add(
                actor=actor,
                session_id=session_id,
                text=data["text"],
                owner_id=data["owner"],
                due_on=data["due_on"],
            )
            messages.success(request, _("The action is added."))
        else:
            data = form.cleaned_data
            services.supervision_action_follow_up(
                actor=actor,
                session_id=session_id,
                action_id=data["action"],
                outcome=data["outcome"],
                note=data["note"],
            )
            messages.success(request, _("The follow-up is saved."))
    except ValidationError as exc:
        _add_errors(form, exc)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.supervision_session_get(actor=actor, session_id=session_id)
    which = request.POST.get("form", "") if request.method == "POST" else ""
    forms = _forms(record, request.POST if which else None, which)
    if which:
        if _save(request, record, which, forms):
            return redirect("supervision:session", session_id=session_id)
        status = 400
    else:
        status = 200
    return render(request, "supervision/session.html", {"record": record, **forms}, status=status)
