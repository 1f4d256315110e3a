"""Choosing who from the course's responsibility group takes part in a meeting (issue 13 §2):
only current members of this course's group are offered and accepted, the choice is shown on
the team's meeting page and the citizen's pages, and another team sees none of it."""

import datetime as dt
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.meetings import services
from roundtable.meetings.models import Meeting, MeetingParticipant
from roundtable.meetings.testing import actor_of, schedule
from roundtable.network.models import GroupRole, MemberKind
from roundtable.network.services import group_member_add, group_member_leave
from roundtable.network.testing import add_outside_member, make_gp

pytestmark = pytest.mark.django_db

DAY = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


def _member(cast, citizen, name, organisation, role=GroupRole.HOUSING, by=None):
    """Someone outside the team with no account, in the citizen's responsibility group."""
    return group_member_add(
        actor=actor_of(by or cast.alice),
        citizen_id=citizen.id,
        kind=MemberKind.SUMMARY,
        role=role,
        name=name,
        organisation_name=organisation,
        joined_on=timezone.localdate() - dt.timedelta(days=10),
    )


@pytest.fixture
def group(cast):
    """Anna's group: a GP and a housing officer from outside the team."""
    gp = _member(cast, cast.anna, "Gerda Lægesen", "Lægehuset Torvet", GroupRole.GP)
    housing = _member(cast, cast.anna, "Hans Bolig", "Testby Kommune", GroupRole.HOUSING)
    return gp, housing


