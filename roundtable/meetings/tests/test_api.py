"""The meetings API: issue 3's contract, 4xx with a reason for bad input, never 500."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from roundtable.meetings.models import Decision, Meeting
from roundtable.meetings.testing import log_decision, schedule

pytestmark = pytest.mark.django_db


def _json(client, method, url, data):
    return getattr(client, method)(url, data=json.dumps(data), content_type="application/json")


@pytest.fixture
def meeting(cast):
    return schedule(cast.alice, cast.anna)


def test_list_of_a_citizens_meetings(client, login, cast, meeting):
    log_decision(cast.alice, meeting)
    login(cast.bob)
    response = client.get(f"/api/v1/citizens/{cast.anna.id}/meetings")
    assert response.status_code == 200
    [item] = response.json()
    assert item["id"] == str(meeting.id) and item["status"] == "planned"
    assert item["decision_count"] == 1


def test_schedule_a_meeting_and_read_it_back(client, login, cast):
    login(cast.bob)
    start = (timezone.now() + dt.timedelta(days=4)).replace(microsecond=0)
    response = _json(
        client,
        "post",
        f"/api/v1/citizens/{cast.anna.id}/meetings",
        {
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
            "purpose": "Plan the first weeks back.",
            "video_url": "https://video.example.org/abc",
            "employer_contact": {
                "name": "Eva Employer",
                "relation": "nearest manager",
                "citizen_agreed": True,
            },
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["video_url"] == "https://video.example.org/abc"
    kinds = [p["kind"] for p in body["participants"]]
    assert kinds == ["citizen", "care_manager", "employment_consultant", "employer"]
    assert body["decisions"] == [] and body["minutes"] is None


def test_meeting_detail_carries_decisions_with_type_zone_status_and_options(
    client, login, cast, meeting
):
    login(cast.alice)
    response = _json(
        client,
        "post",
        f"/api/v1/meetings/{meeting.id}/decisions",
        {
            "type": "return_to_work",
            "subtype": "fitness_for_duty",
            "title": "When does sickness benefit end?",
            "raised_by": "employment_consultant",
            "status": "postponed",
            "revisit_on": (timezone.localdate() + dt.timedelta(days=40)).isoformat(),
            "options": [
                {"text": "Set a date now", "pros": "Clarity", "cons": "Too early"},
                {"text": "Postpone", "pros": "Time to recover", "cons": "Uncertainty"},
            ],
        },
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["zone"] == "employment_consultant"  # the type's default, by law
    detail = client.get(f"/api/v1/meetings/{meeting.id}").json()
    [decision] = detail["decisions"]
    assert {k: decision[k] for k in ("type", "subtype", "zone", "status")} == {
        "type": "return_to_work",
        "subtype": "fitness_for_duty",
        "zone": "employment_consultant",
        "status": "postponed",
    }
    assert [{k: o[k] for k in ("text", "pros", "cons")} for o in decision["options"]] == [
        {"text": "Set a date now", "pros": "Clarity", "cons": "Too early"},
        {"text": "Postpone", "pros": "Time to recover", "cons": "Uncertainty"},
    ]


def test_patch_changes_only_what_is_sent(client, login, cast, meeting):
    decision = log_decision(cast.alice, meeting, title="Keep this title")
    login(cast.bob)
    url = f"/api/v1/meetings/{meeting.id}/decisions/{decision.id}"
    response = _json(client, "patch", url, {"status": "made", "outcome": "Agreed."})
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Keep this title"
    assert response.json()["status"] == "made"


def test_post_an_option(client, login, cast, meeting):
    decision = log_decision(cast.alice, meeting)
    login(cast.tina)
    response = _json(
        client,
        "post",
        f"/api/v1/meetings/{meeting.id}/decisions/{decision.id}/options",
        {"text": "Walk the dog daily", "pros": "Fresh air", "cons": "Rainy days"},
    )
    assert response.status_code == 201
    assert response.json()["pros"] == "Fresh air"
    assert decision.options.get().cons == "Rainy days"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"title": "No type", "raised_by": "citizen"}, "Choose the type of decision."),
        (
            {"type": "goals", "subtype": "activities", "title": "x", "raised_by": "citizen"},
            "is not part of",
        ),
        (
            {"type": "goals", "title": "x", "raised_by": "citizen", "status": "postponed"},
            "needs a date to come back to it",
        ),
        (
            {"type": "goals", "title": "x", "raised_by": "citizen", "status": "excluded"},
            "Say why the decision is excluded",
        ),
        ({"type": "goals", "title": "  ", "raised_by": "citizen"}, "what is to be decided"),
    ],
)
def test_bad_decisions_get_400_with_the_reason(client, login, cast, meeting, payload, reason):
    login(cast.alice)
    response = _json(client, "post", f"/api/v1/meetings/{meeting.id}/decisions", payload)
    assert response.status_code == 400
    assert reason in response.json()["detail"]
    assert not Decision.objects.exists()


def test_bad_transitions_get_400_and_change_nothing(client, login, cast, meeting):
    decision = log_decision(cast.alice, meeting)
    login(cast.alice)
    url = f"/api/v1/meetings/{meeting.id}/decisions/{decision.id}"
    for payload, reason in [
        ({"status": "postponed"}, "needs a date"),
        ({"status": "excluded", "exclusion_reason": "law"}, "Explain in a few words"),
        ({"title": None}, "cannot be empty"),
        ({"type": "no_such_type"}, "decision types on the list"),
    ]:
        response = _json(client, "patch", url, payload)
        assert response.status_code == 400, payload
        assert reason in response.json()["detail"], payload
    decision.refresh_from_db()
    assert decision.status == "open"


def test_bad_meetings_get_400_with_every_reason(client, login, cast):
    login(cast.alice)
    start = timezone.now() + dt.timedelta(days=2)
    response = _json(
        client,
        "post",
        f"/api/v1/citizens/{cast.anna.id}/meetings",
        {
            "starts_at": start.isoformat(),
            "ends_at": (start - dt.timedelta(hours=1)).isoformat(),
            "purpose": "x",
            "video_url": "ftp://example.org",
            "family_member": {"name": "Per", "relation": "spouse", "citizen_agreed": False},
        },
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "end after it starts" in detail and "https://" in detail
    assert "only when the citizen has agreed" in detail
    assert not Meeting.objects.exists()


def test_naive_times_get_400(client, login, cast):
    login(cast.alice)
    response = _json(
        client,
        "post",
        f"/api/v1/citizens/{cast.anna.id}/meetings",
        {
            "starts_at": "2030-01-01T10:00:00",
            "ends_at": "2030-01-01T11:00:00",
            "purpose": "x",
            "place": "y",
        },
    )
    assert response.status_code == 400 and "time zone" in response.json()["detail"]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"type": 5, "title": ["x"], "raised_by": "nobody"},
        {"type": "goals", "title": "x" * 301, "raised_by": "citizen"},
        {"type": "goals", "title": "x", "raised_by": "citizen", "revisit_on": "not a date"},
        {"type": "goals", "title": "x", "raised_by": "citizen", "options": [{"pros": "x"}]},
    ],
)
def test_malformed_input_is_a_4xx_never_a_500(client, login, cast, meeting, payload):
    login(cast.alice)
    response = _json(client, "post", f"/api/v1/meetings/{meeting.id}/decisions", payload)
    assert 400 <= response.status_code < 500
    assert not Decision.objects.exists()


def test_a_malformed_id_is_404_not_500(client, login, cast):
    login(cast.alice)
    assert client.get("/api/v1/meetings/not-a-uuid").status_code in (404, 422)


def test_a_year_one_meeting_gets_a_reason_not_a_500(client, login, cast):
    login(cast.alice)
    response = client.post(
        f"/api/v1/citizens/{cast.anna.id}/meetings",
        {
            "starts_at": "0001-01-01T00:30:00+01:00",
            "ends_at": "0001-01-01T01:30:00+01:00",
            "purpose": "We plan together.",
            "place": "Room 2",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "ten years" in response.content.decode()
