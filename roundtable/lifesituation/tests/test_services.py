"""The life-situation mapping (DOMAIN §4): each life area in its data class; either
professional writes the areas they may read; the citizen adds their own wishes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from roundtable.lifesituation import selectors, services
from roundtable.lifesituation.models import LIFE_AREA_CLASS, LifeArea
from roundtable.lifesituation.services import LifeAreaData
from roundtable.lifesituation.testing import actor_of, days_ago

pytestmark = pytest.mark.django_db


def test_every_life_area_has_the_data_class_of_the_brief():
    assert LIFE_AREA_CLASS == {
        "mental_health": "health_summary",
        "substance_use": "substance_medication",
        "physical_health": "health_summary",
        "work_education": "vocational",
        "economy": "vocational",
        "housing": "family",
        "social_network": "family",
        "family": "family",
    }


def test_care_manager_maps_health_and_family_areas_with_the_citizen(cast):
    services.life_areas_save(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.id,
        areas={
            "mental_health": LifeAreaData("Panic at work", "Walks daily", "Sleep better"),
            "housing": LifeAreaData("Rents a flat", "", ""),
        },
        filled_with_citizen=True,
        filled_on=days_ago(1),
    )
    classes = dict(LifeArea.objects.values_list("area", "data_class"))
    assert classes == {"mental_health": "health_summary", "housing": "family"}
    record = selectors.life_situation_record_get(
        actor=actor_of(cast.alice), citizen_id=cast.anna.id
    )
    assert record.filled_with_citizen_on == days_ago(1)


def test_employment_consultant_writes_work_and_money_but_not_health(cast):
    bob = actor_of(cast.bob)
    services.life_areas_save(
        actor=bob,
        citizen_id=cast.anna.id,
        areas={"work_education": LifeAreaData("Baker"), "economy": LifeAreaData("Tight")},
    )
    with pytest.raises(PermissionDenied):
        services.life_areas_save(
            actor=bob,
            citizen_id=cast.anna.id,
            areas={
                "economy": LifeAreaData("Changed"),
                "mental_health": LifeAreaData("Overwritten"),
            },
        )
    assert LifeArea.objects.get(area="economy").situation == "Tight"
    assert not LifeArea.objects.filter(area="mental_health").exists()
    record = selectors.life_situation_record_get(actor=bob, citizen_id=cast.anna.id)
    assert {r.area for r in record.rows} == {"work_education", "economy"}


def test_filled_with_citizen_needs_a_date_and_a_date_needs_the_flag(cast):
    alice = actor_of(cast.alice)
    for flag, day in ((True, None), (False, days_ago(1)), (True, days_ago(-3))):
        with pytest.raises(ValidationError):
            services.life_areas_save(
                actor=alice,
                citizen_id=cast.anna.id,
                areas={"family": LifeAreaData("Two children")},
                filled_with_citizen=flag,
                filled_on=day,
            )
    with pytest.raises(ValidationError):
        services.life_areas_save(
            actor=alice, citizen_id=cast.anna.id, areas={"moon": LifeAreaData()}
        )
    assert not LifeArea.objects.exists()


@pytest.mark.parametrize("who", ["tina", "sam"])
def test_team_leader_and_supervisor_read_the_mapping_but_do_not_write_it(cast, who):
    with pytest.raises(PermissionDenied):
        services.life_areas_save(
            actor=actor_of(getattr(cast, who)),
            citizen_id=cast.anna.id,
            areas={"family": LifeAreaData("x")},
        )


def test_the_citizen_adds_their_own_wishes_and_keeps_the_teams_text(cast):
    services.life_areas_save(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.id,
        areas={"mental_health": LifeAreaData("Panic", "Walks", "Sleep")},
    )
    anna = actor_of(cast.anna)
    services.life_area_wishes_save(
        actor=anna, wishes={"mental_health": "Fewer panic attacks", "family": "More time together"}
    )
    mental = LifeArea.objects.get(area="mental_health")
    assert (mental.situation, mental.citizen_wishes) == ("Panic", "Fewer panic attacks")
    family = LifeArea.objects.get(area="family")
    assert family.data_class == "family" and family.citizen_wishes == "More time together"


def test_only_a_citizen_writes_citizen_wishes(cast):
    with pytest.raises(Http404):
        services.life_area_wishes_save(actor=actor_of(cast.alice), wishes={"family": "x"})
    assert not LifeArea.objects.exists()
