"""Each record policy's list filter and instance check agree for any actor (STYLE.md 4), and
whoever may write a part may read it."""

import pytest
from django.http import Http404
from hypothesis import HealthCheck, given, settings

from roundtable.citizens.gate import course_access
from roundtable.testing import make_citizen, make_course
from roundtable.testing.strategies import actors
from roundtable.vocational import services
from roundtable.vocational.policies import RECORD_POLICIES, VocationalPolicy
from roundtable.vocational.testing import (
    actor_of,
    days_ago,
    fill_job_development,
    fill_vocational,
)

pytestmark = pytest.mark.django_db


def _access(actor, course):
    """What the gate decides for this actor and course, or None when it refuses."""
    try:
        return course_access(actor=actor, citizen_id=course.citizen_id, purpose="test", note=False)
    except Http404:
        return None


@pytest.fixture
def world(cast):
    fill_vocational(cast)
    fill_job_development(cast)
    services.ips_planned_contact_add(
        actor=actor_of(cast.bob), citizen_id=cast.anna.id, planned_on=days_ago(-3), employer="Café"
    )
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    return cast


def test_record_policies_queryset_and_instance_check_agree(world):
    records = {
        policy: list(
            policy.model._default_manager.filter(
                **{f"{policy.course_path}__isnull": False}
            ).select_related(policy.course_path)
        )
        for policy in RECORD_POLICIES
    }
    assert all(records.values())

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
        if VocationalPolicy.can_write_vocational(access):
            assert "vocational" in access.visible
        if VocationalPolicy.can_write_employer_contact(access):
            assert "contact_details" in access.visible

    check()
