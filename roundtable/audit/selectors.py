"""Reads of the audit trail: the citizen's access log, and the verification of the hash chains."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import (
    GENESIS_HASH,
    HASHED_FIELDS,
    AuditAction,
    AuditChainHead,
    AuditEvent,
    AuditOutcome,
    event_hash,
)
from roundtable.audit.services import audit_chain_for, audit_record
from roundtable.core.selectors import refused_read
from roundtable.organisations.models import Organisation, Role

# --- The citizen's access log (SECURITY.md 21) ---------------------------------------------------

ACCESS_LOG_MAX_LIMIT = 100

# What someone did, in words for the person it was done to. Specific first, then by action.
_WHAT_BY_OBJECT: dict[tuple[str, str], Promise] = {
    (AuditAction.READ, "citizen"): _("looked at your record"),
    (AuditAction.READ, "national_id"): _("looked at your national identity number"),
    (AuditAction.READ, "course"): _("looked at your course"),
    (AuditAction.CREATE, "course"): _("registered your referral and started your course"),
    (AuditAction.UPDATE, "course"): _("changed your course"),
    (AuditAction.CREATE, "benefit_period"): _("wrote down a period of sick pay or benefit"),
    (AuditAction.CREATE, "benefit_decision"): _("wrote down a decision about your benefit"),
    (AuditAction.CREATE, "evidence_request"): _("asked for medical evidence"),
    (AuditAction.UPDATE, "evidence_request"): _("noted that the medical evidence was sent"),
    (AuditAction.UPDATE, "milestone"): _("marked a sick-leave deadline as dealt with"),
    (AuditAction.READ, "meeting"): _("looked at a roundtable meeting"),
    (AuditAction.CREATE, "meeting"): _("planned a roundtable meeting with you"),
    (AuditAction.UPDATE, "meeting"): _("changed a roundtable meeting"),
    (AuditAction.CREATE, "decision"): _("wrote down a decision from a meeting"),
    (AuditAction.UPDATE, "decision"): _("changed a decision from a meeting"),
    (AuditAction.CREATE, "decision_option"): _("wrote down a choice for a decision"),
    (AuditAction.UPDATE, "decision_option"): _("changed a choice for a decision"),
    (AuditAction.UPDATE, "meeting_minutes"): _("wrote the notes from a meeting"),
    (AuditAction.EXPORT, "meeting_invitation"): _("downloaded a meeting invitation"),
    (AuditAction.BREAK_GLASS_START, "break_glass_grant"): _("opened your record in an emergency"),
    (AuditAction.BREAK_GLASS_END, "break_glass_grant"): _("ended emergency access to your record"),
    (AuditAction.UPDATE, "break_glass_review"): _("checked an emergency opening of your record"),
    (AuditAction.EXPORT, "access_export"): _("took a copy of your record"),
    (AuditAction.CONSENT_CHANGE, "consent_directive"): _(
        "wrote down your choices about who may see what"
    ),
    (AuditAction.LIST, "consent_directive"): _("looked at your choices about who may see what"),
    (AuditAction.READ, "consent_directive"): _("looked at your choices about who may see what"),
    (AuditAction.READ, "journal_entry"): _("read an entry in your shared journal"),
    (AuditAction.LIST, "journal_entry"): _("looked at your shared journal"),
    (AuditAction.CREATE, "journal_entry"): _("wrote in your shared journal"),
    (AuditAction.CREATE, "journal_dispute"): _("you said a journal entry is wrong"),
    (AuditAction.UPDATE, "journal_dispute"): _("answered what you said was wrong"),
    (AuditAction.CREATE, "journal_addendum"): _("added to an entry in your shared journal"),
    (AuditAction.PRINT, "access_export"): _("printed a copy of your record"),
}
_WHAT_BY_ACTION: dict[str, Promise] = {
    AuditAction.CONSENT_CHANGE: _("changed what may be shared about you"),
    AuditAction.BREAK_GLASS_START: _("opened your record in an emergency"),
    AuditAction.BREAK_GLASS_END: _("ended emergency access to your record"),
    AuditAction.READ: _("looked at your record"),
    AuditAction.LIST: _("saw you in a list"),
    AuditAction.SEARCH: _("searched for you"),
    AuditAction.CREATE: _("added something to your record"),
    AuditAction.UPDATE: _("changed your record"),
    AuditAction.DELETE: _("removed something from your record"),
    AuditAction.EXPORT: _("took a copy of your record"),
    AuditAction.PRINT: _("printed your record"),
}
_REFUSED = _("was refused access")
_SOMETHING = _("did something with your record")
# Why, when the event says (its purpose).
_WHY: dict[str, Promise] = {
    "sickness_benefit": _("for your sickness benefit"),
    "roundtable_meeting": _("for a roundtable meeting"),
    "break_glass": _("in an emergency"),
    "collective_journal": _("for your shared journal"),
    "consent": _("to know what they may share"),
}


@dataclass(frozen=True)
class AccessLogEntry:
    when: dt.datetime
    who: str  # the name as the event stored it, or a neutral word (see _who)
    role: str
    organisation: str
    what: str
    why: str
    action: str
    outcome: str


@dataclass(frozen=True)
class AccessLogPage:
    entries: list[AccessLogEntry]
    total: int
    limit: int
    offset: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.entries) < self.total


def access_log_list(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID | None,
    limit: int,
    offset: int,
    max_limit: int = ACCESS_LOG_MAX_LIMIT,
) -> AccessLogPage:
    """Who else has read or changed the citizen's record, newest first.

    Only the citizen may read it; anyone else gets the same 404 as for a missing citizen (and
    the attempt is audited). The citizen's own actions and failed sign-ins are left out. The
    organisation names of the page are looked up in one query, so the number of queries does
    not grow with the log.
    """
    if actor is None or not actor.is_citizen or actor.citizen_id != citizen_id or not citizen_id:
        raise _access_log_denied(actor=actor, citizen_id=citizen_id)
    limit = max(1, min(limit, max_limit))
    offset = max(0, offset)
    events = _access_log_events(citizen_id=citizen_id, user_id=actor.user_id)
    total = events.count()
    entries = _access_log_entries(events.order_by("-sequence")[offset : offset + limit])
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="access_log",
        object_id=citizen_id,
        citizen_id=citizen_id,
        detail={"shown": len(entries), "offset": offset},
    )
    return AccessLogPage(entries=entries, total=total, limit=limit, offset=offset)


_ACCESS_LOG_COLUMNS = (
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "organisation_id",
    "action",
    "object_type",
    "outcome",
    "purpose",
)


def _access_log_events(*, citizen_id: uuid.UUID, user_id: uuid.UUID | None):
    """The citizen's chain without their own actions and failed sign-ins."""
    chain = audit_chain_for(citizen_id=citizen_id, organisation_id=None)
    return (
        AuditEvent.objects.filter(chain=chain)
        .exclude(actor_id=user_id)
        .exclude(action=AuditAction.LOGIN_FAILED)
    )


