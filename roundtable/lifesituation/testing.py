"""Test helpers for the life-situation mapping, shared by the tests of several apps."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.lifesituation import services
from roundtable.lifesituation.services import LifeAreaData


def actor_of(who) -> Actor:
    user = getattr(who, "user", who)
    actor = actor_for_user(user)
    assert actor is not None
    return actor


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def fill_life_situation(cast) -> None:
    """Anna's mapping: a health area filled in by Alice with Anna, a money area by Bob."""
    services.life_areas_save(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.id,
        areas={"mental_health": LifeAreaData("Panic attacks", "Walks", "Calmer days")},
        filled_with_citizen=True,
        filled_on=days_ago(10),
    )
    services.life_areas_save(
        actor=actor_of(cast.bob),
        citizen_id=cast.anna.id,
        areas={"economy": LifeAreaData("Sickness benefit")},
    )
