"""Writing audit events. Called by the selectors and services that touch personal data."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from roundtable.audit.models import (
    GENESIS_HASH,
    AuditChainHead,
    AuditEvent,
    normalise_detail,
)
from roundtable.core.request_context import current_request_id

if TYPE_CHECKING:
    from roundtable.accounts.actor import Actor


def audit_chain_for(
    *,
    citizen_id: uuid.UUID | None,
    organisation_id: uuid.UUID | None,
    actor_citizen_id: uuid.UUID | None = None,
) -> str:
    # A citizen's own sign-ins and other record-less events go to their own chain, not to the
    # shared "system" chain, so citizens signing in never queue on one lock.
    if citizen_id or actor_citizen_id:
        return f"citizen:{citizen_id or actor_citizen_id}"
    if organisation_id:
        return f"organisation:{organisation_id}"
    return "system"


def audit_record(
    *,
    actor: Actor | None,
    action: str,
    outcome: str,
    object_type: str = "",
    object_id: Any = "",
    citizen_id: uuid.UUID | None = None,
    purpose: str = "",
    consent_decision: str = "",
    detail: Mapping[str, Any] | None = None,
    username: str = "",
) -> AuditEvent:
    """Append one event to its hash chain. `action` and `outcome` are AuditAction and
    AuditOutcome values.

    Inside the caller's transaction when there is one, and without a savepoint: if the audit
    write fails, the caller's write fails with it, and if the caller rolls back, the event and
    the chain head roll back too (SECURITY.md 27). Outside a transaction it opens its own.
    """
    organisation_id = actor.organisation_id if actor else None
    event = AuditEvent(
        actor_id=actor.user_id if actor else None,
        actor_username=actor.username if actor else username[:150],
        actor_role=str(actor.role) if actor else "",
        organisation_id=organisation_id,
        citizen_id=citizen_id,
        # Plain strings, not TextChoices members or lazy text: the hash is taken over these.
        action=str(action),
        object_type=str(object_type),
        object_id=str(object_id)[:64],
        outcome=str(outcome),
        purpose=str(purpose),
        consent_decision=str(consent_decision)[:60],
        request_id=current_request_id(),
        chain=audit_chain_for(
            citizen_id=citizen_id,
            organisation_id=organisation_id,
            actor_citizen_id=actor.citizen_id if actor else None,
        ),
        detail=normalise_detail(dict(detail or {})),
    )
    with transaction.atomic(savepoint=False):
        event.id, last_sequence, last_hash = _chain_head_locked(event.chain)
        event.occurred_at = timezone.now()
        event.sequence = last_sequence + 1
        event.prev_hash = last_hash
        event.hash = event.compute_hash()
        _insert(event)  # and the head moves with it (trigger, migration 0006)
    return event


# audit_record runs on every page, so its two statements are written out once per process instead
# of being built by the ORM on every call (which doubled its cost), and a page's event costs the
# same two queries whether or not its chain is new (pages assert constant query counts).
#
# _HEAD_LOCK is an upsert that takes the head row's lock exactly as SELECT ... FOR UPDATE would
# (ON CONFLICT DO UPDATE locks the existing row, waiting for any other writer of the chain and
# then reading what it committed), and creates the head of a new chain in the same statement.
# RETURNING also allocates the new event's id, which must be known before the insert because
# the hash covers it. On SQLite the IMMEDIATE transaction already holds the one write lock, and
# AUTOINCREMENT never hands out an id twice (sqlite_sequence remembers those of deleted rows).
#
# A head row that was deleted or set back under a chain that has events is not repaired here:
# the insert then collides with (chain, sequence) and the write fails, loudly, rather than the
# chain silently starting over; `roundtable audit verify` names the chain.
_HEAD_LOCK = """
INSERT INTO {head} (chain, last_sequence, last_hash) VALUES (%s, 0, %s)
ON CONFLICT (chain) DO UPDATE SET last_sequence = {head}.last_sequence
RETURNING {next_id}, last_sequence, last_hash
"""
_NEXT_ID = {
    "postgresql": "nextval(pg_get_serial_sequence('{event}', 'id'))",
    "sqlite": (
        "(SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{event}'), 0),"
        " coalesce((SELECT max(id) FROM {event}), 0)) + 1)"
    ),
}
# The insert moves the head too: migration 0006's AFTER INSERT trigger sets it to the new
# event's sequence and hash, in the same statement and so the same transaction.
_INSERT = "INSERT INTO {event} ({columns}) VALUES ({values})"


@functools.cache
def _sql(vendor: str) -> tuple[str, str]:
    """The head lock and the insert, for this database."""
    if vendor not in _NEXT_ID:
        raise NotImplementedError(f"the audit hash chain on {vendor}")
    quote = connection.ops.quote_name
    names = {
        "event": AuditEvent._meta.db_table,
        "head": AuditChainHead._meta.db_table,
        "columns": ", ".join(quote(f.column) for f in AuditEvent._meta.concrete_fields),
        "values": ", ".join(["%s"] * len(AuditEvent._meta.concrete_fields)),
    }
    names["next_id"] = _NEXT_ID[vendor].format(**names)
    return _HEAD_LOCK.format(**names).strip(), _INSERT.format(**names)


def _chain_head_locked(chain: str) -> tuple[int, int, str]:
    """The next event id, and the chain's last sequence and hash, with the chain's head row
    locked until the transaction ends: only writers to the same chain wait for each other."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor)[0], [chain, GENESIS_HASH])
        next_id, last_sequence, last_hash = cursor.fetchone()
    return int(next_id), int(last_sequence), last_hash


def _insert(event: AuditEvent) -> None:
    # What Model.save(force_insert=True) would send, with the values prepared the same way.
    values: list[Any] = [
        f.get_db_prep_save(getattr(event, f.attname), connection)
        for f in AuditEvent._meta.concrete_fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection.vendor)[1], values)
    event._state.adding = False
    event._state.db = connection.alias
