"""The demo's joint plans load through the services."""

import datetime as dt

import pytest

from roundtable.demo.plans import COPIED_GOAL, demo_plans_load
from roundtable.demo.setting import demo_load
from roundtable.meetings.models import Meeting
from roundtable.plans.models import JointPlan, PlanResponse, PlanVersion

TODAY = dt.date(2026, 11, 23)


@pytest.mark.django_db
def test_most_citizens_with_a_held_meeting_get_a_published_plan():
    demo_load(today=TODAY)
    demo_plans_load(today=TODAY)
    held = Meeting.objects.filter(status="held").values("course_id").distinct().count()
    plans = JointPlan.objects.count()
    assert held >= 10 and held - 3 <= plans < held
    assert PlanVersion.objects.values("plan_id").distinct().count() == plans
    counts = [p.versions.count() for p in JointPlan.objects.all()]
    assert {1, 2, 3} <= set(counts)
    assert JointPlan.objects.filter(goals__decisions__isnull=False).distinct().count() == plans
    assert all(p.ramp.exists() for p in JointPlan.objects.all())
    assert PlanResponse.objects.filter(agreement="agree").exists()
    assert PlanResponse.objects.filter(agreement="not_yet").exclude(comment="").exists()
    assert JointPlan.objects.filter(goals__text=COPIED_GOAL).count() == 2
    # Loading again changes nothing.
    demo_plans_load(today=TODAY)
    assert JointPlan.objects.count() == plans
