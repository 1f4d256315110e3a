"""Instrument scoring against the worked examples of instruments.md, and by property."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from roundtable.instruments import scoring


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (125, "exemplary"),
        (115, "exemplary"),
        (114, "good"),
        (100, "good"),
        (99, "fair"),
        (74, "fair"),
        (73, "not"),
        (42, "not"),
        (25, "not"),
    ],
)
def test_ips25_bands_at_their_edges(total, band):
    assert scoring.ips25_band(total) == band


def test_the_swedish_teams_fidelity_story_scores_as_published():
    # The joint team at 6 months: 102 (good); at 12: 108; clinicians alone 42, specialists 91.
    six_months = [4] * 25
    six_months[:2] = [5, 5]  # 4*25 + 2 = 102
    result = scoring.ips25(six_months)
    assert (result.total, result.band) == (102, "good")
    assert result.sections == {"staffing": 14, "organisation": 32, "services": 56}
    assert scoring.ips25([2] * 17 + [1] * 8).band == "not"  # 42
    assert scoring.ips25([4] * 16 + [3] * 9).band == "fair"  # 91


def test_option12_worked_rows_raw_8_and_32():
    assert round(scoring.option12([2, 2, 2, 2] + [0] * 8)) == 17
    assert round(scoring.option12([4] * 8 + [0] * 4)) == 67
    assert scoring.option12([4] * 12) == 100.0
    assert scoring.option12([1] * 12) == 25.0


def test_option5_is_raw_times_5():
    assert scoring.option5([4, 4, 4, 4, 4]) == 100
    assert scoring.option5([2, 1, 0, 3, 4]) == 50


def test_sdmq9_sum_times_20_over_9_and_person_mean_imputation():
    assert scoring.sdmq9([5] * 9) == 100.0
    assert scoring.sdmq9([0] * 9) == 0.0
    assert scoring.sdmq9([3] * 9) == 60.0
    # One missing: the mean of the other eight (3) fills it in.
    assert scoring.sdmq9([3] * 8 + [None]) == 60.0
    with pytest.raises(scoring.ScoringError, match="2 items are missing"):
        scoring.sdmq9([3] * 7 + [None, None])
    assert scoring.sdmq9([3] * 7 + [None, None], max_missing=2) == 60.0


def test_relational_coordination_ties_and_network_score():
    result = scoring.relational_coordination(
        [
            {"from": "CM", "about": "EC", "items": [4, 4, 4, 4, 4, 4, 4]},
            {"from": "CM", "about": "EC", "items": [2, 2, 2, 2, 2, 2, 2]},
            {"from": "EC", "about": "CM", "items": [5, 5, 5, 5, 5, 5, 5]},
        ]
    )
    assert result.ties == {"CM->EC": 3.0, "EC->CM": 5.0}
    assert result.score == pytest.approx(11 / 3, abs=0.01)


@pytest.mark.parametrize(
    ("function", "answers"),
    [
        (scoring.ips25, [5] * 24),
        (scoring.ips25, [5] * 24 + [6]),
        (scoring.ips25, [5] * 24 + [True]),
        (scoring.option12, [0] * 11 + [5]),
        (scoring.option5, [1, 2, 3, 4, -1]),
        (scoring.option5, "01234"),
        (scoring.sdmq9, [6] + [0] * 8),
        (scoring.relational_coordination, [{"from": "CM", "about": "EC", "items": [1] * 6}]),
        (scoring.relational_coordination, []),
    ],
)
def test_invalid_answers_are_refused_with_a_reason(function, answers):
    with pytest.raises(scoring.ScoringError):
        function(answers)


@given(st.lists(st.integers(1, 5), min_size=25, max_size=25), st.integers(0, 24))
def test_ips25_is_in_range_and_never_falls_when_an_item_rises(items, index):
    before = scoring.ips25(items)
    assert 25 <= before.total <= 125 and sum(before.sections.values()) == before.total
    raised = list(items)
    raised[index] = min(5, raised[index] + 1)
    assert scoring.ips25(raised).total >= before.total


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=9, max_size=9))
def test_sdmq9_stays_within_0_and_100_or_has_no_total(answers):
    missing = answers.count(None)
    if missing > 1:
        with pytest.raises(scoring.ScoringError):
            scoring.sdmq9(answers)
    else:
        assert 0 <= scoring.sdmq9(answers) <= 100


@given(st.lists(st.integers(0, 4), min_size=12, max_size=12), st.integers(0, 11))
def test_option12_is_monotone_and_in_range(items, index):
    score = scoring.option12(items)
    raised = list(items)
    raised[index] = min(4, raised[index] + 1)
    assert 0 <= score <= scoring.option12(raised) <= 100


def run(capsys, *args):
    call_command("instruments", "score", *args)
    return json.loads(capsys.readouterr().out)


def test_the_command_contract(capsys):
    assert run(capsys, "ips25", "--answers", json.dumps([5] * 25), "--json") == {
        "score": 125,
        "band": "exemplary",
        "sections": {"staffing": 15, "organisation": 40, "services": 70},
    }
    assert run(capsys, "option12", "--answers", json.dumps([2] * 4 + [0] * 8)) == {"score": 16.67}
    assert run(capsys, "option5", "--answers", "[4,4,4,4,4]") == {"score": 100}
    assert run(capsys, "sdmqdoc", "--answers", "[5,5,5,5,5,5,5,5,null]") == {"score": 100.0}
    rc = run(capsys, "rc", "--answers", json.dumps([{"from": "A", "about": "B", "items": [3] * 7}]))
    assert rc == {"ties": {"A->B": 3.0}, "score": 3.0}


@pytest.mark.parametrize(
    "args",
    [
        ("ips25", "--answers", "[1,2]"),
        ("option5", "--answers", "[1,2,3,4,9]"),
        ("sdmq9", "--answers", "[null,null,1,1,1,1,1,1,1]"),
        ("sdmq9", "--answers", "not json"),
        ("nonsense", "--answers", "[]"),
    ],
)
def test_invalid_answers_exit_2(args):
    with pytest.raises(CommandError) as raised:
        call_command("instruments", "score", *args)
    assert raised.value.returncode == 2
