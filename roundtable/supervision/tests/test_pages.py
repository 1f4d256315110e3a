"""The supervision pages: the team's members see them, another team gets 404 on every page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.supervision.models import SupervisionAction, SupervisionSession, SupervisionTheme
from roundtable.supervision.testing import session_of

pytestmark = pytest.mark.django_db


def _pages(cast):
    session = session_of(cast)
    return [
        reverse("supervision:history", args=[cast.alpha.pk]),
        reverse("supervision:schedule", args=[cast.alpha.pk]),
        reverse("supervision:session", args=[session.pk]),
    ]


@pytest.mark.parametrize("who", ["carol", "dave", "mona", "anna"])
def test_another_teams_professional_gets_404_on_every_page(client, login, cast, who):
    pages = _pages(cast)
    login(getattr(cast, who))
    for url in pages:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"form": "theme"}).status_code in (404, 405), url


def test_the_team_leader_schedules_a_session_in_the_deployment_time_zone(client, login, cast):
    login(cast.tina)
    url = reverse("supervision:schedule", args=[cast.alpha.pk])
    page = client.get(url)
    assert page.status_code == 200
    day = timezone.localdate() + dt.timedelta(days=5)
    response = client.post(
        url,
        {
            "date": day.isoformat(),
            "start_time": "13:00",
            "place": "Room 2",
            "leaders": [str(cast.sam.pk)],
        },
    )
    session = SupervisionSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:session", args=[session.pk])
    assert timezone.localtime(session.starts_at).hour == 13


def test_a_member_of_the_team_sees_the_session_but_only_the_leader_schedules(client, login, cast):
    pages = _pages(cast)
    login(cast.bob)
    assert client.get(pages[0]).status_code == 200
    assert client.get(pages[2]).status_code == 200
    assert client.get(pages[1]).status_code == 403


def test_a_theme_naming_the_citizen_is_refused_beside_the_field(client, login, cast):
    session = session_of(cast)
    login(cast.sam)
    url = reverse("supervision:session", args=[session.pk])
    response = client.post(
        url,
        {
            "form": "theme",
            "kind": "hard_case",
            "title": "A stalled plan",
            "pseudonym": "Anna Secretperson",
        },
    )
    assert response.status_code == 400
    assert "id_pseudonym_error" in response.content.decode()
    assert not SupervisionTheme.objects.exists()
    response = client.post(
        url, {"form": "theme", "kind": "hard_case", "title": "A stalled plan", "pseudonym": "Birch"}
    )
    assert response.status_code == 302
    assert SupervisionTheme.objects.get().pseudonym == "Birch"


def test_the_next_session_shows_the_action_carried_forward(client, login, cast):
    first = session_of(cast, days_ahead=-30)
    login(cast.tina)
    due = (first.starts_at + dt.timedelta(days=14)).date()
    response = client.post(
        reverse("supervision:session", args=[first.pk]),
        {
            "form": "action",
            "text": "Write the decision zones down",
            "owner": str(cast.alice.pk),
            "due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302
    action = SupervisionAction.objects.get()
    second = session_of(cast, days_ahead=0)
    url = reverse("supervision:session", args=[second.pk])
    page = client.get(url).content.decode()
    assert "Write the decision zones down" in page
    prefix = f"f{action.pk.hex[:8]}"
    response = client.post(
        url,
        {
            "form": f"follow_up_{action.pk}",
            f"{prefix}-action": str(action.pk),
            f"{prefix}-outcome": "done",
            f"{prefix}-note": "Done in May",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    history = client.get(reverse("supervision:history", args=[cast.alpha.pk])).content.decode()
    assert "Done in May" in history


def test_the_supervision_link_takes_a_member_to_their_team(client, login, cast):
    login(cast.alice)
    response = client.get(reverse("supervision:teams"))
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:history", args=[cast.alpha.pk])


def test_the_owner_finds_the_action_on_my_deadlines_until_it_is_closed(client, login, cast):
    from roundtable.meetings.testing import actor_of
    from roundtable.supervision.services import supervision_action_add, supervision_action_follow_up

    first = session_of(cast, days_ahead=-30)
    action = supervision_action_add(
        actor=actor_of(cast.tina),
        session_id=first.pk,
        text="Write the decision zones down",
        owner_id=cast.alice.pk,
        due_on=first.starts_at.date() + dt.timedelta(days=14),
    )
    link = reverse("supervision:session", args=[first.pk])
    login(cast.alice)
    page = client.get(reverse("sickleave:deadlines")).content.decode()
    assert "An action from supervision is due" in page and link in page
    login(cast.bob)
    assert link not in client.get(reverse("sickleave:deadlines")).content.decode()
    second = session_of(cast, days_ahead=0)
    supervision_action_follow_up(
        actor=actor_of(cast.tina), session_id=second.pk, action_id=action.pk, outcome="done"
    )
    login(cast.alice)
    assert link not in client.get(reverse("sickleave:deadlines")).content.decode()


def test_an_action_stays_on_my_deadlines_after_the_owner_marks_reminders_read(client, login, cast):
    from roundtable.meetings.testing import actor_of
    from roundtable.supervision.services import supervision_action_add, supervision_action_follow_up

    first = session_of(cast, days_ahead=-30)
    action = supervision_action_add(
        actor=actor_of(cast.tina),
        session_id=first.pk,
        text="Agree who answers the employer",
        owner_id=cast.alice.pk,
        due_on=first.starts_at.date() + dt.timedelta(days=14),
    )
    link = reverse("supervision:session", args=[first.pk])
    login(cast.alice)
    client.post(reverse("sickleave:reminders-read"))
    page = client.get(reverse("sickleave:deadlines")).content.decode()
    section = page.split('id="team-work-title"')[1].split("</section>")[0]
    assert link in section and "An action from supervision is due" in section
    assert "(overdue)" in section  # due two weeks after a session a month ago
    second = session_of(cast, days_ahead=0)
    supervision_action_follow_up(
        actor=actor_of(cast.tina), session_id=second.pk, action_id=action.pk, outcome="dropped"
    )
    assert link not in client.get(reverse("sickleave:deadlines")).content.decode()
