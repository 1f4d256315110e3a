"""The network pages: the course's coordinator and responsibility group (the team), the
citizen's "Your people and services", the service directory, and the team leader's list of
courses without a coordinator.

Each view reads through a selector (404 for a citizen or team the reader may not see), refuses
who may not write (403), checks the form, calls the service; saved: back to the page; refused
by the service: the form again with the reasons (400).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.accounts.actor import request_actor
from roundtable.citizens.context_processors import terms_for_course
from roundtable.core.directory_link import pick_url_allowed
from roundtable.core.editing import form_page, posted
from roundtable.core.pdf import pdf_response, render_pdf
from roundtable.network import hsds_csv, selectors, services
from roundtable.network.forms import (
    CoordinatorForm,
    DirectoryImportForm,
    DirectorySearchForm,
    LeaveForm,
    MemberForm,
    SummaryShareForm,
)
from roundtable.network.models import GroupRole, MemberKind
from roundtable.network.policies import NetworkPolicy


def _page(citizen_id: uuid.UUID) -> str:
    return reverse("network:page", kwargs={"citizen_id": citizen_id})


@login_required
@require_GET
def page(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    record = selectors.network_get(actor=request_actor(request), citizen_id=citizen_id)
    return render(
        request,
        "network/page.html",
        {"record": record, "citizen": record.access.citizen, "leave_form": LeaveForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def coordinator_edit(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.network_get(actor=actor, citizen_id=citizen_id)
    if not record.can_change:
        raise PermissionDenied(
            _("Only the course's own professionals and the team leader change the coordinator.")
        )
    form = CoordinatorForm(
        posted(request),
        team=selectors.team_professionals(record.course),
        initial={"starts_on": timezone.localdate()},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.coordinator_hand_over(
                actor=actor,
                citizen_id=citizen_id,
                professional_id=uuid.UUID(data["professional"]) if data["professional"] else None,
                name=data["name"],
                organisation_name=data["organisation_name"],
                phone=data["phone"],
                email=data["email"],
                starts_on=data["starts_on"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The coordinator is saved."))
            return redirect(_page(citizen_id))
    return form_page(
        request,
        "network/coordinator_form.html",
        {"record": record, "citizen": record.access.citizen, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.network_get(actor=actor, citizen_id=citizen_id)
    if not record.can_change:
        raise PermissionDenied(
            _("Only the course's own professionals and the team leader change the group.")
        )
    chosen = None
    initial: dict = {"joined_on": timezone.localdate(), "kind": MemberKind.SUMMARY}
    service_id = request.GET.get("service") or request.POST.get("service")
    if service_id:
        try:
            chosen = selectors.directory_service_get(
                actor=actor, service_id=uuid.UUID(str(service_id))
            )
        except ValueError:
            raise Http404() from None
        initial.update(
            service=chosen.pk,
            organisation_name=chosen.organization.name,
            responsible_for=chosen.name,
            phone=chosen.phone or chosen.organization.phone,
            email=chosen.email or chosen.organization.email,
            role={"housing": GroupRole.HOUSING, "substance_use": GroupRole.ADDICTION}.get(
                chosen.need, GroupRole.OTHER
            ),
        )
    people = selectors.team_professionals(record.course) + selectors.outside_professionals(
        record.course
    )
    form = MemberForm(posted(request), people=people, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.group_member_add(
                actor=actor,
                citizen_id=citizen_id,
                kind=data["kind"],
                role=data["role"],
                professional_id=uuid.UUID(data["professional"]) if data["professional"] else None,
                service_id=data["service"],
                name=data["name"],
                organisation_name=data["organisation_name"],
                responsible_for=data["responsible_for"],
                phone=data["phone"],
                email=data["email"],
                joined_on=data["joined_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The member is added to the group."))
            return redirect(_page(citizen_id))
    return form_page(
        request,
        "network/member_form.html",
        {"record": record, "citizen": record.access.citizen, "form": form, "service": chosen},
    )


@login_required
@require_POST
def member_leave(request: HttpRequest, citizen_id: uuid.UUID, member_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.network_get(actor=actor, citizen_id=citizen_id)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            services.group_member_leave(
                actor=actor, member_id=member_id, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The member has left the group. They stay in the history."))
            return redirect(_page(citizen_id))
    else:
        messages.error(request, _("Give the day the member left."))
    return render(
        request,
        "network/page.html",
        {"record": record, "citizen": record.access.citizen, "leave_form": form},
        status=400,
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    record = selectors.my_network_get(actor=request_actor(request))
    return render(
        request,
        "network/mine.html",
        {"record": record, "terms": terms_for_course(record.course)},
    )


@login_required
@require_GET
def uncoordinated(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    rows = selectors.courses_without_coordinator(actor=request_actor(request), team_id=team_id)
    return render(request, "network/uncoordinated.html", {"rows": rows, "team_id": team_id})


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = DirectorySearchForm(request.GET or None)
    need = place = ""
    if form.is_bound and form.is_valid():
        need, place = form.cleaned_data["need"], form.cleaned_data["place"]
    found = selectors.directory_search(actor=actor, need=need, place=place)
    citizen_id = request.GET.get("for", "")
    try:
        adding_for = uuid.UUID(citizen_id) if citizen_id else None
    except ValueError:
        adding_for = None
    # Choosing a service for a plan step: its form, where "Choose" sends the service's id.
    pick = pick_url_allowed(request, request.GET.get("pick", ""))
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "services": found,
            "adding_for": None if pick else adding_for,
            "pick": pick,
            "can_maintain": NetworkPolicy.can_maintain_directory(actor),
            "import_form": DirectoryImportForm(),
            "municipalities": selectors.directory_municipalities(),
        },
    )


@login_required
@require_POST
def directory_import(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not NetworkPolicy.can_maintain_directory(actor):
        raise PermissionDenied(_("Only team leaders and administrators maintain the directory."))
    form = DirectoryImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # HSDS JSON, or HSDS CSV files in a ZIP file: told by the first bytes, not the name.
            if hsds_csv.is_zip(upload, upload.name or ""):
                counts = services.directory_import_csv(actor=actor, archive=upload)
            else:
                counts = services.directory_import(actor=actor, data=_json(upload))
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _("Imported %(n)d services.") % {"n": counts["services"]},
            )
            return redirect("network:directory")
    return render(
        request,
        "network/directory.html",
        {
            "form": DirectorySearchForm(),
            "services": [],
            "can_maintain": True,
            "import_form": form,
            "municipalities": selectors.directory_municipalities(),
        },
        status=400,
    )


def _json(upload: UploadedFile) -> Any:
    try:
        return json.loads(upload.read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(_("The file is not JSON.")) from None


@login_required
@require_GET
def directory_export(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not NetworkPolicy.can_maintain_directory(actor):
        raise PermissionDenied(_("Only team leaders and administrators maintain the directory."))
    document = services.directory_export(actor=actor)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="directory-hsds.json"'
    return response


@login_required
@require_GET
def directory_export_csv(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not NetworkPolicy.can_maintain_directory(actor):
        raise PermissionDenied(_("Only team leaders and administrators maintain the directory."))
    response = HttpResponse(
        services.directory_export_csv(actor=actor), content_type="application/zip"
    )
    response["Content-Disposition"] = 'attachment; filename="directory-hsds-csv.zip"'
    return response


# --- Shared summaries -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def summary_share(
    request: HttpRequest, citizen_id: uuid.UUID, member_id: uuid.UUID
) -> HttpResponse:
    """The summary as the member will get it, the parts to choose ("Show" previews them
    without sharing), the citizen's agreement and how it is handed over; "Share" records it."""
    actor = request_actor(request)
    source = request.POST if request.method == "POST" else request.GET
    draft = selectors.summary_draft_get(
        actor=actor, citizen_id=citizen_id, member_id=member_id, parts=source.getlist("parts")
    )
    if not NetworkPolicy.can_change(draft.access):
        raise PermissionDenied(
            _("Only the course's own professionals and the team leader share a summary.")
        )
    citizen = draft.access.citizen
    form = SummaryShareForm(
        posted(request),
        offered=draft.offered,
        citizen=citizen.full_name,
        member=draft.member.display_name,
        initial={"parts": draft.chosen, "shared_on": timezone.localdate()},
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            share = services.summary_share_create(
                actor=actor,
                citizen_id=citizen_id,
                member_id=member_id,
                parts=data["parts"],
                channel=data["channel"],
                citizen_agreed=data["citizen_agreed"],
                shared_on=data["shared_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The summary is shared. You can download it here."))
            return redirect("network:summary", citizen_id=citizen_id, share_id=share.pk)
    return form_page(
        request,
        "network/summary_form.html",
        {
            "draft": draft,
            "citizen": citizen,
            "form": form,
            "view": draft.preview,
            "shared_on": timezone.localdate(),
        },
    )


@login_required
@require_GET
def summary_detail(
    request: HttpRequest, citizen_id: uuid.UUID, share_id: uuid.UUID
) -> HttpResponse:
    access, share = selectors.summary_share_get(
        actor=request_actor(request), citizen_id=citizen_id, share_id=share_id
    )
    return render(
        request,
        "network/summary_detail.html",
        {
            "citizen": access.citizen,
            "share": share,
            "view": selectors.summary_view(share.snapshot),
            "shared_on": share.shared_on,
        },
    )


@login_required
@require_GET
def summary_pdf(request: HttpRequest, citizen_id: uuid.UUID, share_id: uuid.UUID) -> HttpResponse:
    access, share = selectors.summary_share_get(
        actor=request_actor(request), citizen_id=citizen_id, share_id=share_id, printing=True
    )
    content = render_pdf(
        "network/summary_pdf.html",
        {
            "share": share,
            "view": selectors.summary_view(share.snapshot),
            "shared_on": share.shared_on,
        },
        request=request,
        stylesheets=("network/summary_pdf.css",),
    )
    return pdf_response(content, f"summary-{share.shared_on.isoformat()}.pdf")
