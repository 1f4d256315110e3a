"""Each record policy's list filter and instance check agree for any actor (STYLE.md 4), and
whoever may write a part may read it."""

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.core.strategies import actors
from roundtable.core.testing import make_citizen, make_course
from roundtable.vocational import models, services
from roundtable.vocational.policies import RecordPolicy, VocationalPolicy, readable_classes
from roundtable.vocational.testing import actor_of, days_ago, fill_vocational

pytestmark = pytest.mark.django_db

RECORDS = (
    models.VocationalAssessment,
    models.EmployerContact,
    models.VocationalStep,
    models.IpsCareerProfile,
    models.IpsJobSearchPlan,
    models.IpsPlannedContact,
)


def _course_path(model) -> str:
    return "plan__course" if model is models.IpsPlannedContact else "course"


def _course_of(record):
    return record.plan.course if isinstance(record, models.IpsPlannedContact) else record.course


@pytest.fixture
def world(cast):
    fill_vocational(cast)
    services.ips_planned_contact_add(
        actor=actor_of(cast.bob), citizen_id=cast.anna.id, planned_on=days_ago(-3), employer="Café"
    )
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    return cast


def test_record_policies_queryset_and_instance_check_agree(world):
    records = {model: list(model.objects.select_related(_course_path(model))) for model in RECORDS}
    assert all(records.values())

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        for model, rows in records.items():
            listed = set(
                RecordPolicy.queryset(actor, model, course_path=_course_path(model)).values_list(
                    "pk", flat=True
                )
            )
            allowed = {r.pk for r in rows if RecordPolicy.allows(actor, r, course=_course_of(r))}
            assert listed == allowed, model
        course = world.anna_course
        if VocationalPolicy.can_write_vocational(actor, course):
            assert "vocational" in readable_classes(actor, course)
        if VocationalPolicy.can_write_employer_contact(actor, course):
            assert "contact_details" in readable_classes(actor, course)

    check()
