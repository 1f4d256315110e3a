"""The joint plan in the API (issue 3's contract), with the same policies as the pages.

Optimistic concurrency: GET …/joint-plan/draft answers with an `ETag` (the draft's revision);
PUT …/joint-plan/draft and POST …/joint-plan/publish need it back in `If-Match`. Without it:
428; with an older one: 412 and the current revision. Bad input answers 400 with the reasons, a
caller who may see the plan but not change it 403, and anyone else 404 with no data.
Mounted at the API root: api.add_router("/", router).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.core.api import (
    BodyIn,
    Text,
    domain_errors,
    errors,
    etag,
    etag_answered,
    if_match,
    revision_checked,
)
from roundtable.plans import selectors, services
from roundtable.plans.content import GoalData, RampRow
from roundtable.plans.models import (
    SECTION_DATA_CLASS,
    Agreement,
    GoalKind,
    GoalStatus,
    OwnerSector,
    PlanResponse,
    PlanVersion,
    SectionKind,
)
from roundtable.plans.printout import printout_response

router = Router(tags=["joint plan"])


class DecisionRefOut(Schema):
    id: uuid.UUID
    title: str


class GoalOut(Schema):
    # Read from a goal mapping: the draft's `goal_rows` and a version's snapshot alike.
    id: uuid.UUID
    kind: GoalKind
    owner_sector: OwnerSector
    text: str
    target_date: dt.date | None
    status: GoalStatus
    decisions: list[DecisionRefOut]


class RampWeekOut(Schema):
    week: int
    starts_on: dt.date | None
    hours_per_day: float
    days_per_week: int
    weekly_hours: float
    note: str


class RampOut(Schema):
    start: dt.date | None
    weeks: list[RampWeekOut]


class PlanSectionOut(Schema):
    kind: SectionKind
    data_class: str
    text: str

    @staticmethod
    def resolve_data_class(section: dict) -> str:
        return str(SECTION_DATA_CLASS[section["kind"]])


class ResponseOut(Schema):
    version: int
    agreement: Agreement
    comment: str
    created_at: dt.datetime

    @staticmethod
    def resolve_version(response: PlanResponse) -> int:
        return response.version.number


def _ramp(record: selectors.PlanRecord | selectors.VersionRecord) -> dict:
    return {"start": record.ramp_start, "weeks": record.ramp_weeks}


class VersionOut(Schema):
    """A published version, as far as the caller may read it."""

    # Read from the selectors' VersionRecord.
    version: int = Field(alias="version.number")
    published_at: dt.datetime = Field(alias="version.published_at")
    published_by: str = Field(alias="version.published_by.name")
    meeting_id: uuid.UUID | None = Field(alias="version.meeting_id")
    review_on: dt.date | None
    goals: list[GoalOut]
    ramp: RampOut
    sections: list[PlanSectionOut] = Field(alias="section_rows")
    responses: list[ResponseOut]

    @staticmethod
    def resolve_ramp(record: selectors.VersionRecord) -> dict:
        return _ramp(record)


class VersionSummaryOut(Schema):
    # Read from a PlanVersion (its responses prefetched by the selector).
    version: int = Field(alias="number")
    published_at: dt.datetime
    published_by: str = Field(alias="published_by.name")
    meeting_id: uuid.UUID | None
    agreement: Agreement | None = Field(description="The citizen's latest answer, if any.")
    responses: int

    @staticmethod
    def resolve_agreement(version: PlanVersion) -> str | None:
        responses = list(version.responses.all())
        return responses[-1].agreement if responses else None

    @staticmethod
    def resolve_responses(version: PlanVersion) -> int:
        return len(version.responses.all())


class NudgeOut(Schema):
    code: str
    message: Text


class DraftOut(Schema):
    """The working draft, as far as the caller may read it, with its nudges."""

    # Read from the selectors' PlanRecord.
    revision: int
    review_on: dt.date | None
    meeting_id: uuid.UUID | None
    sections: list[PlanSectionOut] = Field(alias="section_rows")
    goals: list[GoalOut] = Field(alias="goal_rows")
    ramp: RampOut
    nudges: list[NudgeOut]

    @staticmethod
    def resolve_review_on(record: selectors.PlanRecord) -> dt.date | None:
        return record.plan.review_on if record.plan else None

    @staticmethod
    def resolve_meeting_id(record: selectors.PlanRecord) -> uuid.UUID | None:
        return record.plan.meeting_id if record.plan else None

    @staticmethod
    def resolve_ramp(record: selectors.PlanRecord) -> dict:
        return _ramp(record)


class GoalIn(BodyIn):
    id: uuid.UUID | None = Field(None, description="Keep a goal's identity across saves.")
    kind: str = Field(description="framework, supporting, long_term or temporary")
    owner_sector: str = Field(description="health, employment or shared")
    text: str = Field(max_length=5000)
    target_date: dt.date | None = None
    status: str = GoalStatus.NOT_STARTED
    decision_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)


class RampWeekIn(BodyIn):
    hours_per_day: float = Field(allow_inf_nan=False)
    days_per_week: int
    note: str = Field("", max_length=2000)


class RampIn(BodyIn):
    start: dt.date | None = None
    weeks: list[RampWeekIn] = Field(default_factory=list, max_length=200)


class DraftIn(BodyIn):
    """The whole draft. A section left out (null) stays as it is; goals and the ramp are
    replaced by what is sent."""

    review_on: dt.date | None = None
    meeting_id: uuid.UUID | None = Field(
        None, description="Link the plan to this held meeting of the course."
    )
    overall_plan: str | None = Field(None, max_length=20000)
    care_manager_plan: str | None = Field(None, max_length=20000)
    employment_consultant_plan: str | None = Field(None, max_length=20000)
    goals: list[GoalIn] = Field(default_factory=list, max_length=100)
    ramp: RampIn = Field(default_factory=RampIn)


class ResponseIn(BodyIn):
    agreement: str = Field(description="agree or not_yet")
    comment: str = Field("", max_length=20000)


@router.get(
    "/citizens/{citizen_id}/joint-plan",
    response={200: VersionOut, **errors(404)},
    openapi_extra=etag_answered(200),
)
def joint_plan_current(request: HttpRequest, response: HttpResponse, citizen_id: uuid.UUID):
    """The current published version. `ETag` carries the draft's revision."""
    record = selectors.current_version_get(actor=request_actor(request), citizen_id=citizen_id)
    if record is None:
        raise HttpError(404, _("Nothing is published yet."))
    response["ETag"] = etag(selectors.draft_revision(course=record.course))
    return record


