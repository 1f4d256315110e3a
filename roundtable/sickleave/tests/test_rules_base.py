"""The rules engine's shared pieces: date arithmetic, paid periods, rule versions, parameters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.sickleave.rules import base
from roundtable.sickleave.rules.base import (
    Absence,
    InvalidAbsence,
    InvalidParams,
    Jurisdiction,
    PaidPeriod,
    Rule,
    UnknownJurisdiction,
    add_months,
    check_rule_versions,
    day_n,
    end_of_first_months,
    end_of_week,
    get_jurisdiction,
    jurisdiction_codes,
    last_day_of_month,
    rules_in_force,
)

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),  # clamped to February's last day
        ("2028-01-31", 1, "2028-02-29"),  # leap year
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-12-01", -9, "2026-03-01"),
        ("2026-03-02", 6, "2026-09-02"),
        ("2026-11-15", 3, "2027-02-15"),  # across the year end
        ("2026-02-15", -14, "2024-12-15"),
        ("2028-02-29", 12, "2029-02-28"),
    ],
)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day, months, expected):
    assert add_months(D(day), months) == D(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-02-10", "2026-02-28"),
        ("2028-02-01", "2028-02-29"),
        ("2100-02-01", "2100-02-28"),  # divisible by 100, not by 400: no leap day
        ("2000-02-01", "2000-02-29"),
        ("2026-12-31", "2026-12-31"),
    ],
)
def test_last_day_of_month(day, expected):
    assert last_day_of_month(D(day)) == D(expected)


def test_day_and_week_numbering_counts_the_first_day_as_day_1():
    first = D("2026-03-02")
    assert day_n(first, 1) == first
    assert day_n(first, 30) == D("2026-03-31")  # 2 March + 29 days
    assert end_of_week(first, 1) == D("2026-03-08")  # 2 + 6
    assert end_of_week(first, 8) == D("2026-04-26")  # 2 March + 55 days
    with pytest.raises(ValueError):
        day_n(first, 0)
    with pytest.raises(ValueError):
        end_of_week(first, 0)


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("2026-03-02", "2026-09-01"),
        ("2026-01-01", "2026-06-30"),
        ("2026-08-31", "2027-02-27"),  # 31 Aug + 6 months clamps to 28 Feb; the day before
        ("2027-08-31", "2028-02-28"),  # leap year: 29 Feb, the day before
    ],
)
def test_end_of_the_first_six_months(first, expected):
    assert end_of_first_months(D(first), 6) == D(expected)


@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)), st.integers(1, 200))
def test_end_of_week_n_is_7n_minus_1_days_after_day_1(first, n):
    assert (end_of_week(first, n) - first).days == 7 * n - 1


@given(st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)), st.integers(-600, 600))
def test_add_months_moves_whole_months_and_never_past_the_month_end(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, last_day_of_month(moved).day)


# --- paid periods and absences -------------------------------------------------------------------


def test_a_paid_period_cannot_end_before_it_starts():
    with pytest.raises(InvalidAbsence, match="ends .* before it starts"):
        PaidPeriod(D("2026-03-10"), D("2026-03-09"))


def test_a_one_day_paid_period_is_fine():
    assert PaidPeriod(D("2026-03-10"), D("2026-03-10")).length() == 1


def test_a_datetime_is_not_a_day():
    with pytest.raises(InvalidAbsence, match="must be a date"):
        PaidPeriod(dt.datetime(2026, 3, 10, 12, 0))
    with pytest.raises(InvalidAbsence, match="must be a date"):
        Absence(dt.datetime(2026, 3, 10, 12, 0))


def test_paid_period_prints_as_the_cli_writes_it():
    assert str(PaidPeriod(D("2026-03-02"), D("2026-04-30"))) == "2026-03-02:2026-04-30"
    assert str(PaidPeriod(D("2026-03-02"))) == "2026-03-02:"


P1 = (D("2026-03-02"), D("2026-04-30"))
P2 = (D("2026-06-01"), D("2026-07-31"))


@pytest.mark.parametrize(
    ("periods", "as_of", "message"),
    [
        ([P2, P1], None, "out of order"),
        ([P1, (D("2026-04-30"), D("2026-05-10"))], None, "overlap"),
        ([P1, (D("2026-04-01"), D("2026-05-10"))], None, "overlap"),
        ([(D("2026-03-02"), None), P2], None, "overlap"),  # an open period must be the last
        ([(D("2026-03-01"), D("2026-03-20"))], None, "before the first absence day"),
        ([P1, P2], D("2026-05-01"), "starts after the as-of day"),
        (None, D("2026-03-01"), "as-of day 2026-03-01 is before the first absence day"),
    ],
)
def test_invalid_absences_are_refused_with_one_plain_sentence(periods, as_of, message):
    with pytest.raises(InvalidAbsence, match=message) as caught:
        Absence.of(D("2026-03-02"), periods, as_of)
    assert "\n" not in str(caught.value)


def test_adjacent_periods_are_not_an_overlap():
    absence = Absence.of(D("2026-03-02"), [P1, (D("2026-05-01"), None)])
    assert absence.nth_day(61) == D("2026-05-01")  # P1 has 30 + 30 = 60 days


def test_nth_day_of_an_interrupted_absence_skips_the_gaps():
    # P1: 2 March – 30 April = 30 + 30 = 60 days; P2 starts 1 June.
    absence = Absence.of(D("2026-03-02"), [P1, P2])
    assert absence.nth_day(60) == D("2026-04-30")
    assert absence.nth_day(61) == D("2026-06-01")
    assert absence.nth_day(121) == D("2026-07-31")  # P2 has 61 days: 60 + 61
    assert absence.nth_day(122) is None  # nothing paid after P2
    assert absence.end_of_nth_week(9) == D("2026-06-03")  # day 63 = P2's 3rd day


def test_a_continuous_absence_is_one_open_period_from_the_first_day():
    absence = Absence.of(D("2026-03-02"))
    assert absence.periods == (PaidPeriod(D("2026-03-02")),)
    assert absence.nth_day(365) == D("2027-03-01")


def test_an_absence_is_a_value():
    a = Absence.of(D("2026-03-02"), [P1, P2])
    b = Absence.of(D("2026-03-02"), [PaidPeriod(*P1), PaidPeriod(*P2)])
    assert a == b and hash(a) == hash(b)


# --- rule versions and the registry -------------------------------------------------------------


def _nothing(absence, params):
    return []


def test_the_version_in_force_on_the_day_is_used():
    old = Rule("x.rule", _nothing, effective_to=D("2019-12-31"))
    new = Rule("x.rule", _nothing, effective_from=D("2020-01-01"))
    check_rule_versions([old, new])
    assert rules_in_force([old, new], D("2019-12-31")) == [old]
    assert rules_in_force([old, new], D("2020-01-01")) == [new]


def test_a_rule_not_yet_in_force_drops_out():
    later = Rule("x.rule", _nothing, effective_from=D("2018-07-01"))
    assert rules_in_force([later], D("2018-06-30")) == []


def test_two_versions_in_force_on_one_day_are_refused():
    with pytest.raises(ValueError, match="two versions of rule x.rule"):
        check_rule_versions(
            [
                Rule("x.rule", _nothing, effective_to=D("2020-01-01")),
                Rule("x.rule", _nothing, effective_from=D("2020-01-01")),
            ]
        )


def test_a_rule_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends before it starts"):
        check_rule_versions(
            [Rule("x.rule", _nothing, effective_from=D("2020-01-02"), effective_to=D("2020-01-01"))]
        )


@dataclass(frozen=True)
class _Params:
    weeks: int = 4
    since: dt.date = dt.date(2020, 1, 1)
    optional: int | None = None


_TOY: Jurisdiction[_Params] = Jurisdiction("xx", "Toy", _Params, lambda p: ())


def test_params_default_and_override():
    assert _TOY.resolve_params(None) == _Params()
    assert _TOY.resolve_params({"weeks": 6}).weeks == 6
    assert _TOY.resolve_params({"optional": 3}).optional == 3
    ready = _Params(weeks=2)
    assert _TOY.resolve_params(ready) is ready


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"wekes": 6}, "unknown xx parameter"),
        ({"weeks": "6"}, "must be a int"),
        ({"weeks": True}, "must be a int"),
        ({"since": "2020-01-01"}, "must be a date"),
        ([("weeks", 6)], "must be a mapping"),
    ],
)
def test_bad_params_are_refused(params, message):
    with pytest.raises(InvalidParams, match=message):
        _TOY.resolve_params(params)


def test_the_registry_knows_the_three_jurisdictions():
    assert jurisdiction_codes() == ["dk", "no", "se"]
    assert get_jurisdiction("dk").code == "dk"
    with pytest.raises(UnknownJurisdiction, match="choose one of dk, no, se"):
        get_jurisdiction("fi")


def test_a_code_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="already registered"):
        base.register(Jurisdiction("dk", "Other Denmark", _Params, lambda p: ()))
