"""Joint plans in the demo, written through the services as the team would write them: most
citizens with a held roundtable meeting get a published plan whose goals link to the meeting's
decisions, with a stepped return to work; some have two or three versions and the citizen's
comment and agreement. Every text is in the language of the team's jurisdiction (`content/`).
Call after `demo_meetings_load`.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.meetings.models import Decision, DecisionStatus, Meeting, MeetingStatus
from roundtable.plans.content import GoalData, RampRow
from roundtable.plans.models import JointPlan
from roundtable.plans.services import joint_plan_publish, joint_plan_save, plan_response_add

from .content import da, texts

# The Danish goals, also used by the scale generator (`generate_content`).
SHARED_GOALS = da.SHARED_GOALS
# One sentence copied into two Danish plans, as the studies found: the page nudges about it.
COPIED_GOAL = da.COPIED_GOAL
# Hours a day and days a week, week by week.
RAMPS: list[list[tuple[float, int]]] = [
    [(3, 3), (3, 4), (4, 4), (5, 4), (6, 4), (7, 4)],
    [(2, 3), (3, 3), (4, 3), (4, 4), (6, 4)],
    [(4, 2), (4, 3), (5, 3), (5, 4), (7, 4), (7.4, 5)],
]


def _actor(user_id) -> Actor:
    actor = actor_for_user(get_user_model().objects.get(pk=user_id))
    assert actor is not None
    return actor


def _goals(
    words, name: str, index: int, decisions: list[Decision], today: dt.date, *, copied: bool
) -> list[GoalData]:
    by_subtype: dict[str, list] = {}
    for decision in decisions:
        by_subtype.setdefault(decision.subtype.slug if decision.subtype else "", []).append(
            decision.pk
        )

    def linked(*slugs: str) -> tuple:
        return tuple(d for s in slugs for d in by_subtype.get(s, []))

    goals = words.SHARED_GOALS
    shared = words.COPIED_GOAL if copied else goals[index % len(goals)]
    return [
        GoalData(
            kind="framework",
            owner_sector="shared",
            text=shared.format(name=name),
            target_date=today + dt.timedelta(weeks=12),
            status="in_progress",
            decision_ids=linked("return_to_work_date", "stepped_return_to_work"),
        ),
        GoalData(
            kind="supporting",
            owner_sector="health",
            text=words.GOAL_HEALTH,
            target_date=today + dt.timedelta(weeks=6),
            decision_ids=linked("individual_focus", "activities"),
        ),
        GoalData(
            kind="supporting",
            owner_sector="employment",
            text=words.GOAL_EMPLOYMENT,
            target_date=today + dt.timedelta(weeks=3),
            decision_ids=linked("job_function_and_tasks", "employer_and_colleagues"),
        ),
        GoalData(
            kind="temporary",
            owner_sector="shared",
            text=words.GOAL_TEMPORARY,
            status="in_progress",
            decision_ids=linked("temporary_goals"),
        ),
        GoalData(
            kind="long_term",
            owner_sector="shared",
            text=words.GOAL_LONG_TERM,
            decision_ids=linked("long_term_goals"),
        ),
    ]


def _ramp(index: int, *, setback: str = "") -> list[RampRow]:
    rows = [RampRow(Decimal(str(h)), d) for h, d in RAMPS[index % len(RAMPS)]]
    if setback:
        week = len(rows) // 2
        earlier = rows[week - 1]
        rows.insert(
            week,
            RampRow(
                earlier.hours_per_day,
                max(1, earlier.days_per_week - 1),
                note=setback,
            ),
        )
    return rows


def demo_plans_load(*, today: dt.date, seed: int = 11, without_plan: int = 2) -> int:
    """Plans for the courses with a held meeting; returns how many were published."""
    rng = random.Random(seed)
    meetings = list(
        Meeting.objects.filter(status=MeetingStatus.HELD)
        .select_related("course__citizen", "course__care_manager", "course__employment_consultant")
        .order_by("course__citizen__family_name", "starts_at", "id")
    )
    latest = {m.course_id: m for m in meetings}  # the newest held meeting of each course
    # A few keep no plan yet, so the page's "start the joint plan" shows too; never one of the
    # citizens who can sign in, whose answers the demo shows.
    skipped = {m.pk for m in latest.values() if not m.course.citizen.user_id}
    skipped = set(sorted(skipped, key=str)[:without_plan])
    chosen = [m for m in latest.values() if m.pk not in skipped]
    # Loading twice changes nothing: a course that has a plan keeps it.
    planned = set(
        JointPlan.objects.filter(course_id__in=[m.course_id for m in chosen]).values_list(
            "course_id", flat=True
        )
    )
    published = 0
    # Each jurisdiction's plans are counted on their own, so that the copied goal stays Danish.
    counted: dict[str, int] = {}
    for meeting in chosen:
        course = meeting.course
        index = counted.get(course.jurisdiction, 0)
        counted[course.jurisdiction] = index + 1
        if meeting.course_id in planned:
            continue
        words = texts(course.jurisdiction)
        citizen = course.citizen
        # A meeting is held only on a course with both (meeting_schedule checks).
        assert course.care_manager is not None and course.employment_consultant is not None
        cm = _actor(course.care_manager.user_id)
        ec = _actor(course.employment_consultant.user_id)
        decisions = list(
            Decision.objects.filter(meeting=meeting, status=DecisionStatus.MADE).select_related(
                "subtype"
            )
        )
        start = today + dt.timedelta(days=rng.randint(5, 14))
        copied = course.jurisdiction == "dk" and index in (1, 2)
        goals = _goals(words, citizen.given_name, index, decisions, today, copied=copied)
        joint_plan_save(
            actor=ec,
            citizen_id=citizen.pk,
            expected_revision=0,
            sections={"employment_consultant": words.SECTION_EMPLOYMENT},
            goals=goals,
            ramp=_ramp(index),
            ramp_start=start,
            review_on=today + dt.timedelta(weeks=6),
            meeting_id=meeting.pk,
            today=today,
        )
        plan = joint_plan_save(
            actor=cm,
            citizen_id=citizen.pk,
            expected_revision=1,
            sections={"overall": words.SECTION_OVERALL, "care_manager": words.SECTION_CARE},
            goals=goals,
            ramp=_ramp(index),
            ramp_start=start,
            review_on=today + dt.timedelta(weeks=6),
            today=today,
        )
        joint_plan_publish(
            actor=cm, citizen_id=citizen.pk, expected_revision=plan.revision, today=today
        )
        published += 1
        versions = 1 if index % 3 == 0 else 2 if index % 3 == 1 else 3
        if citizen.user_id:
            versions = max(versions, 2)
            plan_response_add(
                actor=_actor(citizen.user_id),
                citizen_id=citizen.pk,
                number=1,
                agreement="not_yet",
                comment=words.RESPONSE_NOT_YET,
            )
        for number in range(2, versions + 1):
            assert plan.plan is not None  # saved above
            goal_ids = list(
                JointPlan.objects.get(pk=plan.plan.pk)
                .goals.order_by("order")
                .values_list("pk", flat=True)
            )
            adjusted = [
                GoalData(**{**g.__dict__, "id": gid})
                for g, gid in zip(goals, goal_ids, strict=True)
            ]
            if number == 3:
                adjusted[3] = GoalData(**{**adjusted[3].__dict__, "status": "reached"})
            plan = joint_plan_save(
                actor=ec,
                citizen_id=citizen.pk,
                expected_revision=plan.revision,
                sections={
                    "employment_consultant": words.SECTION_EMPLOYMENT_VERSION.format(number=number)
                },
                goals=adjusted,
                ramp=_ramp(index, setback=words.RAMP_SETBACK_NOTE),
                ramp_start=start,
                review_on=today + dt.timedelta(weeks=6 + number),
                today=today,
            )
            joint_plan_publish(
                actor=ec, citizen_id=citizen.pk, expected_revision=plan.revision, today=today
            )
        if citizen.user_id:
            plan_response_add(
                actor=_actor(citizen.user_id),
                citizen_id=citizen.pk,
                number=versions,
                agreement="agree",
                comment=words.RESPONSE_AGREE,
            )
    return published
