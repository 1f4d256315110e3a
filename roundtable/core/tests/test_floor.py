"""The floor page (/floor/): the benchmark's baseline, a page like any other."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

FLOOR = reverse("core:floor")


def test_a_professional_sees_their_own_teams_and_the_read_is_audited(client, login, cast):
    login(cast.alice)
    before = AuditEvent.objects.count()

    response = client.get(FLOOR)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Team Alpha" in page and "Region Test Psychiatry" in page
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("occurred_at")
    assert (event.action, event.actor_username) == (AuditAction.READ, "alice.andersen")
    assert event.citizen_id is None


def test_another_teams_professional_does_not_see_this_team(client, login, cast):
    login(cast.carol)
    page = client.get(FLOOR).content.decode()
    assert "Team Beta" in page
    assert "Team Alpha" not in page


def test_a_professional_without_a_team_gets_the_page_without_a_table(client, login, cast):
    login(cast.mona)
    response = client.get(FLOOR)
    assert response.status_code == 200
    assert "You are not a member of any team yet." in response.content.decode()


def test_a_citizen_gets_404(client, login, cast):
    login(cast.anna.user)
    assert client.get(FLOOR).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(FLOOR)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_floor_costs_one_query_of_its_own(client, login, cast):
    login(cast.alice)
    client.get(FLOOR)  # warm: the session and the language are read once per request anyway
    with CaptureQueriesContext(connection) as queries:
        client.get(FLOOR)
    team_reads = [q["sql"] for q in queries if 'FROM "organisations_team"' in q["sql"]]
    assert len(team_reads) == 1
