"""Emergency access in the API, with the same policies, checks and audit as the pages.

Bad input answers 400 with the reason, a caller who may not use or review emergency access 403
with the reason, a grant that is not the caller's 404. Mounted at the API root:
api.add_router("/", router).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.breakglass import selectors, services
from roundtable.breakglass.models import BreakGlassGrant, ReviewOutcome
from roundtable.breakglass.policies import ReviewPolicy
from roundtable.core.api import BodyIn, errors
from roundtable.core.api import domain_errors as _domain_errors

router = Router(tags=["breakglass"])


class StartIn(BodyIn):
    national_id: str = Field(max_length=64)
    reason: str = Field(max_length=10000, description="Why the record is needed now.")
    minutes: int = Field(description="The time limit; one of the configured choices.")
    password: str = Field(max_length=4096, description="Your password, checked again.")
    code: str | None = Field(
        None, max_length=12, description="The authenticator code, if you have one set up."
    )


class GrantOut(Schema):
    id: uuid.UUID
    citizen_id: uuid.UUID = Field(alias="course.citizen_id")
    course_id: uuid.UUID
    started_at: dt.datetime
    expires_at: dt.datetime
    minutes: int
    active: bool = Field(alias="is_active")
    ended_at: dt.datetime | None
    end_reason: str | None

    @staticmethod
    def resolve_end_reason(grant: BreakGlassGrant) -> str | None:
        return grant.end_reason or None


class ReviewIn(BodyIn):
    outcome: ReviewOutcome
    note: str = Field(max_length=10000)


@dataclass(frozen=True)
class ReviewLine:
    """A grant as its reviewer sees it: the reason only where consent lets them read it."""

    grant: BreakGlassGrant
    reason: str | None


class ReviewOut(Schema):
    """An emergency access, for its review."""

    # Read from a ReviewLine (the list) or the selectors' ReviewRecord (one grant).

    id: uuid.UUID = Field(alias="grant.pk")
    clinician: str = Field(alias="grant.professional.user.display_name")
    clinician_role: str = Field(alias="grant.professional.role")
    citizen_id: uuid.UUID = Field(alias="grant.course.citizen_id")
    citizen_name: str = Field(alias="grant.course.citizen.full_name")
    started_at: dt.datetime = Field(alias="grant.started_at")
    expires_at: dt.datetime = Field(alias="grant.expires_at")
    ended_at: dt.datetime | None = Field(alias="grant.ended_at")
    end_reason: str | None
    minutes: int = Field(alias="grant.minutes")
    active: bool = Field(alias="grant.is_active")
    reason: str | None = Field(description="Null when consent keeps it from the reviewer.")
    review_outcome: str | None
    reviewed_at: dt.datetime | None = Field(alias="grant.reviewed_at")
    reviewer: str | None

    @staticmethod
    def resolve_end_reason(line: ReviewLine) -> str | None:
        return line.grant.end_reason or None

    @staticmethod
    def resolve_review_outcome(line: ReviewLine) -> str | None:
        return line.grant.review_outcome or None

    @staticmethod
    def resolve_reviewer(line: ReviewLine) -> str | None:
        reviewer = line.grant.reviewer
        return reviewer.user.display_name if reviewer else None


@router.post("/break-glass", response={201: GrantOut, **errors(400, 403)})
def grant_start(request: HttpRequest, payload: StartIn):
    """Open one citizen's record in an emergency (health clinicians only). The password, and
    the authenticator code if you have one, are checked again. Audited and reviewed."""
    with _domain_errors():
        grant = services.grant_start(
            actor=request_actor(request),
            user=request.user,
            request=request,
            national_id=payload.national_id,
            reason=payload.reason,
            minutes=payload.minutes,
            password=payload.password,
            code=payload.code,
        )
    return Status(201, grant)


@router.post("/break-glass/{grant_id}/end", response={200: GrantOut, **errors(404)})
def grant_end(request: HttpRequest, grant_id: uuid.UUID):
    """End your own emergency access now. Ending an ended one changes nothing."""
    result = services.grant_end(actor=request_actor(request), grant_id=grant_id)
    return result.grant


@router.get("/break-glass/reviews", response={200: list[ReviewOut], **errors(403)})
def review_list(request: HttpRequest):
    """Emergency access of your organisation to review (supervisors and team leaders of a
    health organisation): waiting first, then the latest reviewed. Never your own."""
    actor = request_actor(request)
    with _domain_errors():
        if ReviewPolicy.can_review(actor) and actor is not None:
            services.grants_expire(organisation_id=actor.organisation_id)
        queue = selectors.review_list(actor=actor)
    grants = queue.pending + queue.reviewed
    readable = selectors.review_reason_visible(actor=actor, grants=grants)
    return [ReviewLine(grant=g, reason=g.reason if g.pk in readable else None) for g in grants]


@router.post(
    "/break-glass/{grant_id}/review",
    response={200: ReviewOut, **errors(400, 403, 404)},
)
def grant_review(request: HttpRequest, grant_id: uuid.UUID, payload: ReviewIn):
    """Judge an ended emergency access: justified or not, with a note."""
    actor = request_actor(request)
    with _domain_errors():
        services.grant_review(
            actor=actor, grant_id=grant_id, outcome=payload.outcome, note=payload.note
        )
        record = selectors.review_get(actor=actor, grant_id=grant_id)
    return record
