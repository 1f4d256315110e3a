"""The collective journal in the API (issue 4's contract), with the same policies as the pages.

Bad input answers 400 with the reasons, a caller who may see the entry but not do this 403, and
anyone else 404 with no data. Mounted at the API root: api.add_router("/", router).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.core.api import MAX_LIMIT, MAX_OFFSET
from roundtable.core.api import domain_errors as _domain_errors
from roundtable.journal import selectors, services
from roundtable.journal.models import BODY_MAX_LENGTH, STATEMENT_MAX_LENGTH

router = Router(tags=["journal"])


class ErrorOut(Schema):
    detail: str


class AuthorOut(Schema):
    id: uuid.UUID
    name: str
    organisation: str


class AddendumOut(Schema):
    id: uuid.UUID
    author: AuthorOut
    created_at: dt.datetime
    body: str
    outcome: str | None = Field(description="corrected or upheld when it closed a dispute")


class DisputeOut(Schema):
    id: uuid.UUID
    status: str = Field(description="open, corrected or upheld")
    raised_at: dt.datetime
    closed_at: dt.datetime | None
    statement: str = Field(description="The citizen's own statement")


class EntryOut(Schema):
    id: uuid.UUID
    course_id: uuid.UUID
    data_class: str
    author: AuthorOut
    created_at: dt.datetime
    body: str
    disputed: bool = Field(
        description="A dispute is open: shared only inside the author's organisation"
    )
    summary_of: uuid.UUID | None = Field(
        description=(
            "The therapy-detail entry a summary for sharing was written from,"
            " when the caller may read it"
        )
    )
    disputes: list[DisputeOut]
    addenda: list[AddendumOut]


class JournalQuery(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class EntryIn(Schema):
    # A plain string so that an unknown class gets the service's reason (400), not a 422.
    data_class: str = Field(description="One of the data classes your sector writes.")
    body: str = Field(max_length=BODY_MAX_LENGTH)
    summary_of: uuid.UUID | None = Field(
        None, description="For a summary for sharing: the therapy-detail entry it summarises."
    )


class DisputeIn(Schema):
    statement: str = Field(max_length=STATEMENT_MAX_LENGTH)


class AddendumIn(Schema):
    body: str = Field(max_length=BODY_MAX_LENGTH)
    outcome: str | None = Field(
        None, description="corrected or upheld: closes the open dispute with this addendum."
    )


def _author(professional, organisation) -> dict:
    return {"id": professional.id, "name": professional.name, "organisation": organisation.name}


def _entry(view: selectors.EntryView) -> dict:
    entry = view.entry
    return {
        "id": entry.id,
        "course_id": entry.course_id,
        "data_class": entry.data_class,
        "author": _author(entry.author, entry.author_organisation),
        "created_at": entry.created_at,
        "body": entry.body,
        "disputed": view.disputed,
        "summary_of": entry.source_id if view.source_visible else None,
        "disputes": [
            {
                "id": d.id,
                "status": d.status,
                "raised_at": d.raised_at,
                "closed_at": d.closed_at,
                "statement": d.statement,
            }
            for d in view.disputes
        ],
        "addenda": [
            {
                "id": a.id,
                "author": _author(a.author, a.author_organisation),
                "created_at": a.created_at,
                "body": a.body,
                "outcome": a.outcome or None,
            }
            for a in view.addenda
        ],
    }


def _entry_out(request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID) -> dict:
    _scope, view = selectors.journal_entry_get(
        actor=request_actor(request), citizen_id=citizen_id, entry_id=entry_id
    )
    return _entry(view)


@router.get("/citizens/{citizen_id}/journal", response={200: list[EntryOut], 404: ErrorOut})
def journal_list(request: HttpRequest, citizen_id: uuid.UUID, query: Query[JournalQuery]):
    """The citizen's journal, newest first: only the entries the caller may read, with their
    disputes and addenda."""
    scope = selectors.journal_scope(actor=request_actor(request), citizen_id=citizen_id)
    views = selectors.journal_entries(scope=scope, offset=query.offset, limit=query.limit)
    return [_entry(v) for v in views]


@router.get("/citizens/{citizen_id}/journal/{entry_id}", response={200: EntryOut, 404: ErrorOut})
def journal_entry(request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID):
    """One entry, if the caller may read it."""
    return _entry_out(request, citizen_id, entry_id)


@router.post(
    "/citizens/{citizen_id}/journal",
    response={201: EntryOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def journal_write(request: HttpRequest, citizen_id: uuid.UUID, payload: EntryIn):
    """Write an entry on the citizen's current course (professionals). With `summary_of`, a
    summary for sharing from a therapy-detail entry (health professionals)."""
    with _domain_errors():
        entry = services.journal_entry_write(
            actor=request_actor(request),
            citizen_id=citizen_id,
            data_class=payload.data_class,
            body=payload.body,
            source_id=payload.summary_of,
        )
    return Status(201, _entry_out(request, citizen_id, entry.pk))


@router.post(
    "/citizens/{citizen_id}/journal/{entry_id}/dispute",
    response={201: EntryOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def journal_dispute(
    request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID, payload: DisputeIn
):
    """The citizen flags an entry about them as wrong, with their own statement."""
    with _domain_errors():
        services.journal_dispute_open(
            actor=request_actor(request),
            citizen_id=citizen_id,
            entry_id=entry_id,
            statement=payload.statement,
        )
    return Status(201, _entry_out(request, citizen_id, entry_id))


@router.post(
    "/citizens/{citizen_id}/journal/{entry_id}/addendum",
    response={201: EntryOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def journal_addendum(
    request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID, payload: AddendumIn
):
    """The author adds to the entry; with an `outcome`, closes the open dispute."""
    with _domain_errors():
        services.journal_addendum_add(
            actor=request_actor(request),
            citizen_id=citizen_id,
            entry_id=entry_id,
            body=payload.body,
            outcome=payload.outcome or "",
        )
    return Status(201, _entry_out(request, citizen_id, entry_id))
