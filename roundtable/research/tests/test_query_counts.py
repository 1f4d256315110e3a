"""The export runs the same number of queries for 5 courses or 20 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.plans.testing import held_meeting, publish, save_plan
from roundtable.research.tests.factories import evaluator, more_courses

pytestmark = pytest.mark.django_db


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "fmt"),
    [
        (reverse("research:export"), "csv"),
        (reverse("research:export"), "json"),
        ("/api/v1/research/export", "json"),
    ],
)
def test_the_export_does_not_grow_with_courses(
    client, login, cast, url, fmt, django_assert_max_num_queries
):
    held_meeting(cast.alice, cast.anna, decisions=3)
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    more_courses(cast, 4)
    login(evaluator(cast))
    few = _queries(client, url, {"format": fmt})
    more_courses(cast, 15, start=4)
    many = _queries(client, url, {"format": fmt})
    assert many == few
    with django_assert_max_num_queries(20):
        client.get(url, {"format": fmt})


def test_the_page_runs_a_handful_of_queries(client, login, cast, django_assert_max_num_queries):
    login(evaluator(cast, cast.alpha, cast.beta))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("research:page")).status_code == 200
