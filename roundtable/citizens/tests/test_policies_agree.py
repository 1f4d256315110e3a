"""The list filter and the instance check of each policy agree for any actor (STYLE.md 4)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.citizens.models import Citizen, Course, CourseStatus
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy
from roundtable.testing import make_citizen, make_course
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    """The cast plus courses in every combination of team and assignment, and a second course."""
    today = dt.date.today()
    extra = [
        (cast.alpha, cast.alice, None),
        (cast.alpha, None, cast.bob),
        (cast.beta, cast.alice, cast.dave),  # Alice also carries a course in Beta
        (cast.beta, None, None),
        (cast.alpha, cast.tina, cast.bob),
    ]
    for i, (team, cm, ec) in enumerate(extra):
        citizen = make_citizen(f"Extra Person{i}", f"03030{i}-000{i}")
        make_course(citizen, team, cm, ec, status=CourseStatus.ACTIVE)
    # Anna's earlier course, closed, in Beta with Carol and Dave.
    make_course(
        cast.anna,
        cast.beta,
        cast.carol,
        cast.dave,
        status=CourseStatus.COMPLETED,
        referral_date=today - dt.timedelta(days=400),
        first_absence_day=today - dt.timedelta(days=420),
    )
    return cast


def test_course_policy_queryset_and_instance_check_agree(world):
    courses = list(Course.objects.all())

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(CoursePolicy.queryset(actor).values_list("id", flat=True))
        allowed = {c.id for c in courses if CoursePolicy.allows(actor, c)}
        assert listed == allowed

    check()


def test_citizen_policy_queryset_and_instance_check_agree(world):
    citizens = [(c, list(c.courses.all())) for c in Citizen.objects.all()]

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(CitizenPolicy.queryset(actor).values_list("id", flat=True))
        allowed = {c.id for c, courses in citizens if CitizenPolicy.allows(actor, c, courses)}
        assert listed == allowed

    check()


def test_a_closed_course_in_another_team_stays_hidden_from_the_new_team(client, login, world):
    """Anna's old Beta course is not shown to her Alpha care manager, nor her diagnosis then."""
    login(world.alice)
    response = client.get(f"/api/v1/citizens/{world.anna.id}")
    teams = {course["team"]["name"] for course in response.json()["courses"]}
    assert teams == {"Team Alpha"}
