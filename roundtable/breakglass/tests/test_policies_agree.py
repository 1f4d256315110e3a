"""Break-glass policies: the list filters and instance checks agree for any actor, and what an
active grant opens is the same in the course list and in the one-course check."""

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings

from roundtable.breakglass.models import BreakGlassGrant, EndReason
from roundtable.breakglass.policies import GrantPolicy, ReviewPolicy
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants(cast):
    """Carol (Beta) holds an active grant to Anna's course and an ended one to Bent's; Alice
    holds an expired one."""
    now = timezone.now()
    BreakGlassGrant.objects.create(
        professional=cast.carol,
        course=cast.anna_course,
        reason="Emergency: the person was brought in tonight.",
        started_at=now,
        expires_at=now + dt.timedelta(minutes=30),
    )
    BreakGlassGrant.objects.create(
        professional=cast.carol,
        course=cast.bent_course,
        reason="Emergency, ended early.",
        started_at=now - dt.timedelta(minutes=20),
        expires_at=now + dt.timedelta(minutes=30),
        ended_at=now - dt.timedelta(minutes=5),
        end_reason=EndReason.ENDED,
    )
    BreakGlassGrant.objects.create(
        professional=cast.alice,
        course=cast.bent_course,
        reason="Emergency long ago.",
        started_at=now - dt.timedelta(hours=3),
        expires_at=now - dt.timedelta(hours=2),
    )
    return cast


def test_review_and_own_grant_policies_agree(grants):
    every = list(BreakGlassGrant.objects.select_related("professional"))

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(grants))
    def check(actor):
        listed = set(ReviewPolicy.queryset(actor).values_list("id", flat=True))
        assert listed == {g.id for g in every if ReviewPolicy.allows(actor, g)}
        own = set(GrantPolicy.own_queryset(actor).values_list("id", flat=True))
        expected_own = {g.id for g in every if ReviewPolicy.is_own(actor, g)}
        if actor is not None and not actor.is_citizen:
            assert own == expected_own
        else:
            assert own == set()

    check()


def test_an_active_grant_opens_the_same_courses_in_the_list_and_the_check(grants):
    courses = list(Course.objects.all())

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(grants))
    def check(actor):
        listed = set(CoursePolicy.queryset(actor).values_list("id", flat=True))
        assert listed == {c.id for c in courses if CoursePolicy.allows(actor, c)}

    check()
