"""Roundtable meetings in the API (issue 3's contract), with the same policies as the pages.

Bad input answers 400 with the reason, a caller who may see the meeting but not change it 403,
and anyone else 404 with no data. Mounted at the API root: api.add_router("/", router).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.core.api import BodyIn, Text, errors
from roundtable.core.api import domain_errors as _domain_errors
from roundtable.meetings import selectors, services
from roundtable.meetings.models import (
    Decision,
    DecisionStatus,
    DecisionZone,
    ExclusionReason,
    MeetingStatus,
    RaisedBy,
)

router = Router(tags=["meetings"])


class GuestIn(BodyIn):
    name: str = Field(max_length=200)
    relation: str = Field(max_length=200)
    citizen_agreed: bool


class MeetingIn(BodyIn):
    starts_at: dt.datetime = Field(
        description="With a time zone offset, e.g. 2026-03-02T10:00+01:00"
    )
    ends_at: dt.datetime
    purpose: str = Field(max_length=2000, description="In plain language: the citizen reads it.")
    place: str = Field("", max_length=200)
    video_url: str = Field("", max_length=500, description="An https:// link.")
    family_member: GuestIn | None = None
    employer_contact: GuestIn | None = None
    group_members: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=50,
        description="Ids of current members of the course's responsibility group who take part.",
    )


class OptionIn(BodyIn):
    text: str = Field(max_length=300)
    pros: str = Field("", max_length=1000)
    cons: str = Field("", max_length=1000)
    chosen: bool = False


class DecisionIn(BodyIn):
    # Optional here so that a missing type gets the service's own message (400), not a 422.
    type: str | None = Field(None, description="A decision type slug, e.g. return_to_work.")
    subtype: str | None = Field(None, description="A subtype slug of that type.")
    title: str = Field(max_length=300)
    raised_by: RaisedBy
    zone: DecisionZone | None = Field(None, description="Empty: the type's default zone.")
    status: DecisionStatus = DecisionStatus.OPEN
    revisit_on: dt.date | None = None
    exclusion_reason: ExclusionReason | None = None
    exclusion_note: str = Field("", max_length=1000)
    outcome: str = Field("", max_length=2000)
    is_key: bool = False
    options: list[OptionIn] = Field(default_factory=list, max_length=50)


class DecisionPatch(BodyIn):
    type: str | None = None
    subtype: str | None = None
    title: str | None = Field(None, max_length=300)
    raised_by: RaisedBy | None = None
    zone: DecisionZone | None = None
    status: DecisionStatus | None = None
    revisit_on: dt.date | None = None
    exclusion_reason: ExclusionReason | None = None
    exclusion_note: str | None = Field(None, max_length=1000)
    outcome: str | None = Field(None, max_length=2000)
    is_key: bool | None = None


class OptionOut(Schema):
    id: uuid.UUID
    text: str
    pros: str
    cons: str
    chosen: bool


class DecisionOut(Schema):
    id: uuid.UUID
    order: int
    type: str = Field(alias="type.slug")
    type_name: str = Field(alias="type.label")
    subtype: str | None
    subtype_name: str | None
    title: str
    raised_by: RaisedBy
    zone: DecisionZone
    status: DecisionStatus
    revisit_on: dt.date | None
    exclusion_reason: ExclusionReason | None
    exclusion_note: str
    outcome: str
    is_key: bool
    options: list[OptionOut]

    @staticmethod
    def resolve_subtype(decision: Decision) -> str | None:
        return decision.subtype.slug if decision.subtype else None

    @staticmethod
    def resolve_subtype_name(decision: Decision) -> str | None:
        return decision.subtype.label if decision.subtype else None

    @staticmethod
    def resolve_exclusion_reason(decision: Decision) -> str | None:
        return decision.exclusion_reason or None


class ParticipantOut(Schema):
    kind: str = Field(
        description="citizen, care_manager, employment_consultant, family, employer, or group "
        "(a member of the responsibility group, with their role in the group)"
    )
    role: Text
    name: str
    relation: str
    organisation: str


class AnswerOut(Schema):
    question: str = Field(alias="prompt_text")
    answer: str
    answered_at: dt.datetime


class MeetingSummaryOut(Schema):
    id: uuid.UUID
    course_id: uuid.UUID
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    video_url: str
    status: MeetingStatus
    decision_count: int = Field(
        description="0 where the citizen's consent keeps the decisions from the caller."
    )


class MeetingOut(Schema):
    id: uuid.UUID = Field(alias="meeting.id")
    course_id: uuid.UUID = Field(alias="meeting.course_id")
    citizen_id: uuid.UUID = Field(alias="citizen.id")
    starts_at: dt.datetime = Field(alias="meeting.starts_at")
    ends_at: dt.datetime = Field(alias="meeting.ends_at")
    place: str = Field(alias="meeting.place")
    video_url: str = Field(alias="meeting.video_url")
    status: MeetingStatus = Field(alias="meeting.status")
    purpose: str = Field(alias="meeting.purpose")
    participants: list[ParticipantOut]
    preparation: list[AnswerOut] = Field(alias="answers")
    decisions: list[DecisionOut]
    minutes: str | None
    minutes_shared: bool = Field(
        description="False when the citizen's consent keeps decisions, preparation and minutes "
        "from the caller."
    )

    @staticmethod
    def resolve_minutes(record: selectors.MeetingRecord) -> str | None:
        return record.minutes.text if record.minutes else None


def _guest(guest: GuestIn | None) -> services.Guest | None:
    if guest is None:
        return None
    return services.Guest(
        name=guest.name, relation=guest.relation, citizen_agreed=guest.citizen_agreed
    )


def _decision_out(request: HttpRequest, meeting_id: uuid.UUID, decision_id: uuid.UUID) -> Decision:
    _record, decision = selectors.decision_get(
        actor=request_actor(request), meeting_id=meeting_id, decision_id=decision_id
    )
    return decision


@router.get(
    "/citizens/{citizen_id}/meetings", response={200: list[MeetingSummaryOut], **errors(404)}
)
def citizen_meetings(request: HttpRequest, citizen_id: uuid.UUID):
    """The citizen's roundtable meetings, newest first."""
    return selectors.meeting_list(actor=request_actor(request), citizen_id=citizen_id).meetings


