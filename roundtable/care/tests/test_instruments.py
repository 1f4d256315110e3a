"""Symptom instruments: known ranges, free instruments, names however they are typed."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.care.instruments import (
    KNOWN_INSTRUMENTS,
    instrument_name,
    known_instrument,
    symptom_score_problems,
)


@pytest.mark.parametrize(
    ("name", "score", "ok"),
    [
        ("PHQ-9", 0, True),
        ("PHQ-9", 27, True),
        ("PHQ-9", 28, False),
        ("phq9", 12, True),
        ("GAD-7", 21, True),
        ("GAD-7", 22, False),
        ("WSAS", 40, True),
        ("WSAS", 41, False),
        ("WSAS", -1, False),
        ("BDI-II", 63, True),
        ("PHQ-9", Decimal("4.5"), False),
        ("Own stress scale", Decimal("3.25"), True),
        ("Own stress scale", 0, True),
        ("Own stress scale", -1, False),
        ("Own stress scale", Decimal("1.234"), False),
        ("", 3, False),
        ("PHQ-9", None, False),
        ("PHQ-9", "many", False),
        ("PHQ-9", "NaN", False),
        ("x" * 41, 1, False),
    ],
)
def test_scores_are_checked_against_the_instrument(name, score, ok):
    assert (symptom_score_problems(name, score) == []) is ok


def test_known_instruments_are_stored_in_their_own_spelling():
    assert instrument_name(" phq 9 ") == "PHQ-9"
    assert instrument_name("gad7") == "GAD-7"
    assert instrument_name("  My   scale ") == "My scale"
    assert known_instrument("Own scale") is None


@given(st.sampled_from(KNOWN_INSTRUMENTS), st.integers(min_value=-100, max_value=200))
def test_a_known_instrument_accepts_exactly_its_range(instrument, score):
    accepted = symptom_score_problems(instrument.name, score) == []
    assert accepted == (instrument.minimum <= score <= instrument.maximum)


@given(st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False))
def test_a_free_instrument_accepts_any_score_of_zero_or_more(score):
    assert (symptom_score_problems("Team's own scale", score) == []) == (score >= 0)
