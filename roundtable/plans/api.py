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
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.core.api import domain_errors as _domain_errors
from roundtable.plans import selectors, services
from roundtable.plans.content import GoalData, RampRow, RampWeek
from roundtable.plans.models import (
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


class ErrorOut(Schema):
    detail: str


class StaleOut(Schema):
    detail: str
    current_revision: int


class DecisionRefOut(Schema):
    id: uuid.UUID
    title: str


class GoalOut(Schema):
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


class SectionOut(Schema):
    kind: SectionKind
    data_class: str
    text: str


class ResponseOut(Schema):
    version: int
    agreement: Agreement
    comment: str
    created_at: dt.datetime


class VersionOut(Schema):
    version: int
    published_at: dt.datetime
    published_by: str
    meeting_id: uuid.UUID | None
    review_on: dt.date | None
    goals: list[GoalOut]
    ramp: RampOut
    sections: list[SectionOut]
    responses: list[ResponseOut]


class VersionSummaryOut(Schema):
    version: int
    published_at: dt.datetime
    published_by: str
    meeting_id: uuid.UUID | None
    agreement: Agreement | None = Field(description="The citizen's latest answer, if any.")
    responses: int


class NudgeOut(Schema):
    code: str
    message: str


class DraftOut(Schema):
    revision: int
    review_on: dt.date | None
    meeting_id: uuid.UUID | None
    sections: list[SectionOut]
    goals: list[GoalOut]
    ramp: RampOut
    nudges: list[NudgeOut]


class GoalIn(Schema):
    id: uuid.UUID | None = Field(None, description="Keep a goal's identity across saves.")
    kind: str = Field(description="framework, supporting, long_term or temporary")
    owner_sector: str = Field(description="health, employment or shared")
    text: str = Field(max_length=5000)
    target_date: dt.date | None = None
    status: str = GoalStatus.NOT_STARTED
    decision_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)


class RampWeekIn(Schema):
    hours_per_day: float = Field(allow_inf_nan=False)
    days_per_week: int
    note: str = Field("", max_length=2000)


class RampIn(Schema):
    start: dt.date | None = None
    weeks: list[RampWeekIn] = Field(default_factory=list, max_length=200)


class DraftIn(Schema):
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


class ResponseIn(Schema):
    agreement: str = Field(description="agree or not_yet")
    comment: str = Field("", max_length=20000)


def _etag(revision: int) -> str:
    return f'"{revision}"'


def _if_match(request: HttpRequest) -> int | None:
    """The revision in If-Match; -1 when it names none we could have given out."""
    raw = request.headers.get("If-Match")
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    return int(value) if value.isdigit() and len(value) < 12 else -1


def _ramp(weeks: list[RampWeek], start: dt.date | None) -> dict:
    return {
        "start": start,
        "weeks": [
            {
                "week": w.week,
                "starts_on": w.starts_on,
                "hours_per_day": float(w.hours_per_day),
                "days_per_week": w.days_per_week,
                "weekly_hours": float(w.weekly_hours),
                "note": w.note,
            }
            for w in weeks
        ],
    }


def _goal(goal: dict) -> dict:
    return {
        "id": goal["id"],
        "kind": goal["kind"],
        "owner_sector": goal["owner_sector"],
        "text": goal["text"],
        "target_date": goal["target"],
        "status": goal["status"],
        "decisions": goal["decisions"],
    }


def _response(response: PlanResponse, number: int) -> dict:
    return {
        "version": number,
        "agreement": response.agreement,
        "comment": response.comment,
        "created_at": response.created_at,
    }


def _version(record: selectors.VersionRecord) -> dict:
    version = record.version
    return {
        "version": version.number,
        "published_at": version.published_at,
        "published_by": version.published_by.name,
        "meeting_id": version.meeting_id,
        "review_on": record.review_on,
        "goals": [_goal(g) for g in record.goals],
        "ramp": _ramp(record.ramp_weeks, record.ramp_start),
        "sections": list(record.snapshot["sections"]),
        "responses": [_response(r, version.number) for r in record.responses],
    }


def _summary(version: PlanVersion) -> dict:
    responses = list(version.responses.all())
    return {
        "version": version.number,
        "published_at": version.published_at,
        "published_by": version.published_by.name,
        "meeting_id": version.meeting_id,
        "agreement": responses[-1].agreement if responses else None,
        "responses": len(responses),
    }


def _draft(record: selectors.PlanRecord) -> dict:
    return {
        "revision": record.revision,
        "review_on": record.plan.review_on if record.plan else None,
        "meeting_id": record.plan.meeting_id if record.plan else None,
        "sections": [
            {
                "kind": s["kind"],
                "data_class": selectors.SECTION_DATA_CLASS[s["kind"]],
                "text": s["text"],
            }
            for s in record.section_rows
        ],
        "goals": [_goal(g) for g in record.goal_rows],
        "ramp": _ramp(record.ramp_weeks, record.ramp_start),
        "nudges": [{"code": n.code, "message": n.message} for n in record.nudges],
    }


@router.get(
    "/citizens/{citizen_id}/joint-plan",
    response={200: VersionOut, 404: ErrorOut},
)
def joint_plan_current(request: HttpRequest, response: HttpResponse, citizen_id: uuid.UUID):
    """The current published version. `ETag` carries the draft's revision."""
    actor = request_actor(request)
    record = selectors.current_version_get(actor=actor, citizen_id=citizen_id)
    if record is None:
        return Status(404, {"detail": _("Nothing is published yet.")})
    response["ETag"] = _etag(selectors.draft_revision(course=record.course))
    return _version(record)


