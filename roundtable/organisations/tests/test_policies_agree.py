"""The team policy's list filter and instance check agree for any actor (STYLE.md 4)."""

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.organisations.models import Membership, Team
from roundtable.organisations.policies import TeamPolicy
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


def test_team_policy_queryset_and_instance_check_agree(cast):
    teams = list(Team.objects.all())
    member_organisations = {
        team.pk: set(
            Membership.objects.filter(team=team).values_list(
                "professional__organisation_id", flat=True
            )
        )
        for team in teams
    }

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(cast))
    def check(actor):
        listed = set(TeamPolicy.queryset(actor).values_list("id", flat=True))
        allowed = {t.id for t in teams if TeamPolicy.allows(actor, t, member_organisations[t.pk])}
        assert listed == allowed

    check()
