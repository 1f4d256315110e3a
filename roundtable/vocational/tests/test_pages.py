"""The employment consultant's edit forms: they open for the employment consultant only, bad
input is a form error with nothing saved, and a saved form leads back to the assessments
page."""

import pytest
from django.urls import reverse

from roundtable.organisations.services import team_programme_set
from roundtable.vocational import services
from roundtable.vocational.models import IpsPlannedContact, VocationalAssessment, VocationalStep
from roundtable.vocational.testing import actor_of, days_ago, fill_vocational

pytestmark = pytest.mark.django_db


def test_employment_consultant_writes_the_vocational_assessment(client, login, cast):
    login(cast.bob)
    response = client.post(
        reverse("vocational:vocational-edit", args=[cast.anna.id]),
        {
            "assessed_on": days_ago(1).isoformat(),
            "work_capacity_hours": "12.5",
            "route": "job_search",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:page", args=[cast.anna.id]) + (
        "#vocational"
    )
    assert str(VocationalAssessment.objects.get().work_capacity_hours) == "12.5"


def test_negative_hours_are_a_form_error(client, login, cast):
    login(cast.bob)
    response = client.post(
        reverse("vocational:vocational-edit", args=[cast.anna.id]),
        {
            "assessed_on": days_ago(1).isoformat(),
            "work_capacity_hours": "-4",
            "route": "job_search",
        },
    )
    assert response.status_code == 400
    assert not VocationalAssessment.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "vocational-edit",
        "employer-contact-edit",
        "vocational-step-new",
        "ips-profile-edit",
        "ips-plan-edit",
        "ips-contact-new",
    ],
)
def test_every_edit_form_opens_for_its_writer(client, login, cast, name):
    fill_vocational(cast)
    login(cast.bob)
    response = client.get(reverse(f"vocational:{name}", args=[cast.anna.id]))
    assert response.status_code == 200
    assert "<label" in response.content.decode()


def test_care_manager_may_not_open_the_vocational_forms(client, login, cast):
    fill_vocational(cast)
    login(cast.alice)
    for name in ("vocational-edit", "employer-contact-edit", "vocational-step-new"):
        url = reverse(f"vocational:{name}", args=[cast.anna.id])
        assert client.get(url).status_code == 403


def test_employment_consultant_changes_a_step_through_its_form(client, login, cast):
    fill_vocational(cast)
    step = VocationalStep.objects.get()
    login(cast.bob)
    url = reverse("vocational:vocational-step-edit", args=[cast.anna.id, step.pk])
    assert step.text in client.get(url).content.decode()
    response = client.post(
        url, {"text": step.text, "due_on": step.due_on.isoformat(), "status": "completed"}
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "completed"


def test_a_planned_employer_contact_is_marked_done_and_undone(client, login, cast):
    fill_vocational(cast)
    contact = services.ips_planned_contact_add(
        actor=actor_of(cast.bob), citizen_id=cast.anna.id, planned_on=days_ago(-3), employer="Café"
    )
    login(cast.bob)
    url = reverse("vocational:ips-contact-done", args=[cast.anna.id, contact.pk])
    response = client.post(url, {"done": "1"})
    assert response["Location"] == reverse("assessments:page", args=[cast.anna.id]) + "#ips-plan"
    assert IpsPlannedContact.objects.get().done is True
    client.post(url, {"done": "0"})
    assert IpsPlannedContact.objects.get().done is False


def test_without_a_job_search_plan_no_employer_contact_can_be_planned(client, login, cast):
    fill_vocational(cast, ips=False)
    team_programme_set(team_id=cast.alpha.id, is_ips=True)
    login(cast.bob)
    url = reverse("vocational:ips-contact-new", args=[cast.anna.id])
    assert client.get(url).status_code == 403
