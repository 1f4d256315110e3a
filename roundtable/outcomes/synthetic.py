"""A synthetic weekly benefit register, for the demo and the generated scale data.

Shaped like DREAM (one row per person per week with a benefit paid, ``national_id,iso_week,code``
with the codes of ``mappings/dk.csv``), with made-up but plausible courses: sickness benefit from
the first absence until a return some weeks after the referral (a quarter not back by the end of
the data), now and then job clarification when sickness benefit runs out, a flexible job or a
wage subsidy for some, and a new absence for a few after their return. Seeded: the same people
and seed give the same file. Never real data.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SyntheticPerson:
    national_id: str
    baseline: dt.date
    first_absence: dt.date | None
    pace: float = 1.0  # above 1: back sooner (e.g. an integrated team in the demo)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _iso(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def register_rows(
    people: Iterable[SyntheticPerson], *, data_end: dt.date, seed: int = 2016
) -> Iterator[tuple[str, str, str]]:
    rng = random.Random(seed)
    end = _monday(data_end)
    for person in people:
        start = _monday(person.first_absence or person.baseline)
        never = rng.random() < 0.25 / person.pace
        back = _monday(person.baseline) + dt.timedelta(
            weeks=4 + int(rng.expovariate(person.pace / 18))
        )
        codes: list[tuple[dt.date, str]] = []
        week = start
        while week <= end and (never or week < back):
            weeks_on = (week - start).days // 7
            codes.append((week, "SDP" if weeks_on < 40 else "JAF"))
            week += dt.timedelta(weeks=1)
        if not never:
            subsidised = rng.random() < 0.15
            relapse = rng.random() < 0.12
            relapse_at = back + dt.timedelta(weeks=rng.randint(8, 40))
            relapse_end = relapse_at + dt.timedelta(weeks=rng.choice((6, 10, 14)))
            while week <= end:
                if relapse and relapse_at <= week < relapse_end:
                    codes.append((week, "SDP"))
                elif subsidised:
                    codes.append((week, "FLX"))
                week += dt.timedelta(weeks=1)
        for monday, code in codes:
            yield person.national_id, _iso(monday), code


def write_register(path: Path, rows: Iterable[tuple[str, str, str]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["national_id", "iso_week", "code"])
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def load_synthetic_register(
    *, path: Path, jurisdiction: str, today: dt.date, seed: int = 2016
) -> int:
    """Write a synthetic register file for every course of the jurisdiction and import it, as a
    study would import DREAM: the demo's curves come from it. Returns the rows imported."""
    from roundtable.citizens.models import Course
    from roundtable.outcomes.services import mapping_file, read_mapping_file, register_import

    courses = list(
        Course.objects.filter(jurisdiction=jurisdiction)
        .select_related("citizen")
        .order_by("referral_date", "id")
    )
    # Made-up differences between teams, so that the demo's curves are not all alike.
    teams = sorted({course.team_id for course in courses}, key=str)
    people = [
        SyntheticPerson(
            national_id=course.citizen.national_id,
            baseline=course.referral_date,
            first_absence=course.first_absence_day,
            pace=1.0 + 0.3 * (teams.index(course.team_id) % 2),
        )
        for course in courses
    ]
    write_register(path, register_rows(people, data_end=today, seed=seed))
    report = register_import(
        actor=None,
        path=path,
        jurisdiction=jurisdiction,
        mapping=read_mapping_file(mapping_file(jurisdiction)),
    )
    return report.rows_added
