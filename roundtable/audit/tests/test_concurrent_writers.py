"""Concurrent writers: each chain stays gapless, without two events in one place.

Real transactions in several threads, so no django_db marker here: the test asks for the
project's transactional_db (conftest.py), which steps the audit triggers around the flush.
"""

import threading
import uuid

import pytest
from django.db import connection, transaction

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.audit.verify import audit_chain_verify


def _read(actor: Actor, citizen_id: uuid.UUID) -> AuditEvent:
    return audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        object_id=citizen_id,
        citizen_id=citizen_id,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises every writer on its one lock"
)
def test_concurrent_writers_never_share_a_place_in_a_chain(transactional_db):
    actor = Actor(user_id=uuid.uuid4(), username="many.hands", role="care_manager")
    citizens = [uuid.uuid4(), uuid.uuid4()]
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(n):
                # Some inside a service's transaction, some on their own (autocommit).
                if i % 2:
                    with transaction.atomic():
                        _read(actor, citizens[i % 4 // 2])
                else:
                    _read(actor, citizens[i % 4 // 2])
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
    for citizen_id in citizens:
        sequences = list(
            AuditEvent.objects.filter(chain=f"citizen:{citizen_id}")
            .order_by("sequence")
            .values_list("sequence", flat=True)
        )
        assert sequences == list(range(1, 61))
    assert audit_chain_verify().intact
