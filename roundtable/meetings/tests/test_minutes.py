"""Minutes in plain language, written by the team, read by everyone who took part."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.meetings import services
from roundtable.meetings.models import Minutes
from roundtable.meetings.testing import actor_of, schedule

pytestmark = pytest.mark.django_db


def test_minutes_are_written_on_the_meeting_page_and_read_by_the_citizen(client, login, cast):
    meeting = schedule(cast.alice, cast.anna)
    login(cast.bob)
    response = client.post(
        reverse("meetings:minutes", args=[meeting.id]), {"text": "We agreed on a gentle start."}
    )
    assert response.status_code == 302 and response["Location"].endswith("#minutes")
    minutes = Minutes.objects.get()
    assert minutes.updated_by == cast.bob and minutes.data_class == "meeting_minutes"
    assert AuditEvent.objects.filter(object_type="meeting_minutes", action="update").exists()
    login(cast.anna)
    page = client.get(reverse("meetings:my-meeting", args=[meeting.id])).content.decode()
    assert "Notes from the meeting" in page and "We agreed on a gentle start." in page


def test_rewriting_the_minutes_keeps_one_text(cast):
    meeting = schedule(cast.alice, cast.anna)
    for text in ("First draft.", "Final text."):
        services.minutes_save(actor=actor_of(cast.alice), meeting_id=meeting.pk, text=text)
    assert list(Minutes.objects.values_list("text", flat=True)) == ["Final text."]


def test_empty_minutes_are_refused(client, login, cast):
    meeting = schedule(cast.alice, cast.anna)
    with pytest.raises(ValidationError, match="Write the minutes"):
        services.minutes_save(actor=actor_of(cast.alice), meeting_id=meeting.pk, text="  ")
    login(cast.alice)
    response = client.post(reverse("meetings:minutes", args=[meeting.id]), {"text": ""})
    assert response.status_code == 400
    assert not Minutes.objects.exists()


def test_minutes_are_escaped_where_they_are_shown(client, login, cast):
    meeting = schedule(cast.alice, cast.anna)
    services.minutes_save(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, text="<script>alert(1)</script>"
    )
    for who, name in ((cast.alice, "meetings:detail"), (cast.anna, "meetings:my-meeting")):
        login(who)
        body = client.get(reverse(name, args=[meeting.id])).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
