"""Collective-journal entries for the demo: every data class, written by both sectors, for the
open courses; one citizen with an open dispute and one whose dispute was answered.

Written through the journal services, so access rules, encryption and audit events are real;
only the dates are set back afterwards, so the entries spread over each course.
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

HEALTH = "health"
EMPLOYMENT = "employment"

SUBSTANCE_NOTE = (
    "{name} takes sertraline 50 mg; a little nausea the first weeks. Drinks two or three beers "
    "at the weekend, less than before."
)

# (class, who writes it, text). {name} is the citizen's given name. Short and plain.
NOTES: list[tuple[str, str, str]] = [
    (
        DataClass.THERAPY_DETAIL,
        HEALTH,
        "{name} talked about the conflict with the former manager and still feels ashamed. "
        "We worked on noticing the thoughts that come before the worry.",
    ),
    (
        DataClass.THERAPY_DETAIL,
        HEALTH,
        "{name} sleeps badly before the weekly meeting at work. We practised a breathing "
        "exercise and wrote down the worst-case thought and a more likely one.",
    ),
    (
        DataClass.FUNCTIONAL_CAPACITY,
        HEALTH,
        "{name} can work 3 to 4 hours a day with short breaks. Tasks with many interruptions "
        "are hard for now. Physical work is no problem.",
    ),
    (
        DataClass.FUNCTIONAL_CAPACITY,
        HEALTH,
        "Concentration is better: {name} read for an hour without a break. Deadlines under "
        "time pressure are still too much.",
    ),
    (
        DataClass.DIAGNOSIS,
        HEALTH,
        "The psychiatrist confirmed the diagnosis at the assessment. Treatment follows the "
        "stepped-care plan.",
    ),
    (
        DataClass.FAMILY,
        HEALTH,
        "{name}'s partner wants to join the next roundtable meeting. {name} agreed. The "
        "children are with their grandparents on Wednesdays.",
    ),
    (
        DataClass.VOCATIONAL,
        EMPLOYMENT,
        "{name} wants to go back to the same trade, but not to the same workplace. We looked "
        "at three employers nearby.",
    ),
    (
        DataClass.VOCATIONAL,
        EMPLOYMENT,
        "Talked with the employer about a gradual return: two mornings a week to start, "
        "other tasks than before.",
    ),
    (
        DataClass.BENEFIT_DECISION,
        EMPLOYMENT,
        "Sickness benefit continues. The next reassessment date is set by law and is the "
        "same for everyone. We explained it to {name}.",
    ),
    (
        DataClass.MEETING_MINUTES,
        HEALTH,
        "Roundtable meeting: {name}, care manager and employment consultant. We agreed to try "
        "a work placement after the next two sessions.",
    ),
    (
        DataClass.MEETING_MINUTES,
        EMPLOYMENT,
        "Short meeting at the jobcentre. {name} brought questions about money during the "
        "placement. Answered; a written summary follows.",
    ),
    (
        DataClass.JOINT_PLAN,
        EMPLOYMENT,
        "Plan updated together: first goal is a steady daily rhythm, then the placement. "
        "We look at it again in four weeks.",
    ),
    (
        DataClass.CONTACT_DETAILS,
        HEALTH,
        "{name} prefers text messages before 10 in the morning. No calls during sessions at "
        "the clinic.",
    ),
]

SUMMARY = (
    DataClass.HEALTH_SUMMARY,
    "Summary for sharing: {name} is working on worry and sleep in therapy. Short, "
    "predictable work days help for now.",
)

OPEN_DISPUTE = (
    "This is not right. I said I do not want to go back to the same manager. "
    "I do want to work in the same trade."
)
CLOSED_DISPUTE = "I can work four hours, not three. I told you at the last meeting."
CORRECTION = (
    "Correction after talking with {name}: {name} can work four hours a day with short "
    "breaks. The first text was wrong."
)


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
    written: dict = {}
    for index, course in enumerate(courses):
        name = course.citizen.given_name
        assert course.care_manager is not None and course.employment_consultant is not None
        health = actors(course.care_manager.user_id)
        employment = actors(course.employment_consultant.user_id)
        # Every class appears across the demo; each citizen gets a plausible handful.
        notes = rng.sample(NOTES, k=rng.randint(5, 7))
        if course in with_login[:2]:
            notes = [n for n in NOTES if n[0] != DataClass.DIAGNOSIS]
        if index % 4 == 0 and not any(n[0] == DataClass.THERAPY_DETAIL for n in notes):
            notes.append(NOTES[0])
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
                    data_class=SUMMARY[0],
                    body=SUMMARY[1].format(name=name),
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
            body=SUBSTANCE_NOTE.format(name=course.citizen.given_name),
        )
        _backdate(entry, now - dt.timedelta(days=3))
    _disputes(with_login, written, actors, now)


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
