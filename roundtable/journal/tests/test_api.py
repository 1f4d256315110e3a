"""The journal API: the contract's fields, writes with reasons, 403 for may-see-but-not-do,
404 for another team, and no mass assignment (SECURITY.md 8)."""

import uuid

import pytest

from roundtable.audit.models import AuditEvent
from roundtable.journal.models import JournalEntry
from roundtable.journal.testing import write

pytestmark = pytest.mark.django_db


def _post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def test_list_has_the_contract_fields_newest_first(client, login, cast):
    first = write(cast.alice, cast.anna, "meeting_minutes", "We met at the jobcentre.")
    second = write(cast.bob, cast.anna, "vocational", "Anna wants to try the bakery again.")
    login(cast.bob)
    response = client.get(f"/api/v1/citizens/{cast.anna.pk}/journal")
    assert response.status_code == 200
    entries = response.json()
    assert [e["id"] for e in entries] == [str(second.pk), str(first.pk)]
    for key in ("id", "data_class", "author", "created_at", "body", "disputed", "addenda"):
        assert key in entries[0]
    assert entries[0]["author"]["name"] == "Bob Berg"
    assert entries[0]["author"]["organisation"] == "Jobcentre North"
    assert entries[0]["disputed"] is False and entries[0]["addenda"] == []
    assert AuditEvent.objects.filter(
        action="list", object_type="journal_entry", citizen_id=cast.anna.pk
    ).exists()


def test_paging_is_bounded(client, login, cast):
    for n in range(3):
        write(cast.alice, cast.anna, "meeting_minutes", f"Note {n}")
    login(cast.alice)
    url = f"/api/v1/citizens/{cast.anna.pk}/journal"
    assert len(client.get(url, {"limit": 2}).json()) == 2
    assert len(client.get(url, {"limit": 2, "offset": 2}).json()) == 1
    assert client.get(url, {"offset": 10**12}).status_code == 422
    assert client.get(url, {"limit": 10**6}).status_code == 422


def test_professional_writes_an_entry(client, login, cast):
    login(cast.bob)
    response = _post(
        client,
        f"/api/v1/citizens/{cast.anna.pk}/journal",
        {"data_class": "benefit_decision", "body": "Benefit extended for eight weeks."},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["data_class"] == "benefit_decision"
    assert body["body"] == "Benefit extended for eight weeks."
    entry = JournalEntry.objects.get()
    assert entry.author == cast.bob and entry.course == cast.anna_course


def test_mass_assignment_is_ignored(client, login, cast):
    login(cast.bob)
    response = _post(
        client,
        f"/api/v1/citizens/{cast.anna.pk}/journal",
        {
            "data_class": "vocational",
            "body": "Job search started.",
            "author": str(cast.alice.pk),
            "author_organisation": str(cast.region.pk),
            "course": str(cast.bent_course.pk),
            "created_at": "2001-01-01T00:00:00Z",
        },
    )
    assert response.status_code == 201
    entry = JournalEntry.objects.get()
    assert entry.author == cast.bob
    assert entry.author_organisation == cast.jobcentre_north
    assert entry.course == cast.anna_course
    assert entry.created_at.year > 2001


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"data_class": "vocational", "body": "   "}, "Write the entry"),
        ({"data_class": "nonsense", "body": "Text"}, "Choose what kind"),
        ({"data_class": "therapy_detail", "body": "Text"}, "does not write"),
    ],
)
def test_bad_input_is_a_400_with_a_reason(client, login, cast, payload, reason):
    login(cast.bob)
    response = _post(client, f"/api/v1/citizens/{cast.anna.pk}/journal", payload)
    assert response.status_code == 400
    assert reason in response.json()["detail"]
    assert not JournalEntry.objects.exists()


