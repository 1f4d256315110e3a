"""The synthetic register the demo ships: shaped like DREAM, seeded, importable."""

import datetime as dt

import pytest

from roundtable.outcomes.definitions import HEALTH_BENEFIT, person_outcome, weeks_from_rows
from roundtable.outcomes.models import RegisterWeek
from roundtable.outcomes.synthetic import (
    SyntheticPerson,
    load_synthetic_register,
    register_rows,
)

TODAY = dt.date(2026, 12, 2)
PEOPLE = [
    SyntheticPerson(f"0101{i:02d}-1234", dt.date(2025, 6, 2), dt.date(2025, 5, 1))
    for i in range(60)
]


def test_the_same_people_and_seed_give_the_same_file():
    assert list(register_rows(PEOPLE, data_end=TODAY)) == list(
        register_rows(PEOPLE, data_end=TODAY)
    )
    assert list(register_rows(PEOPLE, data_end=TODAY, seed=1)) != list(
        register_rows(PEOPLE, data_end=TODAY)
    )


def test_most_return_and_some_do_not():
    rows = list(register_rows(PEOPLE, data_end=TODAY))
    outcomes = []
    for person in PEOPLE:
        mine = [
            (dt.date.fromisocalendar(int(w[:4]), int(w[6:]), 1), HEALTH_BENEFIT)
            for pid, w, code in rows
            if pid == person.national_id and code in ("SDP", "JAF")
        ]
        weeks = weeks_from_rows(person.baseline, mine)
        outcomes.append(person_outcome(weeks, data_end=70))
    returned = sum(o.rtw for o in outcomes)
    assert 0.5 * len(PEOPLE) < returned < len(PEOPLE)


@pytest.mark.django_db
def test_the_demo_register_imports_for_the_danish_courses_and_again_adds_nothing(cast, tmp_path):
    added = load_synthetic_register(path=tmp_path / "r.csv", jurisdiction="dk", today=TODAY)
    assert added > 0 and RegisterWeek.objects.count() == added
    assert load_synthetic_register(path=tmp_path / "r.csv", jurisdiction="dk", today=TODAY) == 0