def _form(**changes):
    data = {
        "date": DAY,
        "start_time": "10:00",
        "end_time": "11:00",
        "place": "Jobcentre North, room 4",
        "purpose": "We talk about your flat and your return to work.",
    }
    data.update(changes)
    return data


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_two_chosen_members_are_shown_on_the_meeting_page_and_the_citizens_pages(
    client, login, cast, group
):
    gp, housing = group
    login(cast.alice)
    form = client.get(reverse("meetings:new", args=[cast.anna.id]))
    assert "Who from the responsibility group takes part" in _text(form)
    assert "Gerda Lægesen (General practitioner, Lægehuset Torvet)" in _text(form)

    response = client.post(
        reverse("meetings:new", args=[cast.anna.id]),
        _form(group_members=[str(gp.pk), str(housing.pk)]),
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    page = _text(client.get(reverse("meetings:detail", args=[meeting.id])))
    assert "Gerda Lægesen — General practitioner, Lægehuset Torvet" in page
    assert "Hans Bolig — Housing officer, Testby Kommune" in page
    assert page.count("from the responsibility group") == 2

    login(cast.anna)
    for name in ("meetings:my-meeting", "meetings:my-preparation"):
        mine = _text(client.get(reverse(name, args=[meeting.id])))
        assert "Gerda Lægesen — General practitioner, from Lægehuset Torvet. In your group." in mine
        assert "Hans Bolig — Housing officer, from Testby Kommune. In your group." in mine


def test_a_member_not_chosen_is_not_shown_as_taking_part(client, login, cast, group):
    gp, _housing = group
    meeting = schedule(cast.alice, cast.anna, group_members=[gp.pk])
    login(cast.alice)
    page = _text(client.get(reverse("meetings:detail", args=[meeting.id])))
    assert "Gerda Lægesen" in page
    assert "Hans Bolig" not in page


def test_the_choice_is_audited_with_how_many_take_part(cast, group):
    meeting = schedule(cast.alice, cast.anna, group_members=[m.pk for m in group])
    event = AuditEvent.objects.get(object_type="meeting_participants")
    assert (event.action, event.citizen_id, event.object_id) == (
        "update",
        cast.anna.id,
        str(meeting.pk),
    )
    assert event.detail == {"from_group": 2}


def test_editing_the_meeting_keeps_changes_and_removes_members(client, login, cast, group):
    gp, housing = group
    meeting = schedule(cast.alice, cast.anna, group_members=[gp.pk])
    login(cast.bob)
    url = reverse("meetings:edit", args=[meeting.id])
    edit = client.get(url).content.decode()
    assert re.search(rf'<input [^>]*value="{gp.pk}"[^>]*checked', edit)
    assert not re.search(rf'<input [^>]*value="{housing.pk}"[^>]*checked', edit)
    response = client.post(url, _form(group_members=[str(housing.pk)]))
    assert response.status_code == 302
    assert list(MeetingParticipant.objects.values_list("member_id", flat=True)) == [housing.pk]
    response = client.post(url, _form())
    assert response.status_code == 302
    assert not MeetingParticipant.objects.exists()


def test_a_member_of_another_citizens_group_is_refused_beside_the_field(client, login, cast, group):
    stranger = _member(cast, cast.bent, "Sigrid Fremmed", "Andeby Kommune", by=cast.carol)
    login(cast.alice)
    response = client.post(
        reverse("meetings:new", args=[cast.anna.id]),
        _form(group_members=[str(group[0].pk), str(stranger.pk)]),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["group_members"] == [
        "Choose only members of this citizen's responsibility group."
    ]
    # The other citizen's member is not named back.
    assert "Sigrid Fremmed" not in _text(response)
    assert not Meeting.objects.exists()


def test_the_service_refuses_a_member_of_another_course(cast):
    stranger = _member(cast, cast.bent, "Sigrid Fremmed", "Andeby Kommune", by=cast.carol)
    meeting = schedule(cast.alice, cast.anna)
    with pytest.raises(ValidationError) as refused:
        services.meeting_update(
            actor=actor_of(cast.alice),
            meeting_id=meeting.pk,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            purpose=meeting.purpose,
            place=meeting.place,
            group_members=[stranger.pk],
        )
    assert refused.value.message_dict == {
        "group_members": ["Choose only members of this citizen's responsibility group."]
    }
    assert not MeetingParticipant.objects.exists()


def test_a_member_who_has_left_is_not_offered_and_is_refused(client, login, cast, group):
    gp, housing = group
    group_member_leave(actor=actor_of(cast.alice), member_id=housing.pk, left_on=YESTERDAY)
    login(cast.alice)
    form = _text(client.get(reverse("meetings:new", args=[cast.anna.id])))
    assert "Gerda Lægesen" in form
    assert "Hans Bolig" not in form
    response = client.post(
        reverse("meetings:new", args=[cast.anna.id]),
        _form(group_members=[str(housing.pk)]),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["group_members"] == [
        "Hans Bolig has left the responsibility group. Choose someone who is in it now."
    ]
    assert 'id="id_group_members_error"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_course_professionals_are_not_offered_as_they_always_take_part(
    client, login, cast, group
):
    group_member_add(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.id,
        kind=MemberKind.TEAM,
        role=GroupRole.EMPLOYMENT,
        professional_id=cast.bob.pk,
        joined_on=timezone.localdate(),
    )
    login(cast.alice)
    form = _text(client.get(reverse("meetings:new", args=[cast.anna.id])))
    assert "Gerda Lægesen" in form
    assert f"{cast.bob.name} (" not in form


def test_a_garbled_choice_is_a_message_not_an_error_page(client, login, cast, group):
    login(cast.alice)
    response = client.post(
        reverse("meetings:new", args=[cast.anna.id]), _form(group_members=["not-an-id"])
    )
    assert response.status_code == 400
    assert response.context["form"].errors["group_members"] == ["Choose people from the list."]


def test_another_team_gets_404_on_every_page_touched_and_changes_nothing(
    client, login, cast, group
):
    gp, housing = group
    meeting = schedule(cast.alice, cast.anna, group_members=[gp.pk])
    login(cast.carol)
    pages = [
        ("get", reverse("meetings:new", args=[cast.anna.id]), None),
        ("post", reverse("meetings:new", args=[cast.anna.id]), _form(group_members=[gp.pk])),
        ("get", reverse("meetings:detail", args=[meeting.id]), None),
        ("get", reverse("meetings:edit", args=[meeting.id]), None),
        ("post", reverse("meetings:edit", args=[meeting.id]), _form(group_members=[housing.pk])),
        ("get", reverse("meetings:my-meeting", args=[meeting.id]), None),
        ("get", reverse("meetings:my-preparation", args=[meeting.id]), None),
        ("get", f"/api/v1/meetings/{meeting.id}", None),
    ]
    for method, url, data in pages:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, (method, url)
        assert "Gerda Lægesen" not in _text(response), url
    assert list(MeetingParticipant.objects.values_list("member_id", flat=True)) == [gp.pk]
    assert Meeting.objects.count() == 1


def test_the_api_lists_the_group_members_with_their_organisation(client, login, cast, group):
    gp, _housing = group
    meeting = schedule(cast.alice, cast.anna, group_members=[gp.pk])
    login(cast.bob)
    participants = client.get(f"/api/v1/meetings/{meeting.id}").json()["participants"]
    assert {
        "kind": "group",
        "role": "General practitioner",
        "name": "Gerda Lægesen",
        "relation": "",
        "organisation": "Lægehuset Torvet",
    } in participants


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        ("alice", "meetings:detail"),
        ("alice", "meetings:edit"),
        ("anna", "meetings:my-meeting"),
        ("anna", "meetings:my-preparation"),
    ],
)
def test_the_pages_do_not_grow_with_the_number_taking_part(client, login, cast, who, url_name):
    members = [_member(cast, cast.anna, f"Member {i}", f"Organisation {i}") for i in range(5)]
    # One with an account: named by their user, of their organisation.
    members.append(add_outside_member(cast, make_gp()))
    meeting = schedule(cast.alice, cast.anna, group_members=[members[0].pk])
    login(getattr(cast, who))
    url = reverse(url_name, args=[meeting.id])
    few = _queries(client, url)
    services.meeting_update(
        actor=actor_of(cast.alice),
        meeting_id=meeting.pk,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        purpose=meeting.purpose,
        place=meeting.place,
        group_members=[m.pk for m in members],
    )
    many = _queries(client, url)
    shown = _text(client.get(url))
    assert "Member 4" in shown and "Gerda Lægesen" in shown
    assert few == many, (few, many)


