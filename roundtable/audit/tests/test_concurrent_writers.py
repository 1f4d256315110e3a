"""Concurrent writers: each chain stays gapless, and writers of different chains never wait.

Real transactions in several threads, so no django_db marker here: the tests ask for the
project's transactional_db (conftest.py), which steps the audit triggers around the flush.
"""

import threading
import uuid
from collections import defaultdict

import pytest
from django.db import OperationalError, connection, transaction

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.audit.verify import audit_chain_verify
from roundtable.testing import make_cast

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every writer on its one lock"
)


def _read(actor: Actor, citizen_id: uuid.UUID) -> AuditEvent:
    return audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        object_id=citizen_id,
        citizen_id=citizen_id,
    )


def _list(actor: Actor) -> AuditEvent:
    """A list page: no citizen named, the count only."""
    return audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        detail={"count": 20},
    )


def _failed_sign_in() -> AuditEvent:
    return audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        object_type="session",
        username=f"guess.{uuid.uuid4().hex[:8]}",
    )


def _lock_timeout(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{value}'")


def test_concurrent_writers_never_share_a_place_in_a_chain(transactional_db):
    actor = Actor(user_id=uuid.uuid4(), username="many.hands", role="care_manager")
    citizens = [uuid.uuid4(), uuid.uuid4()]
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(n):
                # Some inside a service's transaction, some on their own (autocommit); one
                # person's list pages in several tabs share their chain, failed sign-ins spread.
                if i % 2:
                    with transaction.atomic():
                        _read(actor, citizens[i % 4 // 2])
                        _list(actor)
                else:
                    _read(actor, citizens[i % 4 // 2])
                    _failed_sign_in()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(20,)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = defaultdict(list)
    for chain, sequence in AuditEvent.objects.order_by("chain", "sequence").values_list(
        "chain", "sequence"
    ):
        sequences[chain].append(sequence)
    for citizen_id in citizens:
        assert sequences.pop(f"citizen:{citizen_id}") == list(range(1, 61))
    assert sequences.pop(f"user:{actor.user_id}") == list(range(1, 61))
    assert sum(len(s) for s in sequences.values()) == 60
    for chain, places in sequences.items():
        assert chain.startswith("system:")
        assert places == list(range(1, len(places) + 1))
    assert audit_chain_verify().intact


def test_professionals_of_one_organisation_write_list_events_without_waiting(transactional_db):
    """Each writes a list event and keeps its transaction open, so it keeps its chain head
    locked, until every one of them has written: with one chain per organisation only the
    first could write, and the others would give up on the lock timeout."""
    cast = make_cast()
    region = [cast.alice, cast.tina, cast.sam, cast.carol, cast.mona, cast.adam]
    assert {p.organisation_id for p in region} == {cast.region.id}
    actors = [actor_for_user(p.user) for p in region]
    all_written = threading.Barrier(len(actors) + 1, timeout=60)
    done = threading.Event()
    errors: list[BaseException] = []

    def write(actor: Actor) -> None:
        try:
            with transaction.atomic():
                _lock_timeout("5s")
                _list(actor)
                all_written.wait()  # with the head still locked
                done.wait(timeout=60)
        except BaseException as exc:
            errors.append(exc)
            all_written.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(actor,)) for actor in actors]
    for thread in threads:
        thread.start()
    try:
        all_written.wait()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                " WHERE d.datname = current_database() AND NOT l.granted"
            )
            waiting = cursor.fetchone()[0]
    except threading.BrokenBarrierError:
        waiting = None
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert waiting == 0
    events = AuditEvent.objects.filter(action=AuditAction.LIST)
    assert sorted(events.values_list("chain", flat=True)) == sorted(
        f"user:{actor.user_id}" for actor in actors
    )
    assert set(events.values_list("sequence", flat=True)) == {1}
    assert audit_chain_verify().intact


def test_two_writers_of_one_chain_do_wait_for_each_other(transactional_db):
    """The check above can fail: a second writer of a chain whose head is held waits for it."""
    actor = Actor(user_id=uuid.uuid4(), username="one.professional", role="care_manager")
    citizen = uuid.uuid4()
    holding, done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                _read(actor, citizen)
                holding.set()
                done.wait(timeout=60)
        except BaseException as exc:
            errors.append(exc)
            holding.set()
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(timeout=60)
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            _lock_timeout("200ms")
            _read(actor, citizen)
    finally:
        done.set()
        holder.join()
    assert errors == []
    assert list(AuditEvent.objects.values_list("sequence", flat=True)) == [1]
