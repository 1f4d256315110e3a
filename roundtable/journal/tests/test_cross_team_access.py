"""Another team's professional gets 404 on every journal page, sees none of the data, changes
nothing, and the attempt is audited (SECURITY.md 1). Citizens see only their own journal."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.journal.models import JournalAddendum, JournalDispute, JournalEntry
from roundtable.journal.testing import write

pytestmark = pytest.mark.django_db

SECRETS = ("Secretperson", "bakery shifts", "panic")


@pytest.fixture
def entry(cast):
    return write(
        cast.alice, cast.anna, "meeting_minutes", "Anna prefers bakery shifts; panic eased."
    )


def _pages(cast, entry):
    c, e = cast.anna.pk, entry.pk
    return [
        ("get", reverse("journal:journal", args=[c]), None),
        (
            "post",
            reverse("journal:write", args=[c]),
            {"data_class": "meeting_minutes", "body": "X"},
        ),
        ("get", reverse("journal:entry", args=[c, e]), None),
        ("post", reverse("journal:addendum", args=[c, e]), {"body": "Injected"}),
        ("get", reverse("journal:summary", args=[c, e]), None),
        (
            "post",
            reverse("journal:summary", args=[c, e]),
            {"data_class": "health_summary", "body": "X"},
        ),
        ("post", reverse("journal:citizen-notices-read", args=[c]), {}),
    ]


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_team_gets_404_everywhere(client, login, cast, entry, who):
    login(getattr(cast, who))
    before = AuditEvent.objects.filter(outcome="denied").count()
    for method, url, data in _pages(cast, entry):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, url
    assert JournalEntry.objects.count() == 1
    assert not JournalAddendum.objects.exists()
    assert AuditEvent.objects.filter(outcome="denied").count() >= before + len(_pages(cast, entry))


def test_a_citizen_sees_only_their_own_journal(client, login, cast, entry):
    bent_entry = write(cast.carol, cast.bent, "meeting_minutes", "Bent met the team.")
    login(cast.anna)
    assert client.get(reverse("journal:my-entry", args=[entry.pk])).status_code == 200
    response = client.get(reverse("journal:my-entry", args=[bent_entry.pk]))
    assert response.status_code == 404 and "Bent met" not in response.content.decode()
    response = client.post(reverse("journal:my-entry", args=[bent_entry.pk]), {"statement": "X"})
    assert response.status_code == 404
    assert client.get(reverse("journal:journal", args=[cast.bent.pk])).status_code == 302
    assert client.get(f"/api/v1/citizens/{cast.bent.pk}/journal").status_code == 404
    assert not JournalDispute.objects.exists()


def test_professionals_have_no_portal_journal(client, login, cast, entry):
    login(cast.alice)
    assert client.get(reverse("journal:my-journal")).status_code == 404
    assert client.get(reverse("journal:my-entry", args=[entry.pk])).status_code == 404
