"""`roundtable audit verify` finds a changed, deleted or reordered event and says where.

Each tampering test does what someone with the database file in hand could do: drop the
append-only triggers with raw SQL (migration 0002's reverse), edit the table, and put the
triggers back (0002's forward), so that the other tests are unaffected.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditAction, AuditChainHead, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.audit.tests.tampering import run_sql, triggers_dropped, triggers_present
from roundtable.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna_chain(cast) -> list[AuditEvent]:
    """Five reads of Anna's record by Alice (sequences 1 to 5), and some of Bent's by Carol."""
    alice, carol = actor_for_user(cast.alice.user), actor_for_user(cast.carol.user)
    events = []
    for _ in range(5):
        events.append(_read(alice, cast.anna.id))
        _read(carol, cast.bent.id)
    return events


def _read(actor, citizen_id) -> AuditEvent:
    return audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        object_id=citizen_id,
        citizen_id=citizen_id,
    )


def verify(*args: str) -> str:
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def verify_fails(*args: str) -> str:
    """The CommandError's message; the command line turns it into exit status 1."""
    with pytest.raises(CommandError) as failure:
        verify(*args)
    assert failure.value.returncode == 1
    return str(failure.value)


def test_an_intact_trail_verifies_with_a_one_line_summary(anna_chain):
    assert verify() == "Audit trail intact: 2 chains, 10 events verified."


def test_one_chain_can_be_verified_alone(anna_chain, cast):
    chain = f"citizen:{cast.anna.id}"
    assert verify("--chain", chain) == f"Audit trail intact: chain {chain}, 5 events verified."


def test_an_unknown_chain_is_an_error(db):
    assert "No audit chain is called 'citizen:nobody'" in verify_fails("--chain", "citizen:nobody")


def test_a_changed_event_is_named(anna_chain, cast):
    third = anna_chain[2]
    with triggers_dropped():
        run_sql(
            "UPDATE audit_auditevent SET actor_username = %s WHERE id = %s", ["mallory", third.id]
        )
    message = verify_fails()
    assert (
        f"First bad event: changed: event {third.id} (chain citizen:{cast.anna.id}, sequence 3):"
        " its fields no longer give the hash stored with it" in message
    )
    assert "Audit trail broken: 1 of 2 chains" in message


def test_a_changed_detail_is_found_too(anna_chain):
    second = anna_chain[1]
    with triggers_dropped():
        run_sql("UPDATE audit_auditevent SET outcome = 'denied' WHERE id = %s", [second.id])
    assert f"changed: event {second.id} " in verify_fails()


def test_a_deleted_event_in_the_middle_is_named_by_its_place(anna_chain, cast):
    second, third, fourth = anna_chain[1:4]
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [third.id])
    message = verify_fails()
    assert (
        f"First bad event: missing: sequence 3 of chain citizen:{cast.anna.id}: deleted; the chain"
        f" jumps from event {second.id} (sequence 2) to event {fourth.id} (sequence 4)" in message
    )


def test_a_deleted_last_event_shows_as_a_truncated_chain(anna_chain, cast):
    fourth, fifth = anna_chain[3:5]
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [fifth.id])
    message = verify_fails()
    assert (
        f"First bad event: truncated: sequence 5 of chain citizen:{cast.anna.id}: its head"
        f" records 5 events, the last one left is event {fourth.id} (sequence 4);"
        " sequence 5 deleted" in message
    )


def test_a_chain_emptied_of_every_event_shows_as_truncated(anna_chain, cast):
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE chain = %s", [f"citizen:{cast.anna.id}"])
    message = verify_fails()
    assert f"truncated: sequence 1 of chain citizen:{cast.anna.id}" in message
    assert "its head records 5 events, none is left; sequence 1 to 5 deleted" in message


