"""A meeting is planned, then held or cancelled; each step has its rules."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from roundtable.meetings import services
from roundtable.meetings.models import MeetingGuest
from roundtable.meetings.services import Guest
from roundtable.meetings.testing import actor_of, log_decision, schedule

pytestmark = pytest.mark.django_db


def _update(meeting, who, **changes):
    values = {
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "purpose": meeting.purpose,
        "place": meeting.place,
        "video_url": meeting.video_url,
    }
    values.update(changes)
    return services.meeting_update(actor=actor_of(who), meeting_id=meeting.pk, **values)


def test_a_planned_meeting_can_be_moved_and_its_invitation_sequence_rises(cast):
    meeting = schedule(cast.alice, cast.anna)
    later = meeting.starts_at + dt.timedelta(days=1)
    changed = _update(meeting, cast.bob, starts_at=later, ends_at=later + dt.timedelta(hours=1))
    assert changed.starts_at == later and changed.sequence == 1


def test_guests_can_be_added_and_removed_when_the_meeting_changes(cast):
    meeting = schedule(cast.alice, cast.anna)
    _update(meeting, cast.alice, family_member=Guest("Per", "spouse", True))
    assert MeetingGuest.objects.filter(meeting=meeting, kind="family").exists()
    _update(meeting, cast.alice, family_member=None)
    assert not MeetingGuest.objects.filter(meeting=meeting).exists()


def test_changing_a_meeting_to_end_before_it_starts_saves_nothing(cast):
    meeting = schedule(cast.alice, cast.anna)
    with pytest.raises(ValidationError, match="end after it starts"):
        _update(meeting, cast.alice, ends_at=meeting.starts_at, place="Somewhere else")
    meeting.refresh_from_db()
    assert meeting.place == "Jobcentre North, room 4" and meeting.sequence == 0


def test_the_edit_page_shows_the_meeting_and_saves_changes(client, login, cast):
    meeting = schedule(cast.alice, cast.anna)
    login(cast.alice)
    url = reverse("meetings:edit", args=[meeting.id])
    page = client.get(url).content.decode()
    assert "Jobcentre North, room 4" in page and "Change the meeting" in page
    local = timezone.localtime(meeting.starts_at)
    response = client.post(
        url,
        {
            "date": local.date().isoformat(),
            "start_time": "13:00",
            "end_time": "14:00",
            "place": "Health centre",
            "purpose": meeting.purpose,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Health centre"
    assert timezone.localtime(meeting.starts_at).hour == 13


def test_a_cancelled_meeting_takes_no_decisions_and_cannot_be_held(client, login, cast):
    meeting = schedule(cast.alice, cast.anna)
    login(cast.alice)
    client.post(reverse("meetings:cancel", args=[meeting.id]))
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.sequence == 1
    with pytest.raises(ValidationError, match="cancelled"):
        log_decision(cast.alice, meeting)
    with pytest.raises(ValidationError, match="Only a planned meeting"):
        services.meeting_hold(actor=actor_of(cast.alice), meeting_id=meeting.pk)
    with pytest.raises(ValidationError, match="Only a planned meeting"):
        _update(meeting, cast.alice)
    page = client.get(reverse("meetings:detail", args=[meeting.id])).content.decode()
    assert "Log a decision" not in page


def test_a_meeting_is_marked_held_on_its_day_or_later_never_before(client, login, cast):
    future = schedule(cast.alice, cast.anna, days_ahead=3)
    login(cast.alice)
    response = client.post(reverse("meetings:hold", args=[future.id]), follow=True)
    assert "Mark it as held on that day or later." in response.content.decode()
    future.refresh_from_db()
    assert future.status == "planned"

    today = schedule(cast.alice, cast.anna, days_ahead=0, hour=23)
    client.post(reverse("meetings:hold", args=[today.id]))
    today.refresh_from_db()
    assert today.status == "held" and today.held_at is not None


def test_a_held_meeting_cannot_be_cancelled(cast):
    meeting = schedule(cast.alice, cast.anna, days_ahead=-1)
    services.meeting_hold(actor=actor_of(cast.alice), meeting_id=meeting.pk)
    with pytest.raises(ValidationError, match="Only a planned meeting can be cancelled"):
        services.meeting_cancel(actor=actor_of(cast.alice), meeting_id=meeting.pk)
