import datetime as dt

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.citizens.models import Citizen, Course

pytestmark = pytest.mark.django_db


def _form(cast, **overrides):
    today = dt.date.today()
    data = {
        "team": cast.alpha.id,
        "given_name": "Nanna",
        "family_name": "Nyborg",
        "national_id": "121288-4321",
        "referral_date": today.isoformat(),
        "first_absence_day": (today - dt.timedelta(days=30)).isoformat(),
        "diagnosis_group": "stress",
        "care_manager": cast.alice.id,
        "employment_consultant": cast.bob.id,
    }
    data.update(overrides)
    return data


def test_a_care_manager_registers_a_referral_and_lands_on_the_new_citizen(client, login, cast):
    login(cast.alice)
    response = client.post(reverse("citizens:referral-new"), _form(cast))
    citizen = Citizen.objects.get(family_name="Nyborg")
    assert response["Location"] == reverse("workspace:citizen", args=[citizen.id])
    course = Course.objects.get(citizen=citizen)
    assert (course.status, course.team, course.jurisdiction) == ("referred", cast.alpha, "dk")
    assert AuditEvent.objects.filter(action="create", citizen_id=citizen.id).exists()
    page = client.get(response["Location"]).content.decode()
    assert "The referral is registered." in page


def test_referral_before_absence_is_refused_and_nothing_is_saved(client, login, cast):
    login(cast.alice)
    today = dt.date.today()
    response = client.post(
        reverse("citizens:referral-new"),
        _form(cast, referral_date=(today - dt.timedelta(days=60)).isoformat()),
    )
    assert response.status_code == 400
    assert "cannot be before the first day of absence" in response.content.decode()
    assert "Nanna" in response.content.decode()  # what was typed is kept
    assert not Citizen.objects.filter(family_name="Nyborg").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("national_id", "12-34", "10 or 11 digits"),
        ("referral_date", "2026-02-30", "Enter a valid date"),
        ("given_name", "", "This field is required"),
        ("diagnosis_group", "hysteria", "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message(client, login, cast, field, value, message):
    login(cast.alice)
    response = client.post(reverse("citizens:referral-new"), _form(cast, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Citizen.objects.count() == 2


def test_the_same_national_id_cannot_be_registered_twice(client, login, cast):
    login(cast.alice)
    response = client.post(reverse("citizens:referral-new"), _form(cast, national_id="0101901234"))
    assert response.status_code == 400
    assert "already registered" in response.content.decode()


def test_another_teams_professionals_cannot_be_assigned(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("citizens:referral-new"), _form(cast, employment_consultant=cast.dave.id)
    )
    assert response.status_code == 400
    assert not Citizen.objects.filter(family_name="Nyborg").exists()


def test_a_referral_for_another_team_is_refused(client, login, cast):
    login(cast.alice)
    response = client.post(reverse("citizens:referral-new"), _form(cast, team=cast.beta.id))
    assert response.status_code == 400
    assert not Citizen.objects.filter(family_name="Nyborg").exists()


def test_managers_have_no_referral_form(client, login, cast):
    login(cast.mona)
    assert client.get(reverse("citizens:referral-new")).status_code == 404


def test_the_course_follows_the_law_of_the_teams_jobcentre_unless_overridden(client, login, cast):
    cast.jobcentre_north.jurisdiction = "se"
    cast.jobcentre_north.save()
    login(cast.alice)
    client.post(reverse("citizens:referral-new"), _form(cast))
    assert Course.objects.get(citizen__family_name="Nyborg").jurisdiction == "se"
    client.post(
        reverse("citizens:referral-new"),
        _form(cast, family_name="Other", national_id="131288-4321", jurisdiction="no"),
    )
    assert Course.objects.get(citizen__family_name="Other").jurisdiction == "no"
