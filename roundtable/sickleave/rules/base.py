"""The shared vocabulary of the sick-leave rules engine: milestones, paid periods, rules, registry.

Everything here is pure: no ORM, no clock, no settings. "Today" is always passed in (`as_of`), so
the same input gives the same dates on any day, in any test, in any process.

Day and week numbering, used by every jurisdiction module
---------------------------------------------------------
The first absence day is **day 1** (sick-leave law counts it as the first day of the absence).

- "day N" is the first absence day + (N − 1) days: day 30 = first + 29, day 90 = first + 89.
- "week N" is the 7 days N·7 − 6 … N·7, so the **end of week N** = first + (7·N − 1) days:
  the end of week 4 = first + 27, of week 8 = first + 55, of week 52 = first + 363.
- "within N weeks of day X" is read the same way, with X as day 1: by X + (7·N − 1) days. This is
  the earlier of the two readings (a period of N weeks *after* X would end on X + 7·N), so a
  reminder built on it is never late.
- "N months from X" adds calendar months and clamps to the month's last day (31 January + 1 month
  = 28 or 29 February); "the first six months" ends the day before that date.

With paid periods (an interrupted absence), "day N" is the N-th day inside the periods (sick days
from separate periods are added together). Denmark's reassessment uses its own count (dk.py).

Sources: ../shared/reference/legislation.md §6; each jurisdiction module cites its own.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeAlias, TypeVar

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A label is an English source string, translated lazily when shown.
StrOrPromise: TypeAlias = str | Promise

#: Shown next to every legal date a citizen sees (DOMAIN.md §2: "not personal" builds trust).
FROM_THE_LAW = _("This date comes from the law, not from anyone's judgement of you.")


def interpolated(text: str, **values: object) -> StrOrPromise:
    """A lazy translation of `text` (marked with gettext_noop) with `values` filled in when shown.

    Milestones are computed once and kept (selectors.py), so their texts must stay lazy: a text
    formatted at computation time would keep the language of the first reader.
    """

    def render() -> str:
        return gettext(text) % values

    return lazy(render, str)()


class RulesError(ValueError):
    """Input the rules cannot work with. The message is one plain sentence, safe to show."""


class UnknownJurisdiction(RulesError):
    pass


class InvalidAbsence(RulesError):
    pass


class InvalidParams(RulesError):
    pass


class OutsideRules(RulesError):
    """The absence starts before the first day the jurisdiction's rules cover."""


class Actor(StrEnum):
    """Who must act (or may act) by the milestone's date."""

    EMPLOYEE = "employee"
    EMPLOYER = "employer"
    MUNICIPALITY = "municipality"
    NAV = "nav"
    FORSAKRINGSKASSAN = "forsakringskassan"


@dataclass(frozen=True)
class Milestone:
    """One dated step of the legal clock.

    `date` is the due date (or the day the step happens). `opens`, when set, is the first day of
    the window in which the step may or should happen, so pages can show "between … and …".
    `label` and `explanation` are lazy English source strings, in plain words, written for the
    citizen ("your employer"). `staff_label` is the professionals' wording of the same step
    ("the employer's absence interview"), where it differs; staff pages use `for_staff`.
    """

    id: str
    date: dt.date
    label: StrOrPromise
    legal_ref: str
    actor: Actor
    explanation: StrOrPromise
    opens: dt.date | None = None
    staff_label: StrOrPromise | None = None

    @property
    def for_staff(self) -> StrOrPromise:
        """The label professionals read (their own wording, not the citizen's "your")."""
        return self.staff_label if self.staff_label is not None else self.label

    def sort_key(self) -> tuple[dt.date, str]:
        return (self.date, self.id)


def sorted_milestones(items: Iterable[Milestone]) -> list[Milestone]:
    """Milestones by date, ties broken by id, so the order never depends on the rule order."""
    return sorted(items, key=Milestone.sort_key)


# --- dates ---------------------------------------------------------------------------------------


def _require_date(value: object, what: str) -> dt.date:
    # datetime is a subclass of date; a datetime here is a bug (time zones), not a day.
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidAbsence(f"{what} must be a date, not {type(value).__name__}")
    return value


def day_n(day_1: dt.date, n: int) -> dt.date:
    """Day N of a period whose day 1 is `day_1`: day_1 + (N − 1) days."""
    if n < 1:
        raise ValueError(f"day numbers start at 1, not {n}")
    return day_1 + dt.timedelta(days=n - 1)


