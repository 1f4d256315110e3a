"""Every audit event has its place in a hash chain: its citizen's, its actor's, or a system one."""

import hashlib
import json
import uuid
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import (
    GENESIS_HASH,
    HASHED_FIELDS,
    AuditAction,
    AuditChainHead,
    AuditEvent,
    AuditOutcome,
    canonical_event_bytes,
    canonical_event_parts,
    event_hash,
    event_hash_from_parts,
)
from roundtable.audit.services import SYSTEM_CHAINS, audit_record
from roundtable.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db


def _read(actor, citizen_id=None, **extra) -> AuditEvent:
    return audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        object_id=citizen_id or "",
        citizen_id=citizen_id,
        **extra,
    )


def test_each_chain_counts_from_one_and_links_to_the_event_before(cast):
    alice = actor_for_user(cast.alice.user)
    anna = [_read(alice, cast.anna.id) for _ in range(3)]
    bent = _read(alice, cast.bent.id)
    listing = _read(alice)  # no citizen: Alice's own chain
    assert [e.sequence for e in anna] == [1, 2, 3]
    assert [e.prev_hash for e in anna] == [GENESIS_HASH, anna[0].hash, anna[1].hash]
    assert (bent.chain, bent.sequence, bent.prev_hash) == (
        f"citizen:{cast.bent.id}",
        1,
        GENESIS_HASH,
    )
    assert (listing.chain, listing.sequence) == (f"user:{cast.alice.user.pk}", 1)
    head = AuditChainHead.objects.get(chain=f"citizen:{cast.anna.id}")
    assert (head.last_sequence, head.last_hash) == (3, anna[2].hash)


def test_the_stored_row_hashes_to_the_stored_hash(cast):
    written = _read(actor_for_user(cast.alice.user), cast.anna.id, detail={"shown": 3})
    stored = AuditEvent.objects.get(pk=written.pk)
    assert stored.hash == written.hash == stored.compute_hash()
    assert len(stored.hash) == 64


def test_the_canonical_form_is_the_documented_json():
    values = {
        "id": 17,
        "event_id": uuid.UUID("d2a4c6e8-0000-4000-8000-000000000001"),
        "occurred_at": datetime(2026, 11, 23, 19, 25, 0, 123456, tzinfo=UTC),
        "actor_id": uuid.UUID("6f1c0000-0000-4000-8000-000000000002"),
        "actor_username": "åse.ørsted",
        "actor_role": "care_manager",
        "organisation_id": None,
        "citizen_id": uuid.UUID("0b7e0000-0000-4000-8000-000000000003"),
        "action": AuditAction.READ,
        "object_type": "citizen",
        "object_id": "0b7e0000-0000-4000-8000-000000000003",
        "outcome": "allowed",
        "purpose": "",
        "consent_decision": "",
        "request_id": "req-1",
        "chain": "citizen:0b7e0000-0000-4000-8000-000000000003",
        "sequence": 3,
        "prev_hash": "5e" * 32,
        "detail": {"shown": 2.0, "b": [1, 2], "a": {"z": 1, "y": 0.5}},
    }
    expected = (
        '{"action":"read","actor_id":"6f1c0000-0000-4000-8000-000000000002",'
        '"actor_role":"care_manager","actor_username":"\\u00e5se.\\u00f8rsted",'
        '"chain":"citizen:0b7e0000-0000-4000-8000-000000000003",'
        '"citizen_id":"0b7e0000-0000-4000-8000-000000000003","consent_decision":"",'
        '"detail":{"a":{"y":0.5,"z":1},"b":[1,2],"shown":2},'
        '"event_id":"d2a4c6e8-0000-4000-8000-000000000001","id":17,'
        '"object_id":"0b7e0000-0000-4000-8000-000000000003","object_type":"citizen",'
        '"occurred_at":"2026-11-23T19:25:00.123456Z","organisation_id":null,'
        '"outcome":"allowed","prev_hash":"' + "5e" * 32 + '","purpose":"",'
        '"request_id":"req-1","sequence":3}'
    ).encode("ascii")
    assert canonical_event_bytes(values) == expected
    assert event_hash(values) == hashlib.sha256(expected).hexdigest()


def test_every_column_but_the_hash_is_hashed():
    # A new column must be decided on: hashed (and how older events keep verifying) or not.
    columns = {f.name for f in AuditEvent._meta.concrete_fields}
    assert set(HASHED_FIELDS) == columns - {"hash"}


def test_detail_is_stored_as_it_is_hashed(cast):
    detail = {"ratio": 2.0, "big": 1e20, "half": 0.5, "statuses": ("active", "paused")}
    written = _read(actor_for_user(cast.alice.user), cast.anna.id, detail=detail)
    stored = AuditEvent.objects.get(pk=written.pk)
    assert stored.detail == {
        "ratio": 2,
        "big": 100000000000000000000,
        "half": 0.5,
        "statuses": ["active", "paused"],
    }
    assert stored.compute_hash() == stored.hash
    assert audit_chain_verify().intact


def test_a_rolled_back_write_leaves_no_event_and_no_advanced_head(cast):
    alice = actor_for_user(cast.alice.user)
    _read(alice, cast.anna.id)
    with pytest.raises(RuntimeError), transaction.atomic():
        _read(alice, cast.anna.id)
        raise RuntimeError("the service fails after auditing")
    head = AuditChainHead.objects.get(chain=f"citizen:{cast.anna.id}")
    assert head.last_sequence == 1
    assert AuditEvent.objects.filter(citizen_id=cast.anna.id).count() == 1
    assert _read(alice, cast.anna.id).sequence == 2
    assert audit_chain_verify().intact


