"""Test helpers for joint plans, shared by the unit and browser tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from roundtable.meetings import services as meeting_services
from roundtable.meetings.models import Decision, Meeting
from roundtable.meetings.services import OptionData
from roundtable.meetings.testing import actor_of, log_decision, schedule
from roundtable.plans import services
from roundtable.plans.content import GoalData, RampRow
from roundtable.plans.models import JointPlan, PlanVersion

SHARED_GOAL = "Anna is back at the bakery four days a week by spring, without panic attacks."
CARE_MANAGER_SECTION = "Anna works on boundary-setting in sessions; panic diary reviewed weekly."
EMPLOYMENT_SECTION = "Bob calls the bakery's manager about morning tasks without deadlines."
OVERALL = "We start with short days and add hours when Anna feels ready."


def held_meeting(professional, citizen, *, decisions: int = 2) -> tuple[Meeting, list[Decision]]:
    """A held meeting of the citizen's course with `decisions` made decisions with options."""
    meeting = schedule(professional, citizen, days_ahead=-1)
    made = [
        log_decision(
            professional,
            meeting,
            type_slug="return_to_work",
            subtype_slug="stepped_return_to_work",
            title=f"How to start back, part {n}",
            status="made",
            outcome="Three short days a week first.",
            options=[
                OptionData("Three hours a day", pros="Gentle", cons="Slow", chosen=True),
                OptionData("Four hours a day", pros="Faster", cons="Risk of setback"),
            ],
        )
        for n in range(1, decisions + 1)
    ]
    meeting_services.meeting_hold(actor=actor_of(professional), meeting_id=meeting.pk)
    return meeting, made


def ramp_rows() -> list[RampRow]:
    return [
        RampRow(Decimal("3"), 3),
        RampRow(Decimal("4"), 3),
        RampRow(Decimal("4"), 4),
        RampRow(Decimal("6"), 4),
    ]


def revision_of(citizen) -> int:
    return (
        JointPlan.objects.filter(course__citizen=citizen).values_list("revision", flat=True).first()
        or 0
    )


def save_plan(professional, citizen, *, revision: int | None = None, **overrides) -> JointPlan:
    """Save a complete draft through the service, at the current revision unless given."""
    today = timezone.localdate()
    values: dict = {
        "sections": {"overall": OVERALL},
        "goals": [
            GoalData(
                kind="framework",
                owner_sector="shared",
                text=SHARED_GOAL,
                target_date=today + dt.timedelta(days=90),
            ),
            GoalData(kind="temporary", owner_sector="health", text="Walk the dog every morning."),
        ],
        "ramp": ramp_rows(),
        "ramp_start": today + dt.timedelta(days=7),
        "review_on": today + dt.timedelta(days=42),
    }
    values.update(overrides)
    plan = services.joint_plan_save(
        actor=actor_of(professional),
        citizen_id=citizen.pk,
        expected_revision=revision_of(citizen) if revision is None else revision,
        **values,
    ).plan
    assert plan is not None  # the draft it saved
    return plan


def publish(professional, citizen) -> PlanVersion:
    return services.joint_plan_publish(
        actor=actor_of(professional), citizen_id=citizen.pk, expected_revision=revision_of(citizen)
    ).version
