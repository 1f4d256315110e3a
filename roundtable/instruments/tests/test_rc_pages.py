"""Relational coordination pages and the team's integration page: aggregates only, a group's
results only with enough respondents, 404 for another team."""

import re

import pytest
from django.urls import reverse

from roundtable.instruments.testing import rc_colleagues, rc_round
from roundtable.organisations.models import Role
from roundtable.testing import make_professional

pytestmark = pytest.mark.django_db

# A score as the pages write it (two decimals, point or comma).
SCORE = re.compile(r"\b[1-5][.,]\d\d\b")


def test_a_round_with_enough_respondents_shows_its_heat_map_and_scores(client, login, cast):
    round_ = rc_round(cast, rc_colleagues(cast))
    login(cast.tina)
    body = client.get(reverse("instruments:rc-results", args=[round_.pk])).content.decode()
    assert "data:image/svg+xml" in body
    assert "5.00" in body and "4.00" in body
    assert "Too few in this group answered" in body  # the team leader and supervisors


def test_with_two_respondents_a_group_shows_no_number_at_all(client, login, cast):
    round_ = rc_round(cast, rc_colleagues(cast), answering=(2, 2))
    login(cast.tina)
    response = client.get(reverse("instruments:rc-results", args=[round_.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Too few answered for any results to be shown" in body
    assert "data:image/svg+xml" not in body
    # The team's shape (part-time fractions such as 1.00) is not a result.
    assert SCORE.findall(body.split('id="shape-title"')[0]) == []


def test_a_group_below_the_minimum_is_left_out_while_the_other_shows(client, login, cast):
    round_ = rc_round(
        cast,
        rc_colleagues(cast),
        answering=(3, 2),
        answer=lambda group, about: [2] * 7 if group == "employment" else [4] * 7,
    )
    login(cast.tina)
    body = client.get(reverse("instruments:rc-results", args=[round_.pk])).content.decode()
    assert "4.00" in body
    assert "2.00" not in body  # the two consultants' ratings are in no score


def test_the_supervisor_manager_and_evaluator_see_results_and_members_do_not(client, login, cast):
    round_ = rc_round(cast, rc_colleagues(cast))
    evaluator = make_professional("Eva Evaluator", cast.region, Role.EVALUATOR, teams=(cast.alpha,))
    url = reverse("instruments:rc-results", args=[round_.pk])
    for who in (cast.sam, cast.mona, evaluator):
        login(who)
        assert client.get(url).status_code == 200
    login(cast.alice)
    assert client.get(url).status_code == 404


def test_another_teams_professional_gets_404_on_every_page(client, login, cast):
    round_ = rc_round(cast, rc_colleagues(cast))
    beta_leader = make_professional("Bea Leader", cast.region, Role.TEAM_LEADER, teams=(cast.beta,))
    urls = [
        reverse("instruments:rc-rounds", args=[cast.alpha.pk]),
        reverse("instruments:rc-results", args=[round_.pk]),
        reverse("instruments:rc-survey", args=[round_.pk]),
        reverse("instruments:integration", args=[cast.alpha.pk]),
    ]
    for who in (cast.carol, cast.dave, beta_leader):
        login(who)
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
            assert client.post(url, {}).status_code in (404, 405), (who, url)
    login(cast.anna)
    for url in urls:
        assert client.get(url).status_code == 404


def test_the_survey_is_listed_on_the_caseload_and_answered_once(client, login, cast):
    rc_round(cast, rc_colleagues(cast), answering=(0, 0))
    login(cast.sam)
    caseload = client.get(reverse("workspace:caseload")).content.decode()
    assert "Relational coordination survey" in caseload
    round_url = re.search(r'href="(/[^"]*relational-coordination/[^"]*/answer/)"', caseload)
    assert round_url is not None
    page = client.get(round_url.group(1))
    assert page.status_code == 200
    fields = set(re.findall(r'name="([a-z_]+__\d)"', page.content.decode()))
    assert len(fields) == 28
    data = {name: "4" for name in fields}
    data["employment__3"] = "9"
    refused = client.post(round_url.group(1), data)
    assert refused.status_code == 400
    assert "from 1 to 5" in refused.content.decode()
    data["employment__3"] = "3"
    assert client.post(round_url.group(1), data).status_code == 302
    again = client.get(round_url.group(1)).content.decode()
    assert "You have answered this round" in again
    assert (
        "Relational coordination survey"
        not in client.get(reverse("workspace:caseload")).content.decode()
    )


def test_the_team_leader_opens_a_round_from_the_rounds_page(client, login, cast):
    login(cast.tina)
    url = reverse("instruments:rc-rounds", args=[cast.alpha.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "title": "Winter",
            "opens_on": "2026-12-10",
            "closes_on": "2026-12-01",
            "groups": ["care_manager", "employment"],
        },
    )
    assert bad.status_code == 400
    assert "cannot close before it opens" in bad.content.decode()
    ok = client.post(
        url,
        {
            "title": "Winter",
            "opens_on": "2026-12-01",
            "closes_on": "2026-12-20",
            "groups": ["care_manager", "employment", "team_leader"],
        },
    )
    assert ok.status_code == 302


def test_the_integration_page_shows_the_four_measures_and_is_linked_from_the_team(
    client, login, cast
):
    rc_round(cast, rc_colleagues(cast))
    login(cast.tina)
    team_page = client.get(reverse("workspace:team", args=[cast.alpha.pk])).content.decode()
    url = reverse("instruments:integration", args=[cast.alpha.pk])
    assert url in team_page
    body = client.get(url).content.decode()
    assert "No fidelity reviews yet." in body
    assert "Shared decision making" in body
    assert "Spring round" in body
    assert "Return to work" in body
    evaluator = make_professional("Eva Evaluator", cast.region, Role.EVALUATOR, teams=(cast.alpha,))
    for who in (cast.mona, cast.sam, evaluator):
        login(who)
        assert client.get(url).status_code == 200
    login(cast.alice)
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("workspace:team", args=[cast.alpha.pk])).content.decode()


def test_the_survey_asks_in_the_organisations_licensed_wording_when_loaded(client, login, cast):
    import datetime as dt

    from django.utils import timezone

    from roundtable.instruments.rc_services import rc_round_open
    from roundtable.meetings.testing import actor_of

    today = timezone.localdate()
    round_ = rc_round_open(
        actor=actor_of(cast.tina),
        team_id=cast.alpha.pk,
        title="Licensed",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
        item_texts=[f"Licensed question {n}" for n in range(1, 8)],
    )
    login(cast.bob)
    body = client.get(reverse("instruments:rc-survey", args=[round_.pk])).content.decode()
    assert "Licensed question 7" in body
    assert "They value and respect the work I do." not in body
