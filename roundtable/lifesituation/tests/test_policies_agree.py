"""The life areas' list filter and instance check agree for any actor (STYLE.md 4), and
whoever may write an area may read it."""

import pytest
from django.http import Http404
from hypothesis import HealthCheck, given, settings

from roundtable.citizens.gate import course_access
from roundtable.lifesituation.models import LifeArea
from roundtable.lifesituation.policies import LIFE_AREAS, LifeSituationPolicy
from roundtable.lifesituation.testing import fill_life_situation
from roundtable.testing import make_citizen, make_course
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    fill_life_situation(cast)
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    return cast


def test_record_policy_queryset_and_instance_check_agree(world):
    rows = list(LifeArea.objects.select_related("course"))
    assert {r.data_class for r in rows} == {"health_summary", "vocational"}

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(LIFE_AREAS.queryset(actor).values_list("pk", flat=True))
        allowed = {r.pk for r in rows if LIFE_AREAS.allows(actor, r, course=r.course)}
        assert listed == allowed
        try:
            access = course_access(
                actor=actor, citizen_id=world.anna.id, purpose="test", note=False
            )
        except Http404:
            return
        assert LifeSituationPolicy.mapping_classes(access) <= access.visible

    check()
