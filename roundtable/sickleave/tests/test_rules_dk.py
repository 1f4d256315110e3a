"""Denmark: the § 24 reassessment date, follow-ups, employer instruments, § 27 and § 24 a.

The arithmetic of a few cases is written out so a reviewer can check it by hand. For a continuous
absence of an employee: the employer period is days 1–30, counting starts on day 31 (first + 30),
and "more than 22 weeks" is the 155th counted day (22 × 7 = 154), i.e. first + 30 + 154 = first
+ 184. Benefit stops at the end of that day's month.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.sickleave.rules import OutsideRules, dk, milestones
from roundtable.sickleave.rules.base import InvalidParams, PaidPeriod, last_day_of_month

D = dt.date.fromisoformat
DAY = dt.timedelta(days=1)


# --- the reassessment, continuous absence --------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "trigger", "reassessment"),
    [
        # 2 Mar 2026: counting starts 1 Apr (day 31). 155th counted day: Apr 30 → 30, May 31 → 61,
        # Jun 30 → 91, Jul 31 → 122, Aug 31 → 153, 2 Sep → 155. End of September.
        ("2026-03-02", "2026-09-02", "2026-09-30"),
        # The trigger falls on a month end: benefit stops that very day.
        ("2026-03-30", "2026-09-30", "2026-09-30"),
        # One day later, the trigger is 1 October and benefit runs to the end of October.
        ("2026-03-31", "2026-10-01", "2026-10-31"),
        # Across the year end.
        ("2026-06-30", "2026-12-31", "2026-12-31"),
        ("2026-07-01", "2027-01-01", "2027-01-31"),
        # Leap years. 29 Aug 2027: counting starts 28 Sep. Sep 28–30 → 3, Oct → 34, Nov → 64,
        # Dec → 95, Jan → 126, Feb 2028 (29 days) → 155 on 29 Feb: benefit stops 29 Feb 2028.
        ("2027-08-29", "2028-02-29", "2028-02-29"),
        # The same day a year earlier: February 2027 has 28 days, 154 by 28 Feb, 155 on 1 Mar.
        ("2026-08-29", "2027-03-01", "2027-03-31"),
        ("2027-08-30", "2028-03-01", "2028-03-31"),
        # 15 Sep 2027 vs 2026: the leap day moves the trigger one calendar day earlier.
        ("2027-09-15", "2028-03-17", "2028-03-31"),
        ("2026-09-15", "2027-03-18", "2027-03-31"),
        # The first day after the reform is covered.
        ("2014-07-01", "2015-01-01", "2015-01-31"),
    ],
)
def test_reassessment_of_a_continuous_absence(first, trigger, reassessment):
    assert dk.reassessment_trigger(D(first)) == D(trigger)
    assert dk.reassessment(D(first)) == D(reassessment)
    found = {m.id: m.date for m in milestones("dk", D(first))}
    assert found["dk.reassessment"] == D(reassessment)


@pytest.mark.parametrize(
    ("day", "window_start"),
    [
        ("2026-11-30", "2026-03-01"),  # exactly March–November
        ("2026-09-15", "2025-12-16"),
        # Leap year: the windows ending 28 and 29 November 2028 both start on 29 February.
        ("2028-11-28", "2028-02-29"),
        ("2028-11-29", "2028-02-29"),
        ("2028-11-30", "2028-03-01"),
        # Not a leap year: "29 February 2027" clamps to the 28th.
        ("2027-11-27", "2027-02-28"),
        ("2027-11-28", "2027-02-28"),
        ("2027-11-30", "2027-03-01"),
        ("2026-12-31", "2026-04-01"),
    ],
)
def test_the_nine_month_window_ending_on_a_day(day, window_start):
    assert dk.window_start(D(day)) == D(window_start)


def test_counted_days_leave_out_the_employer_period():
    first = D("2026-03-02")
    assert dk.counted_days(first, D("2026-03-31")) == 0  # day 30: still the employer period
    assert dk.counted_days(first, D("2026-04-01")) == 1
    assert dk.counted_days(first, D("2026-09-01")) == 154  # exactly 22 weeks: not yet more
    assert dk.counted_days(first, D("2026-09-02")) == 155


# --- interrupted absences ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "periods", "params", "trigger", "reassessment"),
    [
        # A. Back at work in June. P1 2 Mar–31 May; employer period 2–31 Mar, so P1 counts
        # April + May = 61 days. P2 from 1 Jul must add 94: Jul → 31, Aug → 62, Sep → 92,
        # 2 Oct → 94. Window at 2 Oct starts 3 Jan 2026, so all of P1 is in it.
        (
            "2026-03-02",
            [("2026-03-02", "2026-05-31"), ("2026-07-01", None)],
            {},
            "2026-10-02",
            "2026-10-31",
        ),
        # B. Old payments fall out of the window. P1 5 Jan–30 Jun counts 4 Feb–30 Jun = 147
        # days; P2 from 1 Dec. Without a window, 8 days of P2 would pass 154 (8 Dec). But the
        # window ending on a December day starts in March, and while P1 slides out P2 comes in:
        # the count stays near 122. From 31 Mar 2027 the window starts 1 Jul 2026, P1 is gone,
        # and P2 alone reaches 155 on 1 Dec + 154 days = 4 May 2027.
        (
            "2026-01-05",
            [("2026-01-05", "2026-06-30"), ("2026-12-01", None)],
            {},
            "2027-05-04",
            "2027-05-31",
        ),
        # C. Periods that touch are one continuous absence.
        (
            "2026-03-02",
            [("2026-03-02", "2026-04-30"), ("2026-05-01", "2026-06-15"), ("2026-06-16", None)],
            {},
            "2026-09-02",
            "2026-09-30",
        ),
        # D. Only the municipal benefit recorded (from day 31): the same as continuous.
        ("2026-03-02", [("2026-04-01", None)], {}, "2026-09-02", "2026-09-30"),
        # E. Self-employed: 2 weeks not counted. Counting from 16 Mar: Mar → 16, Apr → 46,
        # May → 77, Jun → 107, Jul → 138, 17 Aug → 155.
        ("2026-03-02", None, {"insured_group": "self_employed"}, "2026-08-17", "2026-08-31"),
        # F. § 25: more than 26 weeks (183 days) in 12 months. From 1 Apr: Apr → 30, May → 61,
        # Jun → 91, Jul → 122, Aug → 153, Sep → 183 on 30 Sep.
        ("2026-03-02", None, {"section_25": True}, "2026-09-30", "2026-09-30"),
        # G. A new employer period for each absence (configurable reading): as A, but 1–30 Jul
        # is left out too. P2 counts from 31 Jul: Aug 31 → 32, Sep → 62, Oct → 93, 1 Nov → 94.
        (
            "2026-03-02",
            [("2026-03-02", "2026-05-31"), ("2026-07-01", None)],
            {"employer_period_each_absence": True},
            "2026-11-01",
            "2026-11-30",
        ),
    ],
)
def test_reassessment_of_an_interrupted_absence(first, periods, params, trigger, reassessment):
    periods = None if periods is None else [(D(s), D(e) if e else None) for s, e in periods]
    assert dk.reassessment_trigger(D(first), periods, params=params) == D(trigger)
    assert dk.reassessment(D(first), periods, params=params) == D(reassessment)


def test_no_reassessment_when_the_payments_stop_short_of_22_weeks():
    first = D("2026-03-02")
    # 30 employer days + 154 counted days: exactly 22 weeks, not more.
    exactly = [(first, first + dt.timedelta(days=183))]
    assert dk.reassessment(first, exactly) is None
    assert dk.reassessment(first, [(first, first + dt.timedelta(days=184))]) == D("2026-09-30")
    assert dk.reassessment(first, [(first, D("2026-03-20"))]) is None  # inside employer period
    assert dk.reassessment(first, []) is None
    assert not any(m.id == "dk.reassessment" for m in milestones("dk", first, exactly))


def test_the_same_day_count_spread_over_two_years_never_triggers():
    # 100 counted days, a year off, then 100 more: never more than 154 in any 9-month window.
    first = D("2026-01-05")
    periods = [(first, first + dt.timedelta(days=129)), (D("2027-06-01"), D("2027-09-08"))]
    assert dk.reassessment(first, periods) is None


def test_reduced_benefit_counts_in_full():
    # The engine sees paid days, not amounts: half-time benefit in a period is a whole paid day.
    first = D("2026-03-02")
    assert dk.reassessment(first, [PaidPeriod(first)]) == dk.reassessment(first)


def test_absences_before_the_2014_reform_are_refused():
    with pytest.raises(OutsideRules, match="start on 2014-07-01"):
        milestones("dk", D("2014-06-30"))
    with pytest.raises(OutsideRules):
        dk.reassessment(D("2014-06-30"))


# --- municipal follow-up and the employer ------------------------------------------------------


def test_first_followup_is_due_at_the_end_of_week_8():
    assert dk.first_followup_due(D("2026-03-02")) == D("2026-04-26")  # 2 Mar + 55 days
    assert dk.first_followup_due(D("2028-01-10")) == D("2028-03-05")  # via 29 Feb 2028


def test_current_rule_four_followups_in_the_first_six_months():
    windows = dk.followup_windows(D("2026-03-02"))
    assert [(w.number, w.opens, w.due) for w in windows] == [
        (1, D("2026-03-02"), D("2026-04-26")),
        (2, D("2026-03-02"), D("2026-09-01")),
        (3, D("2026-03-02"), D("2026-09-01")),
        (4, D("2026-03-02"), D("2026-09-01")),
    ]
    ids = {m.id: m.date for m in milestones("dk", D("2026-03-02"))}
    assert ids["dk.first_followup_due"] == D("2026-04-26")
    assert ids["dk.followups_first_six_months"] == D("2026-09-01")
    assert "dk.followup_2" not in ids


def test_2014_model_follows_up_every_four_weeks():
    # 6 Jan 2020 is before the (configurable) change date: weeks 8, 12, 16, 20, 24 = first + 55,
    # 83, 111, 139, 167. The first six months end on 5 Jul 2020; week 28 (+195, 19 Jul) is past.
    first = D("2020-01-06")
    windows = dk.followup_windows(first)
    assert [w.due for w in windows] == [
        D("2020-03-01"),
        D("2020-03-29"),
        D("2020-04-26"),
        D("2020-05-24"),
        D("2020-06-21"),
    ]
    assert windows[1].opens == D("2020-03-02")
    found = {m.id: m for m in milestones("dk", first)}
    assert found["dk.followup_5"].date == D("2020-06-21")
    assert "reglerne fra 2014" in found["dk.first_followup_due"].legal_ref
    assert "dk.followups_first_six_months" not in found


def test_the_followup_rule_change_date_is_configurable():
    first = D("2020-01-06")
    params = {"current_followup_rule_from": D("2020-01-01")}
    assert len(dk.followup_windows(first, params)) == 4
    ids = {m.id for m in milestones("dk", first, params=params)}
    assert "dk.followups_first_six_months" in ids
    assert "dk.followup_2" not in ids


def test_category_1_leaves_the_followup_to_the_municipality():
    params = {"followup_category": 1}
    assert dk.followup_windows(D("2026-03-02"), params) == []
    ids = {m.id for m in milestones("dk", D("2026-03-02"), params=params)}
    assert not any(i.startswith("dk.follow") or i == "dk.first_followup_due" for i in ids)
    assert "dk.reassessment" in ids


def test_employer_instruments():
    first = D("2026-03-02")
    assert dk.employer_absence_interview(first) == D("2026-03-29")  # 2 Mar + 27: end of week 4
    assert dk.retention_plan_window(first) == (first, D("2026-04-26"))
    assert dk.early_followup_due(D("2026-05-04")) == D("2026-05-17")  # + 13: end of week 2
    assert {i.id for i in dk.EMPLOYER_INSTRUMENTS} == {
        "absence_interview",
        "retention_plan",
        "possibility_statement",
        "friattest",
        "sworn_statement",
    }


def test_friattest_timing_is_a_configurable_default_with_no_milestone():
    first = D("2026-03-02")
    assert "dk.friattest_may_be_requested" not in {m.id for m in milestones("dk", first)}
    found = {
        m.id: m.date for m in milestones("dk", first, params={"friattest_from_absence_day": 4})
    }
    assert found["dk.friattest_may_be_requested"] == D("2026-03-05")


@pytest.mark.parametrize(
    "params",
    [
        {"followup_category": 4},
        {"insured_group": "freelancer"},
        {"current_followup_rule_from": D("2014-01-01")},
        {"job_clarification_course_months": 0},
        {"no_such_rule": 1},
    ],
)
def test_bad_danish_params_are_refused(params):
    with pytest.raises(InvalidParams):
        milestones("dk", D("2026-03-02"), params=params)


# --- § 27 extension grounds, § 24 a job clarification --------------------------------------------


def test_seven_extension_grounds_as_data():
    grounds = dk.EXTENSION_GROUNDS
    assert [g.number for g in grounds] == [1, 2, 3, 4, 5, 6, 7]
    assert {g.number: g.max_weeks for g in grounds} == {
        1: None,
        2: 69,
        3: 134,
        4: None,
        5: None,
        6: None,
        7: None,
    }
    assert {g.number for g in grounds if g.medical_evidence} == {3, 5}
    assert all(g.legal_ref.startswith("Sygedagpengeloven § 27, stk. 1, nr.") for g in grounds)
    with pytest.raises(ValueError):
        dk.extension_ground(8)


def test_extension_maximum_counts_from_the_reassessment_date():
    reassessment = D("2026-09-30")
    # 69 weeks = 483 days after 30 Sep 2026 = 26 Jan 2028.
    assert dk.extension_max_end(2, reassessment) == D("2028-01-26")
    # 134 weeks = 938 days = 25 Apr 2029; 30 days of hospital waiting time are not counted.
    assert dk.extension_max_end(3, reassessment) == D("2029-04-25")
    assert dk.extension_max_end(3, reassessment, hospital_waiting_days=30) == D("2029-05-25")
    assert dk.extension_max_end(5, reassessment) is None
    with pytest.raises(ValueError):
        dk.extension_max_end(2, reassessment, hospital_waiting_days=10)


def test_job_clarification_follows_the_reassessment():
    found = {m.id: m for m in milestones("dk", D("2026-03-02"))}
    assert found["dk.job_clarification_start"].date == D("2026-10-01")  # day after 30 Sep
    # Rehabilitation team within 4 weeks of referral: 1 Oct + 27 = 28 Oct.
    assert found["dk.rehabilitation_team_due"].date == D("2026-10-28")
    assert found["dk.rehabilitation_team_due"].opens == D("2026-10-01")
    assert dk.job_clarification_course_end(D("2026-10-01")) == D("2028-09-30")
    assert (
        dk.job_clarification_course_end(D("2026-10-01"), {"job_clarification_course_months": None})
        is None
    )


def test_reassessment_explains_itself_in_plain_words():
    found = {m.id: m for m in milestones("dk", D("2026-03-02"))}
    text = str(found["dk.reassessment"].explanation)
    assert "not from anyone's judgement of you" in text
    assert found["dk.reassessment"].actor == "municipality"
    assert found["dk.employer_absence_interview"].actor == "employer"


# --- properties ----------------------------------------------------------------------------------

firsts = st.dates(dt.date(2014, 7, 1), dt.date(2040, 12, 31))


@st.composite
def histories(draw, max_periods: int = 5):
    """A first absence day and valid paid periods: in order, not overlapping, maybe one open."""
    first = draw(firsts)
    periods: list[PaidPeriod] = []
    start = first + dt.timedelta(days=draw(st.integers(0, 40)))
    for _ in range(draw(st.integers(0, max_periods))):
        length = draw(st.integers(1, 220))
        end = start + dt.timedelta(days=length - 1)
        periods.append(PaidPeriod(start, end))
        start = end + dt.timedelta(days=1 + draw(st.integers(0, 250)))
    if draw(st.booleans()):
        periods.append(PaidPeriod(start))
    return first, periods


def _oracle(first: dt.date, periods: list[PaidPeriod]) -> dt.date | None:
    """The § 24 rule read literally, day by day, with its own month arithmetic."""

    def nine_months_before(day: dt.date) -> dt.date:
        year, month = day.year, day.month
        for _ in range(9):
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

    last = max([first, *(d for p in periods for d in (p.start, p.end) if d)]) + dt.timedelta(400)
    days = (last - first).days + 1
    flags = [0] * days
    for p in periods:
        stop = p.end or last
        for i in range((p.start - first).days, (stop - first).days + 1):
            flags[i] = 1 if i >= 30 else 0  # days 1–30: the employer period
    prefix = [0]
    for f in flags:
        prefix.append(prefix[-1] + f)
    for i in range(days):
        day = first + dt.timedelta(days=i)
        start = max(0, (nine_months_before(day + DAY) - first).days)
        if prefix[i + 1] - prefix[start] > 154:
            return last_day_of_month(day)
    return None


@settings(max_examples=150, deadline=None)
@given(histories())
def test_reassessment_agrees_with_a_day_by_day_reading_of_the_law(history):
    first, periods = history
    assert dk.reassessment(first, periods) == _oracle(first, periods)


@settings(deadline=None)
@given(histories())
def test_reassessment_is_always_the_last_day_of_a_month(history):
    first, periods = history
    date = dk.reassessment(first, periods)
    if date is not None:
        assert date == last_day_of_month(date)
        assert date >= dk.reassessment_trigger(first, periods) >= first


@settings(deadline=None)
@given(histories(), st.data())
def test_adding_a_paid_period_never_moves_the_reassessment_later(history, data):
    first, periods = history
    if not periods:
        return
    dropped = data.draw(st.integers(0, len(periods) - 1))
    fewer = periods[:dropped] + periods[dropped + 1 :]
    never = dt.date.max
    assert (dk.reassessment(first, periods) or never) <= (dk.reassessment(first, fewer) or never)


@given(firsts)
def test_a_continuous_absence_is_reassessed_at_the_end_of_the_month_of_day_185(first):
    trigger = first + dt.timedelta(days=184)
    assert dk.reassessment_trigger(first) == trigger
    assert dk.reassessment(first) == last_day_of_month(trigger)
    assert dk.reassessment(first, [PaidPeriod(first)]) == last_day_of_month(trigger)


@given(firsts, st.integers(1, 300))
def test_splitting_a_continuous_absence_into_touching_periods_changes_nothing(first, cut):
    split = first + dt.timedelta(days=cut)
    periods = [PaidPeriod(first, split - DAY), PaidPeriod(split)]
    assert dk.reassessment(first, periods) == dk.reassessment(first)
