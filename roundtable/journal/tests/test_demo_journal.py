"""The demo's journal: entries of every class by both sectors for most citizens, one open and
one answered dispute, all readable through the same rules as real data."""

import datetime as dt

import pytest

from roundtable.citizens.models import Citizen
from roundtable.core.data_classes import ALL_CLASSES
from roundtable.demo.journal import demo_journal_load
from roundtable.demo.setting import demo_load
from roundtable.journal.models import JournalDispute, JournalEntry

pytestmark = pytest.mark.django_db


def test_demo_journal(client):
    today = dt.date(2026, 11, 23)
    demo_load(today=today)
    if not JournalEntry.objects.exists():  # unless the demo setting already loads it
        demo_journal_load(today=today)
    citizens = JournalEntry.objects.values("course__citizen").distinct().count()
    assert citizens > Citizen.objects.count() / 2
    assert set(JournalEntry.objects.values_list("data_class", flat=True)) == ALL_CLASSES
    sectors = set(JournalEntry.objects.values_list("author_organisation__sector", flat=True))
    assert sectors == {"health", "employment"}
    assert JournalEntry.objects.filter(source__isnull=False).exists()
    statuses = sorted(JournalDispute.objects.values_list("status", flat=True))
    assert statuses == ["corrected", "open"]
    open_dispute = JournalDispute.objects.get(status="open")
    citizen_user = open_dispute.entry.course.citizen.user
    assert citizen_user is not None
    client.force_login(citizen_user)
    response = client.get("/me/journal/")
    assert response.status_code == 200 and "Waiting for an answer" in response.content.decode()
    assert all(e.created_at.date() <= today for e in JournalEntry.objects.all())
