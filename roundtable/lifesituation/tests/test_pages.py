"""The life-situation form and the citizen's own wishes: each writer gets the areas they may
read, posted areas they may not write are ignored, and bad input is a form error."""

import pytest
from django.urls import reverse

from roundtable.lifesituation.models import LifeArea
from roundtable.lifesituation.testing import days_ago, fill_life_situation

pytestmark = pytest.mark.django_db


def test_mapping_form_opens_for_the_care_manager(client, login, cast):
    login(cast.alice)
    response = client.get(reverse("lifesituation:mapping-edit", args=[cast.anna.id]))
    assert response.status_code == 200
    assert "<label" in response.content.decode()


def test_mapping_form_shows_only_the_areas_the_writer_may_read(client, login, cast):
    login(cast.bob)
    body = client.get(reverse("lifesituation:mapping-edit", args=[cast.anna.id])).content.decode()
    assert "work_education-situation" in body and "mental_health-situation" not in body


@pytest.mark.parametrize("who", ["tina", "sam"])
def test_team_leader_and_supervisor_may_not_open_the_mapping_form(client, login, cast, who):
    login(getattr(cast, who))
    url = reverse("lifesituation:mapping-edit", args=[cast.anna.id])
    assert client.get(url).status_code == 403


def test_employment_consultant_fills_in_work_areas_and_posted_health_areas_are_ignored(
    client, login, cast
):
    login(cast.bob)
    response = client.post(
        reverse("lifesituation:mapping-edit", args=[cast.anna.id]),
        {
            "work_education-situation": "Baker, on sick leave",
            "economy-wishes": "A budget",
            "mental_health-situation": "Smuggled in",
            "filled_with_citizen": "on",
            "filled_on": days_ago(1).isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:page", args=[cast.anna.id]) + (
        "#life-situation"
    )
    assert set(LifeArea.objects.values_list("area", flat=True)) == {"work_education", "economy"}
    assert LifeArea.objects.filter(filled_with_citizen=True, filled_on=days_ago(1)).count() == 2


def test_mapping_with_the_citizen_but_no_date_is_a_form_error(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("lifesituation:mapping-edit", args=[cast.anna.id]),
        {"family-situation": "Two children", "filled_with_citizen": "on"},
    )
    assert response.status_code == 400
    assert not LifeArea.objects.exists()


def test_citizen_writes_their_own_wishes(client, login, cast):
    fill_life_situation(cast)
    login(cast.anna)
    url = reverse("lifesituation:my-wishes")
    assert client.get(url).status_code == 200
    response = client.post(url, {"mental_health": "To sleep through the night"})
    assert response.status_code == 302
    assert (
        "To sleep through the night" in client.get(reverse("assessments:my-page")).content.decode()
    )


def test_a_professional_has_no_wishes_page(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("lifesituation:my-wishes")).status_code == 404
