"""Issue 13, 5: the citizen is told on her home page when a note about her health waits for her
to read it before it goes to the jobcentre — not while it is a draft, not once it is sent."""

import pytest
from django.urls import reverse

from roundtable.accounts.actor import actor_for_user
from roundtable.sickleave import services
from roundtable.sickleave.testing import ask_for_evidence, share_capacity, write_note

pytestmark = pytest.mark.django_db

READY = "A note about your health is ready for you to read."


def _home(client, login, cast) -> str:
    login(cast.anna)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_is_not_announced(client, login, cast):
    write_note(cast.sam, ask_for_evidence(cast, cast.sam))
    assert READY not in _home(client, login, cast)


def test_a_ready_note_is_announced_with_a_link_until_it_is_sent(client, login, cast):
    share_capacity(cast.anna)
    request = ask_for_evidence(cast, cast.sam)
    write_note(cast.sam, request, ready=True)
    page = _home(client, login, cast)
    assert READY in page and "It is not sent to the jobcentre yet." in page
    assert reverse("sickleave:my-evidence") in page
    # Her comment does not send it: still waiting.
    services.evidence_note_comment(
        actor=actor_for_user(cast.anna.user), request_id=request.pk, comment="Mostly right."
    )
    assert READY in _home(client, login, cast)
    services.evidence_note_send(actor=actor_for_user(cast.sam.user), request_id=request.pk)
    assert READY not in _home(client, login, cast)


def test_two_ready_notes_are_told_in_the_plural_in_danish(client, login, cast):
    share_capacity(cast.anna)
    for _ in range(2):
        write_note(cast.sam, ask_for_evidence(cast, cast.sam), ready=True)
    login(cast.anna)
    page = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Notater om dit helbred er klar til, at du læser dem." in page
