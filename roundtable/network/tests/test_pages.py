"""The network pages: the team's page and forms, the citizen's "Your people and services",
the directory, and the team leader's courses without a coordinator. Another team's
professional gets 404 on every page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.accounts.actor import actor_for_user
from roundtable.network.models import Coordination, GroupMember
from roundtable.network.services import coordinator_hand_over
from roundtable.network.testing import load_directory
from roundtable.testing import make_citizen, make_course

pytestmark = pytest.mark.django_db


def _coordinate(cast, who=None):
    coordinator_hand_over(
        actor=actor_for_user(cast.alice.user),
        citizen_id=cast.anna.id,
        professional_id=(who or cast.alice).pk,
        starts_on=dt.date.today(),
    )


def _pages(cast):
    member = GroupMember.objects.first()
    pages = [
        ("get", reverse("network:page", args=[cast.anna.id])),
        ("get", reverse("network:coordinator", args=[cast.anna.id])),
        ("post", reverse("network:coordinator", args=[cast.anna.id])),
        ("get", reverse("network:member-add", args=[cast.anna.id])),
        ("post", reverse("network:member-add", args=[cast.anna.id])),
        ("get", reverse("network:uncoordinated", args=[cast.alpha.id])),
    ]
    if member:
        pages.append(("post", reverse("network:member-leave", args=[cast.anna.id, member.pk])))
    return pages


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_another_teams_professional_gets_404_on_every_network_page(client, login, cast, who):
    _coordinate(cast)
    login(getattr(cast, who))
    for method, url in _pages(cast):
        response = getattr(client, method)(
            url, {"starts_on": "2020-01-01", "left_on": "2020-01-01"}
        )
        assert response.status_code == 404, (method, url, response.status_code)
        assert "Secretperson" not in response.content.decode()
    assert Coordination.objects.count() == 1


def test_the_care_manager_names_a_coordinator_on_the_page(client, login, cast):
    login(cast.alice)
    url = reverse("network:coordinator", args=[cast.anna.id])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"professional": str(cast.bob.pk), "starts_on": dt.date.today().isoformat()}
    )
    assert response.status_code == 302
    page = client.get(reverse("network:page", args=[cast.anna.id])).content.decode()
    assert "Bob Berg" in page


def test_a_handover_without_a_note_shows_the_reason_and_keeps_the_coordinator(client, login, cast):
    _coordinate(cast)
    login(cast.alice)
    response = client.post(
        reverse("network:coordinator", args=[cast.anna.id]),
        {"professional": str(cast.bob.pk), "starts_on": dt.date.today().isoformat()},
    )
    assert response.status_code == 400
    assert "handover note" in response.content.decode()
    assert Coordination.objects.get().professional == cast.alice


def test_a_bad_form_shows_the_message_beside_the_field(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("network:member-add", args=[cast.anna.id]),
        {"kind": "team", "role": "gp", "joined_on": "not a date"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_professional_error"' in body and 'id="id_joined_on_error"' in body


def test_adding_from_the_directory_fills_in_the_service(client, login, cast):
    services = load_directory()
    login(cast.alice)
    directory = client.get(reverse("network:directory") + f"?for={cast.anna.id}&need=housing")
    assert "Boligrådgivning" in directory.content.decode()
    assert "Lægehuset" not in directory.content.decode()
    url = reverse("network:member-add", args=[cast.anna.id]) + f"?service={services['housing'].pk}"
    form = client.get(url).content.decode()
    assert "Testby Kommune" in form
    response = client.post(
        url,
        {
            "kind": "summary",
            "role": "housing",
            "service": str(services["housing"].pk),
            "name": "Hans Bolig",
            "joined_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    assert GroupMember.objects.get().service == services["housing"]


def test_the_citizen_sees_their_coordinator_on_the_home_page_and_their_people(client, login, cast):
    _coordinate(cast, cast.bob)
    login(cast.anna)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Your coordinator is Bob Berg." in home
    mine = client.get(reverse("network:mine"))
    assert mine.status_code == 200
    assert "Your people and services" in mine.content.decode()


def test_staff_get_404_on_the_citizens_own_people_page(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("network:mine")).status_code == 404


def test_the_team_leader_sees_courses_without_a_coordinator_in_constant_queries(
    client, login, cast
):
    login(cast.tina)
    url = reverse("network:uncoordinated", args=[cast.alpha.id])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        body = client.get(url).content.decode()
    assert "Anna Secretperson" in body
    for i in range(4):
        citizen = make_citizen(f"Extra Person{i}", f"05050{i}-0505")
        make_course(citizen, cast.alpha, cast.alice, cast.bob)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert "Extra Person3" in body
    assert len(many) == len(few)
    _coordinate(cast)
    assert "Anna Secretperson" not in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["alice", "sam", "carol"])
def test_only_the_teams_leader_sees_its_uncoordinated_courses(client, login, cast, who):
    login(getattr(cast, who))
    assert client.get(reverse("network:uncoordinated", args=[cast.alpha.id])).status_code == 404


def test_only_team_leaders_and_administrators_import_and_export_the_directory(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("network:directory-export")).status_code == 403
    login(cast.tina)
    load_directory()
    response = client.get(reverse("network:directory-export"))
    assert response.status_code == 200 and "Boligrådgivning" in response.content.decode()


def test_the_citizens_people_page_lists_the_family_she_shares_with_until_she_stops(
    client, login, cast
):
    from roundtable.family.services import family_stop
    from roundtable.family.testing import family_member, invite
    from roundtable.meetings.testing import actor_of

    _, sister = family_member(cast.anna)
    invite(cast.anna, email="brother@example.com", name="Jonas", relation="brother")
    login(cast.anna)
    page = client.get(reverse("network:mine")).content.decode()
    assert "<strong>Maria</strong> (sister)." in page
    assert "<strong>Jonas</strong> (brother). Invited, not signed in yet." in page
    family_stop(actor=actor_of(cast.anna), link_id=sister.pk)
    page = client.get(reverse("network:mine")).content.decode()
    assert "Maria" not in page and "Jonas" in page
    login(cast.alice)  # the team does not see the citizen's family links on its network page
    assert "Jonas" not in client.get(reverse("network:page", args=[cast.anna.id])).content.decode()
