"""From files (or database rows) to outcomes per person and survival per group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roundtable.outcomes.definitions import (
    OutcomeRules,
    PersonOutcome,
    person_outcome,
    week_index,
    weeks_from_rows,
)
from roundtable.outcomes.files import read_mapping, read_people, read_weeks
from roundtable.outcomes.survival import Comparison, compare


@dataclass(frozen=True)
class LabelledOutcome:
    person: str
    group: str
    outcome: PersonOutcome


def compute_outcomes(
    *,
    people_path: Path,
    weeks_path: Path,
    mapping_path: Path | None,
    rules: OutcomeRules,
    data_end: dt.date | None,
) -> list[LabelledOutcome]:
    people = read_people(people_path)
    mapping = read_mapping(mapping_path) if mapping_path else None
    weeks = read_weeks(weeks_path, people, mapping)
    end = data_end or weeks.last_week
    result = []
    for label, person in people.items():
        person_weeks = weeks_from_rows(person.baseline, weeks.rows[label])
        end_index = week_index(person.baseline, end) if end else 0
        result.append(
            LabelledOutcome(
                person=label,
                group=person.group,
                outcome=person_outcome(person_weeks, data_end=end_index, rules=rules),
            )
        )
    return result


def outcome_rows(outcomes: list[LabelledOutcome]) -> list[dict[str, Any]]:
    return [
        {
            "person": item.person,
            "group": item.group,
            "rtw": item.outcome.rtw,
            "weeks_to_rtw": item.outcome.weeks_to_rtw,
            "censored_at_week": item.outcome.censored_at_week,
            "in_work_at_52": item.outcome.in_work_at_52,
            "relapse": item.outcome.relapse,
        }
        for item in outcomes
    ]


def comparison_by_group(outcomes: list[LabelledOutcome]) -> Comparison:
    groups: dict[str, tuple[list[int], list[bool]]] = {}
    for item in outcomes:
        durations, events = groups.setdefault(item.group, ([], []))
        durations.append(item.outcome.duration_weeks)
        events.append(item.outcome.rtw)
    return compare(groups)


def survival_report(outcomes: list[LabelledOutcome]) -> dict[str, Any]:
    comparison = comparison_by_group(outcomes)
    return {
        "groups": {
            label: {
                "n": curve.n,
                "events": curve.events,
                "median_weeks": curve.median_weeks,
                "timeline": [
                    {
                        "week": step.week,
                        "at_risk": step.at_risk,
                        "events": step.events,
                        "censored": step.censored,
                        "survival": step.survival,
                    }
                    for step in curve.steps
                ],
            }
            for label, curve in comparison.curves.items()
        },
        "logrank_p": comparison.logrank_p,
    }
