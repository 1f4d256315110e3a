"""Every evidence page and endpoint: another team's professional (and another citizen) gets 404
and sees nothing of the note."""

import datetime as dt

import pytest
from django.urls import reverse

from roundtable.accounts.actor import actor_for_user
from roundtable.sickleave.services import evidence_request_create
from roundtable.sickleave.testing import NOTE, ask_for_evidence, write_note

pytestmark = pytest.mark.django_db

SECRETS = ("Bent", "Hiddenname", "Secret capacity")


@pytest.fixture
def bents_evidence(cast):
    request = evidence_request_create(
        actor=actor_for_user(cast.dave.user),
        citizen_id=cast.bent.pk,
        question="What can he do?",
        due_on=dt.date.today() + dt.timedelta(days=9),
    )
    write_note(cast.carol, request, ready=True, functional_capacity="Secret capacity")
    return request


def _clean(response) -> bool:
    body = response.content.decode()
    return not any(s in body for s in SECRETS)


NOTE_FORM = {**NOTE, "action": "ready"}


@pytest.mark.parametrize("who", ["alice", "sam", "tina", "bob"])
def test_another_teams_professional_gets_404_on_the_note_page(
    client, login, cast, bents_evidence, who
):
    login(getattr(cast, who))
    response = client.get(reverse("sickleave:evidence-note", args=[bents_evidence.pk]))
    assert response.status_code == 404 and _clean(response)


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("sickleave:evidence-note-save", NOTE_FORM),
        ("sickleave:evidence-note-send", {}),
        ("sickleave:my-evidence-comment", {"comment": "Mine"}),
    ],
)
def test_another_teams_people_cannot_write_a_note_and_get_404(
    client, login, cast, bents_evidence, url_name, data
):
    for who in (cast.sam, cast.anna):
        login(who)
        response = client.post(reverse(url_name, args=[bents_evidence.pk]), data)
        assert response.status_code == 404 and _clean(response), (who, url_name)
    assert bents_evidence.notes.count() == 1


def test_the_citizen_page_shows_only_the_citizens_own_evidence(client, login, cast, bents_evidence):
    login(cast.anna)
    response = client.get(reverse("sickleave:my-evidence"))
    assert response.status_code == 200 and _clean(response)


def test_professionals_have_no_citizen_evidence_page(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("sickleave:my-evidence")).status_code == 404


def test_api_evidence_list_of_another_teams_citizen_is_404(client, login, cast, bents_evidence):
    login(cast.sam)
    response = client.get(f"/api/v1/citizens/{cast.bent.id}/evidence")
    assert response.status_code == 404 and _clean(response)


def test_api_note_of_another_teams_citizen_is_404(client, login, cast, bents_evidence):
    login(cast.alice)
    url = f"/api/v1/citizens/{cast.bent.id}/evidence/{bents_evidence.pk}/note"
    response = client.get(url)
    assert response.status_code == 404 and _clean(response)


def test_api_note_named_under_another_citizen_is_404(client, login, cast, bents_evidence):
    login(cast.carol)
    url = f"/api/v1/citizens/{cast.anna.id}/evidence/{bents_evidence.pk}/note"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("note", {**NOTE, "ready": True}),
        ("send", None),
        ("comment", {"comment": "Mine"}),
    ],
)
def test_api_writes_to_another_teams_evidence_are_404(
    client, login, cast, bents_evidence, path, body
):
    login(cast.sam)
    url = f"/api/v1/citizens/{cast.bent.id}/evidence/{bents_evidence.pk}/{path}"
    response = client.post(url, body or {}, content_type="application/json")
    assert response.status_code == 404 and _clean(response)
    assert bents_evidence.notes.count() == 1


def test_api_the_psychiatrist_writes_and_the_citizen_reads(client, login, cast):
    request = ask_for_evidence(cast, cast.sam)
    login(cast.sam)
    url = f"/api/v1/citizens/{cast.anna.id}/evidence/{request.pk}/note"
    response = client.post(url, {**NOTE, "ready": True}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "ready" and response.json()["note"]["version"] == 1
    bad = client.post(url, {**NOTE, "capacity": "lots"}, content_type="application/json")
    assert bad.status_code == 422
    refused = client.post(
        f"/api/v1/citizens/{cast.anna.id}/evidence/{request.pk}/send",
        content_type="application/json",
    )
    assert refused.status_code == 400 and "has not let the jobcentre" in refused.json()["detail"]
    login(cast.anna)
    (mine,) = client.get(f"/api/v1/citizens/{cast.anna.id}/evidence").json()
    assert mine["note"]["functional_capacity"] == NOTE["functional_capacity"]
    login(cast.bob)
    (theirs,) = client.get(f"/api/v1/citizens/{cast.anna.id}/evidence").json()
    assert theirs["state"] == "ready" and theirs["note"] is None


@pytest.mark.parametrize("language", ["en", "da", "sv", "nb"])
def test_the_citizens_evidence_page_with_a_note_is_plain(client, login, cast, language):
    from roundtable.core.readability import lix, visible_text

    request = ask_for_evidence(cast, cast.sam)
    write_note(cast.sam, request, ready=True)
    cast.anna.user.language = language
    cast.anna.user.save(update_fields=["language"])
    login(cast.anna)
    response = client.get(reverse("sickleave:my-evidence"))
    assert response.status_code == 200
    assert lix(visible_text(response.content.decode(), main_only=True)) <= 40
