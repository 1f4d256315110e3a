"""Events written before the hash chain get their places and hashes from migration 0004.

The test migrates the audit app back to 0002 (events without chain columns), writes events
there, and migrates forward again with the append-only triggers in place throughout. Schema
changes need real transactions, so there is no django_db marker: the test asks for the
project's transactional_db (conftest.py), which steps the audit triggers around the flush.
"""

import datetime as dt
import uuid

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from roundtable.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from roundtable.audit.tests.tampering import run_sql, trigger_names, triggers_present
from roundtable.audit.verify import audit_chain_verify

BEFORE = [("audit", "0002_append_only_triggers")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return [node for node in executor.loader.graph.leaf_nodes() if node[0] == "audit"]


def test_backfill_chains_old_events_in_id_order_with_the_triggers_kept(transactional_db):
    latest = _latest()
    try:
        executor = _migrate(BEFORE)
        assert triggers_present()
        OldEvent = executor.loader.project_state(BEFORE).apps.get_model("audit", "AuditEvent")
        anna, bent, region = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
        chains = [f"citizen:{anna}", f"citizen:{bent}", f"organisation:{region}", "system"]
        written = []
        for i in range(23):  # interleaved chains, as they are written in real life
            chain = chains[i % 4] if i % 5 else chains[0]
            written.append(
                OldEvent.objects.create(
                    occurred_at=start + dt.timedelta(minutes=i),
                    actor_username="alice.andersen",
                    actor_role="care_manager",
                    organisation_id=region,
                    citizen_id=uuid.UUID(chain.split(":")[1]) if "citizen" in chain else None,
                    action="read",
                    object_type="citizen",
                    outcome="allowed",
                    request_id=f"old-{i}",
                    chain=chain,
                    detail={"shown": i, "ratio": 1.0},
                )
            )
        _migrate(latest)

        for chain in chains:
            events = list(AuditEvent.objects.filter(chain=chain).order_by("sequence"))
            ids = [e.id for e in written if e.chain == chain]
            assert [e.id for e in events] == ids  # the places follow the order of writing
            assert [e.sequence for e in events] == list(range(1, len(ids) + 1))
            assert events[0].prev_hash == GENESIS_HASH
            assert all(e.hash == e.compute_hash() for e in events)
            head = AuditChainHead.objects.get(chain=chain)
            assert (head.last_sequence, head.last_hash) == (len(ids), events[-1].hash)
        report = audit_chain_verify()
        assert (report.intact, report.chains, report.events) == (True, 4, 23)

        # The triggers are back after the backfill: the table refuses changes again.
        assert triggers_present()
        assert "audit_event_moves_chain_head" in trigger_names()
        with pytest.raises(DatabaseError), transaction.atomic():
            run_sql("UPDATE audit_auditevent SET actor_username = 'x'")
    finally:
        _migrate(latest)


def test_an_empty_table_migrates_back_and_forth(transactional_db):
    latest = _latest()
    try:
        _migrate(BEFORE)
        assert "audit_event_moves_chain_head" not in trigger_names()
        _migrate(latest)
        assert triggers_present()
        assert "audit_event_moves_chain_head" in trigger_names()
        assert audit_chain_verify().intact
    finally:
        _migrate(latest)
