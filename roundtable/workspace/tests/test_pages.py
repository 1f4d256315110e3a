import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_overview_shows_course_team_and_who_is_assigned(client, login, cast):
    login(cast.alice)
    page = client.get(reverse("workspace:citizen", args=[cast.anna.id])).content.decode()
    for text in ("Anna Secretperson", "Team Alpha", "Alice Andersen", "Bob Berg", "Active"):
        assert text in page


def test_health_staff_see_the_diagnosis_group(client, login, cast):
    login(cast.alice)
    assert (
        "Anxiety" in client.get(reverse("workspace:citizen", args=[cast.anna.id])).content.decode()
    )
    assert (
        client.get(f"/api/v1/citizens/{cast.anna.id}").json()["courses"][0]["diagnosis_group"]
        == "anxiety"
    )


def test_employment_consultant_does_not_see_the_diagnosis(client, login, cast):
    login(cast.bob)
    page = client.get(reverse("workspace:citizen", args=[cast.anna.id])).content.decode()
    assert "Anxiety" not in page and "Diagnosis" not in page
    assert (
        client.get(f"/api/v1/citizens/{cast.anna.id}").json()["courses"][0]["diagnosis_group"]
        is None
    )
    listing = client.get("/api/v1/citizens").json()
    assert listing["items"][0]["courses"][0]["diagnosis_group"] is None


def test_caseload_shows_status_weeks_and_a_next_meeting_column(client, login, cast):
    login(cast.bob)
    page = client.get(reverse("workspace:caseload")).content.decode()
    assert "Anna Secretperson" in page
    assert "Weeks since first absence" in page and "Next meeting" in page
    assert '<td class="number">10</td>' in page  # 70 days since the first absence


def test_caseload_filters_by_status_and_says_when_nothing_matches(client, login, cast):
    login(cast.alice)
    page = client.get(reverse("workspace:caseload") + "?status=completed").content.decode()
    assert "No courses match the filter." in page


def test_an_invalid_filter_gets_a_message_not_an_error(client, login, cast):
    login(cast.alice)
    response = client.get(reverse("workspace:caseload") + "?status=%27%3Bdrop+table")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_team_leader_starts_from_the_team_and_can_narrow_to_own_courses(client, login, cast):
    login(cast.tina)
    team = client.get(reverse("workspace:caseload")).content.decode()
    mine = client.get(reverse("workspace:caseload") + "?scope=mine").content.decode()
    assert "Anna Secretperson" not in mine
    assert "Anna Secretperson" in team


def test_citizen_portal_in_plain_words(client, login, cast):
    login(cast.anna.user)
    page = client.get(reverse("portal:home")).content.decode()
    assert "Hello, Anna" in page
    assert "Alice Andersen" in page and "Bob Berg" in page
    assert "Your course is running." in page
    assert "Anxiety" not in page  # no labels from the record thrown at the person


def test_professionals_have_no_portal(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("portal:home")).status_code == 404


def test_personal_pages_are_never_cached(client, login, cast):
    login(cast.alice)
    response = client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(f"/api/v1/citizens/{cast.anna.id}")["Cache-Control"]


def test_the_deployment_chooses_what_the_person_is_called(client, login, cast, settings):
    login(cast.alice)
    assert ">Citizen</th>" in client.get(reverse("workspace:caseload")).content.decode()
    settings.ROUNDTABLE_TERMS = {
        "*": {"en": {"citizen": ["participant", "the participant", "participants"]}}
    }
    assert ">Participant</th>" in client.get(reverse("workspace:caseload")).content.decode()


def test_caseload_shows_the_next_planned_meeting(client, login, cast):
    import datetime as dt

    from django.utils import timezone

    from roundtable.accounts.actor import actor_for_user
    from roundtable.meetings.services import meeting_schedule

    start = (timezone.now() + dt.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    meeting_schedule(
        actor=actor_for_user(cast.alice.user),
        citizen_id=cast.anna.id,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        purpose="We plan together.",
        place="Room 2",
    )
    login(cast.alice)
    page = client.get(reverse("workspace:caseload")).content.decode()
    local = timezone.localtime(start)
    assert f"{local.day} {local:%B %Y}, {local:%H:%M}" in page
