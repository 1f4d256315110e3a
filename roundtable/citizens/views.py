from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from roundtable.accounts.actor import request_actor
from roundtable.care.selectors import functional_capacity_for_course
from roundtable.citizens import selectors, services
from roundtable.citizens.forms import SCOPE_TEAM, CaseloadFilterForm, ReferralForm
from roundtable.citizens.models import OPEN_STATUSES
from roundtable.citizens.timeline import course_timeline
from roundtable.core.data_classes import DataClass
from roundtable.meetings.selectors import next_meetings_by_course

CASELOAD_PAGE_SIZE = 50


def _professional_actor(request: HttpRequest):
    actor = request_actor(request)
    if actor is None or not actor.works_with_citizens:
        # Managers and administrators have no caseload: the page does not exist for them.
        raise Http404()
    return actor


@login_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    actor = _professional_actor(request)
    form = CaseloadFilterForm(request.GET or None, actor=actor)
    status_code = 200
    # Team leaders and supervisors start from the whole team; they can narrow it to their own.
    mine_only, statuses = not actor.sees_team_courses, tuple(OPEN_STATUSES)
    if form.is_bound:
        if form.is_valid():
            scope = form.cleaned_data.get("scope")
            if scope:
                mine_only = scope != SCOPE_TEAM
            if form.cleaned_data["status"]:
                statuses = (form.cleaned_data["status"],)
        else:
            status_code = 400
    courses = selectors.course_list(actor=actor, mine_only=mine_only, statuses=statuses)
    page = Paginator(courses, CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.course_list_audit(
        actor=actor,
        shown=len(page.object_list),
        detail={"scope": "mine" if mine_only else "team", "statuses": list(statuses)},
    )
    today = timezone.localdate()
    next_meetings = next_meetings_by_course(
        actor=actor, course_ids=[c.id for c in page.object_list]
    )
    rows = [
        (course, course.weeks_since_first_absence(today), next_meetings.get(course.id))
        for course in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "citizens/caseload.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
        status=status_code,
    )


@login_required
@require_GET
def citizen_detail(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    actor = request_actor(request)
    record = selectors.citizen_get(actor=actor, citizen_id=citizen_id)
    course = record.current_course
    weeks = course.weeks_since_first_absence(timezone.localdate()) if course else None
    # Employment staff see what the person can do at work in place of the diagnosis, when the
    # citizen shares it (SECURITY.md 3).
    capacity_shared = DataClass.FUNCTIONAL_CAPACITY in record.current_visible
    capacity = (
        functional_capacity_for_course(actor, course)
        if course is not None and capacity_shared and not record.show_diagnosis
        else None
    )
    return render(
        request,
        "citizens/citizen_detail.html",
        {
            "record": record,
            "weeks": weeks,
            "capacity_shared": capacity_shared,
            "functional_capacity": capacity,
            "timeline": (
                course_timeline(actor, course, record.current_visible)
                if course is not None
                else []
            ),
        },
    )


@login_required
@require_GET
def citizen_national_id(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    national_id = selectors.citizen_national_id_get(
        actor=request_actor(request), citizen_id=citizen_id
    )
    return render(
        request, "citizens/_national_id.html", {"national_id": national_id, "revealed": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    actor = _professional_actor(request)
    form = ReferralForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.referral_register(actor=actor, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The referral is registered."))
            return redirect("citizens:detail", citizen_id=course.citizen_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "citizens/referral_form.html", {"form": form}, status=status)
