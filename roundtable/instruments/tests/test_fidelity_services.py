"""IPS fidelity reviews through the services and selectors: started by the team's leaders, rated
independently by two or more reviewers, agreed item by item, scored and banded; the figures
that pre-fill a review are counts from the team's records."""

from __future__ import annotations

import datetime as dt
import sys
import types
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from roundtable.citizens.models import Course, CourseStatus
from roundtable.instruments import selectors, services
from roundtable.instruments.models import FidelityRating, ReviewStatus
from roundtable.instruments.testing import (
    agree,
    all_ratings,
    rate_and_submit,
    started_review,
)
from roundtable.meetings.models import Meeting, MeetingStatus
from roundtable.meetings.testing import actor_of
from roundtable.organisations.models import Professional, Role, TeamProgramme
from roundtable.testing import make_citizen, make_course, make_professional


def test_the_team_leader_starts_a_review_with_two_reviewers(cast):
    review = started_review(cast)
    assert review.status == ReviewStatus.DRAFT
    assert set(review.reviewers.values_list("professional_id", flat=True)) == {
        cast.tina.pk,
        cast.sam.pk,
    }


def test_a_review_needs_two_reviewers(cast):
    with pytest.raises(ValidationError) as caught:
        started_review(cast, reviewers=(cast.tina,))
    assert "reviewers" in caught.value.message_dict


def test_a_reviewer_from_another_team_is_refused(cast):
    with pytest.raises(ValidationError) as caught:
        started_review(cast, reviewers=(cast.tina, cast.carol))
    assert "reviewers" in caught.value.message_dict


def test_an_evaluator_from_outside_may_review(cast):
    evaluator = make_professional("Eva Evaluator", cast.region, Role.EVALUATOR)
    review = started_review(cast, reviewers=(cast.tina, evaluator))
    record = selectors.fidelity_review_get(actor=actor_of(evaluator), review_id=review.pk)
    assert record.me is not None


def test_a_care_manager_cannot_start_a_review(cast):
    with pytest.raises(Http404):
        services.fidelity_review_create(
            actor=actor_of(cast.alice),
            team_id=cast.alpha.pk,
            reviewed_on=dt.date.today(),
            kind="baseline",
            period_start=dt.date.today(),
            period_end=dt.date.today(),
            reviewer_ids=[cast.tina.pk, cast.sam.pk],
        )


def test_the_period_cannot_end_before_it_starts(cast):
    with pytest.raises(ValidationError) as caught:
        services.fidelity_review_create(
            actor=actor_of(cast.tina),
            team_id=cast.alpha.pk,
            reviewed_on=dt.date.today(),
            kind="baseline",
            period_start=dt.date.today(),
            period_end=dt.date.today() - dt.timedelta(days=1),
            reviewer_ids=[cast.tina.pk, cast.sam.pk],
        )
    assert "period_end" in caught.value.message_dict


def test_a_reviewer_does_not_see_the_other_ratings_until_submitting_their_own(cast):
    review = started_review(cast)
    rate_and_submit(cast.sam, review, 4)
    services.fidelity_ratings_save(
        actor=actor_of(cast.tina), review_id=review.pk, ratings=all_ratings(2)
    )
    record = selectors.fidelity_review_get(actor=actor_of(cast.tina), review_id=review.pk)
    seen = {reviewer.professional_id: rating for reviewer, rating in record.rows[0].ratings}
    assert seen[cast.tina.pk].rating == 2
    assert seen[cast.sam.pk] is None
    assert not record.sees_all_ratings

    rate_and_submit(cast.tina, review, 2)
    record = selectors.fidelity_review_get(actor=actor_of(cast.tina), review_id=review.pk)
    seen = {reviewer.professional_id: rating for reviewer, rating in record.rows[0].ratings}
    assert seen[cast.sam.pk].rating == 4


def test_the_team_leader_who_is_not_a_reviewer_sees_ratings_once_all_submitted(cast):
    review = started_review(cast, reviewers=(cast.sam, make_reviewer(cast)))
    rate_and_submit(cast.sam, review, 4)
    record = selectors.fidelity_review_get(actor=actor_of(cast.tina), review_id=review.pk)
    assert record.me is None and not record.sees_all_ratings
    assert all(rating is None for _reviewer, rating in record.rows[0].ratings)


