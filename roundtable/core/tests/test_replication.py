"""The pure decision: which database a read may go to (roundtable/core/replication.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.core.replication import (
    MAX_LSN,
    PRIMARY,
    ReplicaState,
    choose_read_database,
    format_lsn,
    parse_lsn,
    replica_usable,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0/0", 0),
        ("0/16B3748", 0x16B3748),
        ("16/B374D848", (0x16 << 32) | 0xB374D848),
        ("FFFFFFFF/FFFFFFFF", MAX_LSN),
    ],
)
def test_lsn_worked_examples(text, value):
    assert parse_lsn(text) == value
    assert format_lsn(value) == text


@pytest.mark.parametrize("bad", ["", "16", "16/", "/1", "G/1", "1/2/3", "123456789/0", "0x1/2"])
def test_what_is_not_an_lsn_is_refused(bad):
    with pytest.raises(ValueError):
        parse_lsn(bad)


@given(st.integers(min_value=0, max_value=MAX_LSN), st.integers(min_value=0, max_value=MAX_LSN))
def test_lsn_round_trip_keeps_the_order(a, b):
    assert parse_lsn(format_lsn(a)) == a
    # PostgreSQL compares positions as numbers; so must the router, whatever the spelling.
    assert (parse_lsn(format_lsn(a)) < parse_lsn(format_lsn(b))) == (a < b)


def _replica(alias, replay, lag=0.0):
    return ReplicaState(alias, replay, lag)


# Worked examples: (the person's last write, the replicas in the order asked, the answer).
EXAMPLES = [
    # Nothing written: the first replica that is up and close enough.
    (None, [_replica("replica1", 100)], "replica1"),
    # Written at 150, replayed only to 100: the primary, or the write would seem lost.
    (150, [_replica("replica1", 100)], PRIMARY),
    # Replayed exactly to the write: it is there.
    (150, [_replica("replica1", 150)], "replica1"),
    # The first is behind the write, the second has passed it.
    (150, [_replica("replica1", 100), _replica("replica2", 200)], "replica2"),
    # Down (could not be asked): skipped.
    (None, [ReplicaState("replica1", None, None), _replica("replica2", 5)], "replica2"),
    # Caught up with the write but 12 s behind the primary: beyond the 5 s bound.
    (None, [_replica("replica1", 300, lag=12.0)], PRIMARY),
    # Exactly at the bound: still usable.
    (None, [_replica("replica1", 300, lag=5.0)], "replica1"),
    # No replicas at all.
    (10, [], PRIMARY),
]


@pytest.mark.parametrize(("last_write", "replicas", "expected"), EXAMPLES)
def test_worked_examples(last_write, replicas, expected):
    answer = choose_read_database(last_write_lsn=last_write, replicas=replicas, max_lag_seconds=5)
    assert answer == expected


replica_states = st.builds(
    ReplicaState,
    alias=st.sampled_from(["replica1", "replica2", "replica3"]),
    replay_lsn=st.none() | st.integers(min_value=0, max_value=2**40),
    lag_seconds=st.none() | st.floats(min_value=0, max_value=60, allow_nan=False),
)


@given(
    last_write=st.none() | st.integers(min_value=0, max_value=2**40),
    replicas=st.lists(replica_states, max_size=3, unique_by=lambda r: r.alias),
    max_lag=st.floats(min_value=0, max_value=30, allow_nan=False),
)
def test_a_read_never_goes_back_behind_the_write(last_write, replicas, max_lag):
    answer = choose_read_database(
        last_write_lsn=last_write, replicas=replicas, max_lag_seconds=max_lag
    )
    usable = [
        r for r in replicas if replica_usable(r, last_write_lsn=last_write, max_lag_seconds=max_lag)
    ]
    if answer == PRIMARY:
        # The primary only when no replica would do: replicas are not left idle.
        assert usable == []
    else:
        chosen = next(r for r in replicas if r.alias == answer)
        assert chosen == usable[0]
        # Up, within the lag bound, and past the person's own last write.
        assert chosen.replay_lsn is not None and chosen.lag_seconds is not None
        assert chosen.lag_seconds <= max_lag
        assert last_write is None or chosen.replay_lsn >= last_write
