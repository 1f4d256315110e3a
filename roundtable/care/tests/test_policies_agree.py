"""Each record policy's list filter and instance check agree for any actor (STYLE.md 4), and
whoever may write a part may read it."""

import pytest
from django.http import Http404
from hypothesis import HealthCheck, given, settings

from roundtable.care.policies import RECORD_POLICIES, CarePolicy, readable_classes_of
from roundtable.care.testing import fill_care
from roundtable.citizens.gate import course_access
from roundtable.testing import make_citizen, make_course
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


def _access(actor, course):
    """What the gate decides for this actor and course, or None when it refuses."""
    try:
        return course_access(actor=actor, citizen_id=course.citizen_id, purpose="test", note=False)
    except Http404:
        return None


@pytest.fixture
def world(cast):
    fill_care(cast)
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    return cast


def test_record_policies_queryset_and_instance_check_agree(world):
    records = {
        policy: list(policy.model._default_manager.select_related(policy.course_path))
        for policy in RECORD_POLICIES
    }

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        for policy, rows in records.items():
            listed = set(policy.queryset(actor).values_list("pk", flat=True))
            allowed = {r.pk for r in rows if policy.allows(actor, r)}
            assert listed == allowed, policy.model
        access = _access(actor, world.anna_course)
        if access is None:
            return
        classes = readable_classes_of(access)
        if CarePolicy.can_write_health(access):
            assert "health_summary" in classes
        if CarePolicy.can_write_therapy_notes(access):
            assert "therapy_detail" in classes
        if access.is_own:
            assert "therapy_detail" not in classes

    check()
