"""The citizen's access log on the API: GET /api/v1/me/access-log (SECURITY.md 21)."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from roundtable.accounts.actor import request_actor
from roundtable.audit import selectors
from roundtable.core.api import MAX_OFFSET, errors

router = Router(tags=["audit"])


class AccessLogEntryOut(Schema):
    when: dt.datetime
    who: str = Field(description="The name as the audit event stored it.")
    role: str
    organisation: str | None
    what: str = Field(description="What they did, in plain words, in the caller's language.")
    why: str
    action: str = Field(description="The audit action: read, create, update, ...")
    outcome: str = Field(description="allowed, denied or not_found")

    @staticmethod
    def resolve_organisation(entry: selectors.AccessLogEntry) -> str | None:
        return entry.organisation or None


class AccessLogOut(Schema):
    items: list[AccessLogEntryOut] = Field(alias="entries")
    count: int = Field(alias="total", description="All entries, on every page.")


class PageIn(Schema):
    limit: int = Field(25, ge=1, le=selectors.ACCESS_LOG_MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


@router.get("/me/access-log", response={200: AccessLogOut, **errors(404)})
def my_access_log(request: HttpRequest, page: Query[PageIn]):
    """Who else has looked at or changed the caller's record, newest first. Citizens only:
    everyone else gets 404."""
    actor = request_actor(request)
    return selectors.access_log_list(
        actor=actor,
        citizen_id=actor.citizen_id if actor else None,
        limit=page.limit,
        offset=page.offset,
    )
