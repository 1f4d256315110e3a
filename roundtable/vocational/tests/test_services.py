"""The employment consultant's vocational assessment, employer contact, steps, and for IPS
teams the career profile and job-search plan (reference/instruments.md §7)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from roundtable.organisations.services import team_programme_set
from roundtable.vocational import services
from roundtable.vocational.models import (
    EmployerContact,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    VocationalAssessment,
    VocationalStep,
)
from roundtable.vocational.testing import actor_of, days_ago

pytestmark = pytest.mark.django_db


def _assess(cast, who="bob", **extra):
    values = {
        "assessed_on": days_ago(2),
        "work_capacity_hours": "12.5",
        "route": "return_to_workplace",
        "current_job": "Baker",
    }
    values.update(extra)
    return services.vocational_assessment_save(
        actor=actor_of(getattr(cast, who)), citizen_id=cast.anna.id, **values
    )


def test_employment_consultant_writes_the_vocational_assessment(cast):
    assessment = _assess(cast)
    assert assessment.data_class == "vocational"
    assert str(assessment.work_capacity_hours) == "12.5"
    _assess(cast, work_capacity_hours=20, route="job_search")
    assessment = VocationalAssessment.objects.get()
    assert (assessment.work_capacity_hours, assessment.route) == (20, "job_search")


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (-1, "cannot be negative"),
        (81, "more than 80"),
        ("ten", "as a number"),
        ("7.25", "one decimal"),
        (None, "as a number"),
    ],
)
def test_work_capacity_hours_are_checked(cast, hours, message):
    with pytest.raises(ValidationError) as error:
        _assess(cast, work_capacity_hours=hours)
    assert any(message in m for m in error.value.messages)
    assert not VocationalAssessment.objects.exists()


def test_care_manager_cannot_write_the_vocational_assessment(cast):
    with pytest.raises(PermissionDenied):
        _assess(cast, who="alice")
    assert not VocationalAssessment.objects.exists()


def test_unknown_route_is_refused(cast):
    with pytest.raises(ValidationError, match="route"):
        _assess(cast, route="lottery")


def test_employer_contact_needs_a_way_to_reach_them(cast):
    bob = actor_of(cast.bob)
    with pytest.raises(ValidationError, match="phone number or an e-mail"):
        services.employer_contact_save(
            actor=bob, citizen_id=cast.anna.id, employer="Bakery", name="Mette"
        )
    with pytest.raises(ValidationError, match="e-mail address is not valid"):
        services.employer_contact_save(
            actor=bob, citizen_id=cast.anna.id, employer="Bakery", name="Mette", email="nope"
        )
    contact = services.employer_contact_save(
        actor=bob, citizen_id=cast.anna.id, employer="Bakery", name="Mette", phone="+45 12 34"
    )
    assert contact.data_class == "contact_details"
    assert EmployerContact.objects.count() == 1


def test_vocational_steps_are_added_and_updated(cast):
    bob = actor_of(cast.bob)
    step = services.vocational_step_add(
        actor=bob, citizen_id=cast.anna.id, text="Call the employer", due_on=days_ago(-7)
    )
    services.vocational_step_update(
        actor=bob,
        citizen_id=cast.anna.id,
        step_id=step.pk,
        text="Call the employer",
        due_on=days_ago(-7),
        status="completed",
    )
    assert VocationalStep.objects.get().status == "completed"
    with pytest.raises(ValidationError):
        services.vocational_step_add(actor=bob, citizen_id=cast.anna.id, text="", due_on=None)
    assert VocationalStep.objects.count() == 1


def test_ips_profile_and_plan_are_for_ips_teams_only(cast):
    bob = actor_of(cast.bob)
    with pytest.raises(ValidationError, match="IPS teams only"):
        services.ips_career_profile_save(actor=bob, citizen_id=cast.anna.id, work_goal="Chef")
    team_programme_set(team_id=cast.alpha.id, is_ips=True)
    profile = services.ips_career_profile_save(
        actor=bob,
        citizen_id=cast.anna.id,
        work_goal="Run a small café",
        short_term_goal="Part-time in a kitchen",
        disclosure_preference="Only to the nearest manager",
    )
    assert profile.data_class == "vocational"
    assert IpsCareerProfile.objects.get().disclosure_preference == "Only to the nearest manager"
    with pytest.raises(ValidationError, match="work goal"):
        services.ips_career_profile_save(actor=bob, citizen_id=cast.anna.id, work_goal=" ")


def test_ips_job_search_plan_with_planned_contacts(cast):
    team_programme_set(team_id=cast.alpha.id, is_ips=True)
    bob = actor_of(cast.bob)
    with pytest.raises(ValidationError, match="job-search plan first"):
        services.ips_planned_contact_add(
            actor=bob, citizen_id=cast.anna.id, planned_on=days_ago(-2), employer="Café Nord"
        )
    with pytest.raises(ValidationError, match="between 0 and 50"):
        services.ips_job_search_plan_save(
            actor=bob,
            citizen_id=cast.anna.id,
            job_goals="Kitchen work",
            review_on=days_ago(-30),
            weekly_employer_contacts=99,
        )
    plan = services.ips_job_search_plan_save(
        actor=bob,
        citizen_id=cast.anna.id,
        job_goals="Kitchen work, mornings",
        review_on=days_ago(-30),
        weekly_employer_contacts=6,
        disclosure="partial",
        benefits_planning_referred_on=days_ago(1),
    )
    assert plan.disclosure == "partial"
    contact = services.ips_planned_contact_add(
        actor=bob, citizen_id=cast.anna.id, planned_on=days_ago(-2), employer="Café Nord"
    )
    services.ips_planned_contact_done(actor=bob, citizen_id=cast.anna.id, contact_id=contact.pk)
    assert IpsPlannedContact.objects.get().done is True
    assert IpsJobSearchPlan.objects.count() == 1
