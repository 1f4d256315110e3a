"""The main pages run a bounded number of queries, however many citizens are shown (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.meetings.testing import schedule
from roundtable.testing import make_citizen, make_course

pytestmark = pytest.mark.django_db


def _add_citizens(cast, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        citizen = make_citizen(f"Many Person{i}", f"0404{i:02d}-{i:04d}")
        make_course(citizen, cast.alpha, cast.alice, cast.bob)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        (reverse("workspace:caseload") + "?scope=mine", 10),
        ("/api/v1/citizens", 10),
        (reverse("workspace:caseload") + "?scope=team", 10),
    ],
)
def test_lists_do_not_grow_with_the_number_of_citizens(client, login, cast, url, limit):
    login(cast.tina)
    _add_citizens(cast, 3)
    few = _queries(client, url)
    _add_citizens(cast, 12, start=3)
    many = _queries(client, url)
    assert few == many
    assert many <= limit


def test_citizen_overview_query_count(client, login, cast, django_assert_max_num_queries):
    """The overview with its timeline: a fixed number of queries (one per kind of record in the
    timeline, and the consent directive for each part), however long the history grows."""
    login(cast.alice)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    assert response.status_code == 200
    for days in range(3, 9):
        schedule(cast.alice, cast.anna, days_ahead=days)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    assert response.content.count(b"Roundtable meeting planned") == 6
