"""Substance use has a class of its own (issue 10 #30): a citizen who shares "a short summary
of your health" with the jobcentre does not share it; migrated rows move to the class too."""

import importlib

import pytest
from django.apps import apps as django_apps

from roundtable.consent.testing import directive_create
from roundtable.lifesituation import selectors, services
from roundtable.lifesituation.models import LifeArea
from roundtable.lifesituation.services import LifeAreaData
from roundtable.lifesituation.testing import actor_of

pytestmark = pytest.mark.django_db


def _areas_bob_reads(cast) -> set[str]:
    record = selectors.life_situation_record_get(actor=actor_of(cast.bob), citizen_id=cast.anna.id)
    return {row.area for row in record.rows}


def _map_health(cast) -> None:
    services.life_areas_save(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.id,
        areas={
            "mental_health": LifeAreaData("Panic at work"),
            "substance_use": LifeAreaData("Rusmiddelbruk: cannabis at weekends"),
        },
    )


def test_a_health_summary_permit_does_not_show_substance_use(cast):
    _map_health(cast)
    assert LifeArea.objects.get(area="substance_use").data_class == "substance_medication"
    directive_create(cast.anna, [("permit", "sector", "employment", ["health_summary"])])
    shown = _areas_bob_reads(cast)
    assert "mental_health" in shown
    assert "substance_use" not in shown


def test_a_permit_for_substance_use_and_medication_shows_it(cast):
    _map_health(cast)
    directive_create(cast.anna, [("permit", "sector", "employment", ["substance_medication"])])
    shown = _areas_bob_reads(cast)
    assert "substance_use" in shown
    assert "mental_health" not in shown


def test_the_migration_moves_existing_substance_use_to_its_own_class(cast):
    _map_health(cast)
    LifeArea.objects.filter(area="substance_use").update(data_class="health_summary")
    migration = importlib.import_module(
        "roundtable.lifesituation.migrations.0003_substance_use_own_class"
    )
    migration.substance_use_own_class(django_apps, None)
    assert dict(LifeArea.objects.values_list("area", "data_class")) == {
        "mental_health": "health_summary",
        "substance_use": "substance_medication",
    }
