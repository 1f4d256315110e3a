"""The sick-leave rules engine: pure, dated legal rules per jurisdiction (issue 5).

`milestones()` is the single entry point: the legal milestones of one absence, sorted by date
(ties by id). The jurisdiction modules (dk, se, no) register themselves on import; each documents
its counting rules and cites legislation.md. Nothing here touches the database or the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from . import dk, no, se
from .base import (
    FROM_THE_LAW,
    Absence,
    Actor,
    InvalidAbsence,
    InvalidParams,
    Jurisdiction,
    Milestone,
    OutsideRules,
    PaidPeriod,
    PeriodLike,
    Rule,
    RulesError,
    UnknownJurisdiction,
    get_jurisdiction,
    jurisdiction_codes,
)

__all__ = [
    "FROM_THE_LAW",
    "Absence",
    "Actor",
    "InvalidAbsence",
    "InvalidParams",
    "Jurisdiction",
    "Milestone",
    "OutsideRules",
    "PaidPeriod",
    "Rule",
    "RulesError",
    "UnknownJurisdiction",
    "dk",
    "get_jurisdiction",
    "jurisdiction_codes",
    "milestones",
    "no",
    "se",
]


def milestones(
    jurisdiction: str | Jurisdiction[Any],
    first_absence_day: dt.date,
    paid_periods: Iterable[PeriodLike] | None = None,
    as_of: dt.date | None = None,
    params: Mapping[str, Any] | object | None = None,
) -> list[Milestone]:
    """The legal milestones of one absence under `jurisdiction` ("dk", "se" or "no").

    With `paid_periods=None` the absence is continuous from `first_absence_day` and assumed to go
    on; otherwise the periods (PaidPeriod or (start, end) tuples, end None = still running) are
    the payment history. `as_of` is today, passed in: the absence and every period must have
    begun by then. `params` overrides the jurisdiction's configurable defaults (see DKParams,
    SEParams, NOParams). The rules used are the versions in force on the first absence day.

    Raises a RulesError (a ValueError with a one-line message) for an unknown jurisdiction,
    invalid periods, unknown parameters, or a day before the rules' coverage.
    Sources: ../shared/reference/legislation.md §6, cited per rule in dk.py, se.py, no.py.
    """
    rules = (
        jurisdiction if isinstance(jurisdiction, Jurisdiction) else get_jurisdiction(jurisdiction)
    )
    absence = Absence.of(first_absence_day, paid_periods, as_of)
    return rules.milestones(absence, params)
