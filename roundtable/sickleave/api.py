import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from roundtable.accounts.actor import request_actor
from roundtable.core.api import BodyIn, Text, domain_errors, errors
from roundtable.sickleave import selectors, services

router = Router(tags=["sick leave"])


class MilestoneOut(Schema):
    """One step of the legal clock of the citizen's current course."""

    id: str = Field(alias="milestone.id")
    date: dt.date = Field(alias="milestone.date")
    label: Text = Field(alias="milestone.label")
    legal_ref: str = Field(alias="milestone.legal_ref")


@dataclass(frozen=True)
class BucketedDeadline:
    bucket: str
    deadline: selectors.Deadline


class DeadlineOut(Schema):
    date: dt.date = Field(alias="deadline.date")
    bucket: str = Field(
        description=(
            "overdue, this_week, next_week or later (medical evidence asked of the caller,"
            " due after next week)"
        )
    )
    kind: str = Field(alias="deadline.kind")
    citizen_id: uuid.UUID = Field(alias="deadline.course.citizen_id")
    citizen_name: str = Field(alias="deadline.course.citizen.full_name")
    label: Text = Field(alias="deadline.label")
    legal_ref: str = Field(alias="deadline.legal_ref")
    milestone_id: str = Field(alias="deadline.milestone_id")


@router.get(
    "/citizens/{citizen_id}/sickleave/milestones",
    response={200: list[MilestoneOut], **errors(404)},
)
def citizen_milestones(request: HttpRequest, citizen_id: uuid.UUID):
    """The legal milestones of the citizen's current course, sorted by date."""
    record = selectors.sickleave_get(
        actor=request_actor(request), citizen_id=citizen_id, today=timezone.localdate()
    )
    return record.timeline


@router.get("/me/deadlines", response={200: list[DeadlineOut], **errors(404)})
def my_deadlines(request: HttpRequest):
    """The caller's deadlines: overdue, this week and next week. Only for those who work with
    citizens; anyone else gets 404."""
    found = selectors.deadline_list(actor=request_actor(request), today=timezone.localdate())
    return [BucketedDeadline(bucket, deadline) for bucket, deadline in found.all()]


# --- Evidence for the benefit case (issue 13, 5) ----------------------------------------------


class EvidenceNoteOut(Schema):
    """One version of the evidence note, as the caller may read it (the jobcentre: only the
    sent version, under consent; the diagnosis only where consent shows it)."""

    version: int
    state: str = Field(description="draft, ready (for the citizen to read) or sent")
    capacity: str = Field(description="none, partial or full")
    hours_per_week: int | None
    functional_capacity: str
    prognosis: str = Field(description="3m, 6m, longer or unclear")
    prognosis_text: str
    diagnosis: str = Field(description="Empty unless the citizen lets the caller see it")
    citizen_comment: str
    written_by: str | None = Field(description="Empty when the citizen wrote the version")
    created_at: dt.datetime


class EvidenceOut(Schema):
    request_id: uuid.UUID
    assignee: str
    assignee_title: str
    question: str
    ground: int | None
    due_on: dt.date
    state: str = Field(description="requested, draft, ready or sent")
    overdue: bool
    note: EvidenceNoteOut | None = Field(description="The newest version the caller may read")


def _note_out(view: selectors.EvidenceView) -> EvidenceNoteOut | None:
    note = view.note
    if note is None:
        return None
    return EvidenceNoteOut(
        version=note.version,
        state=note.state,
        capacity=note.capacity,
        hours_per_week=note.hours_per_week,
        functional_capacity=note.functional_capacity,
        prognosis=note.prognosis,
        prognosis_text=note.prognosis_text,
        diagnosis=note.diagnosis if view.shows_diagnosis else "",
        citizen_comment=note.citizen_comment,
        written_by=note.written_by.name if note.written_by else None,
        created_at=note.created_at,
    )


