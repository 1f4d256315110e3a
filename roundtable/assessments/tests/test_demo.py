"""The demo's assessments load through the services: most citizens have both assessments,
sessions within the budget, 3–8 symptom scores; IPS for the Swedish team, the life-situation
mapping for the Norwegian team. One test: loading the demo takes a while."""

import time
from collections import Counter

import pytest
from django.utils import timezone

from roundtable.assessments.models import (
    CareSession,
    HealthAssessment,
    IpsCareerProfile,
    IpsJobSearchPlan,
    LifeArea,
    SymptomScore,
    TeamProgramme,
    VocationalAssessment,
)
from roundtable.audit.models import AuditEvent
from roundtable.citizens.models import Course
from roundtable.demo.assessments import NORWEGIAN_TEAM, SWEDISH_IPS_TEAM, demo_assessments_load
from roundtable.demo.setting import demo_load

pytestmark = pytest.mark.django_db


def test_demo_assessments_load():
    today = timezone.localdate()
    demo_load(today=today)
    started = time.monotonic()
    demo_assessments_load(today=today)
    assert time.monotonic() - started < 60

    courses = Course.objects.count()
    assessed = set(HealthAssessment.objects.values_list("course_id", flat=True))
    vocational = set(VocationalAssessment.objects.values_list("course_id", flat=True))
    assert len(assessed & vocational) > courses / 2

    budgets = {p.team_id: p.budget for p in TeamProgramme.objects.all()}
    used = Counter(
        CareSession.objects.filter(attendance__in=["attended", "no_show"]).values_list(
            "course_id", flat=True
        )
    )
    for course in Course.objects.filter(pk__in=assessed):
        assert used[course.pk] <= budgets[course.team_id]
    assert set(CareSession.objects.values_list("course_id", flat=True)) == assessed

    # The main instrument of each course has 3 to 8 scores over time.
    per_instrument = Counter(SymptomScore.objects.values_list("course_id", "instrument"))
    most = Counter()
    for (course_id, _instrument), n in per_instrument.items():
        most[course_id] = max(most[course_id], n)
    assert set(most) == assessed
    assert all(3 <= n <= 8 for n in most.values()), most

    assert TeamProgramme.objects.get(team__name=SWEDISH_IPS_TEAM).is_ips
    swedish = set(Course.objects.filter(team__name=SWEDISH_IPS_TEAM).values_list("id", flat=True))
    ips = set(IpsCareerProfile.objects.values_list("course_id", flat=True))
    assert ips and ips <= swedish
    assert set(IpsJobSearchPlan.objects.values_list("course_id", flat=True)) == ips

    norwegian = set(Course.objects.filter(team__name=NORWEGIAN_TEAM).values_list("id", flat=True))
    mapped = set(LifeArea.objects.values_list("course_id", flat=True))
    assert mapped & norwegian
    assert LifeArea.objects.filter(course_id__in=norwegian, filled_with_citizen=True).exists()
    assert LifeArea.objects.exclude(citizen_wishes="").exists()

    assert AuditEvent.objects.filter(object_type="care_session", action="create").count() == (
        CareSession.objects.count()
    )
