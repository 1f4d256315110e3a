"""Reads of the records from streaming replicas, everything else from the primary.

Installed only when ``DATABASE_REPLICA_URLS`` names replicas (config/settings.py); without it
there is one database and nothing here runs.

- Every write goes to the primary: the router answers ``default`` for every write, and audit
  events are written on the default connection by `audit_record` whatever the router says.
- Reads go to a replica only for the record apps (`REPLICA_APPS`), only for GET/HEAD/OPTIONS,
  only outside a transaction, and only when `replication.choose_read_database` says the replica
  has replayed past what this person last wrote or saw. Consent, break-glass, the audit trail,
  sessions, accounts, throttling, the cache and the task queue are always read from the primary:
  a revoked consent or an ended emergency access stops access on the next request whatever the
  replica's lag.
- Read-your-writes: after a request that wrote a record, the primary's WAL position
  (`pg_current_wal_lsn()`) goes into a signed cookie (`rt_lsn`), sent by browsers and by API
  clients that keep cookies; a later read goes to a replica only once its
  `pg_last_wal_replay_lsn()` has passed it. A read served from a replica raises the cookie to the
  replay position it was served at, so the next read, on any app server, never sees an older
  state. A replica that lags more than ``DATABASE_REPLICA_MAX_LAG`` seconds, or cannot be asked,
  is skipped (and not asked again for ``DATABASE_REPLICA_RETRY`` seconds).

The LSN lookups are `lsn_source`, replaced in tests by a fake that sets them.
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

from roundtable.core.replication import (
    PRIMARY,
    ReplicaState,
    choose_read_database,
    format_lsn,
    parse_lsn,
)

logger = logging.getLogger(__name__)

# The apps whose records may be read from a replica: the citizens and their courses, and the
# domain records of a course. Not consent or break-glass (decisions about access), not the audit
# trail, accounts, sessions, throttling, the cache or the task queue.
REPLICA_APPS = frozenset(
    {
        "citizens",
        "organisations",
        "meetings",
        "plans",
        "journal",
        "care",
        "vocational",
        "lifesituation",
        "assessments",
        "sickleave",
        "research",
        "outcomes",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LSN_COOKIE = "rt_lsn"
LSN_COOKIE_SALT = "roundtable.core.db_router.lsn"
LSN_COOKIE_MAX_AGE = 3600


class LsnSource(Protocol):
    def primary_lsn(self) -> int: ...

    def replica_state(self, alias: str) -> ReplicaState: ...


_REPLICA_STATE_SQL = """
SELECT pg_last_wal_replay_lsn()::text,
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                 AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')
            THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
       END
"""


class PostgresLsnSource:
    """Asks the servers. A replica that fails to answer is skipped for `retry_seconds`."""

    def __init__(self) -> None:
        self._down_until: dict[str, float] = {}

    def primary_lsn(self) -> int:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return parse_lsn(cursor.fetchone()[0])

    def replica_state(self, alias: str) -> ReplicaState:
        if self._down_until.get(alias, 0.0) > time.monotonic():
            return ReplicaState(alias, None, None)
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute(_REPLICA_STATE_SQL)
                replay, lag = cursor.fetchone()
        except DatabaseError:
            logger.warning("replica %s cannot be reached; reading from the primary", alias)
            connections[alias].close()
            self._down_until[alias] = time.monotonic() + settings.DATABASE_REPLICA_RETRY
            return ReplicaState(alias, None, None)
        if replay is None:  # not in recovery: not a replica (promoted, or misconfigured)
            return ReplicaState(alias, None, None)
        return ReplicaState(alias, parse_lsn(replay), float(lag))


lsn_source: LsnSource = PostgresLsnSource()
_rotation = itertools.count()


@dataclass
class ReadState:
    """One request's routing: what the person last wrote or saw, and where reads go."""

    seen_lsn: int | None
    may_use_replica: bool
    alias: str | None = None  # decided on the first routed read
    served_at: int | None = None  # the replica's replay position when it was chosen
    wrote: bool = False
    read_records: bool = False


_state: contextvars.ContextVar[ReadState | None] = contextvars.ContextVar(
    "replica_read_state", default=None
)


def replica_aliases() -> list[str]:
    return list(settings.DATABASE_REPLICA_ALIASES)


def _decide(state: ReadState) -> str:
    aliases = replica_aliases()
    if not aliases:
        return PRIMARY
    start = next(_rotation) % len(aliases)
    ordered = aliases[start:] + aliases[:start]
    states = [lsn_source.replica_state(alias) for alias in ordered]
    alias = choose_read_database(
        last_write_lsn=state.seen_lsn,
        replicas=states,
        max_lag_seconds=settings.DATABASE_REPLICA_MAX_LAG,
    )
    state.served_at = next((s.replay_lsn for s in states if s.alias == alias), None)
    return alias


class ReplicaRouter:
    """Django database router (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        state = _state.get()
        if state is None or model._meta.app_label not in REPLICA_APPS:
            return PRIMARY
        state.read_records = True
        if not state.may_use_replica or state.wrote or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if state.alias is None:
            state.alias = _decide(state)
        return state.alias

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        state = _state.get()
        if state is not None and model._meta.app_label in REPLICA_APPS:
            # From now on this request reads what it wrote, and so does the person's next one.
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # a replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY  # replicas receive the schema through replication


def _cookie_lsn(request: HttpRequest) -> int | None:
    try:
        value = request.get_signed_cookie(
            LSN_COOKIE, default=None, salt=LSN_COOKIE_SALT, max_age=LSN_COOKIE_MAX_AGE
        )
        return parse_lsn(value) if value else None
    except (signing.BadSignature, ValueError):
        return None


def _position_after(state: ReadState) -> int | None:
    """The WAL position this person has now written or seen, if it moved."""
    if state.wrote:
        return lsn_source.primary_lsn()
    if not state.read_records:
        return None
    if state.alias is not None and state.alias != PRIMARY:
        return state.served_at
    if state.may_use_replica and state.alias == PRIMARY:
        # Read from the primary because no replica was usable: what was shown may be newer
        # than any replica, so the next read must not go back behind it.
        return lsn_source.primary_lsn()
    return None


class ReplicaReadsMiddleware:
    """Opens the request's routing state and keeps the person's WAL position in `rt_lsn`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = ReadState(
            seen_lsn=_cookie_lsn(request), may_use_replica=request.method in SAFE_METHODS
        )
        token = _state.set(state)
        try:
            response = self.get_response(request)
            try:
                position = _position_after(state)
            except DatabaseError:
                position = None  # the primary is away: the page says so already
        finally:
            _state.reset(token)
        if position is not None and (state.seen_lsn is None or position > state.seen_lsn):
            response.set_signed_cookie(
                LSN_COOKIE,
                format_lsn(position),
                salt=LSN_COOKIE_SALT,
                max_age=LSN_COOKIE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        if state.alias is not None and settings.DATABASE_REPLICA_HEADER:
            response["X-Roundtable-Read-From"] = "primary" if state.alias == PRIMARY else "replica"
        return response
