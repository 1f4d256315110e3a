"""The research policy's list of teams and its per-team check agree for any actor."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.organisations.models import Team
from roundtable.research.policies import ResearchPolicy
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


def test_research_policy_teams_and_team_check_agree(cast):
    team_ids = [*Team.objects.values_list("id", flat=True), uuid.uuid4()]

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(cast))
    def check(actor):
        listed = set(ResearchPolicy.teams(actor).values_list("id", flat=True))
        assert listed == {t for t in team_ids if ResearchPolicy.allows_team(actor, t)}
        # Only evaluators ever get a team.
        if listed:
            assert actor is not None and actor.role == "evaluator"

    check()
