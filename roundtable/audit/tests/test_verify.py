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
from roundtable.audit import services
from roundtable.audit.models import AuditAction, AuditChainHead, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.audit.tests.tampering import run_sql, triggers_dropped, triggers_present
from roundtable.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db


# Every kind of chain, including those events were written on before list events moved to
# their actor's chain (per organisation, and the one "system" chain).
KINDS = ("citizen", "user", "system", "organisation (before)", "system (before)")


@pytest.fixture(params=KINDS)
def five(request, cast, monkeypatch) -> list[AuditEvent]:
    """Five events on one chain of each kind (sequences 1 to 5), each followed by a read of
    Bent's record by Carol on his chain: two chains in all."""
    alice, carol = actor_for_user(cast.alice.user), actor_for_user(cast.carol.user)
    kind = request.param
    if kind == "system":
        monkeypatch.setattr(services, "_system_lane", lambda: 3)
    events = []
    for _ in range(5):
        if kind == "citizen":
            events.append(_read(alice, cast.anna.id))
        elif kind == "user":
            events.append(_read(alice, None))  # a list page: Alice's own chain
        elif kind == "system":
            events.append(_failed_sign_in())
        elif kind == "organisation (before)":
            events.append(_written_before(f"organisation:{cast.region.id}", _read, alice, None))
        else:
            events.append(_written_before("system", _failed_sign_in))
        _read(carol, cast.bent.id)
    assert {e.chain for e in events} == {events[0].chain}
    return events


def _read(actor, citizen_id) -> AuditEvent:
    return audit_record(
        actor=actor,
        action=AuditAction.READ if citizen_id else AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        object_id=citizen_id or "",
        citizen_id=citizen_id,
    )


def _failed_sign_in() -> AuditEvent:
    return audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        object_type="session",
        username="nobody.known",
    )


