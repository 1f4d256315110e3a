"""Each record policy's list filter and instance check agree for any actor (STYLE.md 4), and
whoever may write a part may read it."""

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.assessments import models
from roundtable.assessments.policies import AssessmentPolicy, RecordPolicy, readable_classes
from roundtable.assessments.testing import fill_everything
from roundtable.testing import make_citizen, make_course
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db

RECORDS = (
    models.HealthAssessment,
    models.FunctionalCapacity,
    models.CareStep,
    models.CareSession,
    models.SessionNote,
    models.SymptomScore,
    models.VocationalAssessment,
    models.EmployerContact,
    models.VocationalStep,
    models.LifeArea,
)


def _course_path(model) -> str:
    return "session__course" if model is models.SessionNote else "course"


def _course_of(record):
    return record.session.course if isinstance(record, models.SessionNote) else record.course


@pytest.fixture
def world(cast):
    fill_everything(cast)
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    return cast


def test_record_policies_queryset_and_instance_check_agree(world):
    records = {
        model: list(
            model.objects.select_related(
                "session__course" if model is models.SessionNote else "course"
            )
        )
        for model in RECORDS
    }

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
        if AssessmentPolicy.can_write_health(actor, course):
            assert "health_summary" in readable_classes(actor, course)
        if AssessmentPolicy.can_write_vocational(actor, course):
            assert "vocational" in readable_classes(actor, course)
        if actor is not None and actor.is_citizen:
            assert "therapy_detail" not in readable_classes(actor, course)

    check()