@router.post(
    "/citizens/{citizen_id}/meetings",
    response={201: MeetingOut, **errors(400, 403, 404)},
)
def meeting_schedule(request: HttpRequest, citizen_id: uuid.UUID, payload: MeetingIn):
    """Schedule a meeting on the citizen's current course."""
    actor = request_actor(request)
    with _domain_errors():
        meeting = services.meeting_schedule(
            actor=actor,
            citizen_id=citizen_id,
            starts_at=payload.starts_at,
            ends_at=payload.ends_at,
            purpose=payload.purpose,
            place=payload.place,
            video_url=payload.video_url,
            family_member=_guest(payload.family_member),
            employer_contact=_guest(payload.employer_contact),
            group_members=payload.group_members,
        )
    return Status(201, selectors.meeting_get(actor=actor, meeting_id=meeting.pk))


@router.get("/meetings/{meeting_id}", response={200: MeetingOut, **errors(404)})
def meeting_detail(request: HttpRequest, meeting_id: uuid.UUID):
    """One meeting with its participants, the citizen's preparation, decisions and minutes."""
    return selectors.meeting_get(actor=request_actor(request), meeting_id=meeting_id)


@router.post(
    "/meetings/{meeting_id}/decisions",
    response={201: DecisionOut, **errors(400, 403, 404)},
)
def decision_add(request: HttpRequest, meeting_id: uuid.UUID, payload: DecisionIn):
    """Log a decision, optionally with its options. The zone defaults to the type's."""
    with _domain_errors():
        decision = services.decision_add(
            actor=request_actor(request),
            meeting_id=meeting_id,
            type_slug=payload.type,
            subtype_slug=payload.subtype,
            title=payload.title,
            raised_by=payload.raised_by,
            zone=payload.zone,
            status=payload.status,
            revisit_on=payload.revisit_on,
            exclusion_reason=payload.exclusion_reason or "",
            exclusion_note=payload.exclusion_note,
            outcome=payload.outcome,
            is_key=payload.is_key,
            options=[services.OptionData(**o.model_dump()) for o in payload.options],
        )
    return Status(201, _decision_out(request, meeting_id, decision.pk))


_PATCH_NAMES = {"type": "type_slug", "subtype": "subtype_slug"}


@router.patch(
    "/meetings/{meeting_id}/decisions/{decision_id}",
    response={200: DecisionOut, **errors(400, 403, 404)},
)
def decision_update(
    request: HttpRequest, meeting_id: uuid.UUID, decision_id: uuid.UUID, payload: DecisionPatch
):
    """Change a decision: send only what changes. A status brings its required fields."""
    changes = {
        _PATCH_NAMES.get(name, name): value
        for name, value in payload.model_dump(exclude_unset=True).items()
    }
    for name in ("title", "raised_by", "status", "is_key", "zone"):
        if name in changes and changes[name] is None:
            raise HttpError(400, _("%(field)s cannot be empty.") % {"field": name})
    with _domain_errors():
        services.decision_update(
            actor=request_actor(request),
            meeting_id=meeting_id,
            decision_id=decision_id,
            **changes,
        )
    return _decision_out(request, meeting_id, decision_id)


@router.post(
    "/meetings/{meeting_id}/decisions/{decision_id}/options",
    response={201: OptionOut, **errors(400, 403, 404)},
)
def option_add(
    request: HttpRequest, meeting_id: uuid.UUID, decision_id: uuid.UUID, payload: OptionIn
):
    """Add an option with its pros and cons to a decision."""
    with _domain_errors():
        option = services.option_add(
            actor=request_actor(request),
            meeting_id=meeting_id,
            decision_id=decision_id,
            **payload.model_dump(),
        )
    return Status(201, option)
