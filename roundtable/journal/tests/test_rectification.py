"""Rectification end to end (SECURITY.md 23): the citizen flags an entry as wrong with their own
statement; while the dispute is open the entry stays inside the author's organisation; the author
answers with an addendum and closes it; the other organisation is told; the original stays
readable and nothing is overwritten."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.journal.models import JournalAddendum, JournalDispute, JournalEntry, JournalNotice
from roundtable.journal.testing import dispute, write

pytestmark = pytest.mark.django_db

ORIGINAL = "Anna says she cannot lift more than five kilos at work."
STATEMENT = "I said fifteen kilos, not five."
ANSWER = "Correction: Anna can lift up to fifteen kilos."


@pytest.fixture
def entry(cast):
    return write(cast.alice, cast.anna, "meeting_minutes", ORIGINAL)


def _journal(client, login, who, cast):
    login(who)
    return client.get(reverse("journal:journal", args=[cast.anna.pk])).content.decode()


def test_the_whole_rectification_flow(client, login, cast, entry):
    # Before: the jobcentre reads the minutes (a jointly produced class).
    assert ORIGINAL in _journal(client, login, cast.bob, cast)

    # The citizen flags it as wrong in their portal, in their own words.
    login(cast.anna)
    page = client.get(reverse("journal:my-entry", args=[entry.pk])).content.decode()
    assert ORIGINAL in page and "Is this wrong?" in page
    response = client.post(reverse("journal:my-entry", args=[entry.pk]), {"statement": STATEMENT})
    assert response.status_code == 302
    page = client.get(reverse("journal:my-entry", args=[entry.pk])).content.decode()
    assert "You said this is wrong" in page and STATEMENT in page

    # While open: hidden from the other organisation (page and API), visible in the author's.
    bob_page = _journal(client, login, cast.bob, cast)
    assert ORIGINAL not in bob_page
    api = client.get(f"/api/v1/citizens/{cast.anna.pk}/journal").json()
    assert all(e["id"] != str(entry.pk) for e in api)
    assert client.get(reverse("journal:entry", args=[cast.anna.pk, entry.pk])).status_code == 404
    tina_page = _journal(client, login, cast.tina, cast)  # same organisation as the author
    assert ORIGINAL in tina_page and "Disputed" in tina_page and STATEMENT in tina_page

    # The author is told, and answers: corrected, with an addendum.
    alice_page = _journal(client, login, cast.alice, cast)
    assert "The citizen says one of your entries is wrong" in alice_page
    response = client.post(
        reverse("journal:addendum", args=[cast.anna.pk, entry.pk]),
        {"body": ANSWER, "outcome": "corrected"},
    )
    assert response.status_code == 302

    # The other organisation is told of the outcome, and reads the original and the addendum.
    notice = JournalNotice.objects.get(recipient=cast.bob.user)
    assert notice.kind == "dispute_corrected"
    bob_page = _journal(client, login, cast.bob, cast)
    assert "A disputed entry was corrected" in bob_page
    assert ORIGINAL in bob_page and ANSWER in bob_page and STATEMENT in bob_page
    assert "five kilos" not in notice.get_kind_display()

    # The citizen follows the outcome: corrected, the first text still there.
    login(cast.anna)
    page = client.get(reverse("journal:my-entry", args=[entry.pk])).content.decode()
    assert "It was corrected" in page and ORIGINAL in page and ANSWER in page

    # Nothing was overwritten: the entry is as written; one addendum; the dispute is closed.
    stored = JournalEntry.objects.get(pk=entry.pk)
    assert stored.body == ORIGINAL
    closed = JournalDispute.objects.get(entry=entry)
    assert closed.status == "corrected" and closed.closed_at is not None
    assert JournalAddendum.objects.get(entry=entry).dispute_id == closed.pk
    actions = set(
        AuditEvent.objects.filter(citizen_id=cast.anna.pk).values_list("action", "object_type")
    )
    assert {
        ("create", "journal_entry"),
        ("create", "journal_dispute"),
        ("create", "journal_addendum"),
        ("update", "journal_dispute"),
        ("list", "journal_entry"),
        ("read", "journal_entry"),
    } <= actions


def test_upheld_dispute_keeps_the_text_and_tells_the_other_organisation(cast, entry):
    from roundtable.journal import services
    from roundtable.journal.testing import actor_of

    dispute(cast.anna, entry, STATEMENT)
    services.journal_addendum_add(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.pk,
        entry_id=entry.pk,
        body="We wrote down what you said at the meeting.",
        outcome="upheld",
    )
    assert JournalDispute.objects.get(entry=entry).status == "upheld"
    assert list(
        JournalNotice.objects.filter(kind="dispute_upheld").values_list("recipient", flat=True)
    ) == [cast.bob.user_id]


def test_notice_text_holds_no_journal_content(client, login, cast, entry):
    from roundtable.journal import services
    from roundtable.journal.testing import actor_of

    dispute(cast.anna, entry, STATEMENT)
    services.journal_addendum_add(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.pk,
        entry_id=entry.pk,
        body=ANSWER,
        outcome="corrected",
    )
    login(cast.bob)
    page = client.get(reverse("journal:notices")).content.decode()
    assert "A disputed entry was corrected" in page
    for words in ("kilos", "lift", STATEMENT):
        assert words not in page


def test_a_second_dispute_while_one_is_open_is_refused(client, login, cast, entry):
    dispute(cast.anna, entry, STATEMENT)
    login(cast.anna)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/dispute",
        {"statement": "Again"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "already" in response.json()["detail"]
    assert JournalDispute.objects.count() == 1


def test_only_the_author_answers(client, login, cast, entry):
    dispute(cast.anna, entry, STATEMENT)
    login(cast.sam)  # same organisation, sees it, but did not write it and leads no team
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/addendum",
        {"body": "Closing it", "outcome": "upheld"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert JournalDispute.objects.get().status == "open"


def test_team_leader_of_the_authors_organisation_can_stand_in(client, login, cast, entry):
    dispute(cast.anna, entry, STATEMENT)
    login(cast.tina)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/addendum",
        {"body": "Alice is away; we keep it as written for now.", "outcome": "upheld"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert JournalDispute.objects.get().status == "upheld"


def test_professionals_cannot_dispute_and_citizens_cannot_add(client, login, cast, entry):
    login(cast.alice)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/dispute",
        {"statement": "I think this is wrong"},
        content_type="application/json",
    )
    assert response.status_code == 403
    login(cast.anna)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/addendum",
        {"body": "My own addendum"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not JournalDispute.objects.exists() and not JournalAddendum.objects.exists()


def test_closing_without_an_open_dispute_is_a_clear_400(client, login, cast, entry):
    login(cast.alice)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal/{entry.pk}/addendum",
        {"body": "An answer", "outcome": "corrected"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "no open dispute" in response.json()["detail"]
    assert not JournalAddendum.objects.exists()


def test_a_plain_addendum_keeps_the_dispute_open(client, login, cast, entry):
    dispute(cast.anna, entry, STATEMENT)
    login(cast.alice)
    response = client.post(
        reverse("journal:addendum", args=[cast.anna.pk, entry.pk]),
        {"body": "We are checking the meeting notes.", "outcome": ""},
    )
    assert response.status_code == 302
    assert JournalDispute.objects.get().status == "open"
    assert ORIGINAL not in _journal(client, login, cast.bob, cast)