def make_reviewer(cast) -> Professional:
    return make_professional("Ebbe Evaluator", cast.region, Role.EVALUATOR, (cast.alpha,))


def test_a_rating_out_of_range_is_refused_beside_its_item(cast):
    review = started_review(cast)
    with pytest.raises(ValidationError) as caught:
        services.fidelity_ratings_save(
            actor=actor_of(cast.tina), review_id=review.pk, ratings=all_ratings(3, S1=6)
        )
    assert "rating_S1" in caught.value.message_dict
    assert not FidelityRating.objects.exists()


def test_submitting_needs_every_item_rated(cast):
    review = started_review(cast)
    ratings = all_ratings(3)
    ratings["SV14"]["rating"] = None
    with pytest.raises(ValidationError) as caught:
        services.fidelity_ratings_save(
            actor=actor_of(cast.tina), review_id=review.pk, ratings=ratings, submit=True
        )
    assert "rating_SV14" in caught.value.message_dict


def test_submitted_ratings_no_longer_change(cast):
    review = started_review(cast)
    rate_and_submit(cast.tina, review, 3)
    with pytest.raises(ValidationError):
        rate_and_submit(cast.tina, review, 4)


def test_someone_who_oversees_but_does_not_review_may_not_rate(cast):
    evaluator = make_reviewer(cast)
    review = started_review(cast, reviewers=(cast.sam, evaluator))
    with pytest.raises(PermissionDenied):
        rate_and_submit(cast.tina, review, 3)


def test_the_consensus_waits_for_every_reviewer(cast):
    review = started_review(cast)
    rate_and_submit(cast.tina, review, 3)
    with pytest.raises(ValidationError):
        agree(cast.tina, review, 3)


def test_where_reviewers_differ_the_consensus_needs_a_reason(cast):
    review = started_review(cast)
    rate_and_submit(cast.tina, review, 4, O2=3)
    rate_and_submit(cast.sam, review, 4, O2=5)
    with pytest.raises(ValidationError) as caught:
        agree(cast.tina, review, 4)
    assert list(caught.value.message_dict) == ["reason_O2"]
    agree(cast.tina, review, 4, reason="Meetings every week, shared plans for all.")
    review.refresh_from_db()
    assert review.status == ReviewStatus.CONSENSUS


def test_the_consensus_gives_total_band_and_section_subtotals(cast):
    review = started_review(cast)
    rate_and_submit(cast.tina, review, 4)
    rate_and_submit(cast.sam, review, 4)
    agree(cast.sam, review, 4, S1=5, S2=5, S3=5, SV1=5)  # 100 + 4
    record = selectors.fidelity_review_get(actor=actor_of(cast.tina), review_id=review.pk)
    assert record.score is not None
    assert record.score.total == 104
    assert record.score.band == "good"
    assert record.score.sections == {"staffing": 15, "organisation": 32, "services": 57}


def test_the_trend_lists_the_reviews_with_a_consensus_oldest_first(cast):
    older = started_review(cast, days_ago=365)
    newer = started_review(cast, kind="12_months")
    for review, value in ((older, 3), (newer, 4)):
        rate_and_submit(cast.tina, review, value)
        rate_and_submit(cast.sam, review, value)
        agree(cast.tina, review, value)
    started_review(cast, kind="follow_up")  # a draft: not in the trend
    team = selectors.fidelity_team_get(actor=actor_of(cast.tina), team_id=cast.alpha.pk)
    assert [row.score.total for row in team.trend] == [75, 100]
    assert [row.score.band for row in team.trend] == ["fair", "good"]
    assert len(team.reviews) == 3
    assert team.chart is not None


def test_another_teams_leader_sees_nothing_of_the_review(cast):
    review = started_review(cast)
    beta_leader = make_professional("Bea Boss", cast.region, Role.TEAM_LEADER, (cast.beta,))
    with pytest.raises(Http404):
        selectors.fidelity_team_get(actor=actor_of(beta_leader), team_id=cast.alpha.pk)
    with pytest.raises(Http404):
        selectors.fidelity_review_get(actor=actor_of(beta_leader), review_id=review.pk)
    with pytest.raises(Http404):
        services.fidelity_review_update(
            actor=actor_of(beta_leader), review_id=review.pk, strengths="x", recommendations=""
        )


