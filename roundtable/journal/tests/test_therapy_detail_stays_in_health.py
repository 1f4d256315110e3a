"""Therapy detail stays with the health sector (SECURITY.md 3): the employment consultant never
receives it — not in the journal list, the entry page, the API list or the API entry — while a
summary for sharing written from it is a new entry that reaches whoever consent lets read it."""

import pytest
from django.urls import reverse

from roundtable.consent.access import visible_data_classes
from roundtable.journal.models import JournalEntry
from roundtable.journal.testing import actor_of, write

pytestmark = pytest.mark.django_db

THERAPY = "In therapy Anna spoke about her father's drinking and her nightmares."
SUMMARY = "Anna works on sleep and on setting limits; short shifts help for now."


@pytest.fixture
def therapy(cast):
    return write(cast.alice, cast.anna, "therapy_detail", THERAPY)


def test_employment_consultant_never_receives_therapy_detail(client, login, cast, therapy):
    login(cast.bob)
    pages = [
        client.get(reverse("journal:journal", args=[cast.anna.pk])),
        client.get(reverse("journal:entry", args=[cast.anna.pk, therapy.pk])),
        client.get(reverse("journal:summary", args=[cast.anna.pk, therapy.pk])),
        client.get(f"/api/v1/citizens/{cast.anna.pk}/journal"),
        client.get(f"/api/v1/citizens/{cast.anna.pk}/journal/{therapy.pk}"),
    ]
    assert [p.status_code for p in pages] == [200, 404, 404, 200, 404]
    for page in pages:
        body = page.content.decode()
        assert "nightmares" not in body and "drinking" not in body
    assert pages[3].json() == []


def test_health_staff_read_therapy_detail(client, login, cast, therapy):
    for who in (cast.alice, cast.tina, cast.sam):
        login(who)
        page = client.get(reverse("journal:journal", args=[cast.anna.pk])).content.decode()
        assert "her nightmares" in page


def test_the_citizen_reads_everything_written_about_them(client, login, cast, therapy):
    login(cast.anna)
    response = client.get(reverse("journal:my-journal"))
    assert "nightmares" in response.content.decode()


def test_employment_consultant_cannot_write_therapy_detail(client, login, cast):
    login(cast.bob)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal",
        {"data_class": "therapy_detail", "body": "A note"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "does not write" in response.json()["detail"]
    assert not JournalEntry.objects.exists()


def test_a_summary_for_sharing_is_a_new_entry_and_the_source_is_unchanged(
    client, login, cast, therapy
):
    login(cast.alice)
    page = client.get(reverse("journal:journal", args=[cast.anna.pk])).content.decode()
    assert "Write a summary for sharing" in page
    form = client.get(reverse("journal:summary", args=[cast.anna.pk, therapy.pk]))
    assert form.status_code == 200
    response = client.post(
        reverse("journal:summary", args=[cast.anna.pk, therapy.pk]),
        {"data_class": "health_summary", "body": SUMMARY},
    )
    assert response.status_code == 302
    summary = JournalEntry.objects.get(source=therapy)
    assert summary.data_class == "health_summary" and summary.body == SUMMARY
    assert JournalEntry.objects.get(pk=therapy.pk).body == THERAPY

    # The employment consultant reads the summary exactly when consent lets them read health
    # summaries; the therapy entry and the link to it, never.
    bob_reads = "health_summary" in visible_data_classes(actor_of(cast.bob), cast.anna_course)
    login(cast.bob)
    api = client.get(f"/api/v1/citizens/{cast.anna.pk}/journal").json()
    assert [e["body"] for e in api] == ([SUMMARY] if bob_reads else [])
    assert all(e["summary_of"] is None for e in api)
    assert "nightmares" not in str(api)


def test_a_summary_must_be_a_sharing_class(client, login, cast, therapy):
    login(cast.alice)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal",
        {"data_class": "therapy_detail", "body": "Copy", "summary_of": str(therapy.pk)},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert JournalEntry.objects.count() == 1


def test_employment_staff_cannot_summarise_therapy_detail(client, login, cast, therapy):
    login(cast.bob)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal",
        {"data_class": "vocational", "body": "Copy", "summary_of": str(therapy.pk)},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert JournalEntry.objects.count() == 1
