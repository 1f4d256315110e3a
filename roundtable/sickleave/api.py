import datetime as dt
import uuid
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from roundtable.accounts.actor import request_actor
from roundtable.core.api import Text, errors
from roundtable.sickleave import selectors

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
