"""The demo has evidence for the benefit case in every state, one written by a psychiatrist or
psychologist rather than the care manager, and one overdue on the team leader's risk list."""

import pytest

from roundtable.accounts.actor import actor_for_user
from roundtable.demo.content import da
from roundtable.demo.tests.conftest import DEMO_TODAY
from roundtable.organisations.models import Professional, Role
from roundtable.sickleave.models import EvidenceNote, EvidenceRequest
from roundtable.sickleave.selectors import evidence_list, reassessment_risk_list

pytestmark = pytest.mark.django_db


def _states(today):
    found = {}
    for request in EvidenceRequest.objects.select_related("course__citizen__user"):
        citizen = request.course.citizen
        for view in evidence_list(
            actor=actor_for_user(request.course.employment_consultant.user),
            citizen_id=citizen.pk,
            today=today,
        ):
            found.setdefault(view.state, []).append(view)
    return found


def test_the_demo_has_evidence_requested_drafted_ready_sent_and_overdue(demo):
    states = _states(DEMO_TODAY)
    assert {"requested", "draft", "ready", "sent"} <= set(states)
    assert any(v.overdue for views in states.values() for v in views)
    # The consultant reads the sent note (the citizen lets the jobcentre read it).
    assert any(v.note is not None and v.note.state == "sent" for v in states["sent"])


def test_some_demo_evidence_is_written_by_the_psychiatrist_or_psychologist(demo):
    titles = {da.TITLES["psychiatrist"], da.TITLES["psychologist"]}
    writers = Professional.objects.filter(
        pk__in=EvidenceNote.objects.values("written_by"), title__in=titles
    )
    assert writers.exists()
    assert EvidenceRequest.objects.filter(assignee__title__in=titles).count() >= 3


def test_the_citizen_has_commented_on_a_note_ready_for_them(demo):
    assert EvidenceNote.objects.exclude(citizen_comment="").filter(state="ready").exists()


def test_overdue_demo_evidence_is_on_a_team_leaders_risk_list(demo):
    leaders = Professional.objects.filter(role=Role.TEAM_LEADER, organisation__jurisdiction="dk")
    rows = [
        row
        for leader in leaders
        for row in reassessment_risk_list(actor=actor_for_user(leader.user), today=DEMO_TODAY)
    ]
    assert any(r.evidence_overdue for r in rows)
