import datetime as dt
import uuid

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from roundtable.accounts.actor import request_actor
from roundtable.sickleave import selectors

router = Router(tags=["sick leave"])


class MilestoneOut(Schema):
    id: str
    date: dt.date
    label: str
    legal_ref: str


class DeadlineOut(Schema):
    date: dt.date
    bucket: str
    kind: str
    citizen_id: uuid.UUID
    citizen_name: str
    label: str
    legal_ref: str
    milestone_id: str


@router.get("/citizens/{citizen_id}/sickleave/milestones", response=list[MilestoneOut])
def citizen_milestones(request: HttpRequest, citizen_id: uuid.UUID):
    """The legal milestones of the citizen's current course, sorted by date."""
    record = selectors.sickleave_get(
        actor=request_actor(request), citizen_id=citizen_id, today=timezone.localdate()
    )
    return [
        {
            "id": e.milestone.id,
            "date": e.milestone.date,
            "label": str(e.milestone.label),
            "legal_ref": e.milestone.legal_ref,
        }
        for e in record.timeline
    ]


@router.get("/me/deadlines", response=list[DeadlineOut])
def my_deadlines(request: HttpRequest):
    """The caller's deadlines: overdue, this week and next week."""
    found = selectors.deadline_list(actor=request_actor(request), today=timezone.localdate())
    return [
        {
            "date": d.date,
            "bucket": bucket,
            "kind": d.kind,
            "citizen_id": d.course.citizen_id,
            "citizen_name": d.course.citizen.full_name,
            "label": d.label,
            "legal_ref": d.legal_ref,
            "milestone_id": d.milestone_id,
        }
        for bucket, d in found.all()
    ]