def end_of_week(day_1: dt.date, n: int) -> dt.date:
    """The last day of week N of a period whose day 1 is `day_1`: day_1 + (7·N − 1) days."""
    if n < 1:
        raise ValueError(f"week numbers start at 1, not {n}")
    return day_1 + dt.timedelta(days=7 * n - 1)


def last_day_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def end_of_first_months(day_1: dt.date, months: int) -> dt.date:
    """The last day of the first `months` calendar months from `day_1` (day_1 counted)."""
    return add_months(day_1, months) - dt.timedelta(days=1)


# --- absences ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaidPeriod:
    """Days on which sickness benefit, an employer refund or sick pay was paid, both ends included.

    `end=None` means the payment is still running: the rules then assume it continues ("if the
    absence goes on"), which is what a timeline for a person on sick leave today must show.
    """

    start: dt.date
    end: dt.date | None = None

    def __post_init__(self) -> None:
        _require_date(self.start, "a paid period's start")
        if self.end is not None:
            _require_date(self.end, "a paid period's end")
            if self.end < self.start:
                raise InvalidAbsence(
                    f"paid period {self} ends ({self.end}) before it starts ({self.start})"
                )

    def __str__(self) -> str:
        return f"{self.start}:{self.end or ''}"

    @property
    def is_open(self) -> bool:
        return self.end is None

    def length(self) -> int | None:
        """Number of days, or None for a period that is still running."""
        return None if self.end is None else (self.end - self.start).days + 1

    def days(self, until: dt.date | None = None) -> Iterator[dt.date]:
        """Each day of the period; an open period needs `until` (inclusive) to stop."""
        last = self.end if self.end is not None else until
        if last is None:
            raise ValueError("an open paid period needs a last day to list its days")
        day = self.start
        while day <= last:
            yield day
            day += dt.timedelta(days=1)


PeriodLike: TypeAlias = PaidPeriod | tuple[dt.date, dt.date | None]


@dataclass(frozen=True)
class Absence:
    """The facts the rules are computed from.

    `paid_periods=None` is a continuous absence from `first_day`, assumed to go on. Otherwise the
    periods are the payment history, in order, not overlapping, none before `first_day`; only the
    last one may be open. `as_of` is "today" for the question being asked: when given, the first
    absence day and every paid period must have begun by then (the engine computes from the
    benefit history and never reads the clock itself).
    """

    first_day: dt.date
    paid_periods: tuple[PaidPeriod, ...] | None = None
    as_of: dt.date | None = None

    def __post_init__(self) -> None:
        _require_date(self.first_day, "the first absence day")
        if self.as_of is not None:
            _require_date(self.as_of, "the as-of day")
            if self.as_of < self.first_day:
                raise InvalidAbsence(
                    f"the as-of day {self.as_of} is before the first absence day {self.first_day}"
                )
        if self.paid_periods is None:
            return
        # Accept any sequence, but keep a tuple: the absence is a value (hashable, immutable).
        object.__setattr__(self, "paid_periods", tuple(self.paid_periods))
        previous: PaidPeriod | None = None
        for period in self.paid_periods:
            if not isinstance(period, PaidPeriod):
                raise InvalidAbsence(f"expected a PaidPeriod, not {type(period).__name__}")
            if period.start < self.first_day:
                raise InvalidAbsence(
                    f"paid period {period} starts before the first absence day {self.first_day}"
                )
            if self.as_of is not None and period.start > self.as_of:
                raise InvalidAbsence(
                    f"paid period {period} starts after the as-of day {self.as_of}"
                )
            if previous is not None:
                if period.start < previous.start:
                    raise InvalidAbsence(
                        f"paid periods are out of order: {period} comes after {previous}"
                    )
                if previous.end is None or period.start <= previous.end:
                    raise InvalidAbsence(f"paid periods overlap: {previous} and {period}")
            previous = period

    @classmethod
    def of(
        cls,
        first_day: dt.date,
        paid_periods: Iterable[PeriodLike] | None = None,
        as_of: dt.date | None = None,
    ) -> Absence:
        """Build from plain values: periods may be PaidPeriod or (start, end) tuples."""
        if paid_periods is None:
            return cls(first_day, None, as_of)
        periods = tuple(p if isinstance(p, PaidPeriod) else PaidPeriod(*p) for p in paid_periods)
        return cls(first_day, periods, as_of)

    @property
    def periods(self) -> tuple[PaidPeriod, ...]:
        """The paid periods, a continuous absence being one open period from the first day."""
        if self.paid_periods is None:
            return (PaidPeriod(self.first_day),)
        return self.paid_periods

    def nth_day(self, n: int) -> dt.date | None:
        """The date of day N of the absence, counting only paid days; None if never reached."""
        if n < 1:
            raise ValueError(f"day numbers start at 1, not {n}")
        remaining = n
        for period in self.periods:
            length = period.length()
            if length is None or remaining <= length:
                return day_n(period.start, remaining)
            remaining -= length
        return None

    def end_of_nth_week(self, n: int) -> dt.date | None:
        """The date of the last day of week N of the absence (its 7·N-th paid day)."""
        if n < 1:
            raise ValueError(f"week numbers start at 1, not {n}")
        return self.nth_day(7 * n)

    def last_known_day(self) -> dt.date:
        """The latest date the facts mention (a period start or end, the first day, as_of)."""
        days = [self.first_day, *(d for p in self.periods for d in (p.start, p.end) if d)]
        if self.as_of is not None:
            days.append(self.as_of)
        return max(days)


