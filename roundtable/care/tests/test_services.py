"""The care manager's mental-health assessment, functional capacity, stepped care, sessions
and symptom monitoring: saved through the services, checked, audited, never half-saved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test import override_settings

from roundtable.audit.models import AuditEvent
from roundtable.care import selectors, services
from roundtable.care.models import (
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
    SessionNote,
    SymptomScore,
)
from roundtable.care.testing import actor_of, days_ago, record_score, record_session
from roundtable.organisations.services import team_programme_set

pytestmark = pytest.mark.django_db


def test_care_manager_writes_and_updates_the_health_assessment(cast):
    alice = actor_of(cast.alice)
    services.health_assessment_save(
        actor=alice, citizen_id=cast.anna.id, assessed_on=days_ago(3), summary="  Panic. "
    )
    services.health_assessment_save(
        actor=alice, citizen_id=cast.anna.id, assessed_on=days_ago(2), summary="Panic, better."
    )
    assessment = HealthAssessment.objects.get()
    assert assessment.summary == "Panic, better."
    assert assessment.data_class == "health_summary"
    actions = list(
        AuditEvent.objects.filter(object_type="health_assessment").values_list("action", flat=True)
    )
    assert actions == ["create", "update"]


@pytest.mark.parametrize(
    ("summary", "assessed_on", "message"),
    [
        ("", days_ago(1), "Write the health summary."),
        ("Text", dt.date.today() + dt.timedelta(days=5), "cannot be in the future"),
        ("Text", dt.date(1, 1, 1), "within ten years"),
        ("x" * 8001, days_ago(1), "at most 8000"),
    ],
)
def test_bad_health_assessment_is_refused_and_nothing_is_saved(cast, summary, assessed_on, message):
    with pytest.raises(ValidationError) as error:
        services.health_assessment_save(
            actor=actor_of(cast.alice),
            citizen_id=cast.anna.id,
            assessed_on=assessed_on,
            summary=summary,
        )
    assert any(message in m for m in error.value.messages)
    assert not HealthAssessment.objects.exists()
    assert not AuditEvent.objects.filter(object_type="health_assessment").exists()


def test_employment_consultant_cannot_write_the_health_assessment_and_it_is_audited(cast):
    with pytest.raises(PermissionDenied):
        services.health_assessment_save(
            actor=actor_of(cast.bob), citizen_id=cast.anna.id, assessed_on=days_ago(1), summary="x"
        )
    assert not HealthAssessment.objects.exists()
    event = AuditEvent.objects.get(object_type="health_assessment")
    assert event.outcome == "denied" and event.citizen_id == cast.anna.id


@pytest.mark.parametrize("who", ["tina", "sam", "anna"])
def test_team_leader_supervisor_and_citizen_read_but_do_not_write_health(cast, who):
    with pytest.raises(PermissionDenied):
        services.symptom_score_record(
            actor=actor_of(getattr(cast, who)),
            citizen_id=cast.anna.id,
            instrument="PHQ-9",
            score=3,
            measured_on=days_ago(1),
        )
    assert not SymptomScore.objects.exists()


def test_another_teams_care_manager_gets_not_found(cast):
    with pytest.raises(Http404):
        services.functional_capacity_save(
            actor=actor_of(cast.carol), citizen_id=cast.anna.id, summary="x"
        )
    assert not FunctionalCapacity.objects.exists()
    assert AuditEvent.objects.get(object_type="functional_capacity").outcome == "denied"


def test_care_steps_come_from_the_catalogue_of_the_diagnosis_group(cast):
    alice = actor_of(cast.alice)
    # Anna's group is anxiety: CBT is offered, stress-reduction coaching is not.
    step = services.care_step_add(
        actor=alice,
        citizen_id=cast.anna.id,
        treatment_slug="cbt",
        starts_on=days_ago(10),
        status="active",
    )
    assert step.treatment.kind == "cbt" and step.treatment.diagnosis_group == "anxiety"
    with pytest.raises(ValidationError, match="catalogue"):
        services.care_step_add(
            actor=alice,
            citizen_id=cast.anna.id,
            treatment_slug="stress_coaching",
            starts_on=days_ago(1),
        )
    assert CareStep.objects.count() == 1


def test_care_step_dates_must_be_in_order_and_other_needs_a_description(cast):
    alice = actor_of(cast.alice)
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.care_step_add(
            actor=alice,
            citizen_id=cast.anna.id,
            treatment_slug="cbt",
            starts_on=days_ago(1),
            ends_on=days_ago(5),
        )
    with pytest.raises(ValidationError, match="Other"):
        services.care_step_add(
            actor=alice, citizen_id=cast.anna.id, treatment_slug="other", starts_on=days_ago(1)
        )
    with pytest.raises(ValidationError, match="end date of a step that is completed"):
        services.care_step_add(
            actor=alice,
            citizen_id=cast.anna.id,
            treatment_slug="cbt",
            starts_on=days_ago(1),
            status="completed",
        )
    assert not CareStep.objects.exists()


def test_a_care_step_is_updated_and_one_of_another_citizen_is_not_found(cast):
    alice = actor_of(cast.alice)
    step = services.care_step_add(
        actor=alice,
        citizen_id=cast.anna.id,
        treatment_slug="psychoeducation",
        starts_on=days_ago(20),
    )
    services.care_step_update(
        actor=alice,
        citizen_id=cast.anna.id,
        step_id=step.pk,
        treatment_slug="psychoeducation",
        starts_on=days_ago(20),
        ends_on=days_ago(2),
        status="completed",
    )
    step.refresh_from_db()
    assert step.status == "completed" and step.ends_on == days_ago(2)
    bents = services.care_step_add(
        actor=actor_of(cast.carol),
        citizen_id=cast.bent.id,
        treatment_slug="cbt",
        starts_on=days_ago(3),
    )
    with pytest.raises(Http404):
        services.care_step_update(
            actor=alice,
            citizen_id=cast.anna.id,
            step_id=bents.pk,
            treatment_slug="cbt",
            starts_on=days_ago(3),
            ends_on=None,
            status="stopped",
        )
    bents.refresh_from_db()
    assert bents.status == "planned"


def test_sessions_count_against_the_budget_and_warn_when_nearly_used(cast):
    with override_settings(ROUNDTABLE_SESSION_BUDGET=5):
        for day in (9, 8, 7):
            record_session(cast.alice, cast.anna, days=day)
        record_session(cast.alice, cast.anna, days=6, attendance="cancelled")
        budget = selectors.care_record_get(
            actor=actor_of(cast.alice), citizen_id=cast.anna.id
        ).budget
        assert (budget.budget, budget.used, budget.state) == (5, 3, "ok")
        record_session(cast.alice, cast.anna, days=5, attendance="no_show")
        budget = selectors.care_record_get(
            actor=actor_of(cast.alice), citizen_id=cast.anna.id
        ).budget
        assert (budget.used, budget.state) == (4, "nearly")
        assert "Only 1 of 5 sessions is left." in budget.warning
        record_session(cast.alice, cast.anna, days=4)
        budget = selectors.care_record_get(
            actor=actor_of(cast.alice), citizen_id=cast.anna.id
        ).budget
        assert budget.state == "used_up" and "All 5 sessions" in budget.warning


def test_the_team_programme_sets_its_own_budget(cast):
    team_programme_set(team_id=cast.alpha.id, is_ips=False, session_budget=20)
    record_session(cast.alice, cast.anna)
    budget = selectors.care_record_get(actor=actor_of(cast.alice), citizen_id=cast.anna.id).budget
    assert (budget.budget, budget.used, budget.remaining) == (20, 1, 19)
    with pytest.raises(ValidationError):
        team_programme_set(team_id=cast.alpha.id, is_ips=False, session_budget=0)


def test_therapy_notes_are_encrypted_in_the_database(cast):
    session = record_session(cast.alice, cast.anna, notes="Boundary-setting with her mother")
    assert SessionNote.objects.get(session=session).text == "Boundary-setting with her mother"
    assert SessionNote.objects.get().data_class == "therapy_detail"
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM care_sessionnote")
        (raw,) = cursor.fetchone()
    assert "Boundary" not in raw and "mother" not in raw
    assert raw.startswith("gAAAA")  # a Fernet token


def test_a_session_without_notes_has_no_note_and_bad_sessions_save_nothing(cast):
    record_session(cast.alice, cast.anna)
    assert not SessionNote.objects.exists()
    with pytest.raises(ValidationError):
        record_session(cast.alice, cast.anna, kind="telepathy", notes="Should not be kept")
    with pytest.raises(ValidationError, match="future"):
        record_session(cast.alice, cast.anna, days=-3)
    assert CareSession.objects.count() == 1 and not SessionNote.objects.exists()


def test_symptom_scores_are_checked_per_instrument(cast):
    entry = record_score(cast.alice, cast.anna, "phq 9", 14)
    assert entry.instrument == "PHQ-9" and entry.data_class == "health_summary"
    record_score(cast.alice, cast.anna, "Team stress thermometer", "7.5")
    for instrument, score in (("PHQ-9", 28), ("GAD-7", -1), ("Own", -2), ("WSAS", "4.5")):
        with pytest.raises(ValidationError):
            record_score(cast.alice, cast.anna, instrument, score)
    assert SymptomScore.objects.count() == 2