def test_the_citizens_export_says_who_came_from_the_group(client, login, cast, group):
    gp, _housing = group
    schedule(cast.alice, cast.anna, group_members=[gp.pk])
    login(cast.anna)
    export = client.get(reverse("exports:json", args=[cast.anna.pk])).json()
    meetings = [m for course in export["courses"] for m in course["sections"].get("meetings", [])]
    assert [m["from_the_group"] for m in meetings] == [
        [
            {
                "name": "Gerda Lægesen",
                "role": "General practitioner",
                "organisation": "Lægehuset Torvet",
            }
        ]
    ]


def test_the_edit_form_says_who_has_left_the_group_before_saving_takes_them_off(
    client, login, cast, group
):
    gp, housing = group
    meeting = services.meeting_schedule(
        actor=actor_of(cast.alice),
        citizen_id=cast.anna.id,
        starts_at=timezone.now() + dt.timedelta(days=5),
        ends_at=timezone.now() + dt.timedelta(days=5, hours=1),
        place="Jobcentre North, room 4",
        purpose="We talk about your flat.",
        group_members=[gp.pk, housing.pk],
    )
    group_member_leave(actor=actor_of(cast.alice), member_id=housing.pk, left_on=YESTERDAY)
    login(cast.alice)
    form = _text(client.get(reverse("meetings:edit", args=[meeting.pk])))
    assert (
        "Hans Bolig has left the responsibility group. When you save, they no longer take part "
        "in this meeting." in form
    )
    client.post(reverse("meetings:edit", args=[meeting.pk]), _form(group_members=[str(gp.pk)]))
    assert list(MeetingParticipant.objects.values_list("member_id", flat=True)) == [gp.pk]
    assert "has left the responsibility group" not in _text(
        client.get(reverse("meetings:edit", args=[meeting.pk]))
    )