def _evidence_out(view: selectors.EvidenceView) -> EvidenceOut:
    request = view.request
    return EvidenceOut(
        request_id=request.pk,
        assignee=request.assignee.name,
        assignee_title=request.assignee.title,
        question=request.question,
        ground=request.ground,
        due_on=request.due_on,
        state=view.state,
        overdue=view.overdue,
        note=_note_out(view),
    )


class EvidenceNoteIn(BodyIn):
    capacity: Literal["none", "partial", "full"]
    hours_per_week: int | None = Field(None, ge=1, le=80)
    functional_capacity: str = Field(min_length=1, max_length=4000)
    prognosis: Literal["3m", "6m", "longer", "unclear"]
    prognosis_text: str = Field("", max_length=2000)
    diagnosis: str = Field("", max_length=200)
    ready: bool = Field(False, description="Ready for the citizen to read (else a draft)")


class EvidenceCommentIn(BodyIn):
    comment: str = Field(min_length=1, max_length=2000)


def _evidence_of(request: HttpRequest, citizen_id: uuid.UUID, request_id: uuid.UUID):
    view = selectors.evidence_note_get(
        actor=request_actor(request), request_id=request_id, today=timezone.localdate()
    )
    if view.request.course.citizen_id != citizen_id:
        raise Http404()
    return view


@router.get("/citizens/{citizen_id}/evidence", response={200: list[EvidenceOut], **errors(404)})
def evidence_list(request: HttpRequest, citizen_id: uuid.UUID):
    """The medical evidence asked for on the citizen's current course, each with the newest
    version of its note the caller may read."""
    views = selectors.evidence_list(
        actor=request_actor(request), citizen_id=citizen_id, today=timezone.localdate()
    )
    return [_evidence_out(v) for v in views]


@router.get(
    "/citizens/{citizen_id}/evidence/{request_id}/note",
    response={200: EvidenceOut, **errors(404)},
)
def evidence_note(request: HttpRequest, citizen_id: uuid.UUID, request_id: uuid.UUID):
    """One evidence request with the newest version of its note the caller may read."""
    return _evidence_out(_evidence_of(request, citizen_id, request_id))


@router.post(
    "/citizens/{citizen_id}/evidence/{request_id}/note",
    response={201: EvidenceOut, **errors(400, 403, 404)},
)
def evidence_note_write(
    request: HttpRequest, citizen_id: uuid.UUID, request_id: uuid.UUID, payload: EvidenceNoteIn
):
    """The one the evidence is asked of saves a new version of the note."""
    _evidence_of(request, citizen_id, request_id)
    with domain_errors():
        services.evidence_note_save(
            actor=request_actor(request), request_id=request_id, **payload.dict()
        )
    return Status(201, _evidence_out(_evidence_of(request, citizen_id, request_id)))


@router.post(
    "/citizens/{citizen_id}/evidence/{request_id}/send",
    response={200: EvidenceOut, **errors(400, 403, 404)},
)
def evidence_note_send(request: HttpRequest, citizen_id: uuid.UUID, request_id: uuid.UUID):
    """Send the newest version to the jobcentre; refused (400, with the reason) when the
    citizen's consent does not let the jobcentre read it."""
    _evidence_of(request, citizen_id, request_id)
    with domain_errors():
        services.evidence_note_send(actor=request_actor(request), request_id=request_id)
    return _evidence_out(_evidence_of(request, citizen_id, request_id))


@router.post(
    "/citizens/{citizen_id}/evidence/{request_id}/comment",
    response={201: EvidenceOut, **errors(400, 403, 404)},
)
def evidence_note_comment(
    request: HttpRequest, citizen_id: uuid.UUID, request_id: uuid.UUID, payload: EvidenceCommentIn
):
    """The citizen adds their comment to the note before it is sent."""
    _evidence_of(request, citizen_id, request_id)
    with domain_errors():
        services.evidence_note_comment(
            actor=request_actor(request), request_id=request_id, comment=payload.comment
        )
    return Status(201, _evidence_out(_evidence_of(request, citizen_id, request_id)))
