"""The pure core: pseudonyms, generalised dates and k-anonymity, without the database."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.research.anonymise import (
    QUASI_IDENTIFIERS,
    SUPPRESSED,
    CourseFacts,
    pseudonym,
    quarter,
    research_table,
    suppress_small_cells,
)

KEY = "research-test-key"
TYPES = ("course_content", "return_to_work", "collaboration", "goals", "excluded")

facts_strategy = st.builds(
    CourseFacts,
    course_id=st.uuids(),
    team=st.sampled_from(["Team Alpha", "Team Beta", "Team Gamma"]),
    jurisdiction=st.sampled_from(["dk", "se", "no"]),
    diagnosis_group=st.sampled_from(["depression", "anxiety", "stress", "psychosis", "other"]),
    status=st.sampled_from(["referred", "active", "completed"]),
    referral_date=st.dates(dt.date(2020, 1, 1), dt.date(2021, 12, 31)),
    first_absence_day=st.dates(dt.date(2019, 6, 1), dt.date(2020, 1, 1)),
    first_meeting_day=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2022, 6, 1)),
    held_meetings=st.integers(0, 5),
    decisions_by_type=st.dictionaries(st.sampled_from(TYPES), st.integers(0, 25)),
    decisions_by_status=st.dictionaries(
        st.sampled_from(["made", "postponed", "excluded"]), st.integers(0, 25)
    ),
    citizen_agreed=st.none() | st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(facts_strategy, max_size=60), st.integers(1, 8))
def test_every_released_combination_is_shared_by_at_least_k_rows(facts, k):
    table = research_table(facts, key=KEY, k=k, decision_types=TYPES)
    counts = Counter(tuple(row[q] for q in QUASI_IDENTIFIERS) for row in table.rows)
    assert all(n >= k for n in counts.values())
    assert len(table.rows) + table.withheld == len(facts)


@settings(max_examples=100, deadline=None)
@given(st.lists(facts_strategy, max_size=40), st.integers(2, 8))
def test_no_released_row_holds_a_course_id_or_an_exact_date(facts, k):
    table = research_table(facts, key=KEY, k=k, decision_types=TYPES)
    ids = {str(f.course_id) for f in facts}
    for row in table.rows:
        assert set(row) == set(table.columns)
        text = " ".join(str(v) for v in row.values())
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
        assert not re.search(r"\d{4}-\d{2}(?!\d)", text.replace("-Q", "#"))
        assert not any(i in text for i in ids)


@settings(max_examples=100, deadline=None)
@given(st.lists(facts_strategy, max_size=40), st.integers(2, 8))
def test_small_aggregate_cells_are_suppressed(facts, k):
    table = research_table(facts, key=KEY, k=k, decision_types=TYPES)
    for cell in table.aggregates:
        assert cell["courses"] == SUPPRESSED or cell["courses"] >= k


@given(st.uuids())
def test_pseudonyms_are_stable_and_change_with_the_key(course_id):
    assert pseudonym(course_id, KEY) == pseudonym(course_id, KEY)
    assert pseudonym(course_id, KEY) != pseudonym(course_id, "another key")
    assert str(course_id) not in pseudonym(course_id, KEY)
    assert re.fullmatch(r"[0-9a-f]{20}", pseudonym(course_id, KEY))


def test_dates_become_quarters():
    assert quarter(dt.date(2025, 1, 1)) == "2025-Q1"
    assert quarter(dt.date(2025, 6, 30)) == "2025-Q2"
    assert quarter(dt.date(2025, 12, 31)) == "2025-Q4"


def _facts(diagnosis: str, team: str = "Team Alpha") -> CourseFacts:
    return CourseFacts(
        course_id=uuid.uuid4(),
        team=team,
        jurisdiction="dk",
        diagnosis_group=diagnosis,
        status="active",
        referral_date=dt.date(2025, 2, 10),
        first_absence_day=dt.date(2025, 1, 6),
        first_meeting_day=dt.date(2025, 3, 3),
    )


def test_a_group_of_k_keeps_everything():
    table = research_table(
        [_facts("anxiety") for _ in range(5)], key=KEY, k=5, decision_types=TYPES
    )
    rows, withheld = table.rows, table.withheld
    assert withheld == 0
    assert {(r["diagnosis_group"], r["referral_quarter"], r["team"]) for r in rows} == {
        ("anxiety", "2025-Q1", "Team Alpha")
    }
    assert {r["weeks_absence_to_first_meeting"] for r in rows} == {8}


def test_the_diagnosis_goes_first_then_the_quarter_then_the_team():
    mixed = [_facts("anxiety")] + [_facts("depression") for _ in range(4)]
    table = research_table(mixed, key=KEY, k=5, decision_types=TYPES)
    assert {(r["team"], r["diagnosis_group"], r["referral_quarter"]) for r in table.rows} == {
        ("Team Alpha", SUPPRESSED, "2025-Q1")
    }


def test_rows_that_stay_below_k_are_withheld():
    table = research_table(
        [_facts("anxiety") for _ in range(4)], key=KEY, k=5, decision_types=TYPES
    )
    assert table.rows == []
    assert table.withheld == 4
    assert table.withheld_cell == SUPPRESSED


def test_counts_from_one_to_k_minus_one_are_suppressed_zero_is_kept():
    cells = suppress_small_cells({("a",): 0, ("b",): 1, ("c",): 4, ("d",): 5}, 5)
    assert cells == {("a",): 0, ("b",): SUPPRESSED, ("c",): SUPPRESSED, ("d",): 5}


def test_a_first_meeting_before_the_first_absence_day_is_counted_not_negative():
    early = [_facts("anxiety") for _ in range(5)]
    early[0] = CourseFacts(**{**early[0].__dict__, "first_meeting_day": dt.date(2024, 12, 16)})
    table = research_table(early, key=KEY, k=5, decision_types=TYPES)
    weeks = [r["weeks_absence_to_first_meeting"] for r in table.rows]
    assert sorted(weeks, key=lambda w: w is None) == [8, 8, 8, 8, None]
    assert table.meeting_before_absence == 1
    assert table.meeting_before_absence_cell == SUPPRESSED  # one course: a small cell


@given(st.lists(facts_strategy, min_size=1, max_size=12))
@settings(max_examples=50, deadline=None)
def test_no_week_count_is_negative(facts):
    table = research_table(facts, key=KEY, k=1, decision_types=TYPES)
    weeks = [r["weeks_absence_to_first_meeting"] for r in table.rows]
    assert all(w is None or w >= 0 for w in weeks)
