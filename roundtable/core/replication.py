"""Where a read may go: the primary or a streaming replica. Pure functions, no database.

PostgreSQL names a position in its write-ahead log (WAL) as an LSN, written ``"16/B374D848"``:
two 32-bit halves in hexadecimal. A replica that has replayed the WAL up to LSN *x* shows every
transaction committed at or before *x*. So a person whose last write committed at LSN *w* may
read from a replica only if its replay position is at least *w*; otherwise they could see the
record as it was before their own write ("read-your-writes").

`choose_read_database` is the whole decision. The router (`core/db_router.py`) gathers its
inputs (the person's last write LSN from a signed cookie, each replica's replay position and lag)
and follows its answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

PRIMARY = "default"

_LSN = re.compile(r"^([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})$")
MAX_LSN = (1 << 64) - 1


def parse_lsn(text: str) -> int:
    """``"16/B374D848"`` → the position as one integer (ordered as PostgreSQL orders them)."""
    match = _LSN.match(text.strip())
    if match is None:
        raise ValueError(f"not an LSN: {text!r}")
    return (int(match.group(1), 16) << 32) | int(match.group(2), 16)


def format_lsn(position: int) -> str:
    """The inverse of `parse_lsn`, in PostgreSQL's own spelling (upper case, no padding)."""
    if not 0 <= position <= MAX_LSN:
        raise ValueError(f"not an LSN: {position}")
    return f"{position >> 32:X}/{position & 0xFFFFFFFF:X}"


@dataclass(frozen=True)
class ReplicaState:
    """What is known of one replica right now.

    ``replay_lsn`` is ``pg_last_wal_replay_lsn()``; None when the replica could not be asked
    (down, refused, timed out). ``lag_seconds`` is how far behind the primary it is replaying:
    0 when it has replayed everything it received, else the age of the last replayed
    transaction; None when unknown.
    """

    alias: str
    replay_lsn: int | None
    lag_seconds: float | None


def replica_usable(
    replica: ReplicaState, *, last_write_lsn: int | None, max_lag_seconds: float
) -> bool:
    """Whether this replica may serve the reads of a person whose last write was at
    ``last_write_lsn`` (None: they have written nothing we know of)."""
    if replica.replay_lsn is None or replica.lag_seconds is None:
        return False
    if replica.lag_seconds > max_lag_seconds:
        return False
    return last_write_lsn is None or replica.replay_lsn >= last_write_lsn


def choose_read_database(
    *,
    last_write_lsn: int | None,
    replicas: Sequence[ReplicaState],
    max_lag_seconds: float,
) -> str:
    """The alias to read from: the first usable replica in the order given, else the primary.

    The caller orders the replicas (it rotates them to spread the load); the decision itself
    depends on nothing else, so the same inputs always give the same answer.
    """
    for replica in replicas:
        if replica_usable(replica, last_write_lsn=last_write_lsn, max_lag_seconds=max_lag_seconds):
            return replica.alias
    return PRIMARY
