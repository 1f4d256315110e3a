"""The team's shared-decision-making trend: mean scores per month, for its team leader only."""

import datetime as dt

import pytest
from django.urls import reverse

from roundtable.instruments.models import Respondent
from roundtable.instruments.selectors import month_means
from roundtable.instruments.services import sdm_response_answer, sdm_response_decline
from roundtable.instruments.testing import held_meeting
from roundtable.meetings.testing import actor_of


def test_month_means_average_each_party_per_month():
    rows = month_means(
        [
            (dt.date(2026, 3, 2), Respondent.CITIZEN, 40.0),
            (dt.date(2026, 3, 30), Respondent.CITIZEN, 61.0),
            (dt.date(2026, 3, 30), Respondent.CARE_MANAGER, 90.0),
            (dt.date(2026, 1, 5), Respondent.CITIZEN, 10.0),
        ]
    )
    assert [r.month for r in rows] == [dt.date(2026, 1, 1), dt.date(2026, 3, 1)]
    assert rows[1].means == {"citizen": 50.5, "care_manager": 90.0, "employment_consultant": None}
    assert rows[1].counts == {"citizen": 2, "care_manager": 1, "employment_consultant": 0}


@pytest.mark.django_db
def test_the_team_leader_sees_mean_scores_per_month(client, login, cast):
    meeting, _ = held_meeting(cast)
    sdm_response_answer(actor=actor_of(cast.anna), meeting_id=meeting.pk, answers=[3] * 9)
    sdm_response_answer(actor=actor_of(cast.alice), meeting_id=meeting.pk, answers=[5] * 9)
    sdm_response_decline(actor=actor_of(cast.bob), meeting_id=meeting.pk)
    login(cast.tina)
    response = client.get(reverse("instruments:team-trend", args=[cast.alpha.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "60.0 (1)" in body and "100.0 (1)" in body
    assert "Secretperson" not in body


@pytest.mark.django_db
def test_nobody_else_sees_the_teams_trend(client, login, cast):
    for who, team in ((cast.carol, cast.alpha), (cast.alice, cast.alpha), (cast.tina, cast.beta)):
        login(who)
        assert client.get(reverse("instruments:team-trend", args=[team.pk])).status_code == 404
    login(cast.anna)
    assert client.get(reverse("instruments:team-trend", args=[cast.alpha.pk])).status_code == 404
