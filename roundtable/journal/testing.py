"""Test helpers for the collective journal, shared by its tests and the key-rotation test."""

from __future__ import annotations

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.citizens.models import Citizen
from roundtable.journal import services
from roundtable.journal.models import JournalDispute, JournalEntry


def actor_of(who) -> Actor:
    """The Actor of a professional, a citizen (with a login) or a user."""
    user = getattr(who, "user", who)
    actor = actor_for_user(user)
    assert actor is not None
    return actor


def write(professional, citizen: Citizen, data_class: str, body: str, **extra) -> JournalEntry:
    return services.journal_entry_write(
        actor=actor_of(professional),
        citizen_id=citizen.pk,
        data_class=data_class,
        body=body,
        **extra,
    )


def dispute(citizen: Citizen, entry: JournalEntry, statement: str) -> JournalDispute:
    return services.journal_dispute_open(
        actor=actor_of(citizen), citizen_id=citizen.pk, entry_id=entry.pk, statement=statement
    )
