"""`roundtable generate`: the shape of the population, its staffing, repeat runs, and access."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.http import Http404

from roundtable.accounts.actor import actor_for_user
from roundtable.accounts.models import User
from roundtable.citizens.gate import citizen_access
from roundtable.citizens.models import OPEN_STATUSES, Citizen, Course, DiagnosisGroup
from roundtable.citizens.selectors import course_list
from roundtable.core.fields import keyed_digest
from roundtable.demo.generate import generate, population_shape
from roundtable.demo.setting import demo_load
from roundtable.organisations.models import (
    Dyad,
    Membership,
    Organisation,
    Professional,
    Role,
    Sector,
    Team,
)

TODAY = dt.date(2025, 3, 14)


def run_courses(tag: str):
    return Course.objects.filter(team__name__contains=f" {tag}-")


def test_shape_at_benchmark_scale_keeps_the_proportions():
    shape = population_shape(scale=100_000)
    assert shape.teams == 1667  # about 60 citizens per team
    assert shape.regions == 84  # one regional health service per 20 teams
    assert shape.jobcentres == 334  # one jobcentre per 5 teams
    assert shape.professionals == 1667 * 8
    assert shape.citizen_logins == 1000
    assert population_shape(scale=10).teams == 1  # a tiny population still has a team
    with pytest.raises(ValueError):
        population_shape(scale=0)


@pytest.mark.django_db
def test_generates_teams_organisations_and_citizens_in_proportion():
    result = generate(scale=150, today=TODAY)

    assert Citizen.objects.count() == 150
    courses = list(Course.objects.all())
    assert len(courses) == 150
    assert len({c.citizen_id for c in courses}) == 150  # one course per citizen
    teams = Team.objects.filter(name__contains=f" {result.tag}-")
    assert teams.count() == 3
    assert sorted(Counter(c.team_id for c in courses).values()) == [50, 50, 50]
    for team in teams:
        roles = Counter(
            m.professional.role for m in team.memberships.select_related("professional")
        )
        assert roles == {Role.TEAM_LEADER: 1, Role.CARE_MANAGER: 3, Role.EMPLOYMENT_CONSULTANT: 4}
        assert team.dyads.count() == 2
    assert Organisation.objects.filter(sector=Sector.HEALTH, name__startswith="Region").count() == 1
    jobcentres = Organisation.objects.filter(sector=Sector.EMPLOYMENT, name__startswith="Jobcenter")
    assert jobcentres.count() == 1
    for p in Professional.objects.select_related("organisation"):
        expected = Sector.EMPLOYMENT if p.role == Role.EMPLOYMENT_CONSULTANT else Sector.HEALTH
        assert p.organisation.sector == expected
        if p.role == Role.EMPLOYMENT_CONSULTANT:
            assert Decimal("0.40") <= p.fraction <= Decimal("1.00")
    assert Citizen.objects.filter(user__isnull=False).count() == 2  # 1 in 100, rounded up
    for c in courses:
        assert c.jurisdiction == "dk"
        assert TODAY - dt.timedelta(days=240) <= c.first_absence_day <= c.referral_date <= TODAY
    open_share = sum(c.status in OPEN_STATUSES for c in courses) / len(courses)
    assert 0.7 < open_share < 0.95  # mostly active, some closed, as in the demo
    diagnoses = Counter(c.diagnosis_group for c in courses)
    assert diagnoses.most_common(1)[0][0] == DiagnosisGroup.STRESS


@pytest.mark.django_db
def test_organisations_scale_with_the_number_of_teams():
    result = generate(scale=1500, today=TODAY)

    assert Team.objects.count() == 25
    regions = Organisation.objects.filter(sector=Sector.HEALTH)
    jobcentres = Organisation.objects.filter(sector=Sector.EMPLOYMENT)
    assert (regions.count(), jobcentres.count()) == (2, 5)
    # Every jobcentre staffs 5 teams; no region serves more than 20.
    for jobcentre in jobcentres:
        teams = Team.objects.filter(professionals__organisation=jobcentre).distinct()
        assert teams.count() == 5
    for region in regions:
        teams = Team.objects.filter(professionals__organisation=region).distinct()
        assert 1 <= teams.count() <= 20
    assert result.shape.citizens == Course.objects.count() == 1500


@pytest.mark.django_db
def test_every_course_is_staffed_by_members_of_its_team_in_the_right_roles():
    generate(scale=150, today=TODAY)

    roles = {
        (m.team_id, m.professional_id): m.professional.role
        for m in Membership.objects.select_related("professional")
    }
    for course in Course.objects.all():
        assert roles[(course.team_id, course.care_manager_id)] == Role.CARE_MANAGER
        assert roles[(course.team_id, course.employment_consultant_id)] == (
            Role.EMPLOYMENT_CONSULTANT
        )
    for dyad in Dyad.objects.all():
        assert roles[(dyad.team_id, dyad.care_manager_id)] == Role.CARE_MANAGER
        assert roles[(dyad.team_id, dyad.employment_consultant_id)] == Role.EMPLOYMENT_CONSULTANT
    # Care managers work with few consultants (the dyads keep it "you and I").
    partners: dict = {}
    for course in Course.objects.all():
        partners.setdefault(course.care_manager_id, set()).add(course.employment_consultant_id)
    assert max(len(p) for p in partners.values()) <= 2


@pytest.mark.django_db
def test_runs_twice_beside_the_demo_without_collisions():
    demo_load(today=TODAY)
    demo_citizens = Citizen.objects.count()
    demo_teams = Team.objects.count()

    first = generate(scale=150, today=TODAY)
    second = generate(scale=150, today=TODAY)

    assert first.tag != second.tag
    assert Citizen.objects.count() == demo_citizens + 300
    assert Team.objects.count() == demo_teams + 6
    # The same seed gives the same people, with their own logins and national ids.
    people = [
        list(run_courses(tag).values_list("citizen__given_name", "citizen__family_name", "status"))
        for tag in (first.tag, second.tag)
    ]
    assert Counter(people[0]) == Counter(people[1])
    first_logins = {login.username for login in first.logins}
    second_logins = {login.username for login in second.logins}
    assert first_logins and not first_logins & second_logins
    # National ids are stored encrypted and found again by their keyed digest.
    citizen = run_courses(second.tag).first().citizen
    with connection.cursor() as cursor:
        cursor.execute("SELECT national_id FROM citizens_citizen WHERE id = %s", [citizen.pk.hex])
        stored = cursor.fetchone()[0]
    assert citizen.national_id not in stored
    assert Citizen.objects.get(national_id_digest=keyed_digest(citizen.national_id)) == citizen


@pytest.mark.django_db
def test_a_run_tag_cannot_be_reused():
    generate(scale=10, today=TODAY, tag="bench")
    with pytest.raises(ValueError, match="already used"):
        generate(scale=10, today=TODAY, tag="bench")
    assert Citizen.objects.count() == 10


@pytest.mark.django_db
def test_a_generated_care_manager_sees_their_citizens_and_not_another_teams():
    result = generate(scale=150, today=TODAY)
    cm_login = next(login for login in result.logins if login.role == Role.CARE_MANAGER)
    user = User.objects.get(username=cm_login.username)
    cm = user.professional
    team = cm.teams.get()
    actor = actor_for_user(user)

    seen = list(course_list(actor=actor))
    expected = Course.objects.filter(care_manager=cm, status__in=OPEN_STATUSES)
    assert seen and {c.pk for c in seen} == set(expected.values_list("pk", flat=True))
    team_wide = course_list(actor=actor, mine_only=False, statuses=tuple(OPEN_STATUSES))
    assert {c.team_id for c in team_wide} == {team.pk}
    other = Course.objects.exclude(team=team).first()
    with pytest.raises(Http404):
        citizen_access(actor=actor, citizen_id=other.citizen_id, purpose="test")
    assert citizen_access(actor=actor, citizen_id=seen[0].citizen_id, purpose="test").citizen == (
        seen[0].citizen
    )

    leader = User.objects.get(
        username=next(lg.username for lg in result.logins if lg.role == Role.TEAM_LEADER)
    )
    led = course_list(actor=actor_for_user(leader), mine_only=False)
    assert {c.pk for c in led} == set(
        Course.objects.filter(team=team, status__in=OPEN_STATUSES).values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_command_prints_sample_logins_that_sign_in_to_the_api(client):
    out = io.StringIO()
    call_command("generate", "--scale", "150", "--seed", "7", stdout=out)
    printed = out.getvalue()
    assert f"password: {settings.DEMO_PASSWORD}" in printed
    # "  <username>  <role>  <team>" lines
    logins = {
        words[1]: words[0]
        for words in (line.split() for line in printed.splitlines() if line.startswith("  "))
        if len(words) >= 3 and ".g1-" in words[0]
    }
    assert set(logins) == {"team_leader", "care_manager", "employment_consultant", "citizen"}
    cm_username = logins["care_manager"]

    response = client.post(
        "/api/v1/auth/token",
        {"username": cm_username, "password": settings.DEMO_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    response = client.get("/api/v1/citizens", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    own = Course.objects.filter(care_manager__user__username=cm_username)
    assert ids == {str(pk) for pk in own.values_list("citizen_id", flat=True)}

    again = io.StringIO()
    call_command("generate", "--logins", stdout=again)
    assert cm_username in again.getvalue()
    with pytest.raises(CommandError, match="already used"):
        call_command("generate", "--scale", "10", "--tag", "g1", stdout=io.StringIO())
