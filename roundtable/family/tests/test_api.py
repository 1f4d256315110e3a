"""The family in the API: the family member reads what is shared; the citizen lists and stops;
everyone else — another team, another citizen's family, the citizen's own team — gets 404."""

import pytest

from roundtable.family.models import FamilyLink
from roundtable.family.testing import family_member
from roundtable.meetings.testing import schedule
from roundtable.plans.testing import OVERALL, held_meeting, publish, save_plan
from roundtable.testing import make_user

pytestmark = pytest.mark.django_db

HEALTH_SECTION = "Sleeps badly since the spring."


@pytest.fixture
def shared(cast):
    schedule(cast.alice, cast.anna, days_ahead=5, place="Room 4")
    held_meeting(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": OVERALL, "care_manager": HEALTH_SECTION})
    publish(cast.alice, cast.anna)
    return family_member(cast.anna)


def test_the_family_member_reads_what_is_shared(client, cast, shared):
    user, _link = shared
    client.force_login(user)
    response = client.get(f"/api/v1/family/{cast.anna.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["given_name"] == "Anna" and data["meetings"][0]["place"] == "Room 4"
    assert data["plan"]["overall"] == OVERALL
    assert data["plan"]["health"] == "" and HEALTH_SECTION not in response.content.decode()


@pytest.mark.parametrize("who", ["carol", "alice", "anna", "bents_family"])
def test_anyone_else_gets_404_from_the_family_endpoint(client, cast, shared, who):
    if who == "bents_family":
        cast.bent.user = make_user("bent")
        cast.bent.save(update_fields=["user"])
        user, _ = family_member(cast.bent, username="bents", email="b@example.com")
    else:
        user = getattr(cast, who).user
    client.force_login(user)
    assert client.get(f"/api/v1/family/{cast.anna.pk}").status_code == 404


def test_the_citizen_lists_and_stops_and_then_the_family_member_gets_404(client, cast, shared):
    user, link = shared
    client.force_login(cast.anna.user)
    listed = client.get("/api/v1/me/family").json()
    assert [row["name"] for row in listed] == ["Maria"]
    stopped = client.post(f"/api/v1/me/family/{link.pk}/stop")
    assert stopped.status_code == 200 and stopped.json()["revoked_at"]
    client.force_login(user)
    assert client.get(f"/api/v1/family/{cast.anna.pk}").status_code == 404


def test_another_teams_professional_gets_404_from_the_citizens_family_endpoints(
    client, cast, shared
):
    _user, link = shared
    client.force_login(cast.carol.user)
    assert client.get("/api/v1/me/family").status_code == 404
    assert client.post(f"/api/v1/me/family/{link.pk}/stop").status_code == 404
    assert FamilyLink.objects.get().revoked_at is None
