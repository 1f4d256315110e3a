from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("read")
    LIST = "list", _("list")
    SEARCH = "search", _("search")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    PRINT = "print", _("print")
    LOGIN = "login", _("login")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOGOUT = "logout", _("logout")
    CONSENT_CHANGE = "consent_change", _("consent change")
    BREAK_GLASS_START = "break_glass_start", _("emergency access started")
    BREAK_GLASS_END = "break_glass_end", _("emergency access ended")


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    DENIED = "denied", _("denied")
    NOT_FOUND = "not_found", _("not found")


class AuditEvent(models.Model):
    """One append-only audit event. Never the clinical content itself (SECURITY.md 19).

    No foreign keys: an event outlives the user, citizen or record it names, and the table
    refuses UPDATE and DELETE (a database trigger, see migration 0002), so a cascade could not
    touch it anyway. ``chain`` names the hash chain the event belongs to (per citizen, per
    signed-in user for events without a citizen, a few system chains for events with neither:
    ``audit_chain_for``), so that writers never queue on one global lock; ``sequence`` is its
    place in that chain (1, 2, 3, ...), ``prev_hash`` the hash of the event before it and
    ``hash`` the SHA-256 of its own canonical form (see ``canonical_event_bytes``). Only
    ``audit_record`` writes events; ``roundtable audit verify`` recomputes the chains.
    """

    id = models.BigAutoField(primary_key=True)
    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.UUIDField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    organisation_id = models.UUIDField(null=True, blank=True)
    citizen_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=12, choices=AuditOutcome.choices)
    purpose = models.CharField(max_length=60, blank=True)
    consent_decision = models.CharField(max_length=60, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    chain = models.CharField(max_length=60, blank=True)
    # Counts and filters, never content: {"count": 12, "status": "active"}.
    detail = models.JSONField(default=dict, blank=True)
    sequence = models.PositiveBigIntegerField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["citizen_id", "occurred_at"], name="audit_citizen_time"),
            models.Index(fields=["actor_id", "occurred_at"], name="audit_actor_time"),
        ]
        constraints = [
            # Also the index that verify and the citizen's access log walk, chain by chain.
            models.UniqueConstraint(fields=["chain", "sequence"], name="audit_chain_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("audit events are append-only")
        # A new event needs its place in its chain: only audit_record gives it one.
        raise RuntimeError("write audit events with roundtable.audit.services.audit_record")

    def delete(self, *args, **kwargs):
        raise RuntimeError("audit events are append-only")

    def hashed_values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in HASHED_FIELDS}

    def compute_hash(self) -> str:
        return event_hash(self.hashed_values())


class AuditChainHead(models.Model):
    """Where each chain ends: the last sequence and hash, one row per chain.

    The writer locks this row (as SELECT ... FOR UPDATE does) to append to its chain, and the
    insert of the event moves it (a trigger, migration 0006), so a rolled-back write leaves
    neither an event nor an advanced head. Derived data, updated in place (not append-only):
    verify trusts it for one thing only, to notice that the last events of a chain were deleted.
    """

    chain = models.CharField(primary_key=True, max_length=60)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.chain} @ {self.last_sequence}"


# The hash the first event of every chain names as its predecessor.
GENESIS_HASH = "0" * 64

# Every column of AuditEvent except ``hash``. A column added later must be added here with care:
# events written before it would no longer verify unless the canonical form leaves the new key
# out while it holds its default (test_hash_chain.py fails until the new column is decided on);
# and to the PostgreSQL writer, audit_event_append (migration 0008), which reads every column
# from the canonical form.
HASHED_FIELDS = (
    "id",
    "event_id",
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "organisation_id",
    "citizen_id",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "purpose",
    "consent_decision",
    "request_id",
    "chain",
    "sequence",
    "prev_hash",
    "detail",
)


def normalise_detail(value: Any) -> Any:
    """``detail`` as the database will give it back, so the writer hashes what verify reads.

    A JSON round trip (tuples become lists, keys strings; NaN and infinity are refused), then
    floats without a fractional part become integers: PostgreSQL's jsonb returns 1e20 as the
    integer 100000000000000000000, and SQLite keeps the text, so only integers agree on both.
    """
    if type(value) is dict and all(
        type(key) is str and type(item) in _PLAIN for key, item in value.items()
    ):
        return dict(value)  # most details ({"count": 12}): the round trip would change nothing
    return _integral_floats_as_int(json.loads(json.dumps(value, allow_nan=False)))


_PLAIN = frozenset({str, int, bool, type(None)})