@router.get(
    "/citizens/{citizen_id}/joint-plan/versions",
    response={200: list[VersionSummaryOut], 404: ErrorOut},
)
def joint_plan_versions(request: HttpRequest, citizen_id: uuid.UUID):
    """The published versions, newest first, each with the citizen's latest answer."""
    listing = selectors.version_list(actor=request_actor(request), citizen_id=citizen_id)
    return [_summary(v) for v in listing.versions]


@router.get(
    "/citizens/{citizen_id}/joint-plan/versions/{number}",
    response={200: VersionOut, 404: ErrorOut},
)
def joint_plan_version(request: HttpRequest, citizen_id: uuid.UUID, number: int):
    """One published version with the citizen's answers to it."""
    if not 0 < number < 1_000_000:
        return Status(404, {"detail": _("No such version.")})
    return _version(
        selectors.version_get(actor=request_actor(request), citizen_id=citizen_id, number=number)
    )


@router.get(
    "/citizens/{citizen_id}/joint-plan/pdf",
    response={200: None, 404: ErrorOut},
    openapi_extra={
        "responses": {200: {"description": "A PDF", "content": {"application/pdf": {}}}}
    },
)
def joint_plan_pdf(request: HttpRequest, citizen_id: uuid.UUID, version: int | None = None):
    """The citizen's printout of the current (or the given) version: goals, the ramp with its
    chart, the overall plan and the work section; never therapy detail."""
    if version is not None and not 0 < version < 1_000_000:
        return Status(404, {"detail": _("No such version.")})
    record = selectors.version_get(
        actor=request_actor(request), citizen_id=citizen_id, number=version, printable=True
    )
    return printout_response(record)


@router.get(
    "/citizens/{citizen_id}/joint-plan/draft",
    response={200: DraftOut, 404: ErrorOut},
)
def joint_plan_draft(request: HttpRequest, response: HttpResponse, citizen_id: uuid.UUID):
    """The working draft (professionals only), with the nudges. `ETag` is its revision."""
    record = selectors.plan_get(actor=request_actor(request), citizen_id=citizen_id)
    response["ETag"] = _etag(record.revision)
    return _draft(record)


def _missing_revision() -> Status:
    return Status(
        428,
        {
            "detail": _(
                "Send If-Match with the ETag from GET /citizens/{id}/joint-plan/draft, "
                "so that nobody's changes are overwritten."
            )
        },
    )


def _stale(exc: services.StaleRevision) -> Status:
    return Status(
        412,
        {
            "detail": _(
                "Someone else saved the plan first: your If-Match is not the current "
                "revision. Read the draft again, then send your changes."
            ),
            "current_revision": exc.current,
        },
    )


@router.put(
    "/citizens/{citizen_id}/joint-plan/draft",
    response={
        200: DraftOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        412: StaleOut,
        428: ErrorOut,
    },
)
def joint_plan_draft_save(
    request: HttpRequest, response: HttpResponse, citizen_id: uuid.UUID, payload: DraftIn
):
    """Replace the draft. Needs `If-Match` with the current ETag."""
    expected = _if_match(request)
    actor = request_actor(request)
    sections = {
        kind: text
        for kind, text in (
            (SectionKind.OVERALL, payload.overall_plan),
            (SectionKind.CARE_MANAGER, payload.care_manager_plan),
            (SectionKind.EMPLOYMENT_CONSULTANT, payload.employment_consultant_plan),
        )
        if text is not None
    }
    try:
        with _domain_errors():
            record = services.joint_plan_save(
                actor=actor,
                citizen_id=citizen_id,
                expected_revision=expected,
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
    except services.RevisionMissing:
        return _missing_revision()
    except services.StaleRevision as exc:
        return _stale(exc)
    response["ETag"] = _etag(record.revision)
    return _draft(record)


@router.post(
    "/citizens/{citizen_id}/joint-plan/publish",
    response={
        201: VersionOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        412: StaleOut,
        428: ErrorOut,
    },
)
def joint_plan_publish(request: HttpRequest, response: HttpResponse, citizen_id: uuid.UUID):
    """Publish the draft as a new version. Needs `If-Match` with the current ETag."""
    try:
        with _domain_errors():
            record = services.joint_plan_publish(
                actor=request_actor(request),
                citizen_id=citizen_id,
                expected_revision=_if_match(request),
            )
    except services.RevisionMissing:
        return _missing_revision()
    except services.StaleRevision as exc:
        return _stale(exc)
    response["ETag"] = _etag(record.version.revision)
    return Status(201, _version(record))


@router.post(
    "/citizens/{citizen_id}/joint-plan/versions/{number}/response",
    response={201: ResponseOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def joint_plan_respond(
    request: HttpRequest, citizen_id: uuid.UUID, number: int, payload: ResponseIn
):
    """The citizen comments on the current version and says whether they agree."""
    if not 0 < number < 1_000_000:
        return Status(404, {"detail": _("No such version.")})
    with _domain_errors():
        answer = services.plan_response_add(
            actor=request_actor(request),
            citizen_id=citizen_id,
            number=number,
            agreement=payload.agreement,
            comment=payload.comment,
        )
    return Status(201, _response(answer, number))