@router.get(
    "/citizens/{citizen_id}/joint-plan/versions",
    response={200: list[VersionSummaryOut], **errors(404)},
)
def joint_plan_versions(request: HttpRequest, citizen_id: uuid.UUID):
    """The published versions, newest first, each with the citizen's latest answer."""
    return selectors.version_list(actor=request_actor(request), citizen_id=citizen_id).versions


@router.get(
    "/citizens/{citizen_id}/joint-plan/versions/{number}",
    response={200: VersionOut, **errors(404)},
)
def joint_plan_version(request: HttpRequest, citizen_id: uuid.UUID, number: int):
    """One published version with the citizen's answers to it."""
    if not 0 < number < 1_000_000:
        raise HttpError(404, _("No such version."))
    return selectors.version_get(actor=request_actor(request), citizen_id=citizen_id, number=number)


@router.get(
    "/citizens/{citizen_id}/joint-plan/pdf",
    response={200: None, **errors(404)},
    openapi_extra={
        "responses": {200: {"description": "A PDF", "content": {"application/pdf": {}}}}
    },
)
def joint_plan_pdf(request: HttpRequest, citizen_id: uuid.UUID, version: int | None = None):
    """The citizen's printout of the current (or the given) version: goals, the ramp with its
    chart, the overall plan and the work section; never therapy detail."""
    if version is not None and not 0 < version < 1_000_000:
        raise HttpError(404, _("No such version."))
    record = selectors.version_get(
        actor=request_actor(request), citizen_id=citizen_id, number=version, printable=True
    )
    return printout_response(record)


