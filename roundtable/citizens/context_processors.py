"""The words of the request's jurisdiction for every template (roundtable.organisations.terms).

A professional's jurisdiction is their organisation's (already loaded with the Actor); a citizen's
is their current course's, looked up once and only when a template uses a term. A view that has
the course passes its own `terms` (`terms_for_course`), which wins over this default.
"""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, lazy

from roundtable.accounts.actor import request_actor
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.organisations.models import Jurisdiction
from roundtable.organisations.terms import Terms, terms_for


def terms_for_course(course: Course | None) -> Terms:
    """The terms of a course: its jurisdiction and its employment professional's role."""
    if course is None:
        return terms_for(Jurisdiction.DK)
    ec = course.employment_consultant
    return terms_for(course.jurisdiction, employment_role=ec.role if ec is not None else None)


def _citizen_terms(citizen_id) -> Terms:
    rows = list(
        Course.objects.filter(citizen_id=citizen_id)
        .order_by("-referral_date")
        .values_list("jurisdiction", "status", "employment_consultant__role")
    )
    open_rows = [r for r in rows if r[1] in OPEN_STATUSES] or rows
    if not open_rows:
        return terms_for(Jurisdiction.DK)
    jurisdiction, _status, role = open_rows[0]
    return terms_for(jurisdiction, employment_role=role)


def _request_terms(request: HttpRequest) -> Terms:
    actor = request_actor(request)
    if actor is not None and actor.is_citizen and actor.citizen_id is not None:
        return _citizen_terms(actor.citizen_id)
    return terms_for(actor.jurisdiction if actor is not None and actor.jurisdiction else "dk")


def _role_label(request: HttpRequest, terms: Terms) -> str:
    actor = request_actor(request)
    if actor is None or not actor.role:
        return ""
    if actor.is_citizen:
        return terms.citizen.title
    return terms.role_label(actor.role)


def terms(request: HttpRequest) -> dict:
    found = cast(Terms, SimpleLazyObject(lambda: _request_terms(request)))
    return {
        "terms": found,
        "actor_role_label": lazy(_role_label, str)(request, found),
    }
