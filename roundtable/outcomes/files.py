"""The files of the outcome command contract: people, weeks of benefit codes, a code mapping.

- PEOPLE: ``person,baseline,group`` — any person label, an ISO date, any group label.
- WEEKS: ``person,week,code`` — ``YYYY-Www``; one row per week in which a benefit was paid.
- MAP: ``code,category`` — category one of :data:`definitions.CATEGORIES`; without a mapping
  every code counts as a health-related benefit.

A bad row stops the whole reading with :class:`InputError` naming the file, the line and the
reason, so that nothing is computed from a file that was half understood.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from roundtable.outcomes.definitions import CATEGORIES, HEALTH_BENEFIT, parse_iso_week


class InputError(Exception):
    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")


@dataclass(frozen=True)
class Person:
    label: str
    baseline: dt.date
    group: str


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise InputError(path, 0, f"cannot be read ({error.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        header = tuple(name.strip() for name in reader.fieldnames or ())
        missing = [c for c in columns if c not in header]
        if missing:
            raise InputError(path, 1, f"the header lacks the column(s) {', '.join(missing)}")
        try:
            for row in reader:
                values = {k.strip(): (v or "").strip() for k, v in row.items() if k}
                if not any(values.values()):
                    continue
                yield reader.line_num, values
        except (csv.Error, UnicodeDecodeError) as error:
            raise InputError(path, reader.line_num, f"not readable as CSV ({error})") from None


def read_people(path: Path) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for line, row in _rows(path, ("person", "baseline", "group")):
        label = row["person"]
        if not label:
            raise InputError(path, line, "the person is empty")
        try:
            baseline = dt.date.fromisoformat(row["baseline"])
        except ValueError:
            raise InputError(
                path, line, f"baseline {row['baseline']!r} is not a date like 2026-03-31"
            ) from None
        if label in people:
            raise InputError(path, line, f"person {label!r} appears twice")
        people[label] = Person(label=label, baseline=baseline, group=row["group"])
    return people


def read_mapping(path: Path) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for line, row in _rows(path, ("code", "category")):
        code, category = row["code"], row["category"]
        if not code:
            raise InputError(path, line, "the code is empty")
        if category not in CATEGORIES:
            raise InputError(
                path, line, f"category {category!r} is not one of {', '.join(CATEGORIES)}"
            )
        if mapping.get(code, category) != category:
            raise InputError(path, line, f"code {code!r} is mapped twice, differently")
        mapping[code] = category
    return mapping


@dataclass(frozen=True)
class Weeks:
    rows: dict[str, list[tuple[dt.date, str]]]  # person → (week's Monday, category)
    last_week: dt.date | None  # the file's last week, the default end of data


def read_weeks(path: Path, people: dict[str, Person], mapping: dict[str, str] | None) -> Weeks:
    rows: dict[str, list[tuple[dt.date, str]]] = {label: [] for label in people}
    last: dt.date | None = None
    for line, row in _rows(path, ("person", "week", "code")):
        label = row["person"]
        if label not in people:
            raise InputError(path, line, f"unknown person {label!r} (not in the people file)")
        try:
            monday = parse_iso_week(row["week"])
        except ValueError as error:
            raise InputError(path, line, str(error)) from None
        code = row["code"]
        if not code:
            raise InputError(path, line, "the code is empty")
        if mapping is None:
            category = HEALTH_BENEFIT
        elif code in mapping:
            category = mapping[code]
        else:
            raise InputError(path, line, f"unknown code {code!r} (not in the mapping)")
        rows[label].append((monday, category))
        last = monday if last is None or monday > last else last
    return Weeks(rows=rows, last_week=last)
