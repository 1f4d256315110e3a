"""Scheduling a meeting: who may, what it needs, and nothing saved when the input is bad."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.citizens.models import CourseStatus
from roundtable.meetings.models import Meeting, MeetingGuest
from roundtable.meetings.services import Guest, meeting_schedule
from roundtable.meetings.testing import actor_of, schedule

pytestmark = pytest.mark.django_db

DAY = (timezone.localdate() + dt.timedelta(days=5)).isoformat()


def _post(client, cast, **changes):
    data = {
        "date": DAY,
        "start_time": "10:00",
        "end_time": "11:30",
        "place": "Jobcentre North, room 4",
        "video_url": "",
        "purpose": "We talk about your return to work and make a plan together.",
    }
    data.update(changes)
    return client.post(reverse("meetings:new", args=[cast.anna.id]), data)


def test_care_manager_schedules_a_meeting_from_the_citizen_page(client, login, cast):
    login(cast.alice)
    page = client.get(reverse("meetings:new", args=[cast.anna.id]))
    assert page.status_code == 200
    assert "Schedule a roundtable meeting" in page.content.decode()
    response = _post(client, cast)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.id])
    assert meeting.course == cast.anna_course and meeting.status == "planned"
    assert meeting.created_by == cast.alice
    local = timezone.localtime(meeting.starts_at)
    assert (local.date().isoformat(), local.hour, local.minute) == (DAY, 10, 0)
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(minutes=90)
    assert AuditEvent.objects.filter(
        object_type="meeting", action="create", citizen_id=cast.anna.id
    ).exists()


def test_employment_consultant_and_team_leader_schedule_too(cast):
    assert schedule(cast.bob, cast.anna).course == cast.anna_course
    assert schedule(cast.tina, cast.anna).course == cast.anna_course


def test_supervisor_and_citizen_may_not_schedule(client, login, cast):
    for who in (cast.sam, cast.anna):
        with pytest.raises(PermissionDenied):
            schedule(who, cast.anna)
    login(cast.sam)
    assert client.get(reverse("meetings:new", args=[cast.anna.id])).status_code == 403
    assert _post(client, cast).status_code == 403
    assert not Meeting.objects.exists()


def test_end_before_start_is_refused_and_nothing_is_saved(client, login, cast):
    login(cast.alice)
    response = _post(client, cast, start_time="11:00", end_time="10:00")
    assert response.status_code == 400
    assert "The meeting must end after it starts." in response.content.decode()
    with pytest.raises(ValidationError, match="end after it starts"):
        schedule(cast.alice, cast.anna, ends_at=timezone.now() - dt.timedelta(days=30))
    assert not Meeting.objects.exists()


def test_a_meeting_needs_a_place_or_a_video_link(client, login, cast):
    login(cast.alice)
    response = _post(client, cast, place="")
    assert response.status_code == 400
    assert "a place, a video link, or both" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_video_link_must_be_https(cast):
    with pytest.raises(ValidationError, match="https://"):
        schedule(cast.alice, cast.anna, place="", video_url="http://video.example.org/room")
    with pytest.raises(ValidationError, match="https://"):
        schedule(cast.alice, cast.anna, place="", video_url="javascript:alert(1)")
    meeting = schedule(cast.alice, cast.anna, place="", video_url="https://video.example.org/r1")
    assert meeting.video_url == "https://video.example.org/r1"


def test_a_purpose_in_plain_words_is_required(cast):
    with pytest.raises(ValidationError, match="what the meeting is for"):
        schedule(cast.alice, cast.anna, purpose="   ")


def test_naive_times_are_refused(cast):
    start = dt.datetime(2030, 1, 1, 10, 0)
    with pytest.raises(ValidationError, match="time zone"):
        meeting_schedule(
            actor=actor_of(cast.alice),
            citizen_id=cast.anna.id,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            purpose="x",
            place="y",
        )


def test_every_problem_is_reported_at_once(cast):
    with pytest.raises(ValidationError) as caught:
        schedule(
            cast.alice,
            cast.anna,
            ends_at=timezone.now() - dt.timedelta(days=30),
            place="",
            purpose="",
        )
    assert len(caught.value.messages) == 3


def test_family_member_is_invited_only_with_the_citizens_agreement(client, login, cast):
    login(cast.alice)
    response = _post(client, cast, family_name="Per Secretperson", family_relation="spouse")
    assert response.status_code == 400
    assert "only when the citizen has agreed" in response.content.decode()
    with pytest.raises(ValidationError, match="only when the citizen has agreed"):
        schedule(
            cast.alice,
            cast.anna,
            family_member=Guest(name="Per", relation="spouse", citizen_agreed=False),
        )
    assert not Meeting.objects.exists() and not MeetingGuest.objects.exists()

    response = _post(
        client,
        cast,
        family_name="Per Secretperson",
        family_relation="spouse",
        family_agreed="on",
        employer_name="Eva Employer",
        employer_relation="nearest manager",
        employer_agreed="on",
    )
    assert response.status_code == 302
    guests = {g.kind: g for g in MeetingGuest.objects.all()}
    assert guests["family"].name == "Per Secretperson" and guests["family"].citizen_agreed
    assert guests["employer"].relation == "nearest manager"
    page = client.get(response["Location"]).content.decode()
    assert "Per Secretperson" in page and "Eva Employer" in page


def test_a_closed_course_gets_no_new_meeting(cast):
    cast.anna_course.status = CourseStatus.COMPLETED
    cast.anna_course.save()
    with pytest.raises(ValidationError, match="course is closed"):
        schedule(cast.alice, cast.anna)


def test_a_course_without_an_employment_consultant_gets_no_meeting_yet(cast):
    cast.anna_course.employment_consultant = None
    cast.anna_course.save()
    with pytest.raises(ValidationError, match="both a care manager and an employment consultant"):
        schedule(cast.alice, cast.anna)


def test_the_list_of_a_citizens_meetings(client, login, cast):
    schedule(cast.alice, cast.anna, days_ahead=3)
    earlier = schedule(cast.alice, cast.anna, days_ahead=-20)
    earlier.status = "held"
    earlier.save()
    login(cast.bob)
    page = client.get(reverse("meetings:citizen-list", args=[cast.anna.id])).content.decode()
    assert "Coming up" in page and "Held" in page and "Schedule a meeting" in page
    login(cast.sam)
    page = client.get(reverse("meetings:citizen-list", args=[cast.anna.id])).content.decode()
    assert "Schedule a meeting" not in page  # supervisors read, they do not run meetings
    event = AuditEvent.objects.filter(object_type="meeting", action="list").last()
    assert event.detail["shown"] == 2 and event.citizen_id == cast.anna.id
    assert event.detail["parts"] == ["meetings"]