def _access_log_entries(events) -> list[AccessLogEntry]:
    """Rows in words, with names and organisations looked up in one query each."""
    rows = list(events.values_list(*_ACCESS_LOG_COLUMNS))
    organisation_ids = {row[4] for row in rows if row[4] is not None}
    # People are shown by their name, as the citizen knows them, not by their login.
    names = _display_names({row[1] for row in rows if row[1] is not None})
    organisations = (
        dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("id", "name"))
        if organisation_ids
        else {}
    )
    return [
        AccessLogEntry(
            when=when,
            who=_who(names.get(actor_id) or username, role),
            role=_role_label(role),
            organisation=organisations.get(organisation_id, "") if organisation_id else "",
            what=_what(action, object_type, outcome),
            why=str(_WHY.get(purpose, "")),
            action=action,
            outcome=outcome,
        )
        for (
            when,
            actor_id,
            username,
            role,
            organisation_id,
            action,
            object_type,
            outcome,
            purpose,
        ) in rows
    ]


def access_log_for_export(*, citizen_id: uuid.UUID, user_id: uuid.UUID | None):
    """The whole access log for the citizen's access export, oldest first. The export selector
    checks access and writes the audit event (roundtable.exports.selectors)."""
    events = _access_log_events(citizen_id=citizen_id, user_id=user_id)
    return _access_log_entries(events.order_by("sequence")[:100_000])


