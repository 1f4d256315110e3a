"""The team programme: IPS or not, and the session budget per course (configuration at
/config/, read by stepped care and the IPS plans)."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from roundtable.organisations.models import TeamProgramme
from roundtable.organisations.selectors import is_ips_team, session_budget
from roundtable.organisations.services import team_programme_set

pytestmark = pytest.mark.django_db


def test_a_team_without_a_programme_has_the_default_budget_and_is_not_ips(cast):
    with override_settings(ROUNDTABLE_SESSION_BUDGET=9):
        assert session_budget(team_id=cast.alpha.id) == 9
    assert not is_ips_team(team_id=cast.alpha.id)


def test_a_team_sets_ips_and_its_own_budget_and_can_go_back_to_the_default(cast):
    team_programme_set(team_id=cast.alpha.id, is_ips=True, session_budget=20)
    assert is_ips_team(team_id=cast.alpha.id) and not is_ips_team(team_id=cast.beta.id)
    assert session_budget(team_id=cast.alpha.id) == 20
    team_programme_set(team_id=cast.alpha.id, is_ips=False)
    with override_settings(ROUNDTABLE_SESSION_BUDGET=12):
        assert session_budget(team_id=cast.alpha.id) == 12
    assert TeamProgramme.objects.count() == 1


@pytest.mark.parametrize("budget", [0, 201])
def test_a_budget_out_of_range_is_refused_and_nothing_changes(cast, budget):
    with pytest.raises(ValidationError, match="between 1 and 200"):
        team_programme_set(team_id=cast.alpha.id, is_ips=True, session_budget=budget)
    assert not TeamProgramme.objects.exists()


def test_administrator_sets_the_programme_at_config(client, login, cast):
    assert admin.site.is_registered(TeamProgramme)
    cast.adam.user.is_staff = True
    cast.adam.user.is_superuser = True
    cast.adam.user.save()
    login(cast.adam)
    response = client.get(reverse("admin:organisations_teamprogramme_changelist"))
    assert response.status_code == 200
