"""`GET/POST /api/v1/citizens/{id}/network` and `GET /api/v1/services`: the coordinator and the
group, a member added or coordination handed over with 4xx reasons, and another team's 404."""

import datetime as dt
import json

import pytest

from roundtable.network.models import Coordination, GroupMember
from roundtable.network.testing import load_directory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today().isoformat()


def _post(client, cast, payload, citizen=None):
    return client.post(
        f"/api/v1/citizens/{(citizen or cast.anna).id}/network",
        data=json.dumps(payload),
        content_type="application/json",
    )


def test_a_care_manager_hands_over_and_adds_a_member_through_the_api(client, login, cast):
    services = load_directory()
    login(cast.alice)
    first = _post(
        client,
        cast,
        {
            "action": "hand_over",
            "coordinator": {"starts_on": TODAY, "professional_id": str(cast.bob.pk)},
        },
    )
    assert first.status_code == 201, first.content
    assert first.json()["coordinator"]["name"] == "Bob Berg"
    added = _post(
        client,
        cast,
        {
            "action": "add_member",
            "member": {
                "kind": "summary",
                "role": "gp",
                "name": "Dr. Lund",
                "service_id": str(services["health"].pk),
                "joined_on": TODAY,
            },
        },
    )
    assert added.status_code == 201
    [member] = added.json()["members"]
    assert member["organisation"] == "Testby Kommune" and member["role"] == "gp"
    read = client.get(f"/api/v1/citizens/{cast.anna.id}/network").json()
    assert read["coordinator"]["name"] == "Bob Berg" and len(read["members"]) == 1


@pytest.mark.parametrize(
    ("payload", "status", "reason"),
    [
        ({"action": "hand_over"}, 400, "coordinator"),
        ({"action": "add_member"}, 400, "member"),
        ({"action": "hand_over", "coordinator": {"starts_on": TODAY}}, 400, "name"),
        ({"action": "fly"}, 422, ""),
        (
            {"action": "add_member", "member": {"kind": "team", "role": "gp", "joined_on": TODAY}},
            400,
            "account",
        ),
    ],
)
def test_bad_network_writes_get_4xx_with_a_reason(client, login, cast, payload, status, reason):
    login(cast.alice)
    response = _post(client, cast, payload)
    assert response.status_code == status, response.content
    assert reason in response.content.decode()
    assert not Coordination.objects.exists() and not GroupMember.objects.exists()


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_another_teams_professional_gets_404_on_the_network_endpoints(client, login, cast, who):
    login(getattr(cast, who))
    assert client.get(f"/api/v1/citizens/{cast.anna.id}/network").status_code == 404
    payload = {"action": "hand_over", "coordinator": {"starts_on": TODAY, "name": "X"}}
    assert _post(client, cast, payload).status_code == 404
    assert not Coordination.objects.exists()


def test_a_supervisor_reads_the_network_but_gets_403_on_changing_it(client, login, cast):
    login(cast.sam)
    assert client.get(f"/api/v1/citizens/{cast.anna.id}/network").status_code == 200
    payload = {
        "action": "hand_over",
        "coordinator": {"starts_on": TODAY, "professional_id": str(cast.bob.pk)},
    }
    assert _post(client, cast, payload).status_code == 403


def test_services_are_found_by_need_and_place(client, login, cast):
    load_directory()
    login(cast.carol)
    found = client.get("/api/v1/services?need=housing&place=testby")
    assert found.status_code == 200
    assert [s["name"] for s in found.json()] == ["Boligrådgivning"]
    assert found.json()[0]["locations"][0]["opening_hours"] == "Mon–Fri 9–15"
    assert client.get("/api/v1/services?place=Elsewhere").json() == []
    assert client.get("/api/v1/services?need=space").status_code == 422


def test_services_need_a_signed_in_caller(client, cast):
    assert client.get("/api/v1/services").status_code in (401, 404)
