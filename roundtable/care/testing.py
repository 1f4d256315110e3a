"""Test helpers for the care manager's records, shared by the tests of several apps and the
demo test."""

from __future__ import annotations

import datetime as dt
import importlib

from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.care import services
from roundtable.care.models import CareSession, SymptomScore, Treatment
from roundtable.citizens.models import Citizen

# The catalogue as the data migration seeds it (frozen there, in the app these records came
# from).
_seed = importlib.import_module("roundtable.assessments.migrations.0002_seed_treatment_catalogue")

THERAPY_NOTE = "Talked about the illness of her father and boundary-setting"
HEALTH_SUMMARY = "Moderate anxiety with panic at the workplace"
CAPACITY = "Can bake for three hours in the morning; not the evening rush yet"


def treatment_catalogue_ensure() -> None:
    """The catalogue the data migration seeds. A transactional test's flush empties the table;
    put it back for the tests that follow."""
    if Treatment.objects.exists():
        return
    for group, treatments in _seed.CATALOGUE.items():
        for order, (slug, kind, name, level) in enumerate(treatments):
            Treatment.objects.get_or_create(
                diagnosis_group=group,
                slug=slug,
                defaults={"kind": kind, "name": name, "level": level, "order": order},
            )


def actor_of(who) -> Actor:
    user = getattr(who, "user", who)
    actor = actor_for_user(user)
    assert actor is not None
    return actor


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def record_session(cm, citizen: Citizen, *, days: int = 1, notes: str = "", **extra) -> CareSession:
    values: dict = {"held_on": days_ago(days), "kind": "individual", "attendance": "attended"}
    values.update(extra)
    return services.care_session_record(
        actor=actor_of(cm), citizen_id=citizen.pk, notes=notes, **values
    )


def record_score(
    cm, citizen: Citizen, instrument: str = "PHQ-9", score=12, days: int = 1
) -> SymptomScore:
    return services.symptom_score_record(
        actor=actor_of(cm),
        citizen_id=citizen.pk,
        instrument=instrument,
        score=score,
        measured_on=days_ago(days),
    )


def fill_care(cast) -> None:
    """Anna's course with every kind of care record, written by her care manager Alice."""
    alice = actor_of(cast.alice)
    anna = cast.anna.id
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
