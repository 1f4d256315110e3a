"""Collective-journal entries for the demo: every data class, written by both sectors, for the
open courses; one citizen with an open dispute and one whose dispute was answered.

Written through the journal services, so access rules, encryption and audit events are real;
only the dates are set back afterwards, so the entries spread over each course. Each entry is
in the language of the team's jurisdiction.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.core.data_classes import DataClass
from roundtable.journal.models import JournalAddendum, JournalDispute, JournalEntry
from roundtable.journal.services import (
    journal_addendum_add,
    journal_dispute_open,
    journal_entry_write,
)

from .content import da, texts

HEALTH = "health"
EMPLOYMENT = "employment"

# The Danish texts, also used by the scale generator (`generate_content`); every course gets
# the texts of its team's jurisdiction (`content/`).
NOTES = da.JOURNAL_NOTES
SUMMARY = da.SUMMARY
OPEN_DISPUTE = da.OPEN_DISPUTE
CLOSED_DISPUTE = da.CLOSED_DISPUTE
CORRECTION = da.CORRECTION
SUBSTANCE_NOTE = da.SUBSTANCE_NOTE


def _actors() -> Callable[[object], Actor]:
    """Each professional's Actor, resolved once."""
    cache: dict = {}

    def get(user_id) -> Actor:
        if user_id not in cache:
            actor = actor_for_user(get_user_model().objects.get(pk=user_id))
            assert actor is not None
            cache[user_id] = actor
        return cache[user_id]

    return get


def _backdate(entry: JournalEntry, when: dt.datetime) -> None:
    # Demo only: spread the entries over the course instead of "all written just now".
    JournalEntry.objects.filter(pk=entry.pk).update(created_at=when)


def demo_journal_load(*, today: dt.date, seed: int = 11) -> None:
    """Journal entries for most demo citizens (every open course with both professionals)."""
    rng = random.Random(seed)
    actors = _actors()
    courses = list(
        Course.objects.filter(
            status__in=OPEN_STATUSES,
            care_manager__isnull=False,
            employment_consultant__isnull=False,
        )
        .select_related("citizen", "care_manager", "employment_consultant")
        .order_by("citizen__family_name", "citizen__given_name", "id")
    )
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(15, 0)))
    with_login = [c for c in courses if c.citizen.user_id]
    # The disputes are the first two Danish citizens' who can sign in; the Swedish and the
    # Norwegian citizen who can sign in read a full journal in their own language.
    danish_login = [c for c in with_login if c.jurisdiction == "dk"]
    full = danish_login[:2] + [c for c in with_login if c.jurisdiction != "dk"]
    written: dict = {}
    for index, course in enumerate(courses):
        name = course.citizen.given_name
        words = texts(course.jurisdiction)
        assert course.care_manager is not None and course.employment_consultant is not None
        health = actors(course.care_manager.user_id)
        employment = actors(course.employment_consultant.user_id)
        # Every class appears across the demo; each citizen gets a plausible handful.
        notes = rng.sample(words.JOURNAL_NOTES, k=rng.randint(5, 7))
        if course in full:
            notes = [n for n in words.JOURNAL_NOTES if n[0] != DataClass.DIAGNOSIS]
        if index % 4 == 0 and not any(n[0] == DataClass.THERAPY_DETAIL for n in notes):
            notes.append(words.JOURNAL_NOTES[0])
        days = max(1, (today - course.referral_date).days)
        offsets = sorted((rng.randint(0, days) for _ in notes), reverse=True)
        for (data_class, sector, text), offset in zip(notes, offsets, strict=True):
            actor = health if sector == HEALTH else employment
            entry = journal_entry_write(
                actor=actor,
                citizen_id=course.citizen_id,
                data_class=data_class,
                body=text.format(name=name),
            )
            when = now - dt.timedelta(days=offset, hours=rng.randint(0, 6))
            _backdate(entry, when)
            written.setdefault(course.pk, []).append(entry)
            if data_class == DataClass.THERAPY_DETAIL and rng.random() < 0.7:
                summary = journal_entry_write(
                    actor=health,
                    citizen_id=course.citizen_id,
                    data_class=words.SUMMARY[0],
                    body=words.SUMMARY[1].format(name=name),
                    source_id=entry.pk,
                )
                _backdate(summary, when + dt.timedelta(hours=1))
    if courses:
        # Substance use and medication have their own class (issue 10 #30): one note of it,
        # written after the others so that the rest of the demo stays as it was.
        course = courses[0]
        assert course.care_manager is not None
        entry = journal_entry_write(
            actor=actors(course.care_manager.user_id),
            citizen_id=course.citizen_id,
            data_class=DataClass.SUBSTANCE_MEDICATION,
            body=texts(course.jurisdiction).SUBSTANCE_NOTE.format(name=course.citizen.given_name),
        )
        _backdate(entry, now - dt.timedelta(days=3))
    _disputes(danish_login, written, actors, now)


def _entry_of(entries: list[JournalEntry], data_class: str) -> JournalEntry | None:
    return next((e for e in entries if e.data_class == data_class), None)


def _disputes(with_login: list[Course], written: dict, actors, now: dt.datetime) -> None:
    """The first citizen with a login has an open dispute, the second an answered one."""
    if with_login:
        course = with_login[0]
        entry = _entry_of(written.get(course.pk, []), DataClass.VOCATIONAL)
        if entry is not None:
            dispute = journal_dispute_open(
                actor=actors(course.citizen.user_id),
                citizen_id=course.citizen_id,
                entry_id=entry.pk,
                statement=OPEN_DISPUTE,
            )
            JournalDispute.objects.filter(pk=dispute.pk).update(
                raised_at=now - dt.timedelta(days=2)
            )
    if len(with_login) > 1:
        course = with_login[1]
        entry = _entry_of(written.get(course.pk, []), DataClass.FUNCTIONAL_CAPACITY)
        if entry is not None:
            dispute = journal_dispute_open(
                actor=actors(course.citizen.user_id),
                citizen_id=course.citizen_id,
                entry_id=entry.pk,
                statement=CLOSED_DISPUTE,
            )
            addendum = journal_addendum_add(
                actor=actors(entry.author.user_id),
                citizen_id=course.citizen_id,
                entry_id=entry.pk,
                body=CORRECTION.format(name=course.citizen.given_name),
                outcome="corrected",
            )
            JournalDispute.objects.filter(pk=dispute.pk).update(
                raised_at=now - dt.timedelta(days=9), closed_at=now - dt.timedelta(days=6)
            )
            JournalAddendum.objects.filter(pk=addendum.pk).update(
                created_at=now - dt.timedelta(days=6)
            )
