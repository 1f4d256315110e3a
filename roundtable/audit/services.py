"""Writing audit events. Called by the selectors and services that touch personal data."""

from __future__ import annotations

import functools
import secrets
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from roundtable.audit.models import (
    GENESIS_HASH,
    AuditChainHead,
    AuditEvent,
    canonical_event_parts,
    event_hash_from_parts,
    normalise_detail,
)
from roundtable.core.request_context import current_request_id

if TYPE_CHECKING:
    from roundtable.accounts.actor import Actor

# Events with neither a citizen nor a signed-in actor (failed sign-ins, for unknown usernames
# too) are spread at random over this many "system:<n>" chains. Anyone on the internet can
# cause such events, so no single head row may become the queue every sign-in page waits on;
# the number is fixed, so an attacker cannot make the head table grow either.
SYSTEM_CHAINS = 16


def audit_chain_for(
    *,
    citizen_id: uuid.UUID | None,
    organisation_id: uuid.UUID | None = None,
    actor_citizen_id: uuid.UUID | None = None,
    actor_user_id: uuid.UUID | None = None,
) -> str:
    """The hash chain an event goes on; writers wait only for others on the same chain.

    - ``citizen:<id>``: every event about a citizen, whoever wrote it, and the citizen's own
      events (their sign-ins too). The citizen's access log is this chain.
    - ``user:<id>``: the rest of a signed-in person's events (list pages, searches, their
      sign-ins and sign-outs), so professionals of one organisation never queue on one row.
    - ``system:<n>``: events with no one signed in (see SYSTEM_CHAINS).

    ``organisation_id`` no longer picks a chain: events written before were chained per
    organisation (``organisation:<id>``, and ``system``), and stay on those chains.
    """
    del organisation_id  # kept so that callers written for the old rule keep working
    if citizen_id or actor_citizen_id:
        return f"citizen:{citizen_id or actor_citizen_id}"
    if actor_user_id:
        return f"user:{actor_user_id}"
    return f"system:{_system_lane()}"


