"""The family member sees only what the citizen shares: the meetings' day, time and place, the
plan's overall part, health only with its own permit; 404 for everything else; every look in the
citizen's access log; nothing at all once the citizen stops sharing."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.family.models import FamilyLink
from roundtable.family.testing import PASSWORD, family_member, invite
from roundtable.meetings.testing import schedule
from roundtable.plans.testing import OVERALL, SHARED_GOAL, held_meeting, publish, save_plan
from roundtable.testing import make_user

pytestmark = pytest.mark.django_db

HEALTH_SECTION = "Sleeps badly since the spring."
WORK_SECTION = "Calls the bakery on Monday."
HEALTH_GOAL = "Walk the dog every morning."


@pytest.fixture
def shared(cast):
    """Anna with a planned meeting and a published plan with every section."""
    meeting = schedule(cast.alice, cast.anna, days_ahead=5, place="Room 4, Health House")
    held_meeting(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": OVERALL, "care_manager": HEALTH_SECTION})
    save_plan(cast.bob, cast.anna, sections={"employment_consultant": WORK_SECTION})
    publish(cast.alice, cast.anna)
    return meeting


def _page(client, user, citizen):
    client.force_login(user)
    return client.get(reverse("family:page", args=[citizen.pk]))


def test_the_family_member_sees_the_meetings_and_the_overall_plan_and_nothing_more(
    client, cast, shared
):
    user, _link = family_member(cast.anna)
    response = _page(client, user, cast.anna)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Room 4, Health House" in body
    assert OVERALL in body and SHARED_GOAL in body
    # Not what the meeting is for, not the sector sections, not health without the permit.
    assert "We plan your return to work together." not in body
    assert HEALTH_SECTION not in body and WORK_SECTION not in body and HEALTH_GOAL not in body
    assert "Secretperson" not in body  # the given name only


def test_health_is_shown_only_with_its_own_permit(client, cast, shared):
    user, _link = family_member(cast.anna, shares_health=True)
    body = _page(client, user, cast.anna).content.decode()
    assert HEALTH_SECTION in body and HEALTH_GOAL in body
    assert WORK_SECTION not in body


def test_what_is_not_ticked_is_not_shown(client, cast, shared):
    user, _link = family_member(cast.anna, shares_plan=False)
    body = _page(client, user, cast.anna).content.decode()
    assert "Room 4, Health House" in body
    assert OVERALL not in body and SHARED_GOAL not in body


@pytest.mark.parametrize(
    "name",
    [
        "portal:home",
        "portal:access-log",
        "meetings:my-list",
        "plans:my-plan",
        "journal:my-journal",
        "consent:mine",
        "family:mine",
    ],
)
def test_the_citizens_own_pages_are_not_found_for_the_family_member(client, cast, shared, name):
    user, _link = family_member(cast.anna)
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", ["workspace:citizen", "meetings:citizen-list", "plans:detail"])
def test_the_teams_pages_about_the_citizen_are_not_found_for_the_family_member(
    client, cast, shared, name
):
    user, _link = family_member(cast.anna)
    client.force_login(user)
    assert client.get(reverse(name, args=[cast.anna.pk])).status_code == 404


def test_a_meeting_itself_is_not_found_for_the_family_member(client, cast, shared):
    user, _link = family_member(cast.anna)
    client.force_login(user)
    assert client.get(reverse("meetings:detail", args=[shared.pk])).status_code == 404
    assert client.get(reverse("meetings:my-meeting", args=[shared.pk])).status_code == 404


def test_the_api_answers_404_for_the_family_member(client, cast, shared):
    user, _link = family_member(cast.anna)
    client.force_login(user)
    response = client.get(f"/api/v1/citizens/{cast.anna.pk}")
    assert response.status_code in (401, 403, 404)


def test_each_look_is_in_the_citizens_access_log_with_the_family_member_named(client, cast, shared):
    user, _link = family_member(cast.anna)
    _page(client, user, cast.anna)
    event = AuditEvent.objects.filter(object_type="family_page", actor_id=user.pk).get()
    assert event.citizen_id == cast.anna.pk and event.actor_role == "family_member"
    assert set(event.detail["parts"]) == {"family_link", "meetings", "plan"}
    client.force_login(cast.anna.user)
    body = client.get(reverse("portal:access-log")).content.decode()
    assert "Maria" in body and "Family member" in body
    assert "looked at what you share with them" in body
    assert "Not in your team." not in body
    full = client.get(reverse("portal:access-log") + "?all=1").content.decode()
    assert "Maria" in full and "Family member" in full


def test_another_citizens_family_member_gets_404_and_the_attempt_is_audited(client, cast, shared):
    cast.bent.user = make_user("bent")
    cast.bent.save(update_fields=["user"])
    stranger, _link = family_member(cast.bent, username="bents.brother", email="b@example.com")
    response = _page(client, stranger, cast.anna)
    assert response.status_code == 404
    refused = AuditEvent.objects.get(actor_id=stranger.pk, outcome="not_found")
    assert refused.object_type == "family_page"


def test_professionals_and_citizens_get_404_on_the_family_page(client, cast, shared):
    family_member(cast.anna)
    for who in (cast.alice.user, cast.anna.user):
        assert _page(client, who, cast.anna).status_code == 404


def test_after_stopping_the_family_member_gets_nothing(client, cast, shared):
    user, link = family_member(cast.anna)
    assert _page(client, user, cast.anna).status_code == 200
    client.force_login(cast.anna.user)
    response = client.post(reverse("family:stop", args=[link.pk]), follow=True)
    assert "They see nothing now." in response.content.decode()
    assert _page(client, user, cast.anna).status_code == 404
    home = client.get(reverse("family:home"), follow=True)
    assert "Nothing is shared with you now." in home.content.decode()
    root = client.get("/", follow=True)
    assert "Nothing is shared with you now." in root.content.decode()
    # The citizen's log says the family member was stopped.
    assert AuditEvent.objects.filter(actor_id=user.pk, outcome="denied").exists()


def test_the_family_member_starts_on_what_is_shared(client, cast, shared):
    user, _link = family_member(cast.anna)
    client.force_login(user)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("family:page", args=[cast.anna.pk])


def test_the_citizens_page_lists_family_members_and_what_each_can_see(client, cast, shared):
    family_member(cast.anna, shares_health=True)
    invite(cast.anna, name="Jonas", email="jonas@example.com", shares_plan=False)
    client.force_login(cast.anna.user)
    body = client.get(reverse("family:mine")).content.decode()
    assert "Maria" in body and "Jonas" in body
    assert "about your health" in body
    assert "They have not said yes yet." in body
    assert body.count("Stop sharing with") == 2


def test_the_citizen_invites_through_the_form(client, cast, mailoutbox):
    client.force_login(cast.anna.user)
    data = {
        "name": "Maria",
        "email": "maria@example.com",
        "relation": "sister",
        "language": "da",
        "shares_meetings": "on",
    }
    response = client.post(reverse("family:mine"), data, follow=True)
    assert "We have sent an e-mail to maria@example.com" in response.content.decode()
    link = FamilyLink.objects.get()
    assert link.shares_meetings and not link.shares_plan and link.language == "da"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "nope"}, "Write an e-mail address like name@example.com."),
        ({"shares_meetings": ""}, "Tick at least one thing to share."),
    ],
)
def test_the_invitation_form_refuses_bad_input_with_a_message(client, cast, data, message):
    client.force_login(cast.anna.user)
    form = {"name": "M", "email": "m@example.com", "relation": "sister", "shares_meetings": "on"}
    form.update(data)
    form = {k: v for k, v in form.items() if v}
    response = client.post(reverse("family:mine"), form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FamilyLink.objects.exists()


def test_inviting_oneself_is_refused_beside_the_email(client, cast):
    cast.anna.user.email = "anna@example.com"
    cast.anna.user.save(update_fields=["email"])
    client.force_login(cast.anna.user)
    form = {"name": "A", "email": "anna@example.com", "relation": "me", "shares_plan": "on"}
    response = client.post(reverse("family:mine"), form)
    assert response.status_code == 400
    assert "This is your own e-mail." in response.content.decode()


def test_a_professional_gets_404_on_the_citizens_family_page(client, cast):
    client.force_login(cast.alice.user)
    assert client.get(reverse("family:mine")).status_code == 404


def test_the_invitation_page_makes_a_login_once(client, cast):
    invited = invite(cast.anna)
    url = reverse("family:accept", args=[invited.token])
    page = client.get(url)
    assert page.status_code == 200 and "Anna wants to share" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    bad = client.post(url, {"username": "maria", "password": "short"})
    assert bad.status_code == 400
    response = client.post(url, {"username": "maria", "password": PASSWORD}, follow=True)
    assert "Your login is ready." in response.content.decode()
    again = client.get(url)
    assert "This link has been used." in again.content.decode()
    reused = client.post(url, {"username": "maria2", "password": PASSWORD})
    assert reused.status_code == 400
    assert FamilyLink.objects.get().user.username == "maria"


def test_an_unknown_invitation_link_says_so(client):
    response = client.get(reverse("family:accept", args=["nothing-here"]))
    assert "This link does not work." in response.content.decode()