def test_two_swapped_events_show_as_reordered(anna_chain, cast):
    second, fourth = anna_chain[1], anna_chain[3]
    with triggers_dropped():
        # Through a free number, as the (chain, sequence) constraint would refuse a duplicate.
        run_sql("UPDATE audit_auditevent SET sequence = 0 WHERE id = %s", [second.id])
        run_sql("UPDATE audit_auditevent SET sequence = 2 WHERE id = %s", [fourth.id])
        run_sql("UPDATE audit_auditevent SET sequence = 4 WHERE id = %s", [second.id])
    message = verify_fails()
    assert (
        f"First bad event: reordered: event {fourth.id} (chain citizen:{cast.anna.id},"
        " sequence 2): it was written as sequence 4" in message
    )


def test_an_event_rewritten_with_a_fresh_hash_is_caught_by_the_next_one(anna_chain, cast):
    third = anna_chain[2]
    forged = AuditEvent.objects.get(pk=third.pk)
    forged.actor_username = "mallory"
    with triggers_dropped():
        run_sql(
            "UPDATE audit_auditevent SET actor_username = %s, hash = %s WHERE id = %s",
            ["mallory", forged.compute_hash(), third.id],
        )
    message = verify_fails()
    assert f"changed: event {third.id} (chain citizen:{cast.anna.id}, sequence 3)" in message
    assert f"it is not the event that event {anna_chain[3].id} (sequence 4) was written after" in (
        message
    )


def test_the_last_event_rewritten_with_a_fresh_hash_is_caught_by_the_head(anna_chain, cast):
    fifth = anna_chain[4]
    forged = AuditEvent.objects.get(pk=fifth.pk)
    forged.purpose = "nothing to see"
    with triggers_dropped():
        run_sql(
            "UPDATE audit_auditevent SET purpose = %s, hash = %s WHERE id = %s",
            [forged.purpose, forged.compute_hash(), fifth.id],
        )
    message = verify_fails()
    assert f"changed: event {fifth.id} (chain citizen:{cast.anna.id}, sequence 5)" in message
    assert "it is not the last event the chain head recorded" in message


def test_a_missing_head_is_reported(anna_chain, cast):
    AuditChainHead.objects.filter(chain=f"citizen:{cast.anna.id}").delete()
    message = verify_fails()
    last = anna_chain[4]
    assert f"no head: event {last.id} (chain citizen:{cast.anna.id}, sequence 5)" in message


def test_every_broken_chain_is_listed_and_the_first_one_named(anna_chain, cast):
    bents_first = AuditEvent.objects.filter(chain=f"citizen:{cast.bent.id}").first()
    with triggers_dropped():
        run_sql("UPDATE audit_auditevent SET object_id = 'x' WHERE id = %s", [anna_chain[0].id])
        run_sql("UPDATE audit_auditevent SET object_id = 'x' WHERE id = %s", [bents_first.id])
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    listed = err.getvalue().strip().splitlines()
    assert len(listed) == 2
    assert {f"event {anna_chain[0].id} ", f"event {bents_first.id} "} == {
        line.split("(")[0].removeprefix("changed: ") for line in listed
    }
    assert listed[0] in str(failure.value)
    assert "(and 1 more broken chains, listed above)" in str(failure.value)


def test_verify_of_another_chain_is_not_disturbed(anna_chain, cast):
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [anna_chain[2].id])
    assert "intact" in verify("--chain", f"citizen:{cast.bent.id}")
    assert "missing: sequence 3" in verify_fails("--chain", f"citizen:{cast.anna.id}")


def test_the_triggers_are_back_after_tampering(anna_chain):
    with triggers_dropped():
        assert not triggers_present()
    assert triggers_present()
    with pytest.raises(DatabaseError), transaction.atomic():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [anna_chain[0].id])


@pytest.mark.parametrize("batch", [1, 2, 3, 7])
def test_small_batches_give_the_same_answer(anna_chain, cast, batch):
    report = audit_chain_verify(batch=batch)
    assert (report.intact, report.chains, report.events) == (True, 2, 10)
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [anna_chain[2].id])
    assert audit_chain_verify(batch=batch).problems == audit_chain_verify().problems
    [problem] = audit_chain_verify(batch=batch).problems
    assert (problem.kind, problem.sequence) == ("missing", 3)
