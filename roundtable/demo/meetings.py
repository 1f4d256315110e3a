"""Roundtable meetings in the demo, written through the services as the team would write them:
held meetings with 10–25 decisions of several types (options with pros and cons) and minutes,
and upcoming meetings whose preparation the citizen has answered (issue: the integrated pathway).
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

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

# (type, subtype, what is to be decided, options as (text, pros, cons)); the first option is
# the one chosen when the decision is made.
DECISIONS = [
    (
        "course_content",
        "individual_focus",
        "What should the first weeks focus on?",
        [
            ("Reduce stress", "Sleep and energy first", "Work feels far away"),
            ("Confidence to return to work", "Keeps the goal close", "May feel like pressure"),
        ],
    ),
    (
        "course_content",
        "activities",
        "Which activities between meetings?",
        [
            ("Stress diary", "Shows patterns", "Takes a few minutes a day"),
            ("Group mindfulness (MBSR)", "Meets others", "Eight weeks, evenings"),
        ],
    ),
    (
        "course_content",
        "planning_meetings",
        "How often do we meet?",
        [
            ("Every second week, face to face", "Regular contact", "Travel time"),
            ("Every week by phone", "Short and flexible", "Less personal"),
        ],
    ),
    (
        "return_to_work",
        "job_function_and_tasks",
        "Which tasks at work first?",
        [
            ("Other tasks without deadlines", "Less stress", "Colleagues must cover"),
            ("Own tasks, fewer of them", "Familiar work", "Old pressure returns"),
        ],
    ),
    (
        "return_to_work",
        "stepped_return_to_work",
        "How to start back at work?",
        [
            ("Three hours a day, three days a week", "Gentle start", "Slow"),
            ("Four hours a day, four days a week", "Faster", "Risk of setback"),
        ],
    ),
    (
        "return_to_work",
        "return_to_work_date",
        "When to start back?",
        [
            ("In four weeks", "Time to prepare", "Benefit reassessment comes closer"),
            ("Next month's first Monday", "A clear date", "Little time to prepare"),
        ],
    ),
    (
        "collaboration",
        "employer_and_colleagues",
        "What to tell the workplace, and how?",
        [
            (
                "The consultant calls the manager, with the citizen",
                "Support in the talk",
                "Less control",
            ),
            ("The citizen writes to the manager", "Own words", "Hard to start"),
        ],
    ),
    (
        "collaboration",
        "citizens_role",
        "Homework before the next meeting",
        [("Write down what a good workday looks like", "Clarifies the goal", "Takes effort")],
    ),
    (
        "collaboration",
        "professionals_roles",
        "Who checks the benefit rules?",
        [("The employment consultant", "Knows the law", "")],
    ),
    (
        "collaboration",
        "family_and_friends",
        "Should the spouse join the next meeting?",
        [
            ("Yes, if the citizen wants", "Support at home", "Private topics"),
            ("No, not now", "Keeps it simple", ""),
        ],
    ),
    (
        "goals",
        "long_term_goals",
        "A goal for the next year",
        [("Better balance between work and life", "Matters most to the citizen", "")],
    ),
    (
        "goals",
        "temporary_goals",
        "A goal for the next two weeks",
        [("Walk the dog every morning", "Small and concrete", "")],
    ),
]


def _actor(user_id):
    return actor_for_user(get_user_model().objects.get(pk=user_id))


def _schedule(cm, course: Course, start: dt.datetime):
    return meeting_schedule(
        actor=cm,
        citizen_id=course.citizen_id,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        purpose="We make a plan together for your health and your way back to work.",
        place="Jobcenter, meeting room 2",
    )


def demo_meetings_load(*, today: dt.date, held: int = 12, upcoming: int = 4, seed: int = 7) -> None:
    """Meetings for the open Danish courses that have a care manager and a consultant."""
    rng = random.Random(seed)
    courses = list(
        Course.objects.filter(
            status=CourseStatus.ACTIVE,
            jurisdiction="dk",
            care_manager__isnull=False,
            employment_consultant__isnull=False,
        )
        .select_related("care_manager", "citizen")
        .order_by("citizen__family_name", "id")
    )
    with_login = [c for c in courses if c.citizen.user_id]
    others = [c for c in courses if not c.citizen.user_id]
    # Times follow the demo's day (not the clock), like every other date in the demo.
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(10, 0)))
    for course in others[:held] + with_login[1:3]:
        assert course.care_manager is not None  # filtered above
        cm = _actor(course.care_manager.user_id)
        start = now - dt.timedelta(days=rng.randint(7, 40), hours=rng.randint(0, 3))
        meeting = _schedule(cm, course, start)
        chosen = rng.sample(range(len(DECISIONS)), k=rng.randint(10, len(DECISIONS)))
        for n, index in enumerate(sorted(chosen)):
            type_slug, subtype_slug, title, options = DECISIONS[index]
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
            title="More therapy sessions than the programme offers",
            raised_by="citizen",
            status=DecisionStatus.EXCLUDED,
            exclusion_reason="programme_frame",
            exclusion_note="The programme has a fixed number of sessions. We can talk about "
            "what else can help.",
        )
        meeting_hold(actor=cm, meeting_id=meeting.id, today=today)
        minutes_save(
            actor=cm,
            meeting_id=meeting.id,
            text="We talked about how you are and about work. We agreed on the first steps "
            "back. We meet again in two weeks.",
        )
    for course in with_login[:1] + others[held : held + upcoming - 1]:
        assert course.care_manager is not None  # filtered above
        cm = _actor(course.care_manager.user_id)
        start = now + dt.timedelta(days=rng.randint(3, 10), hours=-1)
        meeting = _schedule(cm, course, start)
        if course.citizen.user_id:
            prompts = prompt_list(team_id=course.team_id)
            preparation_answer_save(
                actor=_actor(course.citizen.user_id),
                meeting_id=meeting.id,
                answers={prompts[0].pk: "Sleeping better, and knowing what happens with my job."},
            )
