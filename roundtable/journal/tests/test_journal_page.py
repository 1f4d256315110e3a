"""The journal page: newest first, only what the reader may see, paginated with a bounded number
of queries however long the journal grows; writing through the form."""

import pytest
from django.urls import reverse

from roundtable.journal import services
from roundtable.journal.models import JournalEntry
from roundtable.journal.testing import actor_of, dispute, write

pytestmark = pytest.mark.django_db


def _fill(cast, n: int) -> None:
    for i in range(n):
        entry = write(cast.alice, cast.anna, "meeting_minutes", f"Minutes number {i}.")
        if i % 3 == 0:
            dispute(cast.anna, entry, f"Statement {i}")
            services.journal_addendum_add(
                actor=actor_of(cast.alice),
                citizen_id=cast.anna.pk,
                entry_id=entry.pk,
                body=f"Answer {i}",
                outcome="upheld",
            )
        write(cast.bob, cast.anna, "vocational", f"Job search note {i}.")


@pytest.mark.parametrize("who", ["alice", "bob", "tina"])
def test_query_count_is_bounded(client, login, cast, django_assert_max_num_queries, who):
    login(getattr(cast, who))
    url = reverse("journal:journal", args=[cast.anna.pk])
    _fill(cast, 2)
    client.get(url)  # warm the session and caches
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    _fill(cast, 20)
    # Twenty times the entries, disputes and addenda: the same queries, give or take the
    # notices box and the page count.
    limit = len(small.captured_queries) + 2
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(limit):
        assert client.get(url, {"page": 2}).status_code == 200


def test_newest_first_and_paginated(client, login, cast):
    for i in range(25):
        write(cast.alice, cast.anna, "meeting_minutes", f"Minutes number {i:02d}.")
    login(cast.alice)
    page = client.get(reverse("journal:journal", args=[cast.anna.pk])).content.decode()
    assert page.index("Minutes number 24") < page.index("Minutes number 23")
    assert "Minutes number 04" not in page and "Page 1 of 2" in page
    page = client.get(reverse("journal:journal", args=[cast.anna.pk]), {"page": 2}).content.decode()
    assert "Minutes number 04" in page and "Minutes number 24" not in page
    for bad in ("0", "-3", "abc", "99999999999999999999"):
        response = client.get(reverse("journal:journal", args=[cast.anna.pk]), {"page": bad})
        assert response.status_code == 200


def test_write_form_offers_only_the_sectors_classes(client, login, cast):
    login(cast.bob)
    page = client.get(reverse("journal:journal", args=[cast.anna.pk])).content.decode()
    assert 'value="vocational"' in page and 'value="meeting_minutes"' in page
    assert 'value="therapy_detail"' not in page
    login(cast.alice)
    page = client.get(reverse("journal:journal", args=[cast.anna.pk])).content.decode()
    assert 'value="therapy_detail"' in page and 'value="vocational"' not in page


def test_writing_through_the_form(client, login, cast):
    login(cast.bob)
    url = reverse("journal:write", args=[cast.anna.pk])
    response = client.post(url, {"data_class": "vocational", "body": "Met the bakery owner."})
    assert response.status_code == 302
    assert JournalEntry.objects.get().body == "Met the bakery owner."
    response = client.post(url, {"data_class": "therapy_detail", "body": "Not mine to write."})
    assert response.status_code == 400
    # Refused beside the field, naming what this sector does write.
    assert "Your sector does not write" in response.content.decode()
    response = client.post(url, {"data_class": "vocational", "body": ""})
    assert response.status_code == 400
    assert JournalEntry.objects.count() == 1


def test_supervisor_reads_but_a_closed_course_takes_no_new_entries(client, login, cast):
    cast.anna_course.status = "completed"
    cast.anna_course.save()
    login(cast.alice)
    page = client.get(reverse("journal:journal", args=[cast.anna.pk])).content.decode()
    assert "The course is closed" in page
    response = client.post(
        f"/api/v1/citizens/{cast.anna.pk}/journal",
        {"data_class": "meeting_minutes", "body": "Late note"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "closed" in response.json()["detail"]


def test_html_in_text_is_escaped(client, login, cast):
    write(cast.alice, cast.anna, "meeting_minutes", "<script>alert('x')</script>")
    login(cast.bob)
    page = client.get(reverse("journal:journal", args=[cast.anna.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
