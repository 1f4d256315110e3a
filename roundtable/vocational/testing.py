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


def employer_permit(cast, *classes: str):
    """Anna's consent, given on paper to Alice: what the team may tell employers (`classes`)."""
    from roundtable.consent.models import ProvisionType, RecipientKind
    from roundtable.consent.services import ProvisionSpec, consent_directive_record

    return consent_directive_record(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.id,
        provisions=[
            ProvisionSpec(
                type=ProvisionType.PERMIT,
                recipient_kind=RecipientKind.SECTOR,
                recipient="employer",
                data_classes=classes,
            )
        ],
        period_start=days_ago(30),
        given_via="paper",
    )


def fill_job_development(cast) -> dict:
    """Team Alpha (IPS) with an employer in its register, a contact about Anna and one about
    no one, Anna's job start with a follow-along contact, a benefits counselling session and a
    disclosure ("nothing about health") — all written by Bob."""
    bob = actor_of(cast.bob)
    anna = cast.anna.id
    team_programme_set(team_id=cast.alpha.id, is_ips=True)
    employer = services.employer_create(
        actor=bob, team_id=cast.alpha.id, name="Bageriet", industry="Bakery", contact_name="Mette"
    )
    contact = services.job_development_contact_record(
        actor=bob,
        team_id=cast.alpha.id,
        employer_id=employer.pk,
        contacted_on=days_ago(20),
        mode="community",
        purpose="placement",
        citizen_id=anna,
    )
    team_contact = services.job_development_contact_record(
        actor=bob,
        team_id=cast.alpha.id,
        employer_id=employer.pk,
        contacted_on=days_ago(21),
        mode="phone",
        purpose="job_development",
    )
    start = services.job_start_record(
        actor=bob,
        citizen_id=anna,
        employer_id=employer.pk,
        job_type="Baker's assistant",
        competitive=True,
        hours_per_week=15,
        starts_on=days_ago(10),
    )
    follow = services.follow_along_record(
        actor=bob,
        citizen_id=anna,
        job_start_id=start.pk,
        contacted_on=days_ago(3),
        kind="community",
        note="First week went well",
    )
    session = services.benefits_counselling_record(
        actor=bob, citizen_id=anna, held_on=days_ago(15), counsellor="Bob", topic="Wage and benefit"
    )
    told = services.disclosure_record(
        actor=bob,
        citizen_id=anna,
        employer_id=employer.pk,
        told_on=days_ago(12),
        category="nothing_about_health",
        told_by="specialist",
    )
    return {
        "employer": employer,
        "contact": contact,
        "team_contact": team_contact,
        "start": start,
        "follow": follow,
        "session": session,
        "told": told,
    }
