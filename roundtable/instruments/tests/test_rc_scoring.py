"""Relational coordination per round (instruments.md §5): tie, dyad, within-group, outgoing,
incoming and network scores, computed only from groups with enough respondents."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.instruments.scoring import ScoringError, rc_round_scores, rc_strength, rc_tie

CM, EC, TL = "care_manager", "employment", "team_leader"


def test_a_tie_is_the_mean_of_the_seven_items():
    assert rc_tie([5, 4, 4, 3, 5, 4, 3]) == pytest.approx(4.0)
    with pytest.raises(ScoringError):
        rc_tie([5, 4, 4, 3, 5, 4])
    with pytest.raises(ScoringError):
        rc_tie([6, 4, 4, 3, 5, 4, 3])


def test_a_worked_round_gives_dyads_within_outgoing_incoming_and_network():
    responses = [
        (CM, {CM: [5] * 7, EC: [4] * 7, TL: [3] * 7}),
        (CM, {CM: [5] * 7, EC: [3] * 7, TL: [3] * 7}),
        (CM, {CM: [4] * 7, EC: [3] * 7, TL: [4] * 7}),
        (EC, {CM: [3] * 7, EC: [5] * 7, TL: [4] * 7}),
        (EC, {CM: [4] * 7, EC: [5] * 7, TL: [4] * 7}),
        (EC, {CM: [2] * 7, EC: [4] * 7, TL: [4] * 7}),
        (TL, {CM: [1] * 7, EC: [1] * 7, TL: [1] * 7}),  # one person: never counted
    ]
    scores = rc_round_scores(responses, min_respondents=3)
    assert scores.respondents == {CM: 3, EC: 3, TL: 1}
    assert scores.shown == {CM, EC}
    assert scores.dyads[(CM, EC)] == 3.33
    assert scores.dyads[(EC, CM)] == 3.0
    assert scores.within == {CM: 4.67, EC: 4.67}
    assert (TL, CM) not in scores.dyads
    # Outgoing: CM's ties about EC and TL (3+4+3+3+3+4)/6 = 3.33; incoming to TL from CM and EC.
    assert scores.outgoing[CM] == 3.33
    assert scores.incoming[TL] == 3.67
    assert scores.incoming[CM] == 3.0  # the team leader's 1s are not in it
    # The network score: the mean of all 18 shown ties.
    assert scores.network == 3.83  # 69 / 18


def test_a_group_below_the_minimum_contributes_nothing():
    scores = rc_round_scores([(CM, {CM: [5] * 7}), (CM, {CM: [5] * 7})], min_respondents=3)
    assert scores.shown == frozenset()
    assert scores.dyads == {} and scores.network is None


def test_strength_bands_follow_the_configured_thresholds():
    assert rc_strength(4.01) == "strong"
    assert rc_strength(4.0) == "moderate"
    assert rc_strength(3.5) == "moderate"
    assert rc_strength(3.49) == "weak"
    assert rc_strength(3.9, (3.8, 3.0)) == "strong"


item = st.integers(min_value=1, max_value=5)
ratings = st.fixed_dictionaries(
    {CM: st.lists(item, min_size=7, max_size=7), EC: st.lists(item, min_size=7, max_size=7)}
)
response = st.tuples(st.sampled_from([CM, EC]), ratings)


@given(st.lists(response, min_size=1, max_size=20), st.integers(min_value=1, max_value=5))
def test_every_score_stays_between_1_and_5_and_only_shown_groups_count(responses, k):
    scores = rc_round_scores(responses, min_respondents=k)
    values = [*scores.dyads.values(), *scores.outgoing.values(), *scores.incoming.values()]
    if scores.network is not None:
        values.append(scores.network)
    assert all(1 <= v <= 5 for v in values)
    assert {a for a, _b in scores.dyads} <= scores.shown
    assert all(scores.respondents[g] >= k for g in scores.shown)


@given(st.lists(response, min_size=3, max_size=12))
def test_raising_an_answer_never_lowers_the_network_score(responses):
    before = rc_round_scores(responses, min_respondents=1).network
    group, rating = responses[0]
    raised = {about: [min(v + 1, 5) for v in items] for about, items in rating.items()}
    after = rc_round_scores([(group, raised), *responses[1:]], min_respondents=1).network
    assert before is not None and after is not None and after >= before


def test_sdm_means_per_quarter_need_k_scores():
    import datetime as dt

    from roundtable.instruments.rc_selectors import sdm_period_rows

    rows = sdm_period_rows(
        [
            (dt.date(2026, 10, 2), "citizen", 40.0),
            (dt.date(2026, 11, 30), "citizen", 60.0),
            (dt.date(2026, 12, 1), "care_manager", 90.0),
            (dt.date(2026, 2, 5), "citizen", 10.0),
        ],
        k=2,
    )
    assert [r.period for r in rows] == ["2026 Q1", "2026 Q4"]
    assert rows[1].means == {"citizen": 50.0, "care_manager": None, "employment_consultant": None}
    assert rows[0].means["citizen"] is None  # one score is not shown
