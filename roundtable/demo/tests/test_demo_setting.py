import datetime as dt
import fcntl
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from roundtable.citizens.models import Citizen, Course
from roundtable.demo.content import da
from roundtable.demo.server import sqlite_lock_path
from roundtable.demo.setting import (
    LARGE_TEAM,
    NORWEGIAN_TEAM,
    SMALL_TEAM,
    SWEDISH_TEAM,
)
from roundtable.organisations.models import Dyad, Membership, Organisation, Role, Team

ROOT = Path(__file__).resolve().parents[3]


def _core(team_name: str) -> Counter:
    return Counter(
        Membership.objects.filter(team__name=team_name).values_list("professional__role", flat=True)
    )


def test_demo_has_a_danish_region_and_two_jobcentres_and_a_swedish_and_norwegian_team(demo):
    danish = Counter(
        Organisation.objects.filter(jurisdiction="dk").values_list("sector", flat=True)
    )
    assert danish == {"health": 1, "employment": 2}
    for jurisdiction in ("se", "no"):
        assert Course.objects.filter(jurisdiction=jurisdiction).count() >= 3
        assert set(
            Organisation.objects.filter(jurisdiction=jurisdiction).values_list("sector", flat=True)
        ) == {"health", "employment"}


def test_large_team_has_ten_part_time_consultants_five_care_managers_and_a_leader(demo):
    roles = _core(LARGE_TEAM)
    assert roles[Role.EMPLOYMENT_CONSULTANT] == 10
    assert roles[Role.CARE_MANAGER] == 5
    assert roles[Role.TEAM_LEADER] == 1
    fractions = Membership.objects.filter(
        team__name=LARGE_TEAM, professional__role=Role.EMPLOYMENT_CONSULTANT
    ).values_list("professional__fraction", flat=True)
    assert all(f < 1 for f in fractions)


def test_small_team_is_three_dyads_and_a_leader(demo):
    roles = _core(SMALL_TEAM)
    assert (roles[Role.CARE_MANAGER], roles[Role.EMPLOYMENT_CONSULTANT]) == (3, 3)
    assert roles[Role.TEAM_LEADER] == 1
    assert Dyad.objects.filter(team__name=SMALL_TEAM).count() == 3


def test_psychiatrist_and_psychologist_supervise_both_teams(demo):
    titles = set(
        Membership.objects.filter(professional__role=Role.SUPERVISOR).values_list(
            "professional__title", "team__name"
        )
    )
    assert titles == {
        (da.TITLES[t], team)
        for t in ("psychiatrist", "psychologist")
        for team in (LARGE_TEAM, SMALL_TEAM)
    }


def test_about_sixty_citizens_mostly_stress_within_eight_months(demo):
    assert 55 <= Course.objects.filter(jurisdiction="dk").count() <= 65
    groups = Counter(Course.objects.values_list("diagnosis_group", flat=True))
    assert groups.most_common(3)[0][0] == "stress"
    assert groups["depression"] > groups["anxiety"]
    earliest = min(
        Course.objects.filter(first_absence_day__isnull=False).values_list(
            "first_absence_day", flat=True
        )
    )
    assert earliest >= dt.date(2026, 11, 23) - dt.timedelta(days=8 * 31)
    assert Citizen.objects.filter(user__isnull=False).count() >= 3


def test_the_large_team_gets_shape_warnings_and_the_small_one_does_not(demo, client):
    from roundtable.accounts.models import User

    leader = User.objects.get(
        professional__role=Role.TEAM_LEADER, professional__teams__name=LARGE_TEAM
    )
    client.force_login(leader)
    large = client.get(f"/teams/{Team.objects.get(name=LARGE_TEAM).id}/").content.decode()
    assert "more than 10 care managers and employment consultants" in large
    assert "colleagues from the other sector" in large
    small_leader = User.objects.get(
        professional__role=Role.TEAM_LEADER, professional__teams__name=SMALL_TEAM
    )
    client.force_login(small_leader)
    small = client.get(f"/teams/{Team.objects.get(name=SMALL_TEAM).id}/").content.decode()
    assert "Team shape" not in small


