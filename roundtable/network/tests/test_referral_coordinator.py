"""The coordinator can be chosen on the referral form: the chosen professional is the course's
coordinator from the referral date; choosing nobody leaves it for later; choosing a role with
nobody in it shows the message beside the field."""

import datetime as dt

import pytest
from django.urls import reverse

from roundtable.citizens.models import Course
from roundtable.citizens.tests.test_referral_register import _form
from roundtable.network.models import Coordination

pytestmark = pytest.mark.django_db


def test_the_coordinator_chosen_at_referral_is_named_from_the_referral_date(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("citizens:referral-new"), _form(cast, coordinator="employment_consultant")
    )
    assert response.status_code == 302
    course = Course.objects.get(citizen__family_name="Nyborg")
    coordination = Coordination.objects.get(course=course)
    assert coordination.professional == cast.bob
    assert coordination.starts_on == dt.date.today()


def test_no_coordinator_is_named_when_none_is_chosen(client, login, cast):
    login(cast.alice)
    client.post(reverse("citizens:referral-new"), _form(cast))
    assert not Coordination.objects.exists()


def test_choosing_a_role_nobody_fills_shows_the_message_beside_the_field(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("citizens:referral-new"),
        _form(cast, coordinator="employment_consultant", employment_consultant=""),
    )
    assert response.status_code == 400
    assert 'id="id_coordinator_error"' in response.content.decode()
    assert not Course.objects.filter(citizen__family_name="Nyborg").exists()
