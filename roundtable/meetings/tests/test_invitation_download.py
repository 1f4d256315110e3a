"""The downloadable invitation carries the time and the place, and nothing else about the
person: no name, no purpose, no decision, no answer, no health detail."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.meetings import services
from roundtable.meetings.models import PreparationPrompt
from roundtable.meetings.services import Guest
from roundtable.meetings.testing import actor_of, log_decision, schedule

pytestmark = pytest.mark.django_db

HEALTH_DETAILS = (
    "panic attacks",
    "anxiety",
    "Anxiety",
    "sertraline",
    "Sleeping badly",
    "Stress diary",
    "Per Secretperson",
)


@pytest.fixture
def meeting(cast):
    meeting = schedule(
        cast.alice,
        cast.anna,
        purpose="Your panic attacks and the sertraline dose; then work.",
        place="Health centre, room 2",
        video_url="https://video.example.org/room-2",
        family_member=Guest("Per Secretperson", "spouse", True),
    )
    log_decision(cast.alice, meeting, title="Stress diary or MBSR course")
    prompt = PreparationPrompt.objects.filter(team__isnull=True).first()
    services.preparation_answer_save(
        actor=actor_of(cast.anna), meeting_id=meeting.pk, answers={prompt.pk: "Sleeping badly"}
    )
    return meeting


def _download(client, meeting):
    return client.get(reverse("meetings:invitation", args=[meeting.id]))


def test_the_invitation_has_time_and_place_and_no_health_details(client, login, cast, meeting):
    login(cast.alice)
    response = _download(client, meeting)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="roundtable-meeting.ics"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert "SUMMARY:Roundtable meeting\r\n" in text
    assert "LOCATION:Health centre\\, room 2\r\n" in text
    assert "URL:https://video.example.org/room-2\r\n" in text
    for secret in (*HEALTH_DETAILS, "Anna", "Secretperson", "Alice", "Bob", str(cast.anna.id)):
        assert secret not in text, secret
    assert "DESCRIPTION" not in text and "ATTENDEE" not in text and "ORGANIZER" not in text
    assert "\n" not in text.replace("\r\n", "")


def test_the_citizen_downloads_their_invitation_too(client, login, cast, meeting):
    login(cast.anna)
    assert _download(client, meeting).status_code == 200
    assert AuditEvent.objects.filter(
        object_type="meeting_invitation", action="export", citizen_id=cast.anna.id
    ).exists()


def test_a_cancelled_meeting_downloads_as_cancelled(client, login, cast, meeting):
    services.meeting_cancel(actor=actor_of(cast.bob), meeting_id=meeting.pk)
    login(cast.anna)
    text = _download(client, meeting).content.decode()
    assert "STATUS:CANCELLED" in text and "SEQUENCE:1" in text
