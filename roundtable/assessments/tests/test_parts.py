"""The sector parts' timeline entries (care, vocational, life situation), filtered by the data
classes the gate decided; the parts write no audit event of their own."""

import datetime as dt
from collections import Counter

import pytest
from django.http import Http404

from roundtable.assessments.testing import fill_everything
from roundtable.audit.models import AuditEvent
from roundtable.care import parts as care_parts
from roundtable.care import services
from roundtable.care.models import HealthAssessment
from roundtable.care.testing import actor_of, days_ago
from roundtable.citizens.gate import course_access
from roundtable.citizens.record import TimelineEntry
from roundtable.lifesituation import parts as life_parts
from roundtable.vocational import parts as vocational_parts


def timeline_entries(actor, course):
    """The three parts' entries for the course, oldest first, through the gate."""
    access = course_access(actor=actor, citizen_id=course.citizen_id, purpose="test")
    entries = [
        entry
        for part in (care_parts.PART, vocational_parts.PART, life_parts.PART)
        for entry in part.timeline(access)
    ]
    return sorted(entries, key=lambda e: (e.when, e.kind))


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
    # The parts note nothing themselves: the page that shows them writes one event.
    assert not AuditEvent.objects.filter(object_type="assessment_timeline").exists()


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


def test_another_team_is_refused_at_the_gate_before_any_part_runs(cast):
    fill_everything(cast)
    for other in (cast.carol, cast.dave):
        with pytest.raises(Http404):
            timeline_entries(actor_of(other), cast.anna_course)


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
