"""The shared-decision-making pages run the same number of queries with 2 key decisions or 12."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.instruments.services import sdm_response_answer
from roundtable.instruments.testing import held_meeting
from roundtable.meetings.testing import actor_of

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _meeting(cast, n):
    meeting, decisions = held_meeting(cast, key_decisions=[f"Decision {i}" for i in range(n)])
    sdm_response_answer(
        actor=actor_of(cast.anna),
        meeting_id=meeting.pk,
        answers=[3] * 9,
        noticed={d.pk: "yes" for d in decisions},
        shared_with_team=True,
    )
    return meeting


@pytest.mark.parametrize(
    ("who", "url_name"), [("tina", "instruments:meeting-sdm"), ("anna", "instruments:my-sdm")]
)
def test_queries_do_not_grow_with_the_decisions(client, login, cast, who, url_name):
    few = _meeting(cast, 2)
    many = _meeting(cast, 12)
    login(getattr(cast, who))
    _queries(client, reverse(url_name, args=[few.pk]))  # warm the per-process caches
    assert _queries(client, reverse(url_name, args=[few.pk])) == _queries(
        client, reverse(url_name, args=[many.pk])
    )