def _integral_floats_as_int(value: Any) -> Any:
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {key: _integral_floats_as_int(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integral_floats_as_int(item) for item in value]
    return value


def _canonical_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str | Promise):
        return str(value)  # a TextChoices member or lazy text becomes its plain value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("audit times are aware UTC datetimes")
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, Mapping | list | tuple | float):
        return normalise_detail(value)
    raise TypeError(f"cannot hash a {type(value).__name__} in an audit event")


def canonical_event_bytes(values: Mapping[str, Any]) -> bytes:
    """The exact bytes an event's hash is taken over.

    A JSON object with exactly the keys of HASHED_FIELDS (every column but ``hash``, so
    ``prev_hash`` and ``sequence`` included), written with sorted keys, no whitespace and every
    non-ASCII character escaped as \\uXXXX — Python's
    ``json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)``
    — and encoded as ASCII. The values:

    - ``id``, ``sequence``: JSON integers;
    - ``event_id``, ``actor_id``, ``organisation_id``, ``citizen_id``: lower-case hyphenated UUID
      strings, or null;
    - ``occurred_at``: UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (always six fractional digits);
    - the text columns (``action``, ``chain``, ``prev_hash`` ...): JSON strings as stored;
      ``prev_hash`` is 64 lower-case hex digits, all zeros for the first event of a chain;
    - ``detail``: the stored JSON value, keys sorted at every level, floats without a
      fractional part written as integers (``normalise_detail``).

    For example (one line, shortened here)::

        {"action":"read","actor_id":"6f1c...","actor_role":"care_manager",
         "actor_username":"alice.andersen","chain":"citizen:0b7e...","citizen_id":"0b7e...",
         "consent_decision":"","detail":{},"event_id":"d2a4...","id":17,"object_id":"0b7e...",
         "object_type":"citizen","occurred_at":"2026-11-23T19:25:00.123456Z",
         "organisation_id":"9a3d...","outcome":"allowed","prev_hash":"5e88...",
         "purpose":"","request_id":"4f0e...","sequence":3}
    """
    missing = set(HASHED_FIELDS) - set(values)
    if missing:
        raise ValueError(f"audit event lacks {sorted(missing)}")
    document = {name: _canonical_value(values[name]) for name in HASHED_FIELDS}
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def event_hash(values: Mapping[str, Any]) -> str:
    """SHA-256, lower-case hex, of ``canonical_event_bytes(values)``."""
    return hashlib.sha256(canonical_event_bytes(values)).hexdigest()


# The three hashed values only the chain's head can give, so the writer learns them under the
# head's lock: the event's id (allocated then), its sequence and the previous event's hash.
PLACE_FIELDS = ("id", "prev_hash", "sequence")


def canonical_event_parts(values: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """``canonical_event_bytes`` cut around the place fields, which ``values`` need not hold.

    The canonical form is ``parts[0] + str(id) + parts[1] + prev_hash + parts[2] +
    str(sequence) + parts[3]`` (the quotes around ``prev_hash`` are in the parts), so a writer
    can build everything but the place before it takes the chain head's lock, and the database
    can finish the hash in the same statement that takes it (``audit_event_append``, migration
    0008). Verify does not use this: it recomputes ``canonical_event_bytes`` with ``json.dumps``
    as documented, and a test checks that the two agree.
    """
    # Three json.dumps calls, one per run of keys between place fields, instead of one per key:
    # the sorted runs, glued with the place keys, are the sorted document.
    runs: list[dict[str, Any]] = [{}]
    for name in _SORTED_FIELDS:
        if name in PLACE_FIELDS:
            runs.append({})
        else:
            runs[-1][name] = _canonical_value(values[name])
    inner = [_dumps(run)[1:-1] if run else "" for run in runs]  # '"key":value,...' unbraced
    parts = []
    text = "{" + inner[0]
    for place, following in zip(PLACE_FIELDS, inner[1:], strict=True):
        quote = '"' if place == "prev_hash" else ""
        parts.append(f'{text}{"," if text != "{" else ""}"{place}":{quote}')
        text = quote + ("," + following if following else "")
    first, second, third = parts
    return first, second, third, text + "}"


_SORTED_FIELDS = sorted(HASHED_FIELDS)


# The encoder canonical_event_bytes' json.dumps call builds, made once.
_dumps = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
).encode


def event_hash_from_parts(
    parts: tuple[str, str, str, str], *, id: int, prev_hash: str, sequence: int
) -> str:
    """What ``event_hash`` gives for the event once its place in the chain is known."""
    first, second, third, last = parts
    document = f"{first}{int(id)}{second}{prev_hash}{third}{int(sequence)}{last}"
    return hashlib.sha256(document.encode("ascii")).hexdigest()