def _written_before(chain: str, write, *args) -> AuditEvent:
    """An event written by audit_record as it chained events before: on ``chain``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "audit_chain_for", lambda **kwargs: chain)
        return write(*args)


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


def test_an_intact_trail_verifies_with_a_one_line_summary(five):
    assert verify() == "Audit trail intact: 2 chains, 10 events verified."


def test_one_chain_can_be_verified_alone(five):
    chain = five[0].chain
    assert verify("--chain", chain) == f"Audit trail intact: chain {chain}, 5 events verified."


def test_an_unknown_chain_is_an_error(db):
    assert "No audit chain is called 'citizen:nobody'" in verify_fails("--chain", "citizen:nobody")


def test_a_changed_event_is_named(five):
    third = five[2]
    with triggers_dropped():
        run_sql(
            "UPDATE audit_auditevent SET actor_username = %s WHERE id = %s", ["mallory", third.id]
        )
    message = verify_fails()
    assert (
        f"First bad event: changed: event {third.id} (chain {five[0].chain}, sequence 3):"
        " its fields no longer give the hash stored with it" in message
    )
    assert "Audit trail broken: 1 of 2 chains" in message


def test_a_changed_detail_is_found_too(five):
    second = five[1]
    with triggers_dropped():
        run_sql(
            "UPDATE audit_auditevent SET outcome ="
            " CASE outcome WHEN 'denied' THEN 'allowed' ELSE 'denied' END WHERE id = %s",
            [second.id],
        )
    assert f"changed: event {second.id} " in verify_fails()


def test_a_deleted_event_in_the_middle_is_named_by_its_place(five):
    second, third, fourth = five[1:4]
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [third.id])
    message = verify_fails()
    assert (
        f"First bad event: missing: sequence 3 of chain {five[0].chain}: deleted; the chain"
        f" jumps from event {second.id} (sequence 2) to event {fourth.id} (sequence 4)" in message
    )


def test_a_deleted_last_event_shows_as_a_truncated_chain(five):
    fourth, fifth = five[3:5]
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [fifth.id])
    message = verify_fails()
    assert (
        f"First bad event: truncated: sequence 5 of chain {five[0].chain}: its head"
        f" records 5 events, the last one left is event {fourth.id} (sequence 4);"
        " sequence 5 deleted" in message
    )


def test_a_chain_emptied_of_every_event_shows_as_truncated(five):
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE chain = %s", [five[0].chain])
    message = verify_fails()
    assert f"truncated: sequence 1 of chain {five[0].chain}" in message
    assert "its head records 5 events, none is left; sequence 1 to 5 deleted" in message


def test_two_swapped_events_show_as_reordered(five):
    second, fourth = five[1], five[3]
    with triggers_dropped():
        # Through a free number, as the (chain, sequence) constraint would refuse a duplicate.
        run_sql("UPDATE audit_auditevent SET sequence = 0 WHERE id = %s", [second.id])
        run_sql("UPDATE audit_auditevent SET sequence = 2 WHERE id = %s", [fourth.id])
        run_sql("UPDATE audit_auditevent SET sequence = 4 WHERE id = %s", [second.id])
    message = verify_fails()
    assert (
        f"First bad event: reordered: event {fourth.id} (chain {five[0].chain},"
        " sequence 2): it was written as sequence 4" in message
    )


def test_an_event_rewritten_with_a_fresh_hash_is_caught_by_the_next_one(five):
    third = five[2]
    forged = AuditEvent.objects.get(pk=third.pk)
    forged.actor_username = "mallory"
    with triggers_dropped():
        run_sql(
            "UPDATE audit_auditevent SET actor_username = %s, hash = %s WHERE id = %s",
            ["mallory", forged.compute_hash(), third.id],
        )
    message = verify_fails()
    assert f"changed: event {third.id} (chain {five[0].chain}, sequence 3)" in message
    assert f"it is not the event that event {five[3].id} (sequence 4) was written after" in (
        message
    )


def test_the_last_event_rewritten_with_a_fresh_hash_is_caught_by_the_head(five):
    fifth = five[4]
    forged = AuditEvent.objects.get(pk=fifth.pk)
    forged.purpose = "nothing to see"
    with triggers_dropped():
        run_sql(
            "UPDATE audit_auditevent SET purpose = %s, hash = %s WHERE id = %s",
            [forged.purpose, forged.compute_hash(), fifth.id],
        )
    message = verify_fails()
    assert f"changed: event {fifth.id} (chain {five[0].chain}, sequence 5)" in message
    assert "it is not the last event the chain head recorded" in message


def test_a_missing_head_is_reported(five):
    AuditChainHead.objects.filter(chain=five[0].chain).delete()
    message = verify_fails()
    last = five[4]
    assert f"no head: event {last.id} (chain {five[0].chain}, sequence 5)" in message


def test_every_broken_chain_is_listed_and_the_first_one_named(five, cast):
    bents_first = AuditEvent.objects.filter(chain=f"citizen:{cast.bent.id}").first()
    with triggers_dropped():
        run_sql("UPDATE audit_auditevent SET object_id = 'x' WHERE id = %s", [five[0].id])
        run_sql("UPDATE audit_auditevent SET object_id = 'x' WHERE id = %s", [bents_first.id])
    err = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    listed = err.getvalue().strip().splitlines()
    assert len(listed) == 2
    assert {f"event {five[0].id} ", f"event {bents_first.id} "} == {
        line.split("(")[0].removeprefix("changed: ") for line in listed
    }
    assert listed[0] in str(failure.value)
    assert "(and 1 more broken chains, listed above)" in str(failure.value)


def test_verify_of_another_chain_is_not_disturbed(five, cast):
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [five[2].id])
    assert "intact" in verify("--chain", f"citizen:{cast.bent.id}")
    assert "missing: sequence 3" in verify_fails("--chain", five[0].chain)


def test_the_triggers_are_back_after_tampering(five):
    with triggers_dropped():
        assert not triggers_present()
    assert triggers_present()
    with pytest.raises(DatabaseError), transaction.atomic():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [five[0].id])


@pytest.mark.parametrize("batch", [1, 2, 3, 7])
def test_small_batches_give_the_same_answer(five, cast, batch):
    report = audit_chain_verify(batch=batch)
    assert (report.intact, report.chains, report.events) == (True, 2, 10)
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [five[2].id])
    assert audit_chain_verify(batch=batch).problems == audit_chain_verify().problems
    [problem] = audit_chain_verify(batch=batch).problems
    assert (problem.kind, problem.sequence) == ("missing", 3)


def test_chains_written_before_keep_their_events_beside_the_new_ones(cast):
    alice = actor_for_user(cast.alice.user)
    organisation = f"organisation:{cast.region.id}"
    before = [_written_before(organisation, _read, alice, None) for _ in range(3)]
    now = [_read(alice, None) for _ in range(2)]  # the same list page, after the change
    assert [e.chain for e in now] == [f"user:{cast.alice.user.pk}"] * 2
    assert [e.sequence for e in now] == [1, 2]
    head = AuditChainHead.objects.get(chain=organisation)
    assert (head.last_sequence, head.last_hash) == (3, before[-1].hash)
    assert verify() == "Audit trail intact: 2 chains, 5 events verified."
    with triggers_dropped():
        run_sql("DELETE FROM audit_auditevent WHERE id = %s", [before[-1].id])
    assert f"truncated: sequence 3 of chain {organisation}" in verify_fails()
