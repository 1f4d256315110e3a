"""The demo's IPS fidelity reviews tell the Swedish team's story: fair at baseline, good a year
later, each with two reviewers, a consensus and strengths and recommendations in Swedish."""

from __future__ import annotations

from roundtable.demo.setting import SWEDISH_TEAM
from roundtable.instruments.models import FidelityReview, ReviewStatus
from roundtable.instruments.selectors import fidelity_team_get
from roundtable.meetings.testing import actor_of
from roundtable.organisations.models import Membership, Role


def test_the_swedish_ips_team_rises_from_fair_to_good(demo):
    leader = Membership.objects.get(
        team__name=SWEDISH_TEAM, professional__role=Role.TEAM_LEADER
    ).professional
    reviews = list(FidelityReview.objects.filter(team__name=SWEDISH_TEAM))
    assert [r.kind for r in reviews] == ["baseline", "12_months"]
    assert all(r.status == ReviewStatus.CONSENSUS for r in reviews)
    assert all(r.reviewers.count() == 2 for r in reviews)
    assert (reviews[1].reviewed_on - reviews[0].reviewed_on).days >= 350
    assert "arbetsgivarkontakter" in reviews[0].recommendations
    team = fidelity_team_get(actor=actor_of(leader), team_id=reviews[0].team_id)
    assert [(row.score.total, row.score.band) for row in team.trend] == [
        (88, "fair"),
        (104, "good"),
    ]
