"""Reads from a replica that never go back in time (roundtable/core/db_router.py).

The replica is the test database itself behind a second connection (Django's TEST MIRROR), so
no second server is needed: what these tests show is *where* each statement was sent, which the
router alone decides. The replica's replay position is set by a fake LSN source. The tests are
transactional, so what one connection commits the other sees, as on a real replica that has
caught up.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.core import db_router
from roundtable.core.replication import ReplicaState, format_lsn
from roundtable.journal.models import JournalEntry
from roundtable.journal.testing import write

REPLICA = "replica1"
PRIMARY = "default"


class FakeLsn:
    """The primary's current WAL position and the replica's replay position, set by the test."""

    def __init__(self) -> None:
        self.primary = 0x1000
        self.replay: int | None = 0x1000
        self.lag = 0.0
        self.primary_asked = 0

    def primary_lsn(self) -> int:
        self.primary_asked += 1
        return self.primary

    def replica_state(self, alias: str) -> ReplicaState:
        return ReplicaState(alias, self.replay, None if self.replay is None else self.lag)


@pytest.fixture
def replica(transactional_db, settings, monkeypatch) -> Iterator[FakeLsn]:
    """A replica alias mirroring the test database, the router and its middleware installed.

    What DATABASE_REPLICA_URLS gives in production (config/settings.py: an alias whose TEST
    MIRROR is the default database), made for one test: a second connection to the test
    database, registered under its alias.
    """
    mirrored = copy.deepcopy(connections[PRIMARY].settings_dict)
    mirrored["TEST"] = {**mirrored.get("TEST", {}), "MIRROR": PRIMARY}
    wrapper = type(connections[PRIMARY])(mirrored, alias=REPLICA)
    # Registered where the handler keeps its open connections, not in its settings: Django's
    # test case then treats it as a connection made during the test, and allows it.
    local = connections._connections  # type: ignore[attr-defined]
    setattr(local, REPLICA, wrapper)
    settings.DATABASE_REPLICA_ALIASES = [REPLICA]
    settings.DATABASE_ROUTERS = ["roundtable.core.db_router.ReplicaRouter"]
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:2],
        "roundtable.core.db_router.ReplicaReadsMiddleware",
        *settings.MIDDLEWARE[2:],
    ]
    settings.DATABASE_REPLICA_HEADER = True
    fake = FakeLsn()
    monkeypatch.setattr(db_router, "lsn_source", fake)
    yield fake
    wrapper.close()
    delattr(local, REPLICA)


def _tables(captured: CaptureQueriesContext, *, joined: bool = True) -> set[str]:
    """The tables the captured statements touched (with `joined=False`: the tables they read
    from or wrote to, not those they joined for a name or a date)."""
    keywords = "FROM|JOIN|INTO|UPDATE" if joined else "FROM|INTO|UPDATE"
    names: set[str] = set()
    for query in captured.captured_queries:
        names.update(re.findall(rf'(?:{keywords})\s+"?(\w+)"?', query["sql"]))
        if "audit_event_append" in query["sql"]:
            names.add("audit_auditevent")
    return names


def _capture_both():
    return CaptureQueriesContext(connections[PRIMARY]), CaptureQueriesContext(connections[REPLICA])


def test_a_page_reads_the_records_from_the_replica_and_writes_its_audit_event_on_the_primary(
    replica, client, login, cast
):
    write(cast.alice, cast.anna, "health_summary", "Sleeps better since the last meeting.")
    login(cast.alice)
    events_before = AuditEvent.objects.count()
    primary, replica_queries = _capture_both()
    with primary, replica_queries:
        response = client.get(reverse("journal:journal", args=[cast.anna.pk]))
    assert response.status_code == 200
    assert "Sleeps better" in response.content.decode()
    assert response["X-Roundtable-Read-From"] == "replica"
    assert "journal_journalentry" in _tables(replica_queries)
    assert "journal_journalentry" not in _tables(primary)
    # The audit event of the read is written on the primary, never on the replica.
    assert "audit_auditevent" in _tables(primary)
    assert not any(
        q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        or "audit_event_append" in q["sql"]
        for q in replica_queries.captured_queries
    )
    assert AuditEvent.objects.count() == events_before + 1
    # Nothing written and nothing newer seen than the cookie says: no primary LSN asked.
    assert replica.primary_asked == 0


def test_consent_and_break_glass_are_read_from_the_primary(replica, client, login, cast):
    # Bob (jobcentre) reads Anna's journal: what consent lets him see is decided on the primary,
    # so a revoked consent counts on the next request whatever the replica's lag.
    login(cast.bob)
    primary, replica_queries = _capture_both()
    with primary, replica_queries:
        response = client.get(reverse("journal:journal", args=[cast.anna.pk]))
    assert response.status_code == 200
    assert response["X-Roundtable-Read-From"] == "replica"
    assert any(t.startswith("consent_") for t in _tables(primary))
    assert not any(t.startswith(("consent_", "breakglass_")) for t in _tables(replica_queries))
    # The person and their session too: signing in and out never waits for a replica (an
    # entry's author is joined for their name; that is part of the record).
    on_replica = _tables(replica_queries, joined=False)
    assert not any(t.startswith(("accounts_", "django_session")) for t in on_replica), on_replica


def test_after_a_write_reads_stay_on_the_primary_until_the_replica_has_replayed_it(
    replica, client, login, cast
):
    login(cast.bob)
    journal = reverse("journal:journal", args=[cast.anna.pk])
    # Bob writes; the primary's WAL is then at 0x2000 while the replica has replayed 0x1000.
    replica.primary = 0x2000
    primary, replica_queries = _capture_both()
    with primary, replica_queries:
        response = client.post(
            reverse("journal:write", args=[cast.anna.pk]),
            {"data_class": "vocational", "body": "Met the bakery owner."},
        )
    assert response.status_code == 302
    # The write, and every statement of that request, went to the primary.
    assert "journal_journalentry" in _tables(primary)
    assert replica_queries.captured_queries == []
    assert client.cookies[db_router.LSN_COOKIE].value  # the position, signed
    # At once: the replica has not replayed 0x2000, so the page is read from the primary and
    # shows the entry just written.
    with CaptureQueriesContext(connections[REPLICA]) as replica_queries:
        response = client.get(journal)
    assert response["X-Roundtable-Read-From"] == "primary"
    assert "Met the bakery owner." in response.content.decode()
    assert "journal_journalentry" not in _tables(replica_queries)
    # Replayed to just before the write: still the primary.
    replica.replay = 0x1FFF
    assert client.get(journal)["X-Roundtable-Read-From"] == "primary"
    # Replayed past it: the replica serves it again.
    replica.replay = 0x2000
    with CaptureQueriesContext(connections[REPLICA]) as replica_queries:
        response = client.get(journal)
    assert response["X-Roundtable-Read-From"] == "replica"
    assert "journal_journalentry" in _tables(replica_queries)
    assert "Met the bakery owner." in response.content.decode()


def test_the_written_position_follows_the_person_to_another_app_server(
    replica, client, login, cast
):
    # Another app server knows only what the browser sends: the signed cookie.
    login(cast.bob)
    replica.primary = 0x5000
    client.post(
        reverse("journal:write", args=[cast.anna.pk]),
        {"data_class": "vocational", "body": "Called the employer."},
    )
    cookie = client.cookies[db_router.LSN_COOKIE].value
    replica.replay = 0x4000
    other = type(client)()
    other.cookies = copy.deepcopy(client.cookies)
    assert other.get(reverse("journal:journal", args=[cast.anna.pk]))["X-Roundtable-Read-From"] == (
        "primary"
    )
    # A forged or tampered position is ignored (it could only push reads to the primary).
    other.cookies[db_router.LSN_COOKIE] = cookie.replace(format_lsn(0x5000), format_lsn(0x1))
    assert other.get(reverse("journal:journal", args=[cast.anna.pk]))["X-Roundtable-Read-From"] == (
        "replica"
    )


def test_a_lagging_or_missing_replica_is_skipped(replica, client, login, cast):
    login(cast.alice)
    journal = reverse("journal:journal", args=[cast.anna.pk])
    replica.lag = 60.0  # beyond DATABASE_REPLICA_MAX_LAG
    response = client.get(journal)
    assert response.status_code == 200 and response["X-Roundtable-Read-From"] == "primary"
    # Served from the primary because the replica was behind: the next read must not go back
    # behind what was shown, so the cookie now holds the primary's position.
    assert client.cookies[db_router.LSN_COOKIE].value
    replica.lag = 0.0
    replica.replay = None  # down
    response = client.get(journal)
    assert response.status_code == 200 and response["X-Roundtable-Read-From"] == "primary"
    replica.replay = replica.primary  # back and caught up
    assert client.get(journal)["X-Roundtable-Read-From"] == "replica"


def test_reads_inside_a_transaction_and_outside_a_request_use_the_primary(replica, cast):
    # A service decides afresh and locks inside its transaction: never against a replica.
    state = db_router.ReadState(seen_lsn=None, may_use_replica=True)
    token = db_router._state.set(state)
    try:
        router = db_router.ReplicaRouter()
        assert router.db_for_read(JournalEntry) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(JournalEntry) == PRIMARY
        assert router.db_for_write(JournalEntry) == PRIMARY
        # After a write, the rest of the request reads what it wrote.
        assert router.db_for_read(JournalEntry) == PRIMARY
    finally:
        db_router._state.reset(token)
    # Commands and the worker (no request): the primary.
    assert db_router.ReplicaRouter().db_for_read(JournalEntry) == PRIMARY
    assert db_router.ReplicaRouter().allow_migrate(REPLICA, "journal") is False


def test_without_replicas_nothing_is_routed(settings):
    # DATABASE_REPLICA_URLS unset (the default, SQLite and CI): no router, no middleware.
    assert settings.DATABASE_REPLICA_URLS == []
    assert settings.DATABASE_ROUTERS == []
    assert "roundtable.core.db_router.ReplicaReadsMiddleware" not in settings.MIDDLEWARE
    assert settings.DATABASE_REPLICA_ALIASES == []
    assert list(connections) == [PRIMARY]
