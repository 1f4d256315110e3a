"""The demo's integration instruments: relational coordination rounds for both Danish teams with
results to show and a trend, and shared-decision-making answers for held meetings."""

from roundtable.demo.setting import LARGE_TEAM, SMALL_TEAM
from roundtable.instruments.models import (
    DecisionNoticed,
    RcResponse,
    RcRound,
    Respondent,
    SdmResponse,
)
from roundtable.instruments.rc_selectors import _scores


def test_both_danish_teams_have_a_round_now_and_one_earlier_with_results(demo):
    for team in (LARGE_TEAM, SMALL_TEAM):
        rounds = list(RcRound.objects.filter(team__name=team).order_by("opens_on"))
        assert len(rounds) == 2
        for round_ in rounds:
            responses = list(
                RcResponse.objects.filter(round=round_).values_list("group", "ratings")
            )
            scores = _scores(responses)
            assert {"care_manager", "employment"} <= scores.shown
            # Within-group ties higher than between-group ties (Hustoft et al. 2018).
            assert scores.within["care_manager"] > scores.dyads[("care_manager", "employment")]
            assert scores.within["employment"] > scores.dyads[("employment", "care_manager")]
        earlier, now = (
            _scores(list(RcResponse.objects.filter(round=r).values_list("group", "ratings")))
            for r in rounds
        )
        assert now.network > earlier.network


def test_held_meetings_have_sdm_answers_from_both_professionals_and_some_citizens(demo):
    docs = SdmResponse.objects.filter(instrument="sdmqdoc", declined=False)
    assert docs.filter(respondent=Respondent.CARE_MANAGER).count() >= 5
    assert docs.filter(respondent=Respondent.EMPLOYMENT_CONSULTANT).count() >= 5
    citizens = SdmResponse.objects.filter(respondent=Respondent.CITIZEN)
    assert citizens.filter(declined=False).count() >= 2
    assert citizens.filter(declined=True).count() == 1
    assert DecisionNoticed.objects.exists()
