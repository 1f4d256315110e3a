"""Pure functions of the joint plan: the ramp's checks, text normalisation, what a reader sees,
and comparing two versions (table-driven and with hypothesis)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.core.data_classes import DataClass
from roundtable.plans.content import (
    RampRow,
    build_snapshot,
    compare_snapshots,
    normalise_goal_text,
    ramp_problems,
    ramp_weeks,
    visible_snapshot,
    weekly_hours,
)

START = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([RampRow(Decimal(3), 3), RampRow(Decimal(4), 4)], []),
        ([RampRow(Decimal("7.4"), 5)], []),  # exactly 37 hours
        ([RampRow(Decimal("7.5"), 5)], ["more than the maximum"]),
        ([RampRow(Decimal(4), 4), RampRow(Decimal(4), 3)], ["fewer hours"]),
        ([RampRow(Decimal(4), 4), RampRow(Decimal(4), 3, note="Sick child")], []),
        ([RampRow(Decimal(3), 0)], ["days per week"]),
        ([RampRow(Decimal(30), 1)], ["hours per day"]),
    ],
)
def test_ramp_problems(rows, expected):
    problems = ramp_problems(rows, start=START, max_weekly=37)
    assert len(problems) == len(expected)
    for problem, words in zip(problems, expected, strict=True):
        assert words in problem


def test_a_ramp_needs_a_start_date():
    assert "first day" in ramp_problems([RampRow(Decimal(3), 3)], start=None, max_weekly=37)[0]


rows = st.lists(
    st.builds(
        RampRow,
        hours_per_day=st.decimals(min_value=0, max_value=24, places=2),
        days_per_week=st.integers(1, 7),
        note=st.sampled_from(["", "why"]),
    ),
    max_size=10,
)


@given(rows, st.integers(1, 80))
def test_every_week_over_the_maximum_is_named(ramp, maximum):
    problems = " ".join(ramp_problems(ramp, start=START, max_weekly=maximum))
    for week, row in enumerate(ramp, start=1):
        if row.weekly_hours > maximum:
            assert f"Week {week}: " in problems


@given(rows)
def test_a_ramp_that_never_drops_needs_no_notes(ramp):
    rising = sorted(ramp, key=lambda r: r.weekly_hours)
    problems = ramp_problems(rising, start=START, max_weekly=24 * 7)
    assert not any("fewer hours" in p for p in problems)


def test_ramp_weeks_start_a_week_apart():
    weeks = ramp_weeks(START, [{"hours_per_day": "3.5", "days_per_week": 2}] * 3)
    assert [w.starts_on for w in weeks] == [
        START,
        START + dt.timedelta(7),
        START + dt.timedelta(14),
    ]
    assert weeks[0].weekly_hours == weekly_hours(Decimal("3.5"), 2) == Decimal("7.00")
    assert weeks[0].hours_per_day_label == "3.5" and weeks[0].weekly_hours_label == "7"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Back to work at the bakery.", "back to work at the  bakery"),
        ("Tilbage på arbejde!", "tilbage pa arbejde"),
        ("Return-to-work, slowly", "return to work slowly"),
    ],
)
def test_copied_goals_normalise_to_the_same_text(a, b):
    assert normalise_goal_text(a) == normalise_goal_text(b)


def _snapshot(goals=(), overall="", care="", weeks=()):
    return build_snapshot(
        review_on=dt.date(2026, 5, 1),
        sections={"overall": overall, "care_manager": care},
        goals=[
            {
                "id": gid,
                "kind": "supporting",
                "owner_sector": "shared",
                "text": text,
                "target_date": None,
                "status": status,
                "decisions": [],
            }
            for gid, text, status in goals
        ],
        ramp_start=START,
        ramp=list(weeks),
    )


def test_a_reader_without_health_summary_never_sees_the_care_managers_section():
    snapshot = _snapshot(overall="Together", care="Therapy focus")
    view = visible_snapshot(snapshot, {DataClass.JOINT_PLAN, DataClass.VOCATIONAL})
    assert [s["kind"] for s in view["sections"]] == ["overall", "employment_consultant"]
    nothing = visible_snapshot(snapshot, set())
    assert nothing["sections"] == [] and nothing["goals"] == [] and nothing["ramp"]["weeks"] == []


def test_compare_finds_goals_added_removed_changed_and_text_and_ramp_differences():
    old = _snapshot(
        goals=[("1", "Sleep well", "in_progress"), ("2", "Walk the dog", "not_started")],
        overall="Short days first.",
        weeks=[RampRow(Decimal(3), 3)],
    )
    new = _snapshot(
        goals=[("1", "Sleep well", "reached"), ("3", "Find a new job", "not_started")],
        overall="Short days first, then longer.",
        weeks=[RampRow(Decimal(3), 3), RampRow(Decimal(4), 4)],
    )
    result = compare_snapshots(old, new)
    assert [g["text"] for g in result.goals_added] == ["Find a new job"]
    assert [g["text"] for g in result.goals_removed] == ["Walk the dog"]
    assert [c.fields for c in result.goals_changed] == [("status",)]
    [section] = result.sections
    assert section.kind == "overall"
    assert ("insert", "first, then longer.") in section.segments
    assert [(r.week, r.before) for r in result.ramp] == [(2, None)]


def test_a_goal_pasted_again_with_a_new_id_is_the_same_goal():
    old = _snapshot(goals=[("1", "Back at work.", "not_started")])
    new = _snapshot(goals=[("9", "back at work", "not_started")])
    result = compare_snapshots(old, new)
    assert not result.goals_added and not result.goals_removed
    assert [c.fields for c in result.goals_changed] == [("text",)]


goal_lists = st.lists(
    st.tuples(
        st.sampled_from(["1", "2", "3", "4"]),
        st.sampled_from(["Sleep", "Walk", "Work", "Rest"]),
        st.sampled_from(["not_started", "reached"]),
    ),
    max_size=4,
    unique_by=lambda g: g[0],
)


@given(goal_lists, st.text(max_size=40))
def test_a_version_compared_with_itself_has_no_changes(goals, overall):
    snapshot = _snapshot(goals=goals, overall=overall)
    assert not compare_snapshots(snapshot, snapshot).has_changes


@given(goal_lists, goal_lists)
def test_every_goal_is_accounted_for_once(old_goals, new_goals):
    result = compare_snapshots(_snapshot(goals=old_goals), _snapshot(goals=new_goals))
    paired = len(new_goals) - len(result.goals_added)
    assert paired == len(old_goals) - len(result.goals_removed)