def test_too_long_body_is_refused(client, login, cast):
    login(cast.bob)
    response = _post(
        client,
        f"/api/v1/citizens/{cast.anna.pk}/journal",
        {"data_class": "vocational", "body": "x" * 6000},
    )
    assert response.status_code in (400, 422)
    assert not JournalEntry.objects.exists()


def test_citizen_may_not_write_entries(client, login, cast):
    login(cast.anna)
    response = _post(
        client,
        f"/api/v1/citizens/{cast.anna.pk}/journal",
        {"data_class": "meeting_minutes", "body": "My own entry"},
    )
    assert response.status_code == 403
    assert not JournalEntry.objects.exists()


def test_citizen_disputes_through_the_api(client, login, cast):
    entry = write(cast.bob, cast.anna, "vocational", "Anna does not want to work.")
    login(cast.anna)
    response = _post(
        client,
        f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/dispute",
        {"statement": "I want to work, just not night shifts."},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["disputed"] is True
    assert body["disputes"][0]["statement"] == "I want to work, just not night shifts."
    login(cast.bob)
    response = _post(
        client,
        f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/addendum",
        {"body": "Correction: Anna wants day work.", "outcome": "corrected"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["disputed"] is False
    assert body["body"] == "Anna does not want to work."  # the original stays readable
    assert body["addenda"][0]["outcome"] == "corrected"


def test_empty_statement_is_a_400(client, login, cast):
    entry = write(cast.bob, cast.anna, "vocational", "A note.")
    login(cast.anna)
    response = _post(
        client, f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/dispute", {"statement": " "}
    )
    assert response.status_code == 400
    assert "own words" in response.json()["detail"]


def test_other_team_gets_404_and_nothing(client, login, cast):
    entry = write(cast.alice, cast.anna, "meeting_minutes", "Anna chose day shifts.")
    base = f"/api/v1/citizens/{cast.anna.pk}/journal"
    for who in (cast.carol, cast.dave):
        login(who)
        responses = [
            client.get(base),
            client.get(f"{base}/{entry.pk}"),
            _post(client, base, {"data_class": "meeting_minutes", "body": "Injected"}),
            _post(client, f"{base}/{entry.pk}/dispute", {"statement": "Injected"}),
            _post(client, f"{base}/{entry.pk}/addendum", {"body": "Injected"}),
        ]
        for response in responses:
            assert response.status_code == 404
            assert "day shifts" not in response.content.decode()
            assert "Secretperson" not in response.content.decode()
    assert JournalEntry.objects.count() == 1
    assert AuditEvent.objects.filter(outcome="denied", citizen_id=cast.anna.pk).count() >= 10


def test_an_entry_through_another_citizen_is_404(client, login, cast):
    """SECURITY.md 2: a sub-record addressed through another citizen's parent is denied."""
    bent_entry = write(cast.carol, cast.bent, "meeting_minutes", "Bent met the team.")
    login(cast.carol)
    assert client.get(f"/api/v1/citizens/{cast.bent.pk}/journal/{bent_entry.pk}").status_code == 200
    login(cast.tina)  # sees Anna, not Bent
    response = client.get(f"/api/v1/citizens/{cast.anna.pk}/journal/{bent_entry.pk}")
    assert response.status_code == 404
    login(cast.anna)
    response = _post(
        client,
        f"/api/v1/citizens/{cast.anna.pk}/journal/{bent_entry.pk}/dispute",
        {"statement": "Not mine"},
    )
    assert response.status_code == 404


def test_unknown_ids_are_404(client, login, cast):
    login(cast.alice)
    assert client.get(f"/api/v1/citizens/{uuid.uuid4()}/journal").status_code == 404
    assert client.get(f"/api/v1/citizens/{cast.anna.pk}/journal/{uuid.uuid4()}").status_code == 404


def test_manager_sees_no_journal(client, login, cast):
    write(cast.alice, cast.anna, "meeting_minutes", "Minutes.")
    login(cast.mona)
    assert client.get(f"/api/v1/citizens/{cast.anna.pk}/journal").status_code == 404
