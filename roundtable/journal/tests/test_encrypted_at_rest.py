"""Journal text is encrypted at rest: the raw columns hold Fernet tokens, never the words
(SECURITY.md; keys separate from SECRET_KEY)."""

import pytest
from django.db import connection

from roundtable.journal import services
from roundtable.journal.testing import actor_of, dispute, write

pytestmark = pytest.mark.django_db

BODY = "Anna talked about panic attacks at the bakery counter."
STATEMENT = "I never had a panic attack at the counter, it was in the stockroom."
ADDENDUM = "Corrected: the panic attack was in the stockroom, not at the counter."


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 (fixed names)
        return [row[0] for row in cursor.fetchall()]


def test_journal_columns_hold_no_plaintext(cast):
    entry = write(cast.alice, cast.anna, "therapy_detail", BODY)
    dispute(cast.anna, entry, STATEMENT)
    services.journal_addendum_add(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.pk,
        entry_id=entry.pk,
        body=ADDENDUM,
        outcome="corrected",
    )
    stored = (
        _raw("journal_journalentry", "body")
        + _raw("journal_journaldispute", "statement")
        + _raw("journal_journaladdendum", "body")
    )
    assert len(stored) == 3
    for value in stored:
        assert value.startswith("gAAAAA")
        for words in ("panic", "stockroom", "counter", "bakery"):
            assert words not in value
    entry.refresh_from_db()
    assert entry.body == BODY
