"""Each record policy's list filter and instance check agree for any actor (STYLE.md 4), and
whoever may write a part may read it."""

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.care import models
from roundtable.care.policies import CarePolicy, RecordPolicy, readable_classes
from roundtable.care.testing import fill_care
from roundtable.core.strategies import actors
from roundtable.core.testing import make_citizen, make_course

pytestmark = pytest.mark.django_db

RECORDS = (
    models.HealthAssessment,
    models.FunctionalCapacity,
    models.CareStep,
    models.CareSession,
    models.SessionNote,
    models.SymptomScore,
)


def _course_path(model) -> str:
    return "session__course" if model is models.SessionNote else "course"


def _course_of(record):
    return record.session.course if isinstance(record, models.SessionNote) else record.course


@pytest.fixture
def world(cast):
    fill_care(cast)
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    return cast


def test_record_policies_queryset_and_instance_check_agree(world):
    records = {model: list(model.objects.select_related(_course_path(model))) for model in RECORDS}

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
        if CarePolicy.can_write_health(actor, course):
            assert "health_summary" in readable_classes(actor, course)
        if CarePolicy.can_write_therapy_notes(actor, course):
            assert "therapy_detail" in readable_classes(actor, course)
        if actor is not None and actor.is_citizen:
            assert "therapy_detail" not in readable_classes(actor, course)

    check()
