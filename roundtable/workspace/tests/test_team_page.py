import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.organisations.models import Dyad, Role
from roundtable.testing import make_citizen, make_course, make_professional

pytestmark = pytest.mark.django_db


def _team_url(team) -> str:
    return reverse("workspace:team", args=[team.id])


def test_team_page_shows_members_by_organisation_dyads_and_caseloads(client, login, cast):
    login(cast.tina)
    page = client.get(_team_url(cast.alpha)).content.decode()
    assert page.index("Jobcentre North") < page.index("Region Test Psychiatry")
    for name in ("Alice Andersen", "Bob Berg", "Tina Thorsen", "Sam Skov"):
        assert name in page
    assert "Carol Clausen" not in page  # Beta's care manager
    assert "Dyads" in page
    assert "Caseload per employment consultant" in page


def test_small_team_gets_a_size_warning(client, login, cast):
    login(cast.tina)
    page = client.get(_team_url(cast.alpha)).content.decode()
    assert "fewer than 4 care managers and employment consultants" in page


def test_care_manager_with_many_consultants_is_flagged(client, login, cast):
    for i in range(4):
        ec = make_professional(
            f"Consultant Number{i}", cast.jobcentre_north, Role.EMPLOYMENT_CONSULTANT, (cast.alpha,)
        )
        citizen = make_citizen(f"Flag Person{i}", f"0606{i:02d}-{i:04d}")
        make_course(citizen, cast.alpha, cast.alice, ec)
    login(cast.tina)
    page = client.get(_team_url(cast.alpha)).content.decode()
    # Alice works with Bob (dyad and course) and four more: five, above the limit of three.
    assert "Some professionals work with more than 3 colleagues from the other sector" in page
    assert "above limit" in page


def test_thresholds_are_configurable_per_team(client, login, cast):
    cast.alpha.min_members = 2
    cast.alpha.save()
    login(cast.tina)
    page = client.get(_team_url(cast.alpha)).content.decode()
    assert "fewer than" not in page


def test_thresholds_follow_the_deployment_setting(client, login, cast, settings):
    settings.TEAM_MIN_MEMBERS = 3
    login(cast.tina)
    assert "fewer than" not in client.get(_team_url(cast.alpha)).content.decode()


def test_professional_of_another_team_gets_404(client, login, cast):
    login(cast.carol)
    response = client.get(_team_url(cast.alpha))
    assert response.status_code == 404
    assert "Alice Andersen" not in response.content.decode()


def test_citizen_gets_404_on_team_pages(client, login, cast):
    login(cast.anna.user)
    assert client.get(_team_url(cast.alpha)).status_code == 404
    assert "Team Alpha" not in client.get(reverse("organisations:team-list")).content.decode()


def test_manager_sees_teams_with_members_from_their_organisation(client, login, cast):
    login(cast.mona)
    assert client.get(_team_url(cast.alpha)).status_code == 200
    assert client.get(_team_url(cast.beta)).status_code == 200
    page = client.get(_team_url(cast.alpha)).content.decode()
    assert "Anna Secretperson" not in page  # aggregates only


def test_manager_of_an_unrelated_organisation_sees_no_team(client, login, cast):
    from roundtable.organisations.models import Organisation, Sector

    other = Organisation.objects.create(name="Elsewhere Jobcentre", sector=Sector.EMPLOYMENT)
    manager = make_professional("Other Manager", other, Role.MANAGER)
    login(manager)
    assert client.get(_team_url(cast.alpha)).status_code == 404


def test_team_page_query_count_does_not_grow_with_members(client, login, cast):
    login(cast.tina)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_team_url(cast.alpha)).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(6):
        ec = make_professional(
            f"Extra Consultant{i}", cast.jobcentre_north, Role.EMPLOYMENT_CONSULTANT, (cast.alpha,)
        )
        Dyad.objects.create(team=cast.alpha, care_manager=cast.alice, employment_consultant=ec)
        citizen = make_citizen(f"Team Person{i}", f"0505{i:02d}-{i:04d}")
        make_course(citizen, cast.alpha, cast.alice, ec)
    assert count() == few <= 12