@router.get(
    "/citizens/{citizen_id}/joint-plan/draft",
    response={200: DraftOut, **errors(404)},
    openapi_extra=etag_answered(200),
)
def joint_plan_draft(request: HttpRequest, response: HttpResponse, citizen_id: uuid.UUID):
    """The working draft (professionals only), with the nudges. `ETag` is its revision."""
    record = selectors.plan_get(actor=request_actor(request), citizen_id=citizen_id)
    response["ETag"] = etag(record.revision)
    return record


@router.put(
    "/citizens/{citizen_id}/joint-plan/draft",
    response={200: DraftOut, **errors(400, 403, 404, 412, 428)},
    openapi_extra=revision_checked(200),
)
def joint_plan_draft_save(
    request: HttpRequest, response: HttpResponse, citizen_id: uuid.UUID, payload: DraftIn
):
    """Replace the draft. Needs `If-Match` with the current ETag."""
    sections: dict[str, str] = {
        kind: text
        for kind, text in (
            (SectionKind.OVERALL, payload.overall_plan),
            (SectionKind.CARE_MANAGER, payload.care_manager_plan),
            (SectionKind.EMPLOYMENT_CONSULTANT, payload.employment_consultant_plan),
        )
        if text is not None
    }
    with domain_errors(), if_match(request) as expected_revision:
        record = services.joint_plan_save(
            actor=request_actor(request),
            citizen_id=citizen_id,
            expected_revision=expected_revision,
            sections=sections,
            goals=[
                GoalData(
                    id=g.id,
                    kind=g.kind,
                    owner_sector=g.owner_sector,
                    text=g.text,
                    status=g.status,
                    target_date=g.target_date,
                    decision_ids=tuple(g.decision_ids),
                )
                for g in payload.goals
            ],
            ramp=[
                RampRow(
                    hours_per_day=Decimal(str(w.hours_per_day)),
                    days_per_week=w.days_per_week,
                    note=w.note,
                )
                for w in payload.ramp.weeks
            ],
            ramp_start=payload.ramp.start,
            review_on=payload.review_on,
            meeting_id=payload.meeting_id,
        )
    response["ETag"] = etag(record.revision)
    return record


@router.post(
    "/citizens/{citizen_id}/joint-plan/publish",
    response={201: VersionOut, **errors(400, 403, 404, 412, 428)},
    openapi_extra=revision_checked(201),
)
def joint_plan_publish(request: HttpRequest, response: HttpResponse, citizen_id: uuid.UUID):
    """Publish the draft as a new version. Needs `If-Match` with the current ETag."""
    with domain_errors(), if_match(request) as expected_revision:
        record = services.joint_plan_publish(
            actor=request_actor(request),
            citizen_id=citizen_id,
            expected_revision=expected_revision,
        )
    response["ETag"] = etag(record.version.revision)
    return Status(201, record)


@router.post(
    "/citizens/{citizen_id}/joint-plan/versions/{number}/response",
    response={201: ResponseOut, **errors(400, 403, 404)},
)
def joint_plan_respond(
    request: HttpRequest, citizen_id: uuid.UUID, number: int, payload: ResponseIn
):
    """The citizen comments on the current version and says whether they agree."""
    if not 0 < number < 1_000_000:
        raise HttpError(404, _("No such version."))
    with domain_errors():
        answer = services.plan_response_add(
            actor=request_actor(request),
            citizen_id=citizen_id,
            number=number,
            agreement=payload.agreement,
            comment=payload.comment,
        )
    return Status(201, answer)
