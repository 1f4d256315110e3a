"""The demo has a year of monthly supervision for one Danish team, in Danish, and that team
follows the first-meeting protocol."""

import pytest

from roundtable.demo.supervision import SUPERVISED_TEAM
from roundtable.meetings.testing import actor_of
from roundtable.organisations.models import Role, Sector, TeamProgramme
from roundtable.supervision.models import ActionFollowUp, SupervisionSession, ThemeKind
from roundtable.supervision.selectors import supervision_history_get, supervision_session_get

pytestmark = pytest.mark.django_db


def test_one_danish_team_has_a_year_of_monthly_supervision(demo):
    sessions = list(SupervisionSession.objects.filter(team__name=SUPERVISED_TEAM))
    assert len(sessions) == 12
    months = {(s.starts_at.year, s.starts_at.month) for s in sessions}
    assert len(months) == 12
    session = sessions[0]
    leader = session.scheduled_by
    assert leader.role == Role.TEAM_LEADER
    record = supervision_session_get(actor=actor_of(leader), session_id=session.pk)
    assert {p.role for p in record.leaders} == {Role.SUPERVISOR}
    present = {row.professional.organisation.sector for row in record.attendance if row.present}
    assert {Sector.HEALTH, Sector.EMPLOYMENT} <= present


def test_the_history_holds_goal_hierarchies_decision_zones_and_actions_carried_forward(demo):
    team_leader = SupervisionSession.objects.filter(team__name=SUPERVISED_TEAM).first().scheduled_by
    history = supervision_history_get(
        actor=actor_of(team_leader), team_id=team_leader.teams.get().pk
    )
    kinds = {t.kind for row in history.rows for t in row.themes}
    assert {ThemeKind.GOAL_HIERARCHY, ThemeKind.DECISION_ZONES, ThemeKind.HARD_CASE} <= kinds
    assert any("Målhierarki" in t.title for row in history.rows for t in row.themes)
    outcomes = set(ActionFollowUp.objects.values_list("outcome", flat=True))
    assert outcomes == {"done", "continued", "dropped"}


def test_the_supervised_team_follows_the_first_meeting_protocol(demo):
    assert TeamProgramme.objects.get(team__name=SUPERVISED_TEAM).first_meeting_protocol