def _system_lane() -> int:
    # At random, not by username or address, which the one causing the events would choose.
    return secrets.randbelow(SYSTEM_CHAINS)


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
    the chain head roll back too (SECURITY.md 27). Outside a transaction the write is its own
    transaction, committed (durably) before this returns.
    """
    values: dict[str, Any] = {
        "event_id": uuid.uuid4(),
        "occurred_at": timezone.now(),
        "actor_id": actor.user_id if actor else None,
        "actor_username": actor.username if actor else username[:150],
        "actor_role": str(actor.role) if actor else "",
        "organisation_id": actor.organisation_id if actor else None,
        "citizen_id": citizen_id,
        # Plain strings, not TextChoices members or lazy text: the hash is taken over these.
        "action": str(action),
        "object_type": str(object_type),
        "object_id": str(object_id)[:64],
        "outcome": str(outcome),
        "purpose": str(purpose),
        "consent_decision": str(consent_decision)[:60],
        "request_id": current_request_id(),
        "chain": audit_chain_for(
            citizen_id=citizen_id,
            actor_citizen_id=actor.citizen_id if actor else None,
            actor_user_id=actor.user_id if actor else None,
        ),
        "detail": normalise_detail(dict(detail or {})),
    }
    return _append(values)


def _append(values: dict[str, Any]) -> AuditEvent:
    """Give the event its place at the end of ``values["chain"]`` and write it.

    Only audit_record calls this (tests call it to write events on the chains used before
    list events moved to their actor's chain).
    """
    parts = canonical_event_parts(values)
    if connection.vendor == "postgresql":
        if connection.in_atomic_block:
            with transaction.atomic(savepoint=False):  # a failure marks the caller's for rollback
                place = _append_postgresql(values, parts)
        else:
            # One statement in autocommit mode is a transaction of its own, which the server
            # commits (synchronous_commit as configured, never lowered here) before it
            # answers: one round trip instead of BEGIN, the statement(s) and COMMIT.
            place = _append_postgresql(values, parts)
    elif connection.vendor == "sqlite":
        with transaction.atomic(savepoint=False):
            place = _append_sqlite(values, parts)
    else:
        raise NotImplementedError(f"the audit hash chain on {connection.vendor}")
    row = {**values, **place}
    # As if read back (from_db: positional, not adding): the same values, without a query.
    return AuditEvent.from_db(connection.alias, _ATTNAMES, [row[name] for name in _ATTNAMES])


_ATTNAMES = [f.attname for f in AuditEvent._meta.concrete_fields]


# --- PostgreSQL: one statement -------------------------------------------------------------------
#
# audit_event_append (migration 0008) locks the chain's head row (creating it for a new chain),
# allocates the id, completes the canonical JSON with the place it read, hashes it and inserts
# the event read from it; the insert moves the head (trigger, migration 0006). All of it is one
# statement: in autocommit mode one round trip, inside a caller's transaction part of it.
_APPEND_POSTGRESQL = (
    "SELECT new_id, new_sequence, new_prev_hash, new_hash"
    " FROM audit_event_append(%s, %s, %s, %s, %s)"
)


def _append_postgresql(values: dict[str, Any], parts: tuple[str, str, str, str]) -> dict:
    # The chain and the canonical JSON without its place: the function reads every column
    # from the document it hashes, so the parts are all it needs.
    with connection.cursor() as cursor:
        cursor.execute(_APPEND_POSTGRESQL, [values["chain"], *parts])
        new_id, sequence, prev_hash, hash_ = cursor.fetchone()
    return {"id": new_id, "sequence": sequence, "prev_hash": prev_hash, "hash": hash_}


# --- SQLite: two statements in the caller's IMMEDIATE transaction --------------------------------
#
# In process, so statements cost no round trip; the IMMEDIATE transaction already holds the
# database's one write lock. _HEAD_LOCK creates the head of a new chain and reads the head in one
# statement, and allocates the event's id, which the hash covers. AUTOINCREMENT never hands out an
# id twice (sqlite_sequence remembers those of deleted rows).
#
# A head row that was deleted or set back under a chain that has events is not repaired, here or
# in audit_event_append: the insert then collides with (chain, sequence) and the write fails,
# loudly, rather than the chain silently starting over; `roundtable audit verify` names the chain.
_HEAD_LOCK = """
INSERT INTO {head} (chain, last_sequence, last_hash) VALUES (%s, 0, %s)
ON CONFLICT (chain) DO UPDATE SET last_sequence = {head}.last_sequence
RETURNING (SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{event}'), 0),
                  coalesce((SELECT max(id) FROM {event}), 0)) + 1),
          last_sequence, last_hash
"""
# The insert moves the head too: migration 0006's AFTER INSERT trigger sets it to the new
# event's sequence and hash, in the same statement and so the same transaction.
_INSERT = "INSERT INTO {event} ({columns}) VALUES ({values})"


@functools.cache
def _sqlite_sql() -> tuple[str, str]:
    quote = connection.ops.quote_name
    names = {
        "event": AuditEvent._meta.db_table,
        "head": AuditChainHead._meta.db_table,
        "columns": ", ".join(quote(f.column) for f in AuditEvent._meta.concrete_fields),
        "values": ", ".join(["%s"] * len(AuditEvent._meta.concrete_fields)),
    }
    return _HEAD_LOCK.format(**names).strip(), _INSERT.format(**names)


def _append_sqlite(values: dict[str, Any], parts: tuple[str, str, str, str]) -> dict:
    head_lock, insert = _sqlite_sql()
    with connection.cursor() as cursor:
        cursor.execute(head_lock, [values["chain"], GENESIS_HASH])
        new_id, last_sequence, prev_hash = cursor.fetchone()
        place = {"id": int(new_id), "sequence": int(last_sequence) + 1, "prev_hash": prev_hash}
        place["hash"] = event_hash_from_parts(parts, **place)
        row = {**values, **place}
        # What Model.save(force_insert=True) would send, with the values prepared the same way.
        cursor.execute(
            insert,
            [
                f.get_db_prep_save(row[f.attname], connection)
                for f in AuditEvent._meta.concrete_fields
            ],
        )
    return place
