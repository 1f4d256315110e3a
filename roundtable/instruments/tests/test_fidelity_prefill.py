"""Pre-filling an IPS fidelity review from figures: pure functions, table-driven against the
anchors of instruments.md §1 and with hypothesis (a suggestion is 1-5 and never gets worse as
the figure gets better)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from roundtable.instruments.fidelity_prefill import (
    DEFAULT_LADDERS,
    Ladder,
    ServiceFigure,
    TeamFigures,
    ladders,
    prefill,
    rating_for,
)

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


def figures(**values) -> TeamFigures:
    return TeamFigures(team="Team Alpha", start=START, end=END, **values)


@pytest.mark.parametrize(
    ("per_specialist", "rating"),
    [(0, 5), (12, 5), (20, 5), (21, 4), (25, 4), (25.5, 3), (30, 3), (31, 2), (40, 2), (41, 1)],
)
def test_caseload_anchors_follow_the_published_scale(per_specialist, rating):
    assert rating_for(per_specialist, DEFAULT_LADDERS["S1"]) == rating


@pytest.mark.parametrize(
    ("percent", "rating"),
    [(100, 5), (96, 5), (95, 4), (90, 4), (89, 3), (75, 3), (74, 2), (60, 2), (59.9, 1), (0, 1)],
)
def test_employment_time_anchors_follow_the_published_scale(percent, rating):
    assert rating_for(percent, DEFAULT_LADDERS["S2"]) == rating


@pytest.mark.parametrize(
    ("days", "rating"), [(0, 5), (30, 5), (31, 4), (60, 4), (90, 3), (120, 2), (121, 1)]
)
def test_rapid_search_gives_5_for_a_first_employer_contact_within_30_days(days, rating):
    assert rating_for(days, DEFAULT_LADDERS["SV4"]) == rating


@pytest.mark.parametrize(("per_week", "rating"), [(7, 5), (6, 5), (5.9, 4), (2, 3), (1, 2), (0, 1)])
def test_employer_contact_gives_5_for_six_face_to_face_contacts_a_week(per_week, rating):
    assert rating_for(per_week, DEFAULT_LADDERS["SV6"]) == rating


@given(
    code=st.sampled_from(sorted(DEFAULT_LADDERS)),
    first=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    second=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
)
def test_a_suggestion_is_1_to_5_and_monotone_in_the_figure(code, first, second):
    ladder = DEFAULT_LADDERS[code]
    low, high = sorted((first, second))
    low_rating, high_rating = rating_for(low, ladder), rating_for(high, ladder)
    assert 1 <= low_rating <= 5 and 1 <= high_rating <= 5
    if ladder.higher_is_better:
        assert low_rating <= high_rating
    else:
        assert low_rating >= high_rating


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_any_figure_at_all_gives_a_rating_from_1_to_5(figure):
    for ladder in DEFAULT_LADDERS.values():
        assert 1 <= rating_for(figure, ladder) <= 5


def test_a_deployment_replaces_the_unverified_cut_points():
    replaced = ladders({"SV6": [8, 6, 4, 2]})
    assert replaced["SV6"].cuts == (8, 6, 4, 2)
    assert rating_for(7, replaced["SV6"]) == 4
    assert replaced["S1"] == DEFAULT_LADDERS["S1"]


def test_cut_points_out_of_order_are_refused():
    with pytest.raises(ValueError, match="not in order"):
        Ladder((1, 2, 3, 4), higher_is_better=True)
    with pytest.raises(ValueError, match="not in order"):
        ladders({"S1": [40, 30, 25, 20]})


def test_caseload_says_the_figure_and_the_courses_it_comes_from():
    with translation.override("en"):
        found = prefill(
            figures(active_courses=14, specialist_fractions=(1.0,)),
            specialists=("employment specialist", "employment specialists"),
        )["S1"]
    assert found.suggestion == 5
    assert "14 active courses" in found.figure
    assert "1.0 full-time equivalents of employment specialists" in found.figure
    assert "Courses of Team Alpha open between" in found.evidence
    assert found.verified_anchor


def test_part_time_specialists_carry_a_larger_caseload_each():
    found = prefill(
        figures(active_courses=26, specialist_fractions=(0.5, 0.5)),
        specialists=("specialist", "specialists"),
    )["S1"]
    # Two half-time specialists are one full-time post: 26 courses each, the 26-30 band.
    assert found.suggestion == 3


def test_time_on_employment_services_is_the_mean_part_time_fraction():
    found = prefill(
        figures(specialist_fractions=(1.0, 0.8)), specialists=("specialist", "specialists")
    )["S2"]
    assert found.suggestion == 4  # 90%
    assert "90%" in found.figure


def test_a_team_without_specialists_gets_no_caseload_suggestion():
    found = prefill(figures(active_courses=5), specialists=("specialist", "specialists"))
    assert found["S1"].suggestion is None
    assert found["S2"].suggestion is None


def test_team_assignment_and_frequent_contact_come_from_courses_and_meetings():
    found = prefill(
        figures(active_courses=10, courses_with_both=9, meetings_held=27, plan_versions=4),
        specialists=("specialist", "specialists"),
    )
    assert found["O1"].suggestion == 5  # 90%
    # 27 meetings / 10 courses / ~2.96 months = 0.91 per course per month.
    assert found["O2"].suggestion == 4
    assert "4 shared records" in found["O2"].figure


@pytest.mark.parametrize(
    ("open_door", "without", "rating"), [(False, 0, 2), (True, 0, 4), (True, 2, 5)]
)
def test_zero_exclusion_reads_the_programme_and_the_referrals(open_door, without, rating):
    found = prefill(
        figures(
            referrals=6, referrals_without_sick_leave=without, entry_without_sick_leave=open_door
        ),
        specialists=("specialist", "specialists"),
    )["O6"]
    assert found.suggestion == rating


@pytest.mark.parametrize("code", ["SV4", "SV6", "SV8", "SV9", "SV10", "SV12", "SV13"])
def test_without_job_records_the_item_says_so_and_suggests_nothing(code):
    with translation.override("en"):
        found = prefill(
            figures(active_courses=10, specialist_fractions=(1.0,)),
            specialists=("specialist", "specialists"),
        )[code]
    assert found.suggestion is None
    assert found.figure == "No records in the period."
    assert "none recorded" in found.evidence


def test_planned_contacts_marked_done_are_mentioned_but_do_not_fill_rapid_search():
    with translation.override("en"):
        found = prefill(
            figures(done_planned_contacts=3), specialists=("specialist", "specialists")
        )["SV4"]
    assert found.suggestion is None
    assert "3 planned employer contacts are marked done" in found.evidence


def test_job_records_fill_the_services_items_when_they_exist():
    service = {
        "SV4": ServiceFigure(20, 3, "People referred in the period."),
        "SV6": ServiceFigure(4.7, 120, "The employer contact log."),
        "SV8": ServiceFigure(8, 10, "Job starts."),  # 8 job types among 10 starts: 80%
        "SV9": ServiceFigure(9, 10, "Job starts."),
        "SV10": ServiceFigure(100.0, 10, "Job starts."),
        "SV12": ServiceFigure(100.0, 6, "Job starts and follow-along."),
        "SV13": ServiceFigure(45.0, 40, "Contacts by where they took place."),
    }
    with translation.override("en"):
        found = prefill(
            figures(active_courses=12, specialist_fractions=(1.0, 1.0), service=service),
            specialists=("specialist", "specialists"),
        )
    assert found["SV4"].suggestion == 5  # a median of 20 days
    assert found["SV6"].suggestion == 4
    assert found["SV6"].evidence == "The employer contact log."
    assert found["SV8"].suggestion == 4
    assert "8 job types among 10 job starts (80%)" in found["SV8"].figure
    assert found["SV9"].suggestion == 5
    assert found["SV10"].suggestion == 5
    assert found["SV12"].suggestion == 5
    assert found["SV13"].suggestion == 3


def test_a_services_figure_without_records_keeps_its_description_as_evidence():
    service = {"SV6": ServiceFigure(None, 0, "From the employer contact log.")}
    with translation.override("en"):
        found = prefill(figures(service=service), specialists=("specialist", "specialists"))
    assert found["SV6"].suggestion is None
    assert found["SV6"].evidence.endswith("From the employer contact log.")
