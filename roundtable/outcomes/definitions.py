"""Return to work, as the IBBIS trials defined it: pure functions over weeks of benefit status.

Sources: Poulsen et al., *Trials* 2017;18:578 and 18:579 (NCT02872051, NCT02885519), summarised
in ../shared/reference/instruments.md §8 and DOMAIN.md §6b. The primary outcome was register-based
(DREAM, one row per person per week in which a public benefit was paid): "time from baseline to
first return to work for more than four consecutive weeks"; secondary outcomes were being in work
at 12 months and "recurrent sickness absence > 8 weeks". Which benefit codes count as "not in
work" differed between studies, so the categories that count as work are a setting.

Weeks are ISO weeks. Week 0 is the ISO week that contains the baseline (the referral date, or the
randomisation date when a trial arm is recorded); week *n* is n weeks later. A week without any
benefit row counts as a week at work, as in DREAM.

Nothing here touches the database: the register import, the recorded work history and the
``roundtable outcomes`` command all reduce their data to ``{week index: categories}`` and call
:func:`person_outcome`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# Benefit categories. A jurisdiction's mapping file assigns each register code to one of them.
HEALTH_BENEFIT = "health_benefit"  # sickness benefit, job clarification, other health-related
OTHER_BENEFIT = "other_benefit"  # unemployment benefit, social assistance, education grant …
WORK = "work"  # wage-subsidised work and other codes a study counts as being in work
CATEGORIES = (HEALTH_BENEFIT, OTHER_BENEFIT, WORK)

ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class OutcomeRules:
    """The trials' defaults; each may be changed per study (`roundtable outcomes --rtw-weeks …`)."""

    # "more than four consecutive weeks" (Poulsen 2017): five weeks.
    rtw_weeks: int = 5
    # "a new sickness absence of more than 8 weeks": nine weeks.
    relapse_weeks: int = 9
    # The week whose status answers "in work at 12 months".
    in_work_week: int = 52
    # Benefit categories that still count as being at work.
    work_categories: frozenset[str] = field(default_factory=lambda: frozenset({WORK}))
    # Benefit categories whose run after a return to work is a relapse.
    relapse_categories: frozenset[str] = field(default_factory=lambda: frozenset({HEALTH_BENEFIT}))

    def __post_init__(self) -> None:
        if self.rtw_weeks < 1 or self.relapse_weeks < 1 or self.in_work_week < 0:
            raise ValueError(
                "the run lengths must be at least one week, the 12-month week not negative"
            )


@dataclass(frozen=True)
class PersonOutcome:
    """One person's outcomes, in weeks from baseline."""

    rtw: bool
    weeks_to_rtw: int | None  # index of the first week of the first qualifying run
    censored_at_week: int | None  # last week with data, for a person without a return
    in_work_at_52: bool | None  # None when the data end before the week
    relapse: bool | None  # None when there was no return to work

    @property
    def duration_weeks(self) -> int:
        """Time to the event, or to censoring: what a survival curve takes."""
        value = self.weeks_to_rtw if self.rtw else self.censored_at_week
        assert value is not None
        return value


def iso_week_start(year: int, week: int) -> dt.date:
    """The Monday of ISO week ``year-Wweek``; ValueError if the year has no such week."""
    return dt.date.fromisocalendar(year, week, 1)


def parse_iso_week(text: str) -> dt.date:
    """``2026-W05`` → the Monday of that week; ValueError with a reason otherwise."""
    match = ISO_WEEK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO week like 2026-W05")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return iso_week_start(year, week)
    except ValueError:
        raise ValueError(f"{year} has no week {week}") from None


def week_index(baseline: dt.date, monday: dt.date) -> int:
    """Weeks from the ISO week containing ``baseline`` to the week starting ``monday``."""
    baseline_monday = baseline - dt.timedelta(days=baseline.weekday())
    return (monday - baseline_monday).days // 7


def at_work(categories: frozenset[str], rules: OutcomeRules) -> bool:
    """No public benefit this week, or only benefits that count as work."""
    return categories <= rules.work_categories


def _empty() -> frozenset[str]:
    return frozenset()


def person_outcome(
    weeks: Mapping[int, frozenset[str]], *, data_end: int, rules: OutcomeRules | None = None
) -> PersonOutcome:
    """The outcomes of one person from their benefit categories per week index.

    ``weeks`` holds the weeks in which some benefit was paid (index from baseline → categories);
    weeks absent from it had none. ``data_end`` is the last week index with data (the register
    file's last week, or the end of follow-up); weeks after it are unknown. Weeks before the
    baseline are ignored.

    - Return to work: the first run of at least ``rules.rtw_weeks`` consecutive at-work weeks
      starting in or after week 0 and ending by ``data_end``; ``weeks_to_rtw`` is the index of
      its first week.
    - Without a return the person is censored at ``data_end`` (never below 0).
    - In work at 12 months: at work in week ``rules.in_work_week``; unknown if the data end first.
    - Relapse: after the return, a run of at least ``rules.relapse_weeks`` consecutive weeks with a
      relapse category (health-related benefit), ending by ``data_end``.
    """
    rules = rules or OutcomeRules()

    def working(index: int) -> bool:
        return at_work(weeks.get(index, _empty()), rules)

    rtw_start: int | None = None
    run = 0
    for index in range(0, data_end + 1):
        run = run + 1 if working(index) else 0
        if run == rules.rtw_weeks:
            rtw_start = index - rules.rtw_weeks + 1
            break

    in_work: bool | None = None
    if data_end >= rules.in_work_week:
        in_work = working(rules.in_work_week)

    if rtw_start is None:
        return PersonOutcome(
            rtw=False,
            weeks_to_rtw=None,
            censored_at_week=max(data_end, 0),
            in_work_at_52=in_work,
            relapse=None,
        )

    relapse = False
    run = 0
    for index in range(rtw_start + rules.rtw_weeks, data_end + 1):
        run = run + 1 if weeks.get(index, _empty()) & rules.relapse_categories else 0
        if run == rules.relapse_weeks:
            relapse = True
            break
    return PersonOutcome(
        rtw=True,
        weeks_to_rtw=rtw_start,
        censored_at_week=None,
        in_work_at_52=in_work,
        relapse=relapse,
    )


def weeks_from_rows(
    baseline: dt.date, rows: list[tuple[dt.date, str]]
) -> dict[int, frozenset[str]]:
    """Register rows ``(week's Monday, category)`` of one person → ``{week index: categories}``."""
    weeks: dict[int, set[str]] = {}
    for monday, category in rows:
        index = week_index(baseline, monday)
        if index >= 0:
            weeks.setdefault(index, set()).add(category)
    return {index: frozenset(categories) for index, categories in weeks.items()}