def test_writes_after_a_lost_head_fail_loudly_instead_of_restarting_the_chain(cast):
    alice = actor_for_user(cast.alice.user)
    _read(alice, cast.anna.id)
    AuditChainHead.objects.filter(chain=f"citizen:{cast.anna.id}").delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        _read(alice, cast.anna.id)
    assert AuditEvent.objects.filter(citizen_id=cast.anna.id).count() == 1


def test_professionals_of_one_organisation_list_on_chains_of_their_own(cast):
    region = [cast.alice, cast.tina, cast.sam, cast.carol, cast.mona, cast.adam]
    assert {p.organisation_id for p in region} == {cast.region.id}
    listings = [_read(actor_for_user(p.user)) for p in region]
    assert [e.chain for e in listings] == [f"user:{p.user.pk}" for p in region]
    assert [e.sequence for e in listings] == [1] * len(region)
    # Still the organisation on the event itself, and the event about a citizen on theirs.
    assert {e.organisation_id for e in listings} == {cast.region.id}
    assert _read(actor_for_user(cast.tina.user), cast.anna.id).chain == f"citizen:{cast.anna.id}"
    assert audit_chain_verify().intact


def test_a_citizens_own_events_stay_on_their_chain(cast):
    anna = actor_for_user(cast.anna.user)
    assert _read(anna).chain == f"citizen:{cast.anna.id}"  # her sign-in, say: no record named


def _failed_sign_in(username: str) -> AuditEvent:
    return audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        object_type="session",
        username=username,
    )


def test_events_without_anyone_signed_in_spread_over_a_fixed_set_of_system_chains(db):
    events = [_failed_sign_in(f"guess{i}") for i in range(64)]
    chains = {e.chain for e in events}
    allowed = {f"system:{n}" for n in range(SYSTEM_CHAINS)}
    assert chains <= allowed
    assert len(chains) > 1  # 64 events on one of 16 chains: chance 16**-63
    # A new username, however many, never makes a new chain head (nothing grows under attack).
    heads = set(AuditChainHead.objects.values_list("chain", flat=True))
    assert heads == chains
    for chain in chains:
        sequences = [e.sequence for e in events if e.chain == chain]
        assert sequences == list(range(1, len(sequences) + 1))
    assert audit_chain_verify().intact


def test_canonical_json_is_plain_python_json():
    """The documented form is what json.dumps gives, so others can recompute it."""
    values = {name: "" for name in HASHED_FIELDS} | {"id": 1, "sequence": 1, "detail": {}}
    values.update(event_id=None, actor_id=None, organisation_id=None, citizen_id=None)
    values["occurred_at"] = datetime(2026, 1, 1, tzinfo=UTC)
    document = json.loads(canonical_event_bytes(values))
    assert document["occurred_at"] == "2026-01-01T00:00:00.000000Z"
    assert list(document) == sorted(HASHED_FIELDS)


def test_events_are_written_only_through_audit_record(db):
    with pytest.raises(RuntimeError, match="audit_record"):
        AuditEvent(action="read", outcome="allowed", chain="system").save()


TEXT_FIELDS = (
    "actor_username",
    "actor_role",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "purpose",
    "consent_decision",
    "request_id",
    "chain",
)
_text = st.text(max_size=40)  # any character: quotes, backslashes, non-ASCII, astral
_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_uuid = st.uuids() | st.none()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    id=st.integers(min_value=1, max_value=2**63 - 1),
    sequence=st.integers(min_value=1, max_value=2**63 - 1),
    prev_hash=st.text("0123456789abcdef", min_size=64, max_size=64),
    event_id=_uuid,
    actor_id=_uuid,
    citizen_id=_uuid,
    organisation_id=_uuid,
    occurred_at=st.datetimes(timezones=st.just(UTC)),
    texts=st.fixed_dictionaries({name: _text for name in TEXT_FIELDS}),
    detail=st.dictionaries(_text, _json, max_size=4),
)
def test_the_cut_canonical_form_joined_with_the_place_is_the_canonical_form(
    id,
    sequence,
    prev_hash,
    event_id,
    actor_id,
    citizen_id,
    organisation_id,
    occurred_at,
    texts,
    detail,
):
    values = {
        "event_id": event_id,
        "actor_id": actor_id,
        "citizen_id": citizen_id,
        "organisation_id": organisation_id,
        "occurred_at": occurred_at,
        "detail": detail,
        **texts,
    }
    first, second, third, last = canonical_event_parts(values)
    place = {"id": id, "prev_hash": prev_hash, "sequence": sequence}
    joined = f"{first}{id}{second}{prev_hash}{third}{sequence}{last}".encode("ascii")
    assert joined == canonical_event_bytes({**values, **place})
    assert event_hash_from_parts((first, second, third, last), **place) == event_hash(
        {**values, **place}
    )


def test_the_database_stores_and_hashes_exactly_what_the_writer_hashed(cast):
    # Quotes, backslashes, control characters, Danish letters and an emoji (a surrogate pair in
    # the escaped JSON) in the free-text columns; nested detail with fractions and big numbers.
    awkward = 'åse "ørsted" \\ \n\t 😀'
    written = audit_record(
        actor=None,
        username=awkward,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        object_type="session",
        object_id=awkward,
        purpose="ümlaut",
        detail={"z": [1, 2.5, {"deep": "é"}], "a": 1e20, "b": None, "c": True, "q": 'x"y'},
    )
    stored = AuditEvent.objects.get(pk=written.pk)
    assert {name: getattr(stored, name) for name in HASHED_FIELDS} == {
        name: getattr(written, name) for name in HASHED_FIELDS
    }
    assert stored.actor_username == awkward
    assert stored.hash == written.hash == stored.compute_hash()
    assert audit_chain_verify().intact
