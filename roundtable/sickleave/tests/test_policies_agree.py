"""The evidence-note policy's list filter and instance check agree for any actor (STYLE.md 4),
across drafts, versions ready for the citizen and sent ones, with and without consent."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.accounts.actor import actor_for_user
from roundtable.sickleave.models import EvidenceNote
from roundtable.sickleave.policies import EVIDENCE_NOTES
from roundtable.sickleave.services import evidence_note_send, evidence_request_create
from roundtable.sickleave.testing import ask_for_evidence, share_capacity, write_note
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    share_capacity(cast.anna)
    sent = ask_for_evidence(cast, cast.sam)
    write_note(cast.sam, sent, ready=True)
    evidence_note_send(actor=actor_for_user(cast.sam.user), request_id=sent.pk)
    draft = ask_for_evidence(cast, cast.alice)
    write_note(cast.alice, draft)
    bents = evidence_request_create(
        actor=actor_for_user(cast.dave.user),
        citizen_id=cast.bent.pk,
        question="q",
        due_on=dt.date.today() + dt.timedelta(days=3),
    )
    write_note(cast.carol, bents, ready=True)
    return cast


def test_evidence_note_policy_queryset_and_instance_check_agree(world):
    notes = list(EvidenceNote.objects.select_related("course"))
    assert {n.state for n in notes} == {"draft", "ready", "sent"}

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(EVIDENCE_NOTES.queryset(actor).values_list("id", flat=True))
        allowed = {n.id for n in notes if EVIDENCE_NOTES.allows(actor, n)}
        assert listed == allowed

    check()


def test_the_consultant_reads_only_the_sent_version(world):
    bob = actor_for_user(world.bob.user)
    assert set(EVIDENCE_NOTES.queryset(bob).values_list("state", flat=True)) == {"sent"}
