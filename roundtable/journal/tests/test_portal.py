"""The citizen's journal page in the portal: what is written about them, in plain language;
flag an entry as wrong; follow the outcome."""

import pytest
from django.urls import reverse

from roundtable.journal.testing import dispute, write

pytestmark = pytest.mark.django_db


def test_citizen_reads_what_is_written_and_flags_it(client, login, cast):
    entry = write(cast.bob, cast.anna, "vocational", "Anna does not want to work mornings.")
    login(cast.anna)
    page = client.get(reverse("journal:my-journal")).content.decode()
    assert "What is written about you" in page and "Bob Berg" in page
    page = client.get(reverse("journal:my-entry", args=[entry.pk])).content.decode()
    assert "Is this wrong?" in page and 'for="id_statement"' in page
    response = client.post(reverse("journal:my-entry", args=[entry.pk]), {"statement": ""})
    assert response.status_code == 400
    response = client.post(
        reverse("journal:my-entry", args=[entry.pk]), {"statement": "I can work mornings."}
    )
    assert response.status_code == 302
    page = client.get(reverse("journal:my-journal")).content.decode()
    assert "Waiting for an answer" in page


def test_citizen_cannot_flag_twice(client, login, cast):
    entry = write(cast.bob, cast.anna, "vocational", "A note.")
    dispute(cast.anna, entry, "Wrong.")
    login(cast.anna)
    page = client.get(reverse("journal:my-entry", args=[entry.pk])).content.decode()
    assert "Is this wrong?" not in page
    response = client.post(reverse("journal:my-entry", args=[entry.pk]), {"statement": "Again"})
    assert response.status_code == 302


def test_professional_journal_url_sends_the_citizen_to_the_portal(client, login, cast):
    login(cast.anna)
    response = client.get(reverse("journal:journal", args=[cast.anna.pk]))
    assert response.status_code == 302 and response.url == reverse("journal:my-journal")
