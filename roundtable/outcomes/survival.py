"""Kaplan–Meier curves and the log-rank test: the one adapter over lifelines (STYLE 14).

Everything else in Roundtable speaks in :class:`Curve` and :class:`Comparison`; replacing lifelines
means rewriting this module only. The event is the return to work; "survival" is the probability
of not yet having returned, so a curve falls as people go back to work.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Step:
    week: int
    at_risk: int
    events: int
    censored: int
    survival: float
    lower: float  # 95 % confidence band (exponential Greenwood, lifelines' default)
    upper: float


@dataclass(frozen=True)
class Curve:
    n: int
    events: int
    median_weeks: float | None  # None while more than half have not returned
    steps: tuple[Step, ...]

    def survival_at(self, week: int) -> float:
        """Probability of not yet having returned by the end of ``week``."""
        value = 1.0
        for step in self.steps:
            if step.week > week:
                break
            value = step.survival
        return value

    def share_returned_by(self, week: int) -> float:
        return 1.0 - self.survival_at(week)


@dataclass(frozen=True)
class Comparison:
    curves: dict[str, Curve]
    logrank_p: float | None  # None with fewer than two groups that have people


def _finite(value: float) -> float:
    return float(value) if math.isfinite(value) else 1.0


def kaplan_meier(durations: Sequence[int], events: Sequence[bool]) -> Curve:
    """The curve of one group: ``durations`` in weeks, ``events`` True for a return to work."""
    if len(durations) != len(events):
        raise ValueError("durations and events differ in length")
    if not durations:
        return Curve(n=0, events=0, median_weeks=None, steps=())
    # lifelines brings pandas and scipy: imported on first use, not when a worker starts.
    from lifelines import KaplanMeierFitter

    fitter = KaplanMeierFitter()
    fitter.fit(np.asarray(durations, dtype=float), event_observed=np.asarray(events, dtype=bool))
    table = fitter.event_table
    survival = fitter.survival_function_.iloc[:, 0]
    bands = fitter.confidence_interval_survival_function_
    steps = []
    for week, row in table.iterrows():
        if int(row["observed"]) == 0 and int(row["censored"]) == 0:
            continue  # lifelines' row for time 0 when nobody is there
        steps.append(
            Step(
                week=int(week),
                at_risk=int(row["at_risk"]),
                events=int(row["observed"]),
                censored=int(row["censored"]),
                survival=float(survival.loc[week]),
                lower=_finite(bands.iloc[:, 0].loc[week]),
                upper=_finite(bands.iloc[:, 1].loc[week]),
            )
        )
    median = fitter.median_survival_time_
    return Curve(
        n=len(durations),
        events=int(sum(bool(e) for e in events)),
        median_weeks=float(median) if math.isfinite(median) else None,
        steps=tuple(steps),
    )


def compare(groups: Mapping[str, tuple[Sequence[int], Sequence[bool]]]) -> Comparison:
    """One curve per group and the log-rank test between the groups."""
    curves = {label: kaplan_meier(d, e) for label, (d, e) in sorted(groups.items())}
    populated = [label for label, curve in curves.items() if curve.n > 0]
    p_value: float | None = None
    if len(populated) >= 2:
        durations: list[int] = []
        observed: list[bool] = []
        labels: list[str] = []
        for label in populated:
            d, e = groups[label]
            durations.extend(d)
            observed.extend(bool(x) for x in e)
            labels.extend([label] * len(d))
        from lifelines.statistics import multivariate_logrank_test

        result = multivariate_logrank_test(durations, labels, observed)
        p_value = float(result.p_value) if math.isfinite(result.p_value) else None
    return Comparison(curves=curves, logrank_p=p_value)
