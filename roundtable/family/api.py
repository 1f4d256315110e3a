"""The family in the API (issue 13 §4), with the same rules as the pages: the family member
reads what a citizen shares with them; the citizen lists their family members and stops
sharing. Anyone else gets 404 with no data. Mounted at the API root."""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import Router, Schema

from roundtable.accounts.actor import request_actor
from roundtable.core.api import ErrorOut
from roundtable.family import selectors, services
from roundtable.family.models import FamilyLink

router = Router(tags=["family"])


class FamilyMeetingOut(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    on_video: bool


class FamilyGoalOut(Schema):
    text: str
    target_date: dt.date | None
    status: str


class FamilyPlanOut(Schema):
    number: int
    published_at: dt.datetime
    overall: str
    goals: list[FamilyGoalOut]
    health: str
    health_goals: list[FamilyGoalOut]


class FamilySharedOut(Schema):
    citizen_id: uuid.UUID
    given_name: str
    meetings: list[FamilyMeetingOut] | None
    plan: FamilyPlanOut | None
    shares_meetings: bool
    shares_plan: bool
    shares_health: bool


class FamilyLinkOut(Schema):
    id: uuid.UUID
    name: str
    relation: str
    shares_meetings: bool
    shares_plan: bool
    shares_health: bool
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    revoked_at: dt.datetime | None


def _link_out(link: FamilyLink) -> dict:
    return {
        "id": link.pk,
        "name": link.name,
        "relation": link.relation,
        "shares_meetings": link.shares_meetings,
        "shares_plan": link.shares_plan,
        "shares_health": link.shares_health,
        "created_at": link.created_at,
        "accepted_at": link.accepted_at,
        "revoked_at": link.revoked_at,
    }


@router.get("/family/{citizen_id}", response={200: FamilySharedOut, 404: ErrorOut})
def family_shared(request: HttpRequest, citizen_id: uuid.UUID):
    """What the citizen shares with the calling family member."""
    page = selectors.family_page_get(actor=request_actor(request), citizen_id=citizen_id)
    link = page.access.link
    plan = page.plan
    return {
        "citizen_id": link.citizen_id,
        "given_name": page.citizen_name,
        "meetings": [m.__dict__ for m in page.meetings] if page.meetings is not None else None,
        "plan": plan.__dict__ if plan is not None else None,
        "shares_meetings": link.shares_meetings,
        "shares_plan": link.shares_plan,
        "shares_health": link.shares_health,
    }


@router.get("/me/family", response={200: list[FamilyLinkOut], 404: ErrorOut})
def my_family(request: HttpRequest):
    """The calling citizen's family members and what each may see."""
    return [_link_out(link) for link in selectors.family_link_list(actor=request_actor(request))]


@router.post("/me/family/{link_id}/stop", response={200: FamilyLinkOut, 404: ErrorOut})
def my_family_stop(request: HttpRequest, link_id: uuid.UUID):
    """Stop sharing with one family member, at once."""
    return _link_out(services.family_stop(actor=request_actor(request), link_id=link_id))
