"""Courses for the research tests, made through the same helpers as the rest of the suite."""

from __future__ import annotations

from roundtable.citizens.models import Course, DiagnosisGroup
from roundtable.organisations.models import Role
from roundtable.testing import make_citizen, make_course, make_professional

NAMES = ("Petra Privatsen", "Ole Onlyknown", "Gry Geheim", "Ivar Incognito", "Siv Stillname")


def evaluator(cast, *teams, name: str = "Eva Evaluator"):
    return make_professional(name, cast.region, Role.EVALUATOR, teams=teams or (cast.alpha,))


def more_courses(
    cast, n: int, *, team=None, diagnosis=DiagnosisGroup.DEPRESSION, start: int = 0
) -> list[Course]:
    """`n` more courses of team Alpha (or `team`), each with its own named citizen."""
    team = team or cast.alpha
    courses = []
    for i in range(start, start + n):
        citizen = make_citizen(f"{NAMES[i % len(NAMES)]}{i}", f"{110170 + i:06d}-{4321 + i}")
        courses.append(make_course(citizen, team, cast.alice, cast.bob, diagnosis_group=diagnosis))
    return courses
