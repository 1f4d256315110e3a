"""The meeting pages run the same number of queries with 2 decisions or 25 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.meetings import services
from roundtable.meetings.services import OptionData
from roundtable.meetings.testing import actor_of, log_decision, schedule

pytestmark = pytest.mark.django_db

TYPES = [
    ("course_content", "activities"),
    ("return_to_work", "stepped_return_to_work"),
    ("collaboration", "employer_and_colleagues"),
    ("goals", "temporary_goals"),
]


def _add_decisions(cast, meeting, n, start=0):
    for i in range(start, start + n):
        type_slug, subtype_slug = TYPES[i % len(TYPES)]
        log_decision(
            cast.alice,
            meeting,
            type_slug=type_slug,
            subtype_slug=subtype_slug,
            title=f"Decision {i}",
            is_key=i % 3 == 0,
            options=[OptionData(f"Option {i}a", pros="p", cons="c"), OptionData(f"Option {i}b")],
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("who", "url_name", "limit"),
    [
        ("alice", "meetings:detail", 15),
        ("anna", "meetings:my-meeting", 13),
        ("anna", "meetings:my-preparation", 14),
        ("alice", "api-detail", 13),
    ],
)
def test_meeting_pages_do_not_grow_with_decisions(client, login, cast, who, url_name, limit):
    meeting = schedule(cast.alice, cast.anna)
    services.minutes_save(actor=actor_of(cast.alice), meeting_id=meeting.pk, text="Notes.")
    if url_name == "api-detail":
        url = f"/api/v1/meetings/{meeting.id}"
    else:
        url = reverse(url_name, args=[meeting.id])
    login(getattr(cast, who))
    _add_decisions(cast, meeting, 2)
    few = _queries(client, url)
    _add_decisions(cast, meeting, 23, start=2)
    many = _queries(client, url)
    assert few == many, (few, many)
    assert many <= limit


def test_meeting_lists_do_not_grow_with_meetings(client, login, cast):
    login(cast.bob)
    url = reverse("meetings:citizen-list", args=[cast.anna.id])
    schedule(cast.alice, cast.anna, days_ahead=1)
    few = _queries(client, url)
    for days in range(2, 12):
        schedule(cast.alice, cast.anna, days_ahead=days)
    assert _queries(client, url) == few
