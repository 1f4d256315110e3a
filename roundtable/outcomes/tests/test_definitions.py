"""The trials' outcome definitions, by worked example and by property (definitions.py)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.outcomes.definitions import (
    HEALTH_BENEFIT,
    OTHER_BENEFIT,
    WORK,
    OutcomeRules,
    parse_iso_week,
    person_outcome,
    week_index,
    weeks_from_rows,
)

H = frozenset({HEALTH_BENEFIT})
O = frozenset({OTHER_BENEFIT})  # noqa: E741
W = frozenset({WORK})


def benefit(*ranges: tuple[int, int], kind: frozenset[str] = H) -> dict[int, frozenset[str]]:
    """Benefit paid in the inclusive week ranges given."""
    return {w: kind for first, last in ranges for w in range(first, last + 1)}


def test_a_return_that_starts_in_week_0_takes_0_weeks():
    outcome = person_outcome({}, data_end=20)
    assert (outcome.rtw, outcome.weeks_to_rtw, outcome.censored_at_week) == (True, 0, None)


def test_four_weeks_at_work_is_not_yet_a_return_five_are():
    # Sickness benefit weeks 0–9, at work 10–13, benefit 14, at work from 15.
    weeks = benefit((0, 9), (14, 14))
    outcome = person_outcome(weeks, data_end=40)
    assert outcome.weeks_to_rtw == 15


def test_one_benefit_week_breaks_a_run():
    weeks = benefit((0, 3), (6, 6))  # at work 4–5, benefit 6, at work 7 onwards
    assert person_outcome(weeks, data_end=30).weeks_to_rtw == 7


def test_a_run_cut_off_by_the_end_of_data_is_censored_at_the_last_week():
    weeks = benefit((0, 16))  # at work 17–20: four weeks, then the data end
    outcome = person_outcome(weeks, data_end=20)
    assert (outcome.rtw, outcome.censored_at_week, outcome.relapse) == (False, 20, None)


def test_a_run_that_reaches_the_end_of_data_exactly_counts():
    weeks = benefit((0, 15))  # at work 16–20: five weeks ending on the last week
    assert person_outcome(weeks, data_end=20).weeks_to_rtw == 16


def test_wage_subsidised_work_counts_as_work_other_benefits_do_not():
    weeks = {**benefit((0, 4)), **benefit((5, 9), kind=W), **benefit((10, 30), kind=O)}
    assert person_outcome(weeks, data_end=30).weeks_to_rtw == 5
    strict = OutcomeRules(work_categories=frozenset())
    assert person_outcome(weeks, data_end=30, rules=strict).rtw is False


def test_relapse_exactly_at_nine_weeks_and_not_at_eight():
    returned = benefit((0, 3))  # back at work from week 4 (weeks 4–8 make the return)
    nine = {**returned, **benefit((20, 28))}
    eight = {**returned, **benefit((20, 27))}
    assert person_outcome(nine, data_end=60).relapse is True
    assert person_outcome(eight, data_end=60).relapse is False
    assert person_outcome(nine, data_end=60, rules=OutcomeRules(relapse_weeks=10)).relapse is False


def test_unemployment_after_the_return_is_not_a_relapse():
    weeks = {**benefit((0, 3)), **benefit((20, 40), kind=O)}
    outcome = person_outcome(weeks, data_end=60)
    assert (outcome.relapse, outcome.in_work_at_52) == (False, True)


def test_in_work_at_12_months_is_unknown_when_the_data_end_at_week_40():
    outcome = person_outcome(benefit((0, 3)), data_end=40)
    assert (outcome.rtw, outcome.in_work_at_52) == (True, None)


def test_in_work_at_12_months_reads_week_52():
    assert person_outcome(benefit((50, 53)), data_end=60).in_work_at_52 is False
    assert person_outcome(benefit((0, 51)), data_end=60).in_work_at_52 is True


def test_weeks_before_the_baseline_do_not_count():
    baseline = dt.date(2026, 3, 4)  # a Wednesday in 2026-W10
    rows = [(parse_iso_week("2026-W08"), HEALTH_BENEFIT), (parse_iso_week("2026-W10"), WORK)]
    assert weeks_from_rows(baseline, rows) == {0: W}


def test_week_0_is_the_iso_week_containing_the_baseline():
    assert week_index(dt.date(2026, 3, 8), parse_iso_week("2026-W10")) == 0  # Sunday
    assert week_index(dt.date(2026, 3, 9), parse_iso_week("2026-W10")) == -1  # next Monday
    assert week_index(dt.date(2025, 12, 31), parse_iso_week("2026-W01")) == 0  # week 1 of 2026


@pytest.mark.parametrize("text", ["2026-W54", "2026-W00", "2026W05", "26-W05", "2025-W53"])
def test_impossible_weeks_are_refused(text):
    with pytest.raises(ValueError):
        parse_iso_week(text)


def test_a_53_week_year_has_week_53():
    assert parse_iso_week("2026-W53") == dt.date(2026, 12, 28)


benefit_weeks = st.dictionaries(
    st.integers(min_value=-5, max_value=80),
    st.sampled_from([H, O, W, H | O]),
    max_size=40,
)


@given(
    weeks=benefit_weeks, data_end=st.integers(min_value=0, max_value=80), week=st.integers(0, 80)
)
def test_adding_a_week_at_work_never_makes_the_return_later(weeks, data_end, week):
    before = person_outcome(weeks, data_end=data_end)
    after = person_outcome({k: v for k, v in weeks.items() if k != week}, data_end=data_end)
    if before.rtw:
        assert after.rtw and after.weeks_to_rtw <= before.weeks_to_rtw


@given(weeks=benefit_weeks, data_end=st.integers(min_value=-3, max_value=80))
def test_censoring_is_never_an_event(weeks, data_end):
    outcome = person_outcome(weeks, data_end=data_end)
    assert outcome.rtw == (outcome.weeks_to_rtw is not None)
    assert outcome.rtw != (outcome.censored_at_week is not None)
    assert outcome.duration_weeks >= 0
    if outcome.rtw:
        assert outcome.weeks_to_rtw + OutcomeRules().rtw_weeks - 1 <= data_end
    else:
        assert outcome.relapse is None


@given(weeks=benefit_weeks, data_end=st.integers(min_value=0, max_value=80))
def test_more_data_never_undoes_a_return(weeks, data_end):
    early = person_outcome(weeks, data_end=data_end)
    late = person_outcome(weeks, data_end=data_end + 10)
    if early.rtw:
        assert late.weeks_to_rtw == early.weeks_to_rtw