def test_two_demo_commands_at_once_load_the_demo_once_and_print_logins_that_work(tmp_path):
    """Issue 10, finding 24: `roundtable demo --users` while the demo was still loading
    crashed ("database is locked", then a UNIQUE constraint failed) because it migrated and
    loaded a second time. Now the second waits for the first and then only reads."""
    database = tmp_path / "demo.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "ROUNDTABLE_VAR_DIR": str(tmp_path / "var"),
    }
    roundtable = Path(sys.executable).parent / "roundtable"

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603
            [str(roundtable), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(*args: str, timeout: float = 600) -> str:
        process = start(*args)
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err[-3000:]
        return out

    first, second = start("demo", "--users"), start("demo", "--users")
    outputs = [p.communicate(timeout=900) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], [e[-3000:] for _, e in outputs]
    users = json.loads(outputs[0][0])
    assert json.loads(outputs[1][0]) == users
    roles = Counter(u["role"] for u in users)
    for role in (
        "care_manager",
        "employment_consultant",
        "team_leader",
        "supervisor",
        "manager",
        "citizen",
    ):
        assert roles[role] >= 1
    assert set(users[0]) == {"username", "password", "role", "organisation", "team"}
    citizen_teams = {u["team"] for u in users if u["role"] == "citizen"}
    assert {SWEDISH_TEAM, NORWEGIAN_TEAM} <= citizen_teams
    # Loaded once: one set of organisations, one user per printed login (and no other).
    counts = run(
        "shell",
        "-c",
        "from roundtable.organisations.models import Organisation;"
        "from roundtable.accounts.models import User;"
        "print(Organisation.objects.count(), User.objects.count())",
    )
    assert counts.strip().splitlines()[-1].split() == ["7", str(len(users))]
    # A loaded demo is only read: with the loading lock held elsewhere it answers at once.
    with open(sqlite_lock_path(database), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert json.loads(run("demo", "--users", timeout=120)) == users
    # And the printed password really signs a care manager in.
    script = (
        "from roundtable.accounts.models import User;"
        f"print(User.objects.get(username={users[1]['username']!r})"
        f".check_password({users[1]['password']!r}))"
    )
    assert run("shell", "-c", script).strip().endswith("True")


def test_demo_has_citizens_in_every_sick_leave_phase(demo):
    from roundtable.accounts.actor import actor_for_user
    from roundtable.sickleave.models import BenefitDecision, BenefitPeriod, EvidenceRequest
    from roundtable.sickleave.selectors import reassessment_risk_list

    today = dt.date(2026, 11, 23)
    weeks = sorted(
        (today - c.first_absence_day).days // 7
        for c in Course.objects.filter(jurisdiction="dk", status="active")
        if c.first_absence_day is not None
    )
    assert weeks[0] < 4  # early
    assert any(7 <= w <= 8 for w in weeks)  # around week 8
    assert BenefitDecision.objects.filter(
        kind="extension", evidence_received_on__isnull=False
    ).exists()
    assert BenefitDecision.objects.filter(kind="job_clarification").exists()
    assert EvidenceRequest.objects.filter(status="open").exists()
    assert BenefitPeriod.objects.values("course").distinct().count() >= 1  # interrupted absence
    from roundtable.accounts.models import User

    leader = User.objects.get(
        professional__role=Role.TEAM_LEADER, professional__teams__name=LARGE_TEAM
    )
    risks = reassessment_risk_list(actor=actor_for_user(leader), today=today)
    assert risks, "a reassessment within 6 weeks without decision or evidence"


def test_demo_has_held_meetings_with_many_decisions_and_an_upcoming_prepared_one(demo):
    from django.db.models import Count

    from roundtable.meetings.models import Meeting, PreparationAnswer

    held = Meeting.objects.filter(status="held").annotate(n=Count("decisions"))
    assert held.count() >= 10
    assert all(10 <= m.n <= 25 for m in held)
    assert held.filter(decisions__status="postponed").exists()
    assert held.filter(decisions__status="excluded").exists()
    assert Meeting.objects.filter(status="planned").count() >= 2
    assert PreparationAnswer.objects.exists()
