"""The citizen page's timeline: assessments, sessions, meetings and plan versions, newest first,
each only for readers who may see that kind of record."""

import pytest
from django.urls import reverse

from roundtable.care.testing import record_score, record_session
from roundtable.meetings.testing import schedule
from roundtable.plans.testing import publish, save_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna_history(cast):
    record_session(cast.alice, cast.anna, days=20)
    record_score(cast.alice, cast.anna, score=14, days=19)
    schedule(cast.alice, cast.anna, days_ahead=2)
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)


def _timeline(client, cast) -> str:
    page = client.get(reverse("workspace:citizen", args=[cast.anna.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    return text[text.index("<h2>Timeline</h2>") :]


def test_the_care_manager_sees_sessions_scores_meetings_and_plan_versions(
    client, login, cast, anna_history
):
    login(cast.alice)
    timeline = _timeline(client, cast)
    assert "Session (" in timeline
    assert "PHQ-9 score: 14" in timeline
    assert "Roundtable meeting planned" in timeline
    assert "Joint plan, version 1 published" in timeline
    # Newest first: the planned meeting (in two days) comes before the plan and the session.
    assert timeline.index("Roundtable meeting planned") < timeline.index("Session (")


def test_the_employment_consultant_sees_the_shared_parts_only(client, login, cast, anna_history):
    login(cast.bob)
    timeline = _timeline(client, cast)
    assert "Roundtable meeting planned" in timeline
    assert "Joint plan, version 1 published" in timeline
    assert "Session (" not in timeline
    assert "PHQ-9" not in timeline


def test_an_empty_history_says_so(client, login, cast):
    login(cast.alice)
    assert "Nothing has happened yet" in _timeline(client, cast)
