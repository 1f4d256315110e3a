"""The IPS fidelity pages: the team's reviews with the trend, a review, a reviewer's rating
form with the figures from the records, the consensus form and the report as a PDF. Another
team's people get 404 on every one of them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from roundtable.instruments.ips25_items import CODES
from roundtable.instruments.models import FidelityRating, FidelityReview, ReviewStatus
from roundtable.instruments.testing import agree, rate_and_submit, started_review
from roundtable.organisations.models import Role
from roundtable.testing import make_professional, pdf_text


@pytest.fixture
def review(cast):
    return started_review(cast)


@pytest.fixture
def agreed(cast, review):
    rate_and_submit(cast.tina, review, 4, O2=3)
    rate_and_submit(cast.sam, review, 4, O2=5)
    agree(cast.tina, review, 4, S1=5, reason="Both saw weekly meetings.")
    return review


def _pages(review, team_id):
    return [
        reverse("instruments:fidelity-team", args=[team_id]),
        reverse("instruments:fidelity-review", args=[review.pk]),
        reverse("instruments:fidelity-rate", args=[review.pk]),
        reverse("instruments:fidelity-consensus", args=[review.pk]),
        reverse("instruments:fidelity-report", args=[review.pk]),
    ]


@pytest.mark.parametrize("who", ["beta_leader", "carol", "dave", "alice", "anna"])
def test_another_teams_people_and_the_teams_course_workers_get_404_on_every_page(
    client, login, cast, agreed, who
):
    people = {
        "beta_leader": make_professional("Bea Boss", cast.region, Role.TEAM_LEADER, (cast.beta,)),
        "carol": cast.carol,
        "dave": cast.dave,
        "alice": cast.alice,  # Alpha's care manager: neither leads nor reviews
        "anna": cast.anna,
    }
    login(people[who])
    for url in _pages(agreed, cast.alpha.pk):
        assert client.get(url).status_code == 404, url
        if not url.endswith(".pdf"):
            assert client.post(url, {"strengths": "x"}).status_code == 404, url


def test_a_beta_leader_gets_404_for_a_missing_review_and_for_alphas_alike(client, login, cast):
    beta_leader = make_professional("Bea Boss", cast.region, Role.TEAM_LEADER, (cast.beta,))
    login(beta_leader)
    missing = reverse("instruments:fidelity-review", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(missing).status_code == 404


def test_the_team_leader_starts_a_review_from_the_teams_page(client, login, cast):
    login(cast.tina)
    url = reverse("instruments:fidelity-team", args=[cast.alpha.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Start a review" in page.content.decode()
    today = dt.date.today()
    response = client.post(
        url,
        {
            "reviewed_on": today.isoformat(),
            "kind": "baseline",
            "period_start": (today - dt.timedelta(days=90)).isoformat(),
            "period_end": today.isoformat(),
            "reviewers": [str(cast.tina.pk), str(cast.sam.pk)],
        },
    )
    review = FidelityReview.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("instruments:fidelity-review", args=[review.pk])


def test_one_reviewer_is_refused_beside_the_field(client, login, cast):
    login(cast.tina)
    today = dt.date.today().isoformat()
    response = client.post(
        reverse("instruments:fidelity-team", args=[cast.alpha.pk]),
        {
            "reviewed_on": today,
            "kind": "baseline",
            "period_start": today,
            "period_end": today,
            "reviewers": [str(cast.tina.pk)],
        },
    )
    assert response.status_code == 400
    assert "Choose two or more reviewers." in response.content.decode()
    assert not FidelityReview.objects.exists()


def test_the_team_page_links_to_the_fidelity_reviews_for_its_leader(client, login, cast):
    login(cast.tina)
    page = client.get(reverse("workspace:team", args=[cast.alpha.pk])).content.decode()
    assert reverse("instruments:fidelity-team", args=[cast.alpha.pk]) in page


def test_the_rating_form_shows_the_figures_from_the_records(client, login, cast, review):
    login(cast.sam)
    page = client.get(reverse("instruments:fidelity-rate", args=[review.pk])).content.decode()
    assert "From the records:" in page
    assert "1 active course" in page
    assert "Courses of Team Alpha open between" in page
    assert "Suggested rating: 5." in page
    assert "No records in the period." in page  # SV6 and the other job items
    assert page.count('name="rating_') == 25 * 5


def _rating_post(value="3", **overrides):
    data = {"action": "save"}
    for code in CODES:
        data[f"rating_{code}"] = overrides.get(code, value)
        data[f"sources_{code}"] = ["MIS"]
    return data


def test_a_rating_out_of_range_is_refused_beside_its_item(client, login, cast, review):
    login(cast.sam)
    response = client.post(
        reverse("instruments:fidelity-rate", args=[review.pk]), _rating_post(S2="7")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_rating_S2_error"' in page
    assert "Choose a rating from 1 to 5." in page
    assert not FidelityRating.objects.exists()


def test_a_reviewer_saves_then_submits_and_the_suggestion_is_kept(client, login, cast, review):
    login(cast.sam)
    url = reverse("instruments:fidelity-rate", args=[review.pk])
    assert client.post(url, _rating_post()).status_code == 302
    assert client.post(url, {**_rating_post(S1="4"), "action": "submit"}).status_code == 302
    rating = FidelityRating.objects.get(reviewer__professional=cast.sam, item="S1")
    assert (rating.rating, rating.suggested) == (4, 5)


def test_the_consensus_page_shows_each_reviewers_rating_and_asks_a_reason_where_they_differ(
    client, login, cast, review
):
    rate_and_submit(cast.tina, review, 4, O2=3)
    rate_and_submit(cast.sam, review, 4, O2=5)
    login(cast.tina)
    url = reverse("instruments:fidelity-consensus", args=[review.pk])
    page = client.get(url).content.decode()
    assert "The reviewers differ on this item." in page
    data = {f"rating_{code}": "4" for code in CODES}
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'id="id_reason_O2_error"' in response.content.decode()
    response = client.post(url, {**data, "reason_O2": "Weekly meetings, plans shared."})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.CONSENSUS


def test_the_review_page_shows_total_band_and_sections(client, login, cast, agreed):
    login(cast.tina)
    page = client.get(reverse("instruments:fidelity-review", args=[agreed.pk])).content.decode()
    assert "101 of 125: Good" in page
    assert "Staffing: 13 of 15" in page


def test_the_trend_shows_the_chart_and_table(client, login, cast, agreed):
    login(cast.tina)
    page = client.get(reverse("instruments:fidelity-team", args=[cast.alpha.pk])).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert '<td class="number">101</td>' in page


def test_the_fidelity_report_reads_as_a_report(client, login, cast, agreed):
    from roundtable.instruments.services import fidelity_review_update
    from roundtable.meetings.testing import actor_of

    fidelity_review_update(
        actor=actor_of(cast.tina),
        review_id=agreed.pk,
        strengths="Small caseloads.",
        recommendations="More employer contact.",
    )
    login(cast.sam)
    response = client.get(reverse("instruments:fidelity-report", args=[agreed.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "IPS fidelity report",
        "Team Alpha",
        "Tina Thorsen",
        "Sam Skov",
        "Total 101 of 125: Good",
        "Staffing: 13 of 15",
        "S1 Caseload size",
        "Both saw weekly meetings.",
        "Small caseloads.",
        "More employer contact.",
    ):
        assert expected in text, expected


def test_a_manager_of_an_organisation_in_the_team_sees_its_reviews(client, login, cast, agreed):
    login(cast.mona)
    url = reverse("instruments:fidelity-team", args=[cast.alpha.pk])
    assert client.get(url).status_code == 200


def test_the_integration_page_shows_the_fidelity_trend(client, login, cast, agreed):
    login(cast.tina)
    body = client.get(reverse("instruments:integration", args=[cast.alpha.pk])).content.decode()
    assert "No fidelity reviews yet." not in body
    assert "<td>101</td><td>Good</td>" in body
