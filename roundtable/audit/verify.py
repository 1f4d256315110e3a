"""Verifying the audit hash chains (SECURITY.md 20, 27, 29): `roundtable audit verify`.

Every chain is recomputed from its events, whatever its name (``citizen:<id>``, ``user:<id>``,
``system:<n>``, and the ``organisation:<id>`` and ``system`` chains events were written on
before list events moved to their actor's chain), and its end compared with its head row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from roundtable.audit.models import (
    GENESIS_HASH,
    HASHED_FIELDS,
    AuditChainHead,
    AuditEvent,
    event_hash,
)

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
