"""Another team's professional gets 404 for a citizen, on every page and endpoint, sees none of
the data, and the attempt is audited (SECURITY.md 1)."""

import re
import uuid

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent, AuditOutcome

pytestmark = pytest.mark.django_db


# What must never leak about Bent (team Beta) to Alice (team Alpha).
def _leaks(response, cast) -> list[str]:
    body = response.content.decode()
    secrets = [cast.bent.given_name, cast.bent.family_name, "020285-5678", str(cast.bent_course.id)]
    return [s for s in secrets if s in body]


CITIZEN_PAGES = ["workspace:citizen", "citizens:national-id"]


@pytest.mark.parametrize("url_name", CITIZEN_PAGES)
def test_care_manager_of_another_team_gets_404_on_citizen_pages(client, login, cast, url_name):
    login(cast.alice)
    response = client.get(reverse(url_name, args=[cast.bent.id]))
    assert response.status_code == 404
    assert _leaks(response, cast) == []


@pytest.mark.parametrize("url_name", CITIZEN_PAGES)
def test_forbidden_and_missing_citizens_look_the_same(client, login, cast, url_name):
    login(cast.alice)
    forbidden = client.get(reverse(url_name, args=[cast.bent.id]))
    missing_id = uuid.uuid4()
    missing = client.get(reverse(url_name, args=[missing_id]))
    assert forbidden.status_code == missing.status_code == 404

    def normalised(response, citizen_id) -> str:
        body = response.content.decode().replace(str(citizen_id), "ID")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert normalised(forbidden, cast.bent.id) == normalised(missing, missing_id)


def test_care_manager_of_another_team_gets_404_in_the_api(client, login, cast):
    login(cast.alice)
    response = client.get(f"/api/v1/citizens/{cast.bent.id}")
    assert response.status_code == 404
    assert _leaks(response, cast) == []


def test_api_list_holds_only_the_callers_citizens(client, login, cast):
    login(cast.alice)
    response = client.get("/api/v1/citizens")
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    assert ids == {str(cast.anna.id)}
    assert _leaks(response, cast) == []


def test_caseload_holds_only_the_callers_citizens(client, login, cast):
    login(cast.alice)
    response = client.get(reverse("workspace:caseload"))
    assert response.status_code == 200
    assert "Anna Secretperson" in response.content.decode()
    assert _leaks(response, cast) == []


def test_denied_page_read_is_audited_with_the_citizen_and_the_actor(client, login, cast):
    login(cast.alice)
    client.get(reverse("workspace:citizen", args=[cast.bent.id]), HTTP_X_REQUEST_ID="req-denied-1")
    event = AuditEvent.objects.get(request_id="req-denied-1")
    assert event.outcome == AuditOutcome.DENIED
    assert event.citizen_id == cast.bent.id
    assert event.actor_id == cast.alice.user_id
    assert event.actor_role == "care_manager"
    assert event.organisation_id == cast.region.id


def test_denied_api_read_is_audited(client, login, cast):
    login(cast.alice)
    client.get(f"/api/v1/citizens/{cast.bent.id}", HTTP_X_REQUEST_ID="req-denied-api")
    event = AuditEvent.objects.get(request_id="req-denied-api")
    assert (event.outcome, event.citizen_id) == (AuditOutcome.DENIED, cast.bent.id)


def test_read_of_a_missing_citizen_is_audited_as_not_found(client, login, cast):
    login(cast.alice)
    missing = uuid.uuid4()
    client.get(reverse("workspace:citizen", args=[missing]), HTTP_X_REQUEST_ID="req-missing-1")
    event = AuditEvent.objects.get(request_id="req-missing-1")
    assert event.outcome == AuditOutcome.NOT_FOUND
    assert event.object_id == str(missing)
    assert event.citizen_id is None


def test_allowed_read_is_audited(client, login, cast):
    login(cast.alice)
    response = client.get(
        reverse("workspace:citizen", args=[cast.anna.id]), HTTP_X_REQUEST_ID="allowed-read-1"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(request_id="allowed-read-1")
    assert (event.action, event.outcome, event.citizen_id) == ("read", "allowed", cast.anna.id)


def test_employment_consultant_of_another_team_gets_404(client, login, cast):
    login(cast.dave)
    assert client.get(reverse("workspace:citizen", args=[cast.anna.id])).status_code == 404
    assert client.get(f"/api/v1/citizens/{cast.anna.id}").status_code == 404


def test_team_leader_sees_every_citizen_of_their_team_but_not_others(client, login, cast):
    login(cast.tina)
    assert client.get(reverse("workspace:citizen", args=[cast.anna.id])).status_code == 200
    assert client.get(reverse("workspace:citizen", args=[cast.bent.id])).status_code == 404


def test_supervisor_sees_their_teams_citizens(client, login, cast):
    login(cast.sam)
    assert client.get(f"/api/v1/citizens/{cast.anna.id}").status_code == 200
    assert client.get(f"/api/v1/citizens/{cast.bent.id}").status_code == 404


@pytest.mark.parametrize("who", ["mona", "adam"])
def test_managers_and_administrators_see_no_personal_data(client, login, cast, who):
    login(getattr(cast, who))
    assert client.get(reverse("workspace:citizen", args=[cast.anna.id])).status_code == 404
    assert client.get(reverse("workspace:caseload")).status_code == 404
    listing = client.get("/api/v1/citizens")
    assert listing.status_code == 200
    assert listing.json() == {"items": [], "count": 0}


def test_citizen_sees_only_themselves(client, login, cast):
    login(cast.anna.user)
    assert client.get(f"/api/v1/citizens/{cast.anna.id}").status_code == 200
    response = client.get(f"/api/v1/citizens/{cast.bent.id}")
    assert response.status_code == 404
    assert _leaks(response, cast) == []
    assert client.get(reverse("workspace:caseload")).status_code == 404


def test_anonymous_api_calls_get_401(client, cast):
    assert client.get("/api/v1/citizens").status_code == 401
    assert client.get(f"/api/v1/citizens/{cast.anna.id}").status_code == 401
    assert client.get("/api/v1/me").status_code == 401


def test_anonymous_pages_redirect_to_sign_in(client, cast):
    response = client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
