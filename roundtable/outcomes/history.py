"""The recorded history of a course as benefit weeks, so the register's definitions apply to it.

Pure: takes plain spans, returns ``{week index: categories}`` for `definitions.person_outcome`.

- A benefit status holds from its date until the next benefit status (or its own end, or the end
  of data): sickness benefit, job clarification and other health-related benefits are the
  health-related category; unemployment benefit and social assistance other benefits; "no public
  benefit" none.
- The course's sick-leave benefit periods (already recorded on the sick-leave page) and a new
  absence are weeks of health-related benefit, so nothing is entered twice.
- A subsidised job is paid in part by the state: its weeks count as work (category ``work``); a
  job on the open labour market needs no category (no benefit is paid).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from roundtable.outcomes.definitions import HEALTH_BENEFIT, OTHER_BENEFIT, WORK, week_index

HEALTH_STATUSES = frozenset({"sickness_benefit", "job_clarification", "other_health"})
OTHER_STATUSES = frozenset({"unemployment", "social_assistance"})


@dataclass(frozen=True)
class Span:
    category: str
    start: dt.date
    end: dt.date | None  # None: still going


def benefit_spans(
    *,
    statuses: Iterable[tuple[dt.date, dt.date | None, str]],
    absences: Iterable[tuple[dt.date, dt.date | None]],
    subsidised_jobs: Iterable[tuple[dt.date, dt.date | None]],
) -> list[Span]:
    """Benefit statuses (date, own end, status), absences and subsidised jobs as spans."""
    spans: list[Span] = []
    ordered = sorted(statuses, key=lambda s: s[0])
    for index, (start, own_end, status) in enumerate(ordered):
        following = (
            ordered[index + 1][0] - dt.timedelta(days=1) if index + 1 < len(ordered) else None
        )
        end = min((d for d in (own_end, following) if d is not None), default=None)
        if status in HEALTH_STATUSES:
            spans.append(Span(HEALTH_BENEFIT, start, end))
        elif status in OTHER_STATUSES:
            spans.append(Span(OTHER_BENEFIT, start, end))
    spans += [Span(HEALTH_BENEFIT, start, end) for start, end in absences]
    spans += [Span(WORK, start, end) for start, end in subsidised_jobs]
    return spans


def weeks_from_spans(
    baseline: dt.date, spans: Iterable[Span], *, data_end: dt.date
) -> dict[int, frozenset[str]]:
    """Every ISO week a span touches, from week 0 to the week of ``data_end``."""
    weeks: dict[int, set[str]] = {}
    last = week_index(baseline, data_end - dt.timedelta(days=data_end.weekday()))
    for span in spans:
        end = span.end or data_end
        first = max(week_index(baseline, span.start - dt.timedelta(days=span.start.weekday())), 0)
        final = min(week_index(baseline, end - dt.timedelta(days=end.weekday())), last)
        for index in range(first, final + 1):
            weeks.setdefault(index, set()).add(span.category)
    return {index: frozenset(categories) for index, categories in weeks.items()}