def _access_log_denied(*, actor: Actor | None, citizen_id: uuid.UUID | None) -> Http404:
    # Every caller asks for the actor's own log; a refusal is someone who is not that citizen.
    return refused_read(
        actor=actor,
        object_type="access_log",
        object_id=citizen_id or "",
        citizen_id=citizen_id,
        purpose="",
    )


def _display_names(user_ids: set) -> dict:
    if not user_ids:
        return {}
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=user_ids)
    return {
        pk: f"{first} {last}".strip()
        for pk, first, last in users.values_list("pk", "first_name", "last_name")
        if first or last
    }


def _who(username: str, role: str) -> str:
    if role == "citizen":
        # Another citizen's name is theirs to keep: say only that it was someone else.
        return str(_("Another person"))
    if not username:
        return str(_("Roundtable itself"))
    return username


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else ""


def _what(action: str, object_type: str, outcome: str) -> str:
    if outcome != AuditOutcome.ALLOWED:
        return str(_REFUSED)
    text = _WHAT_BY_OBJECT.get((action, object_type)) or _WHAT_BY_ACTION.get(action, _SOMETHING)
    return str(text)


# --- Verifying the hash chains (SECURITY.md 20, 27, 29) ------------------------------------------

CHANGED = "changed"
MISSING = "missing"
REORDERED = "reordered"
TRUNCATED = "truncated"
NO_HEAD = "no head"

_READ_FIELDS = (*HASHED_FIELDS, "hash")
_MAX_LISTED = 50


@dataclass(frozen=True)
class ChainProblem:
    """The first bad event of one chain. ``event_id`` is None when the event is gone."""

    kind: str
    chain: str
    sequence: int
    event_id: int | None
    explanation: str
    position: int = field(default=0, compare=False)  # the chain's place in the walk

    def __str__(self) -> str:
        if self.event_id is None:
            subject = f"sequence {self.sequence} of chain {self.chain}"
        else:
            subject = f"event {self.event_id} (chain {self.chain}, sequence {self.sequence})"
        return f"{self.kind}: {subject}: {self.explanation}"


@dataclass
class ChainReport:
    chains: int = 0
    events: int = 0
    broken_chains: int = 0
    problems: list[ChainProblem] = field(default_factory=list)  # the first few, in chain order

    @property
    def intact(self) -> bool:
        return self.broken_chains == 0

    def add(self, problem: ChainProblem) -> None:
        self.broken_chains += 1
        self.problems.append(problem)
        if len(self.problems) > 2 * _MAX_LISTED:
            self.problems = sorted(self.problems, key=lambda p: p.position)[:_MAX_LISTED]

    def finish(self) -> None:
        self.problems = sorted(self.problems, key=lambda p: p.position)[:_MAX_LISTED]


