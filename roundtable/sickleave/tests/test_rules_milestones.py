"""The single entry point `milestones()`: ids, order, and properties across jurisdictions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.sickleave.rules import (
    InvalidAbsence,
    Milestone,
    PaidPeriod,
    UnknownJurisdiction,
    milestones,
)

D = dt.date.fromisoformat

REQUIRED = {
    "dk": {"dk.reassessment", "dk.first_followup_due", "dk.employer_absence_interview"},
    "se": {"se.employer_rtw_plan", "se.day_90", "se.day_180", "se.day_365"},
    "no": {
        "no.followup_plan",
        "no.dialogue_meeting_1",
        "no.activity_requirement",
        "no.dialogue_meeting_2",
        "no.max_date",
    },
}


@pytest.mark.parametrize("code", ["dk", "se", "no"])
def test_each_jurisdiction_gives_its_required_milestones(code):
    found = milestones(code, D("2026-03-02"))
    ids = [m.id for m in found]
    assert REQUIRED[code] <= set(ids)
    assert len(ids) == len(set(ids))
    assert all(m.id.startswith(f"{code}.") for m in found)
    for m in found:
        assert isinstance(m, Milestone)
        assert str(m.label) and str(m.explanation) and m.legal_ref


def test_ties_are_broken_by_id():
    # dk.first_followup_due and dk.retention_plan_window both fall on 26 April 2026.
    ids = [m.id for m in milestones("dk", D("2026-03-02")) if m.date == D("2026-04-26")]
    assert ids == ["dk.first_followup_due", "dk.retention_plan_window"]


def test_periods_may_be_given_as_tuples():
    as_tuples = milestones("dk", D("2026-03-02"), [(D("2026-03-02"), None)])
    as_periods = milestones("dk", D("2026-03-02"), [PaidPeriod(D("2026-03-02"))])
    assert as_tuples == as_periods == milestones("dk", D("2026-03-02"))


def test_as_of_is_today_and_never_changes_a_date():
    first = D("2026-03-02")
    periods = [(first, D("2026-05-31")), (D("2026-07-01"), None)]
    assert milestones("dk", first, periods, as_of=D("2026-08-01")) == milestones(
        "dk", first, periods
    )
    with pytest.raises(InvalidAbsence, match="starts after the as-of day"):
        milestones("dk", first, periods, as_of=D("2026-06-01"))


def test_unknown_jurisdiction():
    with pytest.raises(UnknownJurisdiction):
        milestones("fi", D("2026-03-02"))


# --- properties ----------------------------------------------------------------------------------

codes = st.sampled_from(["dk", "se", "no"])
firsts = st.dates(dt.date(2014, 7, 1), dt.date(2040, 12, 31))


@st.composite
def histories(draw):
    first = draw(firsts)
    if draw(st.booleans()):
        return first, None
    periods = []
    start = first + dt.timedelta(days=draw(st.integers(0, 30)))
    for _ in range(draw(st.integers(0, 4))):
        end = start + dt.timedelta(days=draw(st.integers(0, 200)))
        periods.append(PaidPeriod(start, end))
        start = end + dt.timedelta(days=1 + draw(st.integers(0, 200)))
    if draw(st.booleans()):
        periods.append(PaidPeriod(start))
    return first, periods


@settings(deadline=None)
@given(codes, histories())
def test_milestones_are_sorted_by_date_then_id(code, history):
    first, periods = history
    found = milestones(code, first, periods)
    keys = [(m.date, m.id) for m in found]
    assert keys == sorted(keys)


@settings(deadline=None)
@given(codes, firsts, st.integers(1, 400))
def test_a_later_first_absence_day_never_moves_a_milestone_earlier(code, first, shift):
    earlier = {m.id: m.date for m in milestones(code, first)}
    later = {m.id: m.date for m in milestones(code, first + dt.timedelta(days=shift))}
    # Rule versions may differ between the two days (a new duty, a changed follow-up rule):
    # compare the milestones both have.
    for milestone_id in earlier.keys() & later.keys():
        assert later[milestone_id] >= earlier[milestone_id], milestone_id


@settings(deadline=None)
@given(codes, histories())
def test_no_milestone_comes_before_the_first_absence_day(code, history):
    first, periods = history
    assert all(m.date >= first for m in milestones(code, first, periods))
