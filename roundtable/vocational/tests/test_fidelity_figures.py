"""The IPS-25 figures the job-development records give (SV4–SV13): pure arithmetic checked
with hypothesis, the figures of a small team worked by hand, and a fixed number of queries."""

import datetime as dt
import statistics
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.vocational import services
from roundtable.vocational.fidelity_figures import (
    distinct_count,
    followed_along,
    ips_service_figures,
    median_days_to_first_contact,
    per_specialist_per_week,
    percent,
)
from roundtable.vocational.testing import actor_of, days_ago, fill_job_development

DAY = dt.date(2026, 1, 1)
dates = st.integers(0, 400).map(lambda n: DAY + dt.timedelta(days=n))
ids = st.sampled_from([uuid.UUID(int=i) for i in range(1, 8)])


@given(st.dictionaries(ids, dates), st.dictionaries(ids, dates))
def test_the_median_wait_counts_only_people_with_a_contact_and_never_goes_below_zero(
    referrals, contacts
):
    median, n = median_days_to_first_contact(referrals, contacts)
    assert n == len(set(referrals) & set(contacts))
    if n == 0:
        assert median is None
    else:
        waits = [max(0, (contacts[c] - referrals[c]).days) for c in referrals if c in contacts]
        assert median == statistics.median(waits) and median >= 0


@given(st.integers(0, 500), st.integers(0, 20), st.integers(0, 400))
def test_contacts_per_specialist_per_week_grow_with_contacts(contacts, specialists, days):
    value = per_specialist_per_week(contacts, specialists, days)
    if specialists == 0 or days == 0:
        assert value is None
        return
    assert value is not None and value >= 0
    more = per_specialist_per_week(contacts + 1, specialists, days)
    assert more is not None and more >= value


def test_a_week_of_ten_contacts_by_two_specialists_is_five_each():
    assert per_specialist_per_week(10, 2, 7) == 5.0


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_a_share_is_a_percentage_between_0_and_100(part, extra):
    whole = part + extra
    value = percent(part, whole)
    assert value is None if whole == 0 else 0 <= value <= 100


@given(st.lists(st.text(max_size=8)))
def test_job_types_differing_only_in_case_or_spaces_count_once(values):
    assert distinct_count(values) == distinct_count([f" {v} " for v in values])
    assert distinct_count(values) <= len(values)
    assert distinct_count(["Cleaner", "cleaner ", "CLEANER"]) == 1


@given(st.lists(st.tuples(ids, dates)), st.lists(st.tuples(ids, dates)))
def test_follow_along_counts_people_once_and_only_after_their_start(starts, follow):
    followed, people = followed_along(starts, follow)
    assert people == len({c for c, _d in starts})
    assert 0 <= followed <= people
    # A contact long after every start always counts: no time limit.
    late = [(c, DAY + dt.timedelta(days=10_000)) for c, _d in starts]
    assert followed_along(starts, late) == (people, people)


@pytest.mark.django_db
def test_the_figures_of_a_small_team_worked_by_hand(cast):
    jobdev = fill_job_development(cast)
    bob = actor_of(cast.bob)
    services.job_development_contact_record(
        actor=bob,
        team_id=cast.alpha.id,
        employer_id=jobdev["employer"].pk,
        contacted_on=days_ago(5),
        mode="office",
        purpose="follow_up",
    )
    cast.anna_course.referral_date = days_ago(26)
    cast.anna_course.save()
    figures = ips_service_figures(team=cast.alpha, start=days_ago(27), end=days_ago(0))
    assert set(figures) == {"SV4", "SV6", "SV8", "SV9", "SV10", "SV12", "SV13"}
    assert all(set(f) == {"figure", "n", "description"} for f in figures.values())
    assert (
        figures["SV4"]["figure"] == 6.0 and figures["SV4"]["n"] == 1
    )  # referred day 26, met day 20
    # Two face-to-face contacts (community, office), one specialist (Bob), 28 days = 4 weeks.
    assert figures["SV6"]["figure"] == 0.5 and figures["SV6"]["n"] == 2
    assert figures["SV8"]["figure"] == 1 and figures["SV9"]["figure"] == 1
    assert figures["SV10"] == {**figures["SV10"], "figure": 100.0, "n": 1}
    assert figures["SV12"]["figure"] == 100.0 and figures["SV12"]["n"] == 1
    # Contacts: community, phone, office + one follow-along in the community: 2 of 4.
    assert figures["SV13"]["figure"] == 50.0 and figures["SV13"]["n"] == 4
    assert "employer contact log" in str(figures["SV6"]["description"])


@pytest.mark.django_db
def test_another_teams_records_do_not_count(cast):
    fill_job_development(cast)
    figures = ips_service_figures(team=cast.beta, start=days_ago(60), end=days_ago(0))
    assert all(f["n"] == 0 and f["figure"] is None for k, f in figures.items() if k != "SV6")
    assert figures["SV6"]["n"] == 0


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_data(cast, django_assert_max_num_queries):
    jobdev = fill_job_development(cast)
    with django_assert_max_num_queries(7):
        ips_service_figures(team=cast.alpha, start=days_ago(60), end=days_ago(0))
    bob = actor_of(cast.bob)
    for n in range(15):
        start = services.job_start_record(
            actor=bob,
            citizen_id=cast.anna.id,
            employer_id=jobdev["employer"].pk,
            job_type=f"Job {n}",
            competitive=n % 2 == 0,
            hours_per_week=10,
            starts_on=days_ago(30 - n),
            in_work_history=False,
        )
        services.follow_along_record(
            actor=bob,
            citizen_id=cast.anna.id,
            job_start_id=start.pk,
            contacted_on=days_ago(0),
            kind="phone",
        )
    with django_assert_max_num_queries(7):
        figures = ips_service_figures(team=cast.alpha, start=days_ago(60), end=days_ago(0))
    assert figures["SV8"]["figure"] == 16
