"""A step of the vocational plan can point at a service from the directory (issue 13 §3)."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from roundtable.network.testing import load_directory
from roundtable.vocational import services
from roundtable.vocational.models import VocationalStep
from roundtable.vocational.testing import actor_of

pytestmark = pytest.mark.django_db


def _form(**extra):
    return {
        "text": "Meet the housing office",
        "due_on": (dt.date.today() + dt.timedelta(days=7)).isoformat(),
        "status": "planned",
        **extra,
    }


def test_the_employment_consultant_links_a_step_to_a_service_and_the_team_sees_it(
    client, login, cast
):
    housing = load_directory()["housing"]
    login(cast.bob)
    new = reverse("vocational:vocational-step-new", args=[cast.anna.id])
    assert "Boligrådgivning" in client.get(new, {"service": housing.pk}).content.decode()
    assert client.post(new, _form(service=str(housing.pk))).status_code == 302
    step = VocationalStep.objects.get(course__citizen=cast.anna)
    assert step.service == housing
    page = client.get(reverse("assessments:page", args=[cast.anna.id])).content.decode()
    assert "Boligrådgivning" in page and "+45 22 22 22 21" in page


def test_an_unknown_service_is_refused_with_a_message_and_nothing_is_saved(client, login, cast):
    load_directory()
    login(cast.bob)
    new = reverse("vocational:vocational-step-new", args=[cast.anna.id])
    response = client.post(new, _form(service=str(uuid.uuid4())))
    assert response.status_code == 400
    assert "not in the directory" in response.content.decode()
    assert not VocationalStep.objects.filter(course__citizen=cast.anna).exists()


def test_deleting_the_service_leaves_the_step_and_another_team_gets_404(client, login, cast):
    housing = load_directory()["housing"]
    step = services.vocational_step_add(
        actor=actor_of(cast.bob),
        citizen_id=cast.anna.id,
        text="Meet the housing office",
        due_on=dt.date.today(),
        service_id=housing.pk,
    )
    login(cast.dave)
    edit = reverse("vocational:vocational-step-edit", args=[cast.anna.id, step.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, _form(service="")).status_code == 404
    step.refresh_from_db()
    assert step.service == housing
    housing.delete()
    step.refresh_from_db()
    assert step.service is None and step.text == "Meet the housing office"
    login(cast.anna)
    body = client.get(f"/api/v1/citizens/{cast.anna.id}/assessments").json()
    steps = next(s for s in body["sections"] if s["name"] == "vocational_steps")["data"]
    assert steps[0]["service"] is None