def test_strengths_and_recommendations_are_kept(cast):
    review = started_review(cast)
    services.fidelity_review_update(
        actor=actor_of(cast.sam),
        review_id=review.pk,
        strengths="Small caseloads.",
        recommendations="More employer contact.",
    )
    review.refresh_from_db()
    assert (review.strengths, review.recommendations) == (
        "Small caseloads.",
        "More employer contact.",
    )


# --- The figures from the records -------------------------------------------------------------


def test_the_figures_count_the_teams_courses_specialists_meetings_and_referrals(cast):
    today = dt.date.today()
    Professional.objects.filter(pk=cast.bob.pk).update(fraction=Decimal("0.80"))
    TeamProgramme.objects.create(team=cast.alpha, sick_leave_optional=True)
    # A second course of Alpha, referred by the wish to work, its consultant from outside.
    outsider = make_professional("Otto Outside", cast.jobcentre_south, Role.EMPLOYMENT_CONSULTANT)
    make_course(
        make_citizen("Carl Cee", "030303-3333"),
        cast.alpha,
        cast.alice,
        outsider,
        first_absence_day=None,
        referral_date=today - dt.timedelta(days=5),
    )
    # A course closed long before the period is not counted.
    closed = make_course(make_citizen("Dora Dee", "040404-4444"), cast.alpha, cast.alice, cast.bob)
    Course.objects.filter(pk=closed.pk).update(
        status=CourseStatus.COMPLETED,
        updated_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        referral_date=dt.date(2019, 6, 1),
        first_absence_day=dt.date(2019, 5, 1),
    )
    from roundtable.meetings.testing import schedule

    meeting = schedule(cast.alice, cast.anna, days_ahead=0, hour=8)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    schedule(cast.alice, cast.anna, days_ahead=0, hour=10)  # planned, not held

    figures = selectors.fidelity_figures(
        team=cast.alpha, start=today - dt.timedelta(days=30), end=today
    )
    assert figures.active_courses == 2
    assert figures.specialist_fractions == (0.8,)
    assert figures.courses_with_both == 1
    assert figures.meetings_held == 1
    assert figures.referrals == 1  # Anna was referred 40 days ago, before the period
    assert figures.referrals_without_sick_leave == 1
    assert figures.entry_without_sick_leave
    # No job-development records in the cast: nothing to count for the services items.
    assert all(found.n == 0 for found in figures.service.values())


def test_the_prefill_of_a_review_names_the_team_and_suggests_from_the_figures(cast):
    review = started_review(cast)
    found = selectors.fidelity_prefill_get(review=review)
    assert found["S1"].suggestion == 5  # one course on one full-time consultant
    assert "Team Alpha" in found["S1"].evidence
    assert found["SV6"].suggestion is None


def test_the_services_items_are_filled_from_the_job_development_records(cast, monkeypatch):
    fake = types.ModuleType(selectors.SERVICE_FIGURES_MODULE)
    fake.ips_service_figures = lambda *, team, start, end: {  # type: ignore[attr-defined]
        "SV4": {"figure": None, "n": 0, "description": "Nobody referred in the period."},
        "SV6": {"figure": 6.5, "n": 80, "description": "The employer contact log of Alpha."},
    }
    monkeypatch.setitem(sys.modules, selectors.SERVICE_FIGURES_MODULE, fake)
    found = selectors.fidelity_prefill_get(review=started_review(cast))
    assert found["SV6"].suggestion == 5
    assert found["SV6"].evidence == "The employer contact log of Alpha."
    assert found["SV4"].suggestion is None
    assert found["SV8"].suggestion is None


def test_the_integration_page_gets_the_trend_as_totals_and_bands(cast):
    review = started_review(cast)
    rate_and_submit(cast.tina, review, 4)
    rate_and_submit(cast.sam, review, 4)
    agree(cast.tina, review, 4)
    started_review(cast, kind="follow_up")  # a draft
    [point] = selectors.fidelity_trend(cast.alpha)
    assert (point.reviewed_on, point.total, point.band) == (review.reviewed_on, 100, "Good")
    assert selectors.fidelity_trend(cast.beta) == []
