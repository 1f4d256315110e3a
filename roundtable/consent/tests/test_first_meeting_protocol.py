"""The first-meeting protocol (issue 13 #7): on a team that follows it, neither sector's
assessments cross to the other until the course's first roundtable meeting is held, whatever
the consent says; after the meeting, consent governs as usual."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.assessments.selectors import assessment_get
from roundtable.assessments.testing import fill_everything
from roundtable.care.testing import CAPACITY, HEALTH_SUMMARY
from roundtable.citizens.gate import course_access
from roundtable.consent.access import (
    DirectiveFacts,
    ProvisionFacts,
    consent_decision,
    decide,
    visible_data_classes_by_course,
)
from roundtable.consent.testing import directive_create
from roundtable.core.data_classes import ALL_CLASSES, DataClass
from roundtable.meetings.services import meeting_hold
from roundtable.meetings.testing import actor_of, schedule
from roundtable.organisations.services import team_first_meeting_protocol_set
from roundtable.vocational.testing import VOCATIONAL_SUMMARY

pytestmark = pytest.mark.django_db

EVERYTHING = [
    ("permit", "sector", "employment", sorted(ALL_CLASSES)),
    ("permit", "sector", "health", sorted(ALL_CLASSES)),
]


def _protocol_team_with_full_consent(cast):
    team_first_meeting_protocol_set(team_id=cast.alpha.pk, on=True)
    directive_create(cast.anna, EVERYTHING)
    fill_everything(cast)


def _hold_first_meeting(cast):
    meeting = schedule(cast.alice, cast.anna, days_ahead=0, hour=8)
    meeting_hold(actor=actor_of(cast.alice), meeting_id=meeting.pk)


def test_before_the_first_meeting_the_employment_consultant_gets_no_care_assessment(cast):
    _protocol_team_with_full_consent(cast)
    record = assessment_get(actor=actor_of(cast.bob), citizen_id=cast.anna.pk)
    assert not record.access.may_read(DataClass.HEALTH_SUMMARY)
    assert not record.access.may_read(DataClass.FUNCTIONAL_CAPACITY)
    assert record.access.may_read(DataClass.JOINT_PLAN)  # the joint classes still cross
    assert "before-first-meeting" in record.access.consent.basis
    # ... and the care manager gets no vocational assessment either.
    access = course_access(actor=actor_of(cast.alice), citizen_id=cast.anna.pk, purpose="test")
    assert not access.may_read(DataClass.VOCATIONAL)
    assert access.may_read(DataClass.HEALTH_SUMMARY)  # their own


def test_after_the_first_meeting_consent_governs_and_they_see_it(cast):
    _protocol_team_with_full_consent(cast)
    _hold_first_meeting(cast)
    record = assessment_get(actor=actor_of(cast.bob), citizen_id=cast.anna.pk)
    assert record.access.may_read(DataClass.HEALTH_SUMMARY)
    assert record.access.may_read(DataClass.FUNCTIONAL_CAPACITY)
    access = course_access(actor=actor_of(cast.alice), citizen_id=cast.anna.pk, purpose="test")
    assert access.may_read(DataClass.VOCATIONAL)


def test_both_states_on_the_assessments_page(client, login, cast):
    _protocol_team_with_full_consent(cast)
    login(cast.bob)
    url = reverse("assessments:page", args=[cast.anna.id])
    before = client.get(url).content.decode()
    assert HEALTH_SUMMARY not in before and CAPACITY not in before
    assert VOCATIONAL_SUMMARY in before
    _hold_first_meeting(cast)
    after = client.get(url).content.decode()
    assert HEALTH_SUMMARY in after and CAPACITY in after


def test_a_team_without_the_protocol_lets_consent_govern_from_the_start(cast):
    directive_create(cast.anna, EVERYTHING)
    access = course_access(actor=actor_of(cast.bob), citizen_id=cast.anna.pk, purpose="test")
    assert access.may_read(DataClass.HEALTH_SUMMARY)
    assert not access.before_first_meeting


def test_a_planned_or_cancelled_meeting_is_not_the_first_meeting(cast):
    _protocol_team_with_full_consent(cast)
    schedule(cast.alice, cast.anna, days_ahead=3)
    access = course_access(actor=actor_of(cast.bob), citizen_id=cast.anna.pk, purpose="test")
    assert not access.may_read(DataClass.HEALTH_SUMMARY)
    assert access.before_first_meeting


def test_the_decision_outside_the_gate_agrees_with_the_gate(cast):
    """Lists (caseload, journal, API) decide without the gate's annotation: one more query, only
    when consent would let an assessment cross."""
    _protocol_team_with_full_consent(cast)
    bob, carol = actor_of(cast.bob), actor_of(cast.carol)
    assert not consent_decision(bob, cast.anna_course).allows(DataClass.HEALTH_SUMMARY)
    with CaptureQueriesContext(connection) as without_crossing:
        visible_data_classes_by_course(carol, [cast.bent_course])
    with CaptureQueriesContext(connection) as crossing:
        visible_data_classes_by_course(bob, [cast.anna_course])
    assert len(crossing) == len(without_crossing) + 1
    _hold_first_meeting(cast)
    assert consent_decision(bob, cast.anna_course).allows(DataClass.HEALTH_SUMMARY)


def test_the_pure_rule_keeps_what_the_law_gives_and_leaves_the_citizen_alone(cast):
    directive = DirectiveFacts(
        id=None,
        version=1,
        status="active",
        start=dt.date(2026, 1, 1),
        provisions=(ProvisionFacts("permit", "sector", "employment", ALL_CLASSES),),
    )
    bob = actor_of(cast.bob)
    before = decide(
        actor=bob,
        citizen_id=cast.anna.pk,
        jurisdiction="dk",
        directive=directive,
        today=dt.date(2026, 6, 1),
        first_meeting_pending=True,
    )
    assert DataClass.VOCATIONAL in before.classes  # their own, by law
    assert DataClass.BENEFIT_DECISION in before.classes
    assert not before.classes & {DataClass.HEALTH_SUMMARY, DataClass.DIAGNOSIS}
    assert DataClass.FAMILY in before.classes  # not an assessment: consent governs it
    anna = decide(
        actor=actor_of(cast.anna),
        citizen_id=cast.anna.pk,
        jurisdiction="dk",
        directive=directive,
        today=dt.date(2026, 6, 1),
        first_meeting_pending=True,
    )
    assert anna.classes == ALL_CLASSES


def test_the_preparation_page_says_the_two_have_not_talked_before(client, login, cast):
    team_first_meeting_protocol_set(team_id=cast.alpha.pk, on=True)
    meeting = schedule(cast.alice, cast.anna, days_ahead=3)
    login(cast.anna)
    url = reverse("meetings:my-preparation", args=[meeting.pk])
    assert "have not talked about you before this meeting" in client.get(url).content.decode()
    team_first_meeting_protocol_set(team_id=cast.alpha.pk, on=False)
    assert "have not talked about you" not in client.get(url).content.decode()