def with_assumed_continuation(
    periods: Sequence[PaidPeriod], as_of: dt.date
) -> tuple[PaidPeriod, ...]:
    """Recorded periods of a person who is still off sick: the absence goes on after them.

    Recorded periods are what has been paid *so far*; a last period that ended before `as_of`
    does not mean the person went back to work. Days not yet recorded are not days at work, so
    the absence is assumed to go on from the day after the last recorded day — the same
    assumption as for an absence with no periods at all. Without it, recording one past period
    made every later legal date (the Danish reassessment, the job-clarification programme)
    disappear, because the days after it counted as unpaid (issue 10, finding 5). Only the
    caller knows whether the person is back at work; it leaves those periods alone.
    """
    result = tuple(periods)
    if not result:
        return result
    last = result[-1]
    if last.end is None or last.end >= as_of:
        return result
    return (*result, PaidPeriod(last.end + dt.timedelta(days=1)))


@dataclass(frozen=True)
class MilestoneChange:
    """How one legal date differs between two computations (before and after a change).

    `label` is the professionals' wording: changes are shown to the employment consultant.
    """

    id: str
    label: StrOrPromise
    before: dt.date | None
    after: dt.date | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "moved"


def milestone_changes(
    before: Iterable[Milestone], after: Iterable[Milestone]
) -> list[MilestoneChange]:
    """The legal dates a change moves, removes or adds, by milestone id, in date order.

    Pure: the page asks before it saves ("This moves the reassessment from … to …"), so nobody
    changes a legal date without seeing it.
    """
    old = {m.id: m for m in before}
    new = {m.id: m for m in after}
    changes = [
        MilestoneChange(
            id=key,
            label=(new.get(key) or old[key]).for_staff,
            before=old[key].date if key in old else None,
            after=new[key].date if key in new else None,
        )
        for key in old.keys() | new.keys()
        if key not in old or key not in new or old[key].date != new[key].date
    ]
    return sorted(changes, key=lambda c: (c.before or c.after or dt.date.min, c.id))


# --- rules and jurisdictions ---------------------------------------------------------------------

P = TypeVar("P")


@dataclass(frozen=True)
class Rule(Generic[P]):
    """One version of a legal rule, in force from `effective_from` to `effective_to` (inclusive).

    None means open-ended on that side. Several versions may share an `id`; for a given absence
    the version in force on the first absence day is used (the day the rights and duties arise).
    `compute` turns the absence and the jurisdiction's parameters into milestones.
    """

    id: str
    compute: Callable[[Absence, P], Sequence[Milestone]]
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        if self.effective_from is not None and day < self.effective_from:
            return False
        return not (self.effective_to is not None and day > self.effective_to)


