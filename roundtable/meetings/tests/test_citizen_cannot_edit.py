"""The citizen reads their meetings, decisions and minutes, but does not edit them; supervisors
read too. Neither can change a decision, on a page or in the API."""

import json

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.meetings import services
from roundtable.meetings.models import Decision, DecisionOption, Minutes
from roundtable.meetings.services import OptionData
from roundtable.meetings.testing import actor_of, log_decision, schedule
from roundtable.testing import make_citizen, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(cast):
    meeting = schedule(cast.alice, cast.anna, days_ahead=-1)
    decision = log_decision(
        cast.alice,
        meeting,
        title="Start with ten hours a week",
        status="made",
        outcome="Anna starts with ten hours a week.",
        options=[OptionData("Ten hours", pros="Gentle start", cons="Slow", chosen=True)],
    )
    services.meeting_hold(actor=actor_of(cast.alice), meeting_id=meeting.pk)
    services.minutes_save(
        actor=actor_of(cast.bob), meeting_id=meeting.pk, text="We agreed on ten hours."
    )
    return meeting, decision


def test_the_citizen_reads_decisions_options_and_minutes(client, login, cast, held):
    meeting, _decision = held
    login(cast.anna)
    page = client.get(reverse("meetings:my-meeting", args=[meeting.id]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "What was decided" in body and "Start with ten hours a week" in body
    assert "Gentle start" in body and "this was chosen" in body
    assert "We agreed on ten hours." in body
    assert "You decide this together." in body
    # No forms to change anything, and no way to the team's page.
    assert "<form" not in body.split("<main", 1)[1]
    response = client.get(reverse("meetings:detail", args=[meeting.id]))
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:my-meeting", args=[meeting.id])


def test_the_citizen_cannot_change_anything_on_the_pages(client, login, cast, held):
    meeting, decision = held
    option = decision.options.get()
    login(cast.anna)
    posts = [
        (
            reverse("meetings:decision-new", args=[meeting.id]),
            {"type": "goals", "title": "x", "raised_by": "citizen", "status": "open"},
        ),
        (
            reverse("meetings:decision-edit", args=[meeting.id, decision.id]),
            {"type": "goals", "title": "x", "raised_by": "citizen", "status": "open"},
        ),
        (
            reverse("meetings:option-new", args=[meeting.id, decision.id]),
            {f"option-{decision.id}-text": "x"},
        ),
        (reverse("meetings:option-edit", args=[meeting.id, decision.id, option.id]), {"text": "x"}),
        (reverse("meetings:minutes", args=[meeting.id]), {"text": "Rewritten by me"}),
        (reverse("meetings:cancel", args=[meeting.id]), {}),
    ]
    for i, (url, data) in enumerate(posts):
        response = client.post(url, data, HTTP_X_REQUEST_ID=f"citizen-edit-{i}")
        assert response.status_code == 403, url
    decision.refresh_from_db()
    assert decision.title == "Start with ten hours a week"
    assert Decision.objects.count() == 1 and DecisionOption.objects.count() == 1
    assert Minutes.objects.get().text == "We agreed on ten hours."
    # Refusals of people who may see the meeting are audited too.
    assert AuditEvent.objects.filter(request_id="citizen-edit-0", outcome="denied").exists()


def test_the_citizen_reads_but_cannot_write_in_the_api(client, login, cast, held):
    meeting, decision = held
    login(cast.anna)
    own = client.get(f"/api/v1/meetings/{meeting.id}")
    assert own.status_code == 200
    assert own.json()["decisions"][0]["options"][0]["pros"] == "Gentle start"
    assert client.get(f"/api/v1/citizens/{cast.anna.id}/meetings").status_code == 200
    patch = client.patch(
        f"/api/v1/meetings/{meeting.id}/decisions/{decision.id}",
        data=json.dumps({"title": "Mine now"}),
        content_type="application/json",
    )
    assert patch.status_code == 403 and "Only the care manager" in patch.json()["detail"]
    post = client.post(
        f"/api/v1/meetings/{meeting.id}/decisions",
        data=json.dumps({"type": "goals", "title": "x", "raised_by": "citizen"}),
        content_type="application/json",
    )
    assert post.status_code == 403
    assert Decision.objects.get().title == "Start with ten hours a week"


def test_a_citizen_sees_only_their_own_meetings(client, login, cast, held):
    meeting, _ = held
    other = make_citizen("Olga Other", "060606-0606", login=True)
    make_course(other, cast.alpha, cast.alice, cast.bob)
    login(other)
    for name in ("meetings:my-meeting", "meetings:my-preparation"):
        response = client.get(reverse(name, args=[meeting.id]))
        assert response.status_code == 404
        assert "ten hours" not in response.content.decode()
    assert client.get(f"/api/v1/meetings/{meeting.id}").status_code == 404
    assert client.get(reverse("meetings:my-list")).status_code == 200
    assert "ten hours" not in client.get(reverse("meetings:my-list")).content.decode()


def test_a_supervisor_reads_the_meeting_without_the_forms(client, login, cast, held):
    meeting, decision = held
    login(cast.sam)
    page = client.get(reverse("meetings:detail", args=[meeting.id])).content.decode()
    assert "Start with ten hours a week" in page
    assert "Log a decision" not in page and "Write the minutes" not in page
    url = reverse("meetings:decision-edit", args=[meeting.id, decision.id])
    assert client.get(url).status_code == 403


def test_professionals_have_no_citizen_pages(client, login, cast, held):
    meeting, _ = held
    login(cast.alice)
    assert client.get(reverse("meetings:my-list")).status_code == 404
    assert client.get(reverse("meetings:my-meeting", args=[meeting.id])).status_code == 404
