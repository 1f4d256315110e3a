"""The assessments' timeline entries, filtered by the reader's data classes."""

import datetime as dt
from collections import Counter

import pytest

from roundtable.assessments.testing import fill_everything
from roundtable.assessments.timeline import TimelineEntry, timeline_entries
from roundtable.audit.models import AuditEvent
from roundtable.care import services
from roundtable.care.models import HealthAssessment
from roundtable.care.testing import actor_of, days_ago

pytestmark = pytest.mark.django_db


def test_care_manager_sees_assessments_steps_each_session_and_each_score(cast):
    fill_everything(cast)
    entries = timeline_entries(actor_of(cast.alice), cast.anna_course)
    assert all(isinstance(e, TimelineEntry) for e in entries)
    kinds = Counter(e.kind for e in entries)
    assert kinds["session"] == 2 and kinds["symptom_score"] == 2 and kinds["care_step"] == 1
    assert kinds["health_assessment_created"] == 1
    assert kinds["functional_capacity_created"] == 1
    assert "vocational_assessment_created" not in kinds
    assert {e.data_class for e in entries} <= {"health_summary", "functional_capacity", "family"}
    step = next(e for e in entries if e.kind == "care_step")
    assert step.when == days_ago(28) and "Individual psychoeducation" in step.title
    assert step.url.endswith(f"/citizens/{cast.anna.id}/assessments/#care-steps")
    assert [e.when for e in entries] == sorted(e.when for e in entries)
    assert AuditEvent.objects.filter(object_type="assessment_timeline").count() == 1


def test_employment_consultant_sees_only_vocational_and_joint_entries(cast):
    fill_everything(cast)
    entries = timeline_entries(actor_of(cast.bob), cast.anna_course)
    assert entries
    assert {e.data_class for e in entries} <= {"vocational", "contact_details"}
    assert not any(e.kind in ("session", "symptom_score", "care_step") for e in entries)


def test_citizen_entries_link_to_their_own_page(cast):
    fill_everything(cast)
    entries = timeline_entries(actor_of(cast.anna), cast.anna_course)
    assert entries and all(e.url.startswith("/me/assessments/") for e in entries)


def test_another_team_gets_no_entries(cast):
    fill_everything(cast)
    assert timeline_entries(actor_of(cast.carol), cast.anna_course) == []
    assert timeline_entries(actor_of(cast.dave), cast.anna_course) == []


def test_an_update_on_a_later_day_is_its_own_entry(cast):
    fill_everything(cast)
    HealthAssessment.objects.update(created_at=dt.datetime(2025, 1, 2, 12, tzinfo=dt.UTC))
    services.health_assessment_save(
        actor=actor_of(cast.alice), citizen_id=cast.anna.id, assessed_on=days_ago(1), summary="New"
    )
    kinds = [e.kind for e in timeline_entries(actor_of(cast.alice), cast.anna_course)]
    assert "health_assessment_created" in kinds and "health_assessment_updated" in kinds


def test_the_life_situation_is_one_entry_per_data_class_read(cast):
    fill_everything(cast)
    entries = timeline_entries(actor_of(cast.anna), cast.anna_course)
    mapped = [e for e in entries if e.kind == "life_situation"]
    assert sorted(e.data_class for e in mapped) == ["health_summary", "vocational"]
    assert all(e.url == "/me/assessments/#life-situation" for e in mapped)
    only_health = timeline_entries(actor_of(cast.alice), cast.anna_course)
    assert [e.data_class for e in only_health if e.kind == "life_situation"] == ["health_summary"]
