"""Test helpers for assessments, shared by the unit tests and the demo test."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps
from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.assessments import services
from roundtable.citizens.models import Citizen

_seed = importlib.import_module("roundtable.assessments.migrations.0002_seed_treatment_catalogue")


def treatment_catalogue_ensure() -> None:
    """The catalogue migration 0002 seeds. A transactional test's flush empties the table; put
    it back for the tests that follow."""
    if not apps.get_model("assessments", "Treatment").objects.exists():
        _seed.seed(apps, None)


def actor_of(who) -> Actor:
    user = getattr(who, "user", who)
    actor = actor_for_user(user)
    assert actor is not None
    return actor


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def record_session(cm, citizen: Citizen, *, days: int = 1, notes: str = "", **extra):
    values = {"held_on": days_ago(days), "kind": "individual", "attendance": "attended"}
    values.update(extra)
    return services.care_session_record(
        actor=actor_of(cm), citizen_id=citizen.pk, notes=notes, **values
    )


def record_score(cm, citizen: Citizen, instrument: str = "PHQ-9", score=12, days: int = 1):
    return services.symptom_score_record(
        actor=actor_of(cm),
        citizen_id=citizen.pk,
        instrument=instrument,
        score=score,
        measured_on=days_ago(days),
    )


THERAPY_NOTE = "Talked about the illness of her father and boundary-setting"
HEALTH_SUMMARY = "Moderate anxiety with panic at the workplace"
CAPACITY = "Can bake for three hours in the morning; not the evening rush yet"
VOCATIONAL_SUMMARY = "Wants back to the bakery, fewer hours at first"


def fill_everything(cast, *, ips: bool = True) -> None:
    """Anna's course with every kind of record, written by the right people."""
    from roundtable.assessments.services import LifeAreaData

    alice, bob = actor_of(cast.alice), actor_of(cast.bob)
    anna = cast.anna.id
    if ips:
        services.team_programme_set(team_id=cast.alpha.id, is_ips=True)
    services.health_assessment_save(
        actor=alice, citizen_id=anna, assessed_on=days_ago(30), summary=HEALTH_SUMMARY
    )
    services.functional_capacity_save(actor=alice, citizen_id=anna, summary=CAPACITY)
    step = services.care_step_add(
        actor=alice,
        citizen_id=anna,
        treatment_slug="psychoeducation",
        starts_on=days_ago(28),
        status="active",
    )
    record_session(cast.alice, cast.anna, days=21, notes=THERAPY_NOTE, step_id=step.pk)
    record_session(cast.alice, cast.anna, days=14, kind="phone")
    record_score(cast.alice, cast.anna, "GAD-7", 15, days=28)
    record_score(cast.alice, cast.anna, "GAD-7", 11, days=14)
    services.vocational_assessment_save(
        actor=bob,
        citizen_id=anna,
        assessed_on=days_ago(25),
        work_capacity_hours=10,
        route="return_to_workplace",
        current_job="Baker at Bageriet",
        summary=VOCATIONAL_SUMMARY,
    )
    services.employer_contact_save(
        actor=bob, citizen_id=anna, employer="Bageriet", name="Mette Manager", phone="12345678"
    )
    services.vocational_step_add(
        actor=bob, citizen_id=anna, text="Meet Mette at the bakery", due_on=days_ago(-7)
    )
    if ips:
        services.ips_career_profile_save(actor=bob, citizen_id=anna, work_goal="Own café one day")
        services.ips_job_search_plan_save(
            actor=bob, citizen_id=anna, job_goals="Morning kitchen work", review_on=days_ago(-20)
        )
    services.life_areas_save(
        actor=alice,
        citizen_id=anna,
        areas={"mental_health": LifeAreaData("Panic attacks", "Walks", "Calmer days")},
        filled_with_citizen=True,
        filled_on=days_ago(10),
    )
    services.life_areas_save(
        actor=bob, citizen_id=anna, areas={"economy": LifeAreaData("Sickness benefit")}
    )
