"""The network in the API: `GET/POST /citizens/{id}/network` (the coordinator with its history
and the responsibility group; POST adds a member or hands coordination over) and
`GET /services?need=&place=` (the service directory). Bad input answers 400 or 422 with the
reason, a caller who may see the course but not change its network 403, anyone else 404.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.core.api import BodyIn, Text, domain_errors, errors
from roundtable.network import selectors, services
from roundtable.network.models import (
    Coordination,
    DirectoryService,
    GroupMember,
    GroupRole,
    MemberKind,
    Need,
)
from roundtable.network.selectors import NetworkRecord

router = Router(tags=["network"])


class CoordinatorOut(Schema):
    id: uuid.UUID
    name: str
    organisation: str
    professional_id: uuid.UUID | None
    phone: str
    email: str
    starts_on: dt.date
    ended_on: dt.date | None
    note: str


class MemberOut(Schema):
    id: uuid.UUID
    kind: MemberKind
    role: GroupRole
    name: str
    organisation: str
    professional_id: uuid.UUID | None
    service_id: uuid.UUID | None
    responsible_for: str
    phone: str
    email: str
    joined_on: dt.date
    left_on: dt.date | None


class NetworkOut(Schema):
    course_id: uuid.UUID
    readable: bool = Field(description="False: consent does not give the caller contact_details")
    coordinator: CoordinatorOut | None
    coordinator_history: list[CoordinatorOut]
    members: list[MemberOut]


class CoordinatorIn(BodyIn):
    starts_on: dt.date
    professional_id: uuid.UUID | None = Field(None, description="Someone on the course's team")
    name: str = Field("", max_length=200, description="A coordinator outside the team")
    organisation_name: str = Field("", max_length=200)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    note: str = Field("", max_length=4000, description="Needed for a handover")


class MemberIn(BodyIn):
    kind: MemberKind
    role: GroupRole
    joined_on: dt.date
    professional_id: uuid.UUID | None = None
    service_id: uuid.UUID | None = Field(None, description="A service from /services")
    name: str = Field("", max_length=200)
    organisation_name: str = Field("", max_length=200)
    responsible_for: str = Field("", max_length=300)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)


class NetworkIn(BodyIn):
    action: Literal["add_member", "hand_over"]
    member: MemberIn | None = Field(None, description="With action add_member")
    coordinator: CoordinatorIn | None = Field(None, description="With action hand_over")


class LocationOut(Schema):
    name: str
    address: str
    municipality: str
    opening_hours: str


class ServiceOut(Schema):
    id: uuid.UUID
    name: str
    need: Need
    need_label: Text
    description: str
    organization: str
    municipality: str
    phone: str
    email: str
    url: str
    eligibility: str
    languages: str
    locations: list[LocationOut]


class ServiceQuery(Schema):
    need: Need | None = None
    place: str = Field("", max_length=100)


def _coordinator(c: Coordination) -> dict:
    return {
        "id": c.pk,
        "name": c.display_name,
        "organisation": c.display_organisation,
        "professional_id": c.professional_id,
        "phone": c.phone,
        "email": c.contact_email,
        "starts_on": c.starts_on,
        "ended_on": c.ended_on,
        "note": c.note,
    }


def _member(m: GroupMember) -> dict:
    return {
        "id": m.pk,
        "kind": m.kind,
        "role": m.role,
        "name": m.display_name,
        "organisation": m.display_organisation,
        "professional_id": m.professional_id,
        "service_id": m.service_id,
        "responsible_for": m.responsible_for,
        "phone": m.phone,
        "email": m.contact_email,
        "joined_on": m.joined_on,
        "left_on": m.left_on,
    }


def network_out(record: NetworkRecord) -> dict:
    current = record.coordinator
    return {
        "course_id": record.course.pk,
        "readable": record.readable,
        "coordinator": _coordinator(current) if current else None,
        "coordinator_history": [_coordinator(c) for c in record.history],
        "members": [_member(m) for m in record.members],
    }


def _service(s: DirectoryService) -> dict:
    return {
        "id": s.pk,
        "name": s.name,
        "need": s.need,
        "need_label": s.get_need_display(),
        "description": s.description,
        "organization": s.organization.name,
        "municipality": s.organization.municipality,
        "phone": s.phone or s.organization.phone,
        "email": s.email or s.organization.email,
        "url": s.url,
        "eligibility": s.eligibility,
        "languages": s.languages,
        "locations": [
            {
                "name": a.location.name,
                "address": a.location.address,
                "municipality": a.location.municipality,
                "opening_hours": a.opening_hours,
            }
            for a in s.at_locations.all()
        ],
    }


@router.get("/citizens/{citizen_id}/network", response={200: NetworkOut, **errors(404)})
def network_read(request: HttpRequest, citizen_id: uuid.UUID):
    """The coordinator (with the history of handovers) and the responsibility group of the
    citizen's current course."""
    record = selectors.network_get(actor=request_actor(request), citizen_id=citizen_id)
    return network_out(record)


@router.post(
    "/citizens/{citizen_id}/network",
    response={201: NetworkOut, **errors(400, 403, 404)},
)
def network_change(request: HttpRequest, citizen_id: uuid.UUID, payload: NetworkIn):
    """Add a member to the responsibility group (`action: add_member` with `member`), or name
    the coordinator or hand coordination over (`action: hand_over` with `coordinator`)."""
    actor = request_actor(request)
    if payload.action == "add_member" and payload.member is None:
        raise HttpError(400, _("Send the member to add in 'member'."))
    if payload.action == "hand_over" and payload.coordinator is None:
        raise HttpError(400, _("Send the new coordinator in 'coordinator'."))
    with domain_errors():
        if payload.member is not None and payload.action == "add_member":
            m = payload.member
            services.group_member_add(
                actor=actor,
                citizen_id=citizen_id,
                kind=m.kind,
                role=m.role,
                joined_on=m.joined_on,
                professional_id=m.professional_id,
                service_id=m.service_id,
                name=m.name,
                organisation_name=m.organisation_name,
                responsible_for=m.responsible_for,
                phone=m.phone,
                email=m.email,
            )
        elif payload.coordinator is not None:
            c = payload.coordinator
            services.coordinator_hand_over(
                actor=actor,
                citizen_id=citizen_id,
                starts_on=c.starts_on,
                professional_id=c.professional_id,
                name=c.name,
                organisation_name=c.organisation_name,
                phone=c.phone,
                email=c.email,
                note=c.note,
            )
    record = selectors.network_get(actor=actor, citizen_id=citizen_id)
    return Status(201, network_out(record))


@router.get("/services", response={200: list[ServiceOut], **errors(404)})
def services_search(request: HttpRequest, filters: Query[ServiceQuery]):
    """The service directory, by need and place (municipality or address, any part of it)."""
    found = selectors.directory_search(
        actor=request_actor(request), need=filters.need or "", place=filters.place
    )
    return [_service(s) for s in found]
