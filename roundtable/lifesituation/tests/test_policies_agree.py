"""The life areas' list filter and instance check agree for any actor (STYLE.md 4), and
whoever may write an area may read it."""

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.core.strategies import actors
from roundtable.core.testing import make_citizen, make_course
from roundtable.lifesituation.models import LifeArea
from roundtable.lifesituation.policies import LifeSituationPolicy, RecordPolicy, readable_classes
from roundtable.lifesituation.testing import fill_life_situation

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
        listed = set(RecordPolicy.queryset(actor, LifeArea).values_list("pk", flat=True))
        allowed = {r.pk for r in rows if RecordPolicy.allows(actor, r, course=r.course)}
        assert listed == allowed
        course = world.anna_course
        assert LifeSituationPolicy.mapping_classes(actor, course) <= readable_classes(actor, course)

    check()
