"""A care step can point at a service from the directory (issue 13 §3): chosen in the directory
search, shown with the step to the team, checked by the service, and left behind without it
when the directory drops the service."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from roundtable.care import services
from roundtable.care.models import CareStep
from roundtable.care.testing import actor_of
from roundtable.network.models import DirectoryService
from roundtable.network.testing import load_directory

pytestmark = pytest.mark.django_db


def _step(cast, service=None):
    return services.care_step_add(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.id,
        treatment_slug="psychoeducation",
        starts_on=dt.date.today(),
        status="active",
        service_id=service.pk if service else None,
    )


def _post(step_url, **extra):
    return {
        "treatment": "psychoeducation",
        "description": "",
        "starts_on": dt.date.today().isoformat(),
        "ends_on": "",
        "status": "active",
        **extra,
    }


def test_the_care_manager_chooses_a_service_in_the_directory_and_the_team_sees_it(
    client, login, cast
):
    gp = load_directory()["health"]
    login(cast.alice)
    new = reverse("care:care-step-new", args=[cast.anna.id])
    directory = client.get(reverse("network:directory"), {"pick": new}).content.decode()
    assert f'href="{new}?service={gp.pk}"' in directory
    form = client.get(new, {"service": gp.pk}).content.decode()
    assert "Lægehuset Torvet" in form and f'value="{gp.pk}"' in form
    response = client.post(new, _post(new, service=str(gp.pk)))
    assert response.status_code == 302
    assert CareStep.objects.get(course__citizen=cast.anna).service == gp
    # The step on the team's page shows the service and how to reach it.
    page = client.get(reverse("assessments:page", args=[cast.anna.id])).content.decode()
    assert "Lægehuset Torvet" in page and "Testby Kommune" in page
    assert "laege@testby.example" in page


def test_a_service_that_is_not_in_the_directory_is_refused_beside_the_field(client, login, cast):
    load_directory()
    login(cast.alice)
    new = reverse("care:care-step-new", args=[cast.anna.id])
    response = client.post(new, _post(new, service=str(uuid.uuid4())))
    assert response.status_code == 400
    body = response.content.decode()
    choice = body[body.index('id="service-choice"') :]
    assert "not in the directory" in choice[: choice.index("</div>")]
    assert not CareStep.objects.filter(course__citizen=cast.anna).exists()
    with pytest.raises(ValidationError) as refused:
        _step(cast, DirectoryService(pk=uuid.uuid4()))
    assert "service" in refused.value.message_dict


def test_a_step_can_be_left_without_its_service(client, login, cast):
    gp = load_directory()["health"]
    step = _step(cast, gp)
    login(cast.alice)
    edit = reverse("care:care-step-edit", args=[cast.anna.id, step.pk])
    assert "Lægehuset Torvet" in client.get(edit).content.decode()
    assert "Lægehuset Torvet" not in client.get(edit, {"service": ""}).content.decode()
    assert client.post(edit, _post(edit, service="")).status_code == 302
    step.refresh_from_db()
    assert step.service is None


def test_deleting_the_service_from_the_directory_leaves_the_step_without_it(client, login, cast):
    gp = load_directory()["health"]
    step = _step(cast, gp)
    gp.delete()
    step.refresh_from_db()
    assert step.service is None
    login(cast.alice)
    page = client.get(reverse("assessments:page", args=[cast.anna.id]))
    assert page.status_code == 200 and "Lægehuset Torvet" not in page.content.decode()


def test_another_team_cannot_reach_the_step_or_give_it_a_service(client, login, cast):
    gp = load_directory()["health"]
    step = _step(cast)
    login(cast.carol)
    edit = reverse("care:care-step-edit", args=[cast.anna.id, step.pk])
    assert client.get(edit, {"service": gp.pk}).status_code == 404
    assert client.post(edit, _post(edit, service=str(gp.pk))).status_code == 404
    step.refresh_from_db()
    assert step.service is None


def test_the_assessments_api_names_the_steps_service_with_its_id(client, login, cast):
    gp = load_directory()["health"]
    _step(cast, gp)
    login(cast.alice)
    body = client.get(f"/api/v1/citizens/{cast.anna.id}/assessments").json()
    steps = next(s for s in body["sections"] if s["name"] == "care_steps")["data"]
    assert steps[0]["service"] == {
        "id": str(gp.pk),
        "name": "Lægehuset Torvet",
        "organization": "Testby Kommune",
    }
