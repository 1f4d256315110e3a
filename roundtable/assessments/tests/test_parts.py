"""The assessments' part of the record (timeline entries) and the functional-capacity summary,
filtered by the data classes the gate decided."""

import datetime as dt
from collections import Counter

import pytest
from django.http import Http404

from roundtable.assessments import services
from roundtable.assessments.parts import timeline
from roundtable.assessments.selectors import functional_capacity_summary
from roundtable.assessments.testing import CAPACITY, actor_of, days_ago, fill_everything
from roundtable.audit.models import AuditEvent
from roundtable.citizens.gate import course_access
from roundtable.citizens.record import TimelineEntry

pytestmark = pytest.mark.django_db


def _access(who, cast):
    return course_access(actor=actor_of(who), citizen_id=cast.anna.id, purpose="test")


def timeline_entries(who, cast):
    return timeline(_access(who, cast))


def capacity(who, cast):
    return functional_capacity_summary(_access(who, cast))


def test_care_manager_sees_assessments_steps_each_session_and_each_score(cast):
    fill_everything(cast)
    entries = timeline_entries(cast.alice, cast)
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
    # The part writes no event of its own: the page that shows it does (one per page).
    assert not AuditEvent.objects.filter(object_type="assessment_timeline").exists()


def test_employment_consultant_sees_only_vocational_and_joint_entries(cast):
    fill_everything(cast)
    entries = timeline_entries(cast.bob, cast)
    assert entries
    assert {e.data_class for e in entries} <= {"vocational", "contact_details"}
    assert not any(e.kind in ("session", "symptom_score", "care_step") for e in entries)


def test_citizen_entries_link_to_their_own_page(cast):
    fill_everything(cast)
    entries = timeline_entries(cast.anna, cast)
    assert entries and all(e.url.startswith("/me/assessments/") for e in entries)


def test_another_team_is_refused_at_the_gate_before_any_part_runs(cast):
    fill_everything(cast)
    for other in (cast.carol, cast.dave):
        with pytest.raises(Http404):
            _access(other, cast)


def test_an_update_on_a_later_day_is_its_own_entry(cast):
    fill_everything(cast)
    from roundtable.assessments.models import HealthAssessment

    HealthAssessment.objects.update(created_at=dt.datetime(2025, 1, 2, 12, tzinfo=dt.UTC))
    services.health_assessment_save(
        actor=actor_of(cast.alice), citizen_id=cast.anna.id, assessed_on=days_ago(1), summary="New"
    )
    kinds = [e.kind for e in timeline_entries(cast.alice, cast)]
    assert "health_assessment_created" in kinds and "health_assessment_updated" in kinds


def test_functional_capacity_is_shown_to_whoever_may_read_that_class(cast):
    fill_everything(cast)
    assert capacity(cast.alice, cast) == CAPACITY
    assert capacity(cast.sam, cast) == CAPACITY
    # Without the citizen's consent, the employment side does not read it (consent decides).
    assert capacity(cast.bob, cast) is None


def test_no_capacity_written_yet_is_none(cast):
    assert capacity(cast.alice, cast) is None
