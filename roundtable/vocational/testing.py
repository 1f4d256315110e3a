"""Test helpers for the employment consultant's records, shared by the tests of several apps."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.organisations.services import team_programme_set
from roundtable.vocational import services

VOCATIONAL_SUMMARY = "Wants back to the bakery, fewer hours at first"


def actor_of(who) -> Actor:
    user = getattr(who, "user", who)
    actor = actor_for_user(user)
    assert actor is not None
    return actor


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def fill_vocational(cast, *, ips: bool = True) -> None:
    """Anna's course with every kind of vocational record, written by her employment
    consultant Bob; with `ips`, Team Alpha works by IPS and the IPS profile and plan are there."""
    bob = actor_of(cast.bob)
    anna = cast.anna.id
    if ips:
        team_programme_set(team_id=cast.alpha.id, is_ips=True)
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
