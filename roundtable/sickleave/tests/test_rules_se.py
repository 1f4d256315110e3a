"""Sweden: the rehabilitation chain (day 90, 180, 365, 550) and the employer's plan by day 30.

Day 1 is the first absence day, so day N = first + (N − 1) days.
"""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.sickleave.rules import milestones, se

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("first", "day_30", "day_90", "day_180", "day_365", "day_550"),
    [
        # 2 Mar 2026. Day 30 = +29 = 31 Mar. Day 90 = +89: 31 Mar is +29, 30 Apr +59, 30 May +89.
        # Day 180 = +179: 31 May +90, 30 Jun +120, 31 Jul +151, 28 Aug +179.
        # Day 365 = +364 = 1 Mar 2027 (a year is +365). Day 550 = +549 = 2 Sep 2027.
        ("2026-03-02", "2026-03-31", "2026-05-30", "2026-08-28", "2027-03-01", "2027-09-02"),
        # Leap year: 1 Feb 2028 + 29 passes 29 Feb, so day 30 is 1 March ...
        ("2028-02-01", "2028-03-01", "2028-04-30", "2028-07-29", "2029-01-30", "2029-08-03"),
        # ... and in 2027 it is 2 March.
        ("2027-02-01", "2027-03-02", "2027-05-01", "2027-07-30", "2028-01-31", "2028-08-03"),
        # Day 365 lands on 28 Feb whether or not the next February has 29 days.
        ("2027-03-01", "2027-03-30", "2027-05-29", "2027-08-27", "2028-02-28", "2028-08-31"),
        ("2026-03-01", "2026-03-30", "2026-05-29", "2026-08-27", "2027-02-28", "2027-09-01"),
        # Across the year end.
        ("2026-12-31", "2027-01-29", "2027-03-30", "2027-06-28", "2027-12-30", "2028-07-02"),
    ],
)
def test_rehabilitation_chain_on_worked_dates(first, day_30, day_90, day_180, day_365, day_550):
    f = D(first)
    assert se.employer_rtw_plan(f) == D(day_30)
    assert se.day_90(f) == D(day_90)
    assert se.day_180(f) == D(day_180)
    assert se.day_365(f) == D(day_365)
    assert se.day_550(f) == D(day_550)
    found = {m.id: m.date for m in milestones("se", f)}
    assert found == {
        "se.sick_pay_end": f + dt.timedelta(days=13),
        "se.employer_rtw_plan": D(day_30),
        "se.day_90": D(day_90),
        "se.day_180": D(day_180),
        "se.day_365": D(day_365),
        "se.day_550": D(day_550),
    }


def test_sick_days_from_separate_periods_are_added_together():
    # P1 2–16 Mar = 15 days; P2 from 1 Apr. Day 30 = P2's 15th day = 15 Apr.
    # Day 90 = P2's 75th day = 1 Apr + 74: 30 Apr +29, 31 May +60, 14 Jun +74.
    periods = [(D("2026-03-02"), D("2026-03-16")), (D("2026-04-01"), None)]
    found = {m.id: m.date for m in milestones("se", D("2026-03-02"), periods)}
    assert found["se.employer_rtw_plan"] == D("2026-04-15")
    assert found["se.day_90"] == D("2026-06-14")


def test_a_step_not_reached_by_the_paid_days_is_left_out():
    # 2 Mar – 29 May is 89 days: day 90 is never reached.
    periods = [(D("2026-03-02"), D("2026-05-29"))]
    found = {m.id for m in milestones("se", D("2026-03-02"), periods)}
    assert found == {"se.sick_pay_end", "se.employer_rtw_plan"}
    assert se.day_90(D("2026-03-02"), periods) is None


def test_the_return_to_work_plan_duty_starts_on_1_july_2018():
    before = {m.id for m in milestones("se", D("2018-06-30"))}
    after = {m.id for m in milestones("se", D("2018-07-01"))}
    assert "se.employer_rtw_plan" not in before
    assert "se.employer_rtw_plan" in after
    assert "se.day_90" in before


def test_swedish_milestones_name_who_acts_and_the_law():
    found = {m.id: m for m in milestones("se", D("2026-03-02"))}
    assert found["se.employer_rtw_plan"].actor == "employer"
    assert found["se.employer_rtw_plan"].legal_ref == "Socialförsäkringsbalken (SFB) 30 kap. 6 §"
    assert found["se.day_90"].actor == "forsakringskassan"
    assert "27 kap." in found["se.day_180"].legal_ref


def test_the_timeline_shows_the_end_of_the_employers_sick_pay_on_day_14():
    """Issue 10, finding 28. Sjuklönelagen 7 §: the sick-pay period is the first day and the 13
    calendar days after it. 2 March 2026 + 13 = 15 March; sjukpenning from 16 March."""
    found = {m.id: m for m in milestones("se", D("2026-03-02"))}
    end = found["se.sick_pay_end"]
    assert end.date == D("2026-03-15") == se.sick_pay_end(D("2026-03-02"))
    assert end.actor == "employer"
    assert end.legal_ref.startswith("Lag (1991:1047) om sjuklön 7 §")
    # Interrupted: 2–6 Mar (5 days), again from 20 Mar: day 14 is 20 Mar + 8 = 28 Mar.
    periods = [(D("2026-03-02"), D("2026-03-06")), (D("2026-03-20"), None)]
    assert se.sick_pay_end(D("2026-03-02"), periods) == D("2026-03-28")


def test_every_swedish_reference_names_a_statute_that_exists():
    """Finding 28: there is no "lag om sjukpenning"; sjukpenning is in the SFB."""
    from roundtable.sickleave.rules import get_jurisdiction

    for m in milestones("se", D("2026-03-02")):
        assert "SFB" in m.legal_ref or "1991:1047" in m.legal_ref
        assert "sjukpenning" not in m.legal_ref.lower()
    assert "socialförsäkringsbalken" in get_jurisdiction("se").law
