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
from roundtable.core.api import MAX_LIMIT, MAX_OFFSET, BodyIn, errors
from roundtable.core.api import domain_errors as _domain_errors
from roundtable.journal import selectors, services
from roundtable.journal.models import (
    BODY_MAX_LENGTH,
    STATEMENT_MAX_LENGTH,
    JournalAddendum,
    JournalEntry,
)

router = Router(tags=["journal"])


class AuthorOut(Schema):
    """Who wrote an entry or an addendum, and for which organisation."""

    # Read from the entry or addendum itself (its author and author_organisation).

    id: uuid.UUID = Field(alias="author.id")
    name: str = Field(alias="author.name")
    organisation: str = Field(alias="author_organisation.name")


class AddendumOut(Schema):
    id: uuid.UUID
    author: AuthorOut
    created_at: dt.datetime
    body: str
    outcome: str | None = Field(description="corrected or upheld when it closed a dispute")

    @staticmethod
    def resolve_author(addendum: JournalAddendum) -> JournalAddendum:
        return addendum

    @staticmethod
    def resolve_outcome(addendum: JournalAddendum) -> str | None:
        return addendum.outcome or None


class DisputeOut(Schema):
    id: uuid.UUID
    status: str = Field(description="open, corrected or upheld")
    raised_at: dt.datetime
    closed_at: dt.datetime | None
    statement: str = Field(description="The citizen's own statement")


class EntryOut(Schema):
    id: uuid.UUID = Field(alias="entry.id")
    course_id: uuid.UUID = Field(alias="entry.course_id")
    data_class: str = Field(alias="entry.data_class")
    author: AuthorOut
    created_at: dt.datetime = Field(alias="entry.created_at")
    body: str = Field(alias="entry.body")
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

    @staticmethod
    def resolve_author(view: selectors.EntryView) -> JournalEntry:
        return view.entry

    @staticmethod
    def resolve_summary_of(view: selectors.EntryView) -> uuid.UUID | None:
        return view.entry.source_id if view.source_visible else None


class JournalQuery(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class EntryIn(BodyIn):
    # A plain string so that an unknown class gets the service's reason (400), not a 422.
    data_class: str = Field(description="One of the data classes your sector writes.")
    body: str = Field(max_length=BODY_MAX_LENGTH)
    summary_of: uuid.UUID | None = Field(
        None, description="For a summary for sharing: the therapy-detail entry it summarises."
    )


class DisputeIn(BodyIn):
    statement: str = Field(max_length=STATEMENT_MAX_LENGTH)


class AddendumIn(BodyIn):
    body: str = Field(max_length=BODY_MAX_LENGTH)
    outcome: str | None = Field(
        None, description="corrected or upheld: closes the open dispute with this addendum."
    )


def _entry_out(
    request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID
) -> selectors.EntryView:
    _scope, view = selectors.journal_entry_get(
        actor=request_actor(request), citizen_id=citizen_id, entry_id=entry_id
    )
    return view


@router.get("/citizens/{citizen_id}/journal", response={200: list[EntryOut], **errors(404)})
def journal_list(request: HttpRequest, citizen_id: uuid.UUID, query: Query[JournalQuery]):
    """The citizen's journal, newest first: only the entries the caller may read, with their
    disputes and addenda."""
    scope = selectors.journal_scope(actor=request_actor(request), citizen_id=citizen_id)
    return selectors.journal_entries(scope=scope, offset=query.offset, limit=query.limit)


@router.get("/citizens/{citizen_id}/journal/{entry_id}", response={200: EntryOut, **errors(404)})
def journal_entry(request: HttpRequest, citizen_id: uuid.UUID, entry_id: uuid.UUID):
    """One entry, if the caller may read it."""
    return _entry_out(request, citizen_id, entry_id)


@router.post(
    "/citizens/{citizen_id}/journal",
    response={201: EntryOut, **errors(400, 403, 404)},
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
    response={201: EntryOut, **errors(400, 403, 404)},
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
    response={201: EntryOut, **errors(400, 403, 404)},
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