def check_rule_versions(rules: Iterable[Rule[Any]]) -> None:
    """Refuse a rule set in which two versions of one rule are in force on the same day."""
    by_id: dict[str, list[Rule[Any]]] = {}
    for rule in rules:
        if rule.effective_from and rule.effective_to and rule.effective_to < rule.effective_from:
            raise ValueError(f"rule {rule.id} ends before it starts")
        by_id.setdefault(rule.id, []).append(rule)
    for rule_id, versions in by_id.items():
        ordered = sorted(versions, key=lambda r: r.effective_from or dt.date.min)
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            earlier_end = earlier.effective_to or dt.date.max
            later_start = later.effective_from or dt.date.min
            if later_start <= earlier_end:
                raise ValueError(f"two versions of rule {rule_id} are in force on {later_start}")


def rules_in_force(rules: Iterable[Rule[P]], day: dt.date) -> list[Rule[P]]:
    """For each rule id, the version in force on `day` (ids with no version in force drop out)."""
    return [rule for rule in rules if rule.in_force_on(day)]


@dataclass(frozen=True)
class Jurisdiction(Generic[P]):
    """A pluggable set of sick-leave rules (DOMAIN.md §5: "the rules engine must be pluggable").

    `params_type` is a frozen dataclass whose defaults are the configurable values (every item
    legislation.md marks UNVERIFIED is one of them); `rules(params)` builds the rule versions, so a
    parameter may also move a version's effective date. `covered_from` is the first absence day the
    module's rules describe; earlier absences are refused rather than computed under the wrong law.
    """

    code: str
    name: StrOrPromise
    params_type: type[P]
    rules: Callable[[P], Sequence[Rule[P]]]
    covered_from: dt.date | None = None
    #: The statutes the dates come from, by their own names (not translated), for pages.
    law: str = ""

    def resolve_params(self, params: Mapping[str, Any] | P | None = None) -> P:
        """The defaults, overridden by `params` (a mapping or a ready params object)."""
        if params is None:
            return self.params_type()
        if isinstance(params, self.params_type):
            return params
        if not isinstance(params, Mapping):
            raise InvalidParams(f"{self.code} parameters must be a mapping")
        defaults = self.params_type()
        fields = {f.name for f in dataclasses.fields(defaults)}  # type: ignore[arg-type]
        unknown = sorted(set(params) - fields)
        if unknown:
            raise InvalidParams(
                f"unknown {self.code} parameter(s): {', '.join(unknown)}"
                f" (known: {', '.join(sorted(fields))})"
            )
        for key, value in params.items():
            default = getattr(defaults, key)
            if default is None or value is None:
                continue
            same_kind = isinstance(value, type(default)) and (
                isinstance(default, bool) == isinstance(value, bool)
            )
            if not same_kind:
                raise InvalidParams(
                    f"{self.code} parameter {key} must be a {type(default).__name__},"
                    f" not {type(value).__name__}"
                )
        try:
            return dataclasses.replace(defaults, **params)  # type: ignore[type-var]
        except (TypeError, ValueError) as exc:
            raise InvalidParams(f"{self.code} parameters: {exc}") from exc

    def milestones(
        self, absence: Absence, params: Mapping[str, Any] | P | None = None
    ) -> list[Milestone]:
        """Every milestone of the rules in force on the first absence day, sorted."""
        if self.covered_from is not None and absence.first_day < self.covered_from:
            raise OutsideRules(
                f"the {self.code} rules start on {self.covered_from};"
                f" a first absence day of {absence.first_day} is earlier"
            )
        resolved = self.resolve_params(params)
        rule_set = self.rules(resolved)
        check_rule_versions(rule_set)
        found: list[Milestone] = []
        for rule in rules_in_force(rule_set, absence.first_day):
            found.extend(rule.compute(absence, resolved))
        return sorted_milestones(found)


_REGISTRY: dict[str, Jurisdiction[Any]] = {}


def register(jurisdiction: Jurisdiction[Any]) -> Jurisdiction[Any]:
    if jurisdiction.code in _REGISTRY and _REGISTRY[jurisdiction.code] is not jurisdiction:
        raise ValueError(f"jurisdiction {jurisdiction.code} is already registered")
    _REGISTRY[jurisdiction.code] = jurisdiction
    return jurisdiction


def jurisdiction_codes() -> list[str]:
    return sorted(_REGISTRY)


def get_jurisdiction(code: str) -> Jurisdiction[Any]:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise UnknownJurisdiction(
            f"unknown jurisdiction {code!r}: choose one of {', '.join(jurisdiction_codes())}"
        ) from None
