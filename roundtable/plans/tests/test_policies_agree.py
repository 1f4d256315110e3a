"""The joint plan policies' list filters and instance checks agree for any actor (STYLE.md 4)."""

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.organisations.models import Role, Sector
from roundtable.plans.models import JointPlan, PlanVersion
from roundtable.plans.policies import JOINT_PLANS, PLAN_VERSIONS
from roundtable.plans.testing import publish, save_plan
from roundtable.testing import make_citizen, make_course
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    save_plan(cast.carol, cast.bent)
    publish(cast.carol, cast.bent)
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    save_plan(cast.dave, extra)
    return cast


def test_plan_and_version_policies_agree(world):
    plans = list(JointPlan.objects.select_related("course"))
    versions = list(PlanVersion.objects.select_related("plan__course"))

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(JOINT_PLANS.queryset(actor).values_list("id", flat=True))
        assert listed == {p.id for p in plans if JOINT_PLANS.allows(actor, p)}
        listed_versions = set(PLAN_VERSIONS.queryset(actor).values_list("id", flat=True))
        assert listed_versions == {v.id for v in versions if PLAN_VERSIONS.allows(actor, v)}
        for plan in plans:
            # The course's care manager reads the draft; the citizen never does.
            if (
                actor is not None
                and actor.role == Role.CARE_MANAGER
                and actor.sector == Sector.HEALTH
                and actor.professional_id == plan.course.care_manager_id
            ):
                assert plan.id in listed
            if actor is not None and actor.is_citizen:
                assert plan.id not in listed

    check()