def audit_chain_verify(*, chain: str | None = None, batch: int = 2000) -> ChainReport:
    """Recompute every chain (or one) from its events, and compare its end with its head.

    Walks the events in (chain, sequence) order, ``batch`` at a time, so memory stays flat
    however many there are. For each chain it reports the first bad event: changed (its fields
    no longer give its hash), missing (a sequence number is gone), reordered (an event sits at
    another place than the one it was written at) or truncated (the head row says the chain
    was longer). The head table is trusted for nothing else. On PostgreSQL the walk reads one
    snapshot.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return _ChainWalk(chain=chain, batch=batch).run()
    # SQLite: no transaction, so the walk never holds the write lock; a chain that grows
    # meanwhile is told from a truncated one by looking again (see _ChainWalk._check_heads).
    return _ChainWalk(chain=chain, batch=batch).run()


@dataclass
class _ChainEnd:
    position: int
    chain: str
    last_sequence: int
    last_hash: str
    last_id: int | None


class _ChainWalk:
    def __init__(self, *, chain: str | None, batch: int) -> None:
        self.only = chain
        self.batch = batch
        self.report = ChainReport()
        self.pending: list[_ChainEnd] = []
        self.chain: str | None = None
        self.broken = False
        self.expected = 1
        self.prev_hash = GENESIS_HASH
        self.prev_id: int | None = None

    def run(self) -> ChainReport:
        for values in self._events():
            if values["chain"] != self.chain:
                self._end_chain()
                self._start_chain(values["chain"])
            self.report.events += 1
            if self.broken:
                continue
            problem = self._check(values)
            if problem is not None:
                self.broken = True
                self.report.add(problem)
                continue
            self.expected = values["sequence"] + 1
            self.prev_hash = values["hash"]
            self.prev_id = values["id"]
        self._end_chain()
        self._check_heads()
        self._check_emptied_chains()
        self.report.finish()
        return self.report

    def _events(self) -> Iterator[dict[str, Any]]:
        """Every event in (chain, sequence) order, a batch at a time.

        Keyset pages over the (chain, sequence) index rather than one streaming cursor: memory
        stays flat even where server-side cursors are off (PgBouncer), and on SQLite no
        statement stays open while the walk asks its other questions.
        """
        events = AuditEvent.objects.order_by("chain", "sequence", "id")
        if self.only is not None:
            events = events.filter(chain=self.only)
        quote = connection.ops.quote_name
        after = f"({quote('chain')}, {quote('sequence')}, {quote('id')}) > (%s, %s, %s)"
        page = events
        while True:
            rows = list(page.values_list(*_READ_FIELDS)[: self.batch])
            for row in rows:
                yield dict(zip(_READ_FIELDS, row, strict=True))
            if len(rows) < self.batch:
                return
            last = dict(zip(_READ_FIELDS, rows[-1], strict=True))
            key = [last["chain"], last["sequence"], last["id"]]
            page = events.extra(where=[after], params=key)  # noqa: S610 (no user input)

    def _start_chain(self, chain: str) -> None:
        self.chain, self.broken = chain, False
        self.expected, self.prev_hash, self.prev_id = 1, GENESIS_HASH, None
        self.report.chains += 1

    def _end_chain(self) -> None:
        if self.chain is None or self.broken:
            return
        self.pending.append(
            _ChainEnd(
                self.report.chains, self.chain, self.expected - 1, self.prev_hash, self.prev_id
            )
        )
        if len(self.pending) >= self.batch:
            self._check_heads()

    def _problem(
        self, kind: str, sequence: int, event_id: int | None, explanation: str
    ) -> ChainProblem:
        assert self.chain is not None
        return ChainProblem(kind, self.chain, sequence, event_id, explanation, self.report.chains)

    def _check(self, values: dict[str, Any]) -> ChainProblem | None:
        sequence, event_id = values["sequence"], values["id"]
        if sequence > self.expected:
            before = (
                f"from event {self.prev_id} (sequence {self.expected - 1})"
                if self.prev_id is not None
                else "from its start"
            )
            return self._problem(
                MISSING,
                self.expected,
                None,
                f"deleted; the chain jumps {before} to event {event_id} (sequence {sequence})",
            )
        if sequence < self.expected:  # only possible once the unique constraint is dropped
            return self._problem(
                REORDERED, sequence, event_id, f"sequence {sequence} is taken twice"
            )
        if event_hash(values) != values["hash"]:
            if values["prev_hash"] == self.prev_hash:
                return self._problem(
                    CHANGED, sequence, event_id, "its fields no longer give the hash stored with it"
                )
            return self._misplaced(values)
        if values["prev_hash"] != self.prev_hash:
            if self.prev_id is None:
                return self._problem(
                    MISSING,
                    sequence,
                    event_id,
                    "the events before it are gone (deleted), and the chain renumbered",
                )
            return self._problem(
                CHANGED,
                sequence - 1,
                self.prev_id,
                f"it is not the event that event {event_id} (sequence {sequence}) was written"
                " after: it was replaced, or rewritten with a new hash",
            )
        return None

    def _misplaced(self, values: dict[str, Any]) -> ChainProblem:
        """An event whose hash fails and that does not follow the event before it: moved?"""
        sequence, event_id = values["sequence"], values["id"]
        if values["prev_hash"] == GENESIS_HASH:
            written_at: int | None = 1
        else:
            before = (
                AuditEvent.objects.filter(chain=self.chain, hash=values["prev_hash"])
                .values_list("sequence", flat=True)
                .first()
            )
            if before is None:
                return self._problem(
                    MISSING,
                    sequence,
                    event_id,
                    "the event it was written after is gone (deleted), and it no longer"
                    " gives the hash stored with it",
                )
            written_at = before + 1
        if event_hash({**values, "sequence": written_at}) == values["hash"]:
            return self._problem(
                REORDERED, sequence, event_id, f"it was written as sequence {written_at}"
            )
        return self._problem(
            CHANGED,
            sequence,
            event_id,
            "its fields no longer give the hash stored with it, and it does not follow the"
            " event before it",
        )

    def _check_heads(self) -> None:
        if not self.pending:
            return
        heads = {
            chain: (last_sequence, last_hash)
            for chain, last_sequence, last_hash in AuditChainHead.objects.filter(
                chain__in=[end.chain for end in self.pending]
            ).values_list("chain", "last_sequence", "last_hash")
        }
        for end in self.pending:
            problem = self._head_problem(end, heads.get(end.chain))
            if problem is not None:
                self.report.add(problem)
        self.pending = []

    def _head_problem(self, end: _ChainEnd, head: tuple[int, str] | None) -> ChainProblem | None:
        def problem(kind: str, sequence: int, event_id: int | None, text: str) -> ChainProblem:
            return ChainProblem(kind, end.chain, sequence, event_id, text, end.position)

        if head is None:
            return problem(
                NO_HEAD,
                end.last_sequence,
                end.last_id,
                "the chain has no head row, so a deletion of its last events would go unseen",
            )
        head_sequence, head_hash = head
        if head_sequence == end.last_sequence:
            if head_hash == end.last_hash:
                return None
            return problem(
                CHANGED,
                end.last_sequence,
                end.last_id,
                "it is not the last event the chain head recorded: it was replaced, or"
                " rewritten with a new hash",
            )
        if head_sequence < end.last_sequence:
            return problem(
                CHANGED,
                head_sequence + 1,
                None,
                f"the chain goes on past its head (sequence {head_sequence}) to sequence"
                f" {end.last_sequence}: events were added without audit_record, or the head"
                " was set back",
            )
        if _appended_since(end.chain, end.last_sequence):
            return None  # written while we walked (SQLite, no snapshot): verified next time
        deleted = f"{end.last_sequence + 1}"
        if head_sequence > end.last_sequence + 1:
            deleted += f" to {head_sequence}"
        last = (
            f"the last one left is event {end.last_id} (sequence {end.last_sequence})"
            if end.last_id is not None
            else "none is left"
        )
        return problem(
            TRUNCATED,
            end.last_sequence + 1,
            None,
            f"its head records {head_sequence} events, {last}; sequence {deleted} deleted",
        )

    def _check_emptied_chains(self) -> None:
        """Heads of chains that have no event left at all."""
        emptied = AuditChainHead.objects.filter(last_sequence__gt=0).filter(
            ~Exists(AuditEvent.objects.filter(chain=OuterRef("chain")))
        )
        if self.only is not None:
            emptied = emptied.filter(chain=self.only)
        for chain, last_sequence, last_hash in emptied.order_by("chain").values_list(
            "chain", "last_sequence", "last_hash"
        ):
            end = _ChainEnd(self.report.chains + 1, chain, 0, GENESIS_HASH, None)
            problem = self._head_problem(end, (last_sequence, last_hash))
            if problem is not None:
                self.report.add(problem)


def _appended_since(chain: str, last_sequence: int) -> bool:
    return AuditEvent.objects.filter(chain=chain, sequence=last_sequence + 1).exists()
