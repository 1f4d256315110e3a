"""Pages of the collective journal: the team's journal of a citizen (read, write, add, answer a
dispute, write a summary for sharing), the professional's journal notices, and the citizen's own
page (what is written about them; flag an entry as wrong), the latter in plain language."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.accounts.actor import Actor, request_actor
from roundtable.core.data_classes import DataClass
from roundtable.journal import selectors, services
from roundtable.journal.forms import AddendumForm, DisputeForm, EntryForm, SummaryForm


def _actor(request: HttpRequest) -> Actor | None:
    return request_actor(request)


def _is_citizen(request: HttpRequest) -> bool:
    actor = _actor(request)
    return actor is not None and actor.is_citizen


def _entry_url(citizen_id: uuid.UUID, entry_id: uuid.UUID) -> str:
    return reverse("journal:entry", args=[citizen_id, entry_id])


def _journal(
    request: HttpRequest,
    citizen_id: uuid.UUID,
    *,
    form: EntryForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = _actor(request)
    scope = selectors.journal_scope(actor=actor, citizen_id=citizen_id)
    page, views = selectors.journal_page(scope=scope, page_number=request.GET.get("page"))
    if form is None and scope.can_write:
        form = EntryForm(classes=scope.writable_classes)
    elif form is not None:
        form.limit_to(scope.writable_classes)
    notices = selectors.notice_list(actor=actor, citizen_id=citizen_id)
    context = {
        "scope": scope,
        "citizen": scope.citizen,
        "page": page,
        "views": views,
        "form": form if scope.can_write else None,
        "notices": notices,
    }
    return render(request, "journal/journal.html", context, status=status)


@login_required
@require_GET
def journal(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    if _is_citizen(request):
        return redirect("journal:my-journal")
    return _journal(request, citizen_id)


@login_required
@require_POST
def entry_write(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    # Any class passes the form; the service decides what this person may write (one
    # decision, inside the write) and says so beside the field.
    form = EntryForm(request.POST, classes=list(DataClass.values))
    if form.is_valid():
        try:
            entry = services.journal_entry_write(
                actor=actor,
                citizen_id=citizen_id,
                data_class=form.cleaned_data["data_class"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The entry is saved in the journal."))
            return redirect(_entry_url(citizen_id, entry.pk))
    return _journal(request, citizen_id, form=form, status=400)


def _entry_page(
    request: HttpRequest,
    citizen_id: uuid.UUID,
    entry_id: uuid.UUID,
    *,
    addendum_form: AddendumForm | None = None,
    status: int = 200,
) -> HttpResponse:
    scope, view = selectors.journal_entry_get(
        actor=_actor(request), citizen_id=citizen_id, entry_id=entry_id
    )
    if addendum_form is None and view.can_answer:
        addendum_form = AddendumForm(disputed=view.disputed)
    context = {
        "scope": scope,
        "citizen": scope.citizen,
        "view": view,
        "addendum_form": addendum_form if view.can_answer else None,
    }
    return render(request, "journal/entry.html", context, status=status)


@login_required
@require_GET
def entry_detail(request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID) -> HttpResponse:
    if _is_citizen(request):
        return redirect("journal:my-entry", entry_id=entry_id)
    return _entry_page(request, citizen_id, entry_id)


@login_required
@require_POST
def addendum_add(request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    _scope, view = selectors.journal_entry_get(
        actor=actor, citizen_id=citizen_id, entry_id=entry_id
    )
    if not view.can_answer:
        raise PermissionDenied(_("Only the author of the entry adds to it or answers a dispute."))
    form = AddendumForm(request.POST, disputed=view.disputed)
    if form.is_valid():
        try:
            services.journal_addendum_add(
                actor=actor,
                citizen_id=citizen_id,
                entry_id=entry_id,
                body=form.cleaned_data["body"],
                outcome=form.cleaned_data.get("outcome") or "",
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if form.cleaned_data.get("outcome"):
                messages.success(
                    request,
                    _("The dispute is closed. The citizen and the other organisations are told."),
                )
            else:
                messages.success(request, _("The addendum is saved below the entry."))
            return redirect(_entry_url(citizen_id, entry_id))
    return _entry_page(request, citizen_id, entry_id, addendum_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def summary_write(request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID) -> HttpResponse:
    """Write a summary for sharing from a therapy-detail entry."""
    actor = _actor(request)
    scope, view = selectors.journal_entry_get(actor=actor, citizen_id=citizen_id, entry_id=entry_id)
    if not view.can_summarise:
        raise PermissionDenied(
            _("Only health professionals write a summary for sharing, from a therapy entry.")
        )
    classes = selectors.summary_classes(scope)
    form = SummaryForm(request.POST or None, classes=classes)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.journal_entry_write(
                actor=actor,
                citizen_id=citizen_id,
                data_class=form.cleaned_data["data_class"],
                body=form.cleaned_data["body"],
                source_id=entry_id,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The summary for sharing is saved in the journal."))
            return redirect(_entry_url(citizen_id, entry.pk))
    status = 400 if request.method == "POST" else 200
    context = {"scope": scope, "citizen": scope.citizen, "view": view, "form": form}
    return render(request, "journal/summary_form.html", context, status=status)


@login_required
@require_POST
def notices_read(request: HttpRequest, citizen_id: uuid.UUID | None = None) -> HttpResponse:
    actor = _actor(request)
    if actor is None or actor.is_citizen or not actor.works_with_citizens:
        raise Http404()
    services.journal_notices_mark_read(actor=actor, citizen_id=citizen_id)
    messages.success(request, _("Journal notices marked as read."))
    if citizen_id is not None:
        return redirect("journal:journal", citizen_id=citizen_id)
    return redirect("journal:notices")


@login_required
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if actor is None or actor.is_citizen or not actor.works_with_citizens:
        raise Http404()
    found = selectors.notice_list(actor=actor)
    return render(request, "journal/notices.html", {"notices": found})


# --- The citizen's pages ---------------------------------------------------------------------


def _citizen_actor(request: HttpRequest) -> Actor:
    actor = _actor(request)
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    return actor


@login_required
@require_GET
def my_journal(request: HttpRequest) -> HttpResponse:
    actor = _citizen_actor(request)
    assert actor.citizen_id is not None
    scope = selectors.journal_scope(actor=actor, citizen_id=actor.citizen_id)
    page, views = selectors.journal_page(scope=scope, page_number=request.GET.get("page"))
    return render(
        request, "journal/my_journal.html", {"scope": scope, "page": page, "views": views}
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_entry(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    """One entry about the citizen: what happened to it, and "this is wrong"."""
    actor = _citizen_actor(request)
    assert actor.citizen_id is not None
    scope, view = selectors.journal_entry_get(
        actor=actor, citizen_id=actor.citizen_id, entry_id=entry_id
    )
    form = DisputeForm(request.POST or None)
    if request.method == "POST":
        if not view.can_dispute or view.disputed:
            messages.error(
                request, _("You have already said this is wrong. Please wait for the answer.")
            )
            return redirect("journal:my-entry", entry_id=entry_id)
        if form.is_valid():
            try:
                services.journal_dispute_open(
                    actor=actor,
                    citizen_id=actor.citizen_id,
                    entry_id=entry_id,
                    statement=form.cleaned_data["statement"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Thank you. We have told the person who wrote it. They will answer you."),
                )
                return redirect("journal:my-entry", entry_id=entry_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "journal/my_entry.html",
        {"scope": scope, "view": view, "form": form},
        status=status,
    )
