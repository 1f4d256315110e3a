"""Roundtable meetings in the demo, written through the services as the team would write them:
held meetings with 10–25 decisions of several types (options with pros and cons) and minutes,
and upcoming meetings whose preparation the citizen has answered (issue: the integrated pathway).
Every text is in the language of the team's jurisdiction (`content/`); the Swedish and the
Norwegian citizen who can sign in have a held meeting and an upcoming one too.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from roundtable.accounts.actor import actor_for_user
from roundtable.citizens.models import Course, CourseStatus
from roundtable.meetings.models import DecisionStatus
from roundtable.meetings.selectors import prompt_list
from roundtable.meetings.services import (
    OptionData,
    decision_add,
    meeting_hold,
    meeting_schedule,
    minutes_save,
    preparation_answer_save,
)

from .content import LANGUAGE, da, texts

# The Danish decisions, also used by the scale generator (`generate_content`).
DECISIONS = da.DECISIONS


def _actor(user_id):
    return actor_for_user(get_user_model().objects.get(pk=user_id))


def _schedule(cm, course: Course, start: dt.datetime):
    words = texts(course.jurisdiction)
    assert course.employment_consultant is not None  # a meeting needs both professionals
    return meeting_schedule(
        actor=cm,
        citizen_id=course.citizen_id,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        purpose=words.MEETING_PURPOSE,
        place=words.MEETING_PLACE.format(employment=course.employment_consultant.organisation.name),
    )


def _held(cm, course: Course, start: dt.datetime, rng: random.Random, today: dt.date) -> None:
    """A held meeting with 10 or more of the decisions, one excluded topic and minutes."""
    words = texts(course.jurisdiction)
    meeting = _schedule(cm, course, start)
    decisions = words.DECISIONS
    chosen = rng.sample(range(len(decisions)), k=rng.randint(10, len(decisions)))
    for n, index in enumerate(sorted(chosen)):
        type_slug, subtype_slug, title, options = decisions[index]
        status = DecisionStatus.MADE
        extra: dict = {}
        if n % 7 == 6:
            status = DecisionStatus.POSTPONED
            extra["revisit_on"] = today + dt.timedelta(days=14)
        decision_add(
            actor=cm,
            meeting_id=meeting.id,
            type_slug=type_slug,
            subtype_slug=subtype_slug,
            title=title,
            raised_by=rng.choice(["citizen", "care_manager", "employment_consultant"]),
            status=status,
            outcome=options[0][0] if status == DecisionStatus.MADE else "",
            is_key=n < 3,
            options=[
                OptionData(text=t, pros=p, cons=c, chosen=i == 0 and status == "made")
                for i, (t, p, c) in enumerate(options)
            ],
            **extra,
        )
    decision_add(
        actor=cm,
        meeting_id=meeting.id,
        type_slug="excluded",
        subtype_slug="outside_the_framework",
        title=words.EXCLUDED_TITLE,
        raised_by="citizen",
        status=DecisionStatus.EXCLUDED,
        exclusion_reason="programme_frame",
        exclusion_note=words.EXCLUDED_NOTE,
    )
    meeting_hold(actor=cm, meeting_id=meeting.id, today=today)
    minutes_save(actor=cm, meeting_id=meeting.id, text=words.MINUTES)


def _upcoming(cm, course: Course, start: dt.datetime) -> None:
    """A planned meeting; a citizen who can sign in has answered the first question."""
    meeting = _schedule(cm, course, start)
    if course.citizen.user_id:
        prompts = prompt_list(team_id=course.team_id)
        # The answer keeps the question as the citizen read it: in their own language.
        with translation.override(LANGUAGE[str(course.jurisdiction)]):
            preparation_answer_save(
                actor=_actor(course.citizen.user_id),
                meeting_id=meeting.id,
                answers={prompts[0].pk: texts(course.jurisdiction).PREPARATION_ANSWER},
            )


def demo_meetings_load(*, today: dt.date, held: int = 12, upcoming: int = 4, seed: int = 7) -> None:
    """Meetings for the open Danish courses that have a care manager and a consultant, and for
    the Swedish and Norwegian citizens who can sign in."""
    rng = random.Random(seed)
    courses = list(
        Course.objects.filter(
            status=CourseStatus.ACTIVE,
            care_manager__isnull=False,
            employment_consultant__isnull=False,
        )
        .select_related("care_manager", "citizen", "employment_consultant__organisation")
        .order_by("citizen__family_name", "id")
    )
    danish = [c for c in courses if c.jurisdiction == "dk"]
    with_login = [c for c in danish if c.citizen.user_id]
    others = [c for c in danish if not c.citizen.user_id]
    # Times follow the demo's day (not the clock), like every other date in the demo.
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(10, 0)))
    for course in others[:held] + with_login[1:3]:
        assert course.care_manager is not None  # filtered above
        cm = _actor(course.care_manager.user_id)
        start = now - dt.timedelta(days=rng.randint(7, 40), hours=rng.randint(0, 3))
        _held(cm, course, start, rng, today)
    for course in with_login[:1] + others[held : held + upcoming - 1]:
        assert course.care_manager is not None  # filtered above
        cm = _actor(course.care_manager.user_id)
        start = now + dt.timedelta(days=rng.randint(3, 10), hours=-1)
        _upcoming(cm, course, start)
    # The Swedish and the Norwegian citizen who can sign in: one held meeting, one to come.
    for course in courses:
        if course.jurisdiction == "dk" or not course.citizen.user_id:
            continue
        assert course.care_manager is not None  # filtered above
        cm = _actor(course.care_manager.user_id)
        _held(cm, course, now - dt.timedelta(days=rng.randint(14, 28)), rng, today)
        _upcoming(cm, course, now + dt.timedelta(days=rng.randint(3, 10), hours=-1))
