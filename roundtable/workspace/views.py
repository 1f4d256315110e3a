"""The professional's workspace: the caseload and the citizen page."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from roundtable.accounts.actor import Actor, request_actor
from roundtable.care.selectors import functional_capacity_summary
from roundtable.citizens import selectors
from roundtable.citizens.forms import SCOPE_TEAM, CaseloadFilterForm
from roundtable.citizens.gate import citizen_access
from roundtable.citizens.models import OPEN_STATUSES
from roundtable.core.data_classes import DataClass
from roundtable.instruments.rc_selectors import OVERSIGHT_ROLES, rc_rounds_waiting
from roundtable.meetings.selectors import next_meetings_by_course
from roundtable.organisations.selectors import team_get
from roundtable.workspace.timeline import course_timeline

CASELOAD_PAGE_SIZE = 50
PURPOSE = "citizen_overview"


def _professional_actor(request: HttpRequest) -> Actor:
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
    page = Paginator(courses.values(*selectors.CASELOAD_COLUMNS), CASELOAD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    found = list(page.object_list)
    selectors.course_list_audit(
        actor=actor,
        shown=len(found),
        detail={"scope": "mine" if mine_only else "team", "statuses": list(statuses)},
    )
    next_meetings = next_meetings_by_course(course_ids=[c["id"] for c in found])
    rows = [
        (row, next_meetings.get(course["id"]))
        for row, course in zip(
            selectors.caseload_rows(found, today=timezone.localdate()), found, strict=True
        )
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workspace/caseload.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            # One reverse for the page; each row adds its citizen's id.
            "citizens_url": reverse("workspace:caseload"),
            # Relational coordination rounds the professional has yet to answer.
            "rc_rounds": rc_rounds_waiting(actor=actor),
        },
        status=status_code,
    )


@login_required
@require_GET
def citizen_detail(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    """The citizen page: one gate decision, one audit event naming the parts shown."""
    access = citizen_access(
        actor=request_actor(request),
        citizen_id=citizen_id,
        purpose=PURPOSE,
        part="overview",
        shows=(DataClass.DIAGNOSIS,),
    )
    current = access.current
    assert current is not None
    course = current.course
    # Employment staff see what the person can do at work in place of the diagnosis, when the
    # citizen shares it (SECURITY.md 3).
    capacity_shared = current.may_read(DataClass.FUNCTIONAL_CAPACITY)
    capacity = (
        functional_capacity_summary(current)
        if capacity_shared and not current.shows_diagnosis
        else None
    )
    timeline = course_timeline(current)
    if timeline:
        current.note(object_type="citizen", object_id=citizen_id, part="timeline")
    return render(
        request,
        "workspace/citizen_detail.html",
        {
            "access": access,
            "citizen": access.citizen,
            "course": course,
            "show_diagnosis": current.shows_diagnosis,
            "weeks": course.weeks_since_first_absence(timezone.localdate()),
            "capacity_shared": capacity_shared,
            "functional_capacity": capacity,
            "timeline": timeline,
        },
    )


@login_required
@require_GET
def team_detail(request: HttpRequest, team_id: uuid.UUID) -> HttpResponse:
    """The team page: its shape (members, dyads, cross-sector partners) beside its caseloads."""
    actor = request_actor(request)
    overview = team_get(actor=actor, team_id=team_id, caseload=selectors.team_caseload)
    # Its integration measures, for those who oversee it (aggregates only).
    oversees = actor is not None and actor.role in OVERSIGHT_ROLES
    return render(request, "workspace/team_detail.html", {"o": overview, "oversees": oversees})
