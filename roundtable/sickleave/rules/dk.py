"""Denmark: Lov om sygedagpenge after the 2014 reform (Law 720 of 25 June 2014, from 1 July 2014).

Source for every rule here: ../shared/reference/legislation.md §6a, which cites retsinformation.dk
(vejledning "sygedagpengeperioden og forlængelse"), cabiweb.dk, danskelove.dk, elov.dk, star.dk,
dsa.dk and the employer-instrument sources (advokatavisen, 3F, kf.dk, kk.dk). Day and week
numbering is explained in base.py: the first absence day is day 1, the end of week N is
first + 7·N − 1.

How the reassessment date (§ 24) is counted
-------------------------------------------
1. **Paid days.** A day counts as paid if it lies in a paid period (benefit, employer refund or sick
   pay). Reduced benefit counts in full, so a paid day is a whole day whatever the amount. Periods
   that are not sickness benefit (maternity leave) are simply not paid periods. With no periods
   given, every day from the first absence day on is paid.
2. **The employer period is not counted**: the first 30 calendar days for employees (2 weeks for
   the self-employed) from the first absence day. Whether a new employer period starts with each
   new absence is not in our source; `employer_period_each_absence` switches to that reading.
3. **The window** for a day D is "the preceding 9 calendar months" read as a rolling window that
   ends on D: from the same day-of-month as D + 1, nine months earlier, to D inclusive, clamping
   to month ends. For D = 30 November 2026 it is 1 March – 30 November 2026; for D = 28 November
   2028 it is 29 February – 28 November 2028.
4. **Weeks** are counted days / 7, so "more than 22 weeks" is more than 154 counted days, i.e.
   155 or more.
5. **The trigger day** is the first day whose window holds more than 22 weeks; benefit stops at
   the **end of that calendar month** (the reassessment date). With no further paid days the
   reassessment never comes (None).

For a continuous absence this gives: trigger = first + 30 + 154 days, reassessment = the last day
of that month. § 25 (pensioners and people at state-pension age) uses 26 weeks in 12 months.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .base import (
    Absence,
    Actor,
    InvalidParams,
    Jurisdiction,
    Milestone,
    OutsideRules,
    PeriodLike,
    Rule,
    StrOrPromise,
    add_months,
    day_n,
    end_of_first_months,
    end_of_week,
    interpolated,
    last_day_of_month,
    register,
)

LAW = "Sygedagpengeloven"
#: The 2014 reform (Law 720 of 25 June 2014) came into force on this day [V].
REFORM_2014 = dt.date(2014, 7, 1)

_REF_24 = f"{LAW} § 24 (lov nr. 720 af 25. juni 2014)"
_REF_25 = f"{LAW} § 25"
_REF_24A = f"{LAW} § 24 a"
_REF_13B_2014 = f"{LAW} § 13 b (reglerne fra 2014)"
_REF_13B = f"{LAW} § 13 b (LBK nr. 1179 af 21. september 2023)"
_REF_7A = f"{LAW} § 7 a"
_REF_7B = f"{LAW} § 7 b"
_REF_36 = f"{LAW} § 36"


@dataclass(frozen=True)
class DKParams:
    """Facts about the case and configurable defaults for the Danish rules.

    Facts of the case (both [V] in legislation.md):
      - `insured_group`: "employee" (employer period 30 days) or "self_employed" (2 weeks).
      - `section_25`: § 25 applies (pensioners, pension health criteria, state-pension age):
        26 weeks within 12 months instead of 22 weeks within 9 months.
      - `followup_category`: the § 12 category, 1–3. Category 1: the municipality decides the
        follow-up (§ 13 a), so no follow-up milestones are produced.

    Configurable defaults, not truths (UNVERIFIED or absent in legislation.md):
      - `current_followup_rule_from`: the day the current § 13 b follow-up rule (at least four
        follow-ups in six months) replaced the 2014 model (every 4 weeks). The date of change is
        UNVERIFIED; the default is the date of LBK 1179 of 21/09/2023, the earliest date our
        source shows the current rule in force.
      - `job_clarification_course_months`: maximum length of one job-clarification course. The
        2014 design was 2 years; the current maximum is UNVERIFIED. None means no limit shown.
      - `friattest_from_absence_day`: the day from which an employer may demand a friattest. The
        statutory timing is UNVERIFIED (some collective agreements: from the 4th sick day), so
        the default None produces no milestone.
      - `employer_period_each_absence`: not in our source. False (default): the employer period
        is the first 30 days from the first absence day only, as legislation.md words it. True:
        the first 30 days of every separate absence are left out (the periods must then include
        the days the employer paid).
    """

    insured_group: str = "employee"
    section_25: bool = False
    followup_category: int = 2
    current_followup_rule_from: dt.date = dt.date(2023, 9, 21)
    job_clarification_course_months: int | None = 24
    friattest_from_absence_day: int | None = None
    employer_period_each_absence: bool = False

    def __post_init__(self) -> None:
        if self.insured_group not in ("employee", "self_employed"):
            raise InvalidParams("insured_group must be 'employee' or 'self_employed'")
        if self.followup_category not in (1, 2, 3):
            raise InvalidParams("followup_category must be 1, 2 or 3")
        if self.current_followup_rule_from <= REFORM_2014:
            raise InvalidParams(f"current_followup_rule_from must be after {REFORM_2014}")
        if self.job_clarification_course_months is not None and (
            self.job_clarification_course_months < 1
        ):
            raise InvalidParams("job_clarification_course_months must be at least 1")
        if self.friattest_from_absence_day is not None and self.friattest_from_absence_day < 1:
            raise InvalidParams("friattest_from_absence_day must be at least 1")

    @property
    def employer_period_days(self) -> int:
        return 30 if self.insured_group == "employee" else 14

    @property
    def threshold_weeks(self) -> int:
        return 26 if self.section_25 else 22

    @property
    def window_months(self) -> int:
        return 12 if self.section_25 else 9


def _params(params: Mapping[str, Any] | DKParams | None) -> DKParams:
    return DENMARK.resolve_params(params)


def _absence(
    first_absence_day: dt.date,
    paid_periods: Iterable[PeriodLike] | None,
    as_of: dt.date | None = None,
) -> Absence:
    if first_absence_day < REFORM_2014:
        raise OutsideRules(
            f"the dk rules start on {REFORM_2014}; a first absence day of {first_absence_day}"
            " is earlier"
        )
    return Absence.of(first_absence_day, paid_periods, as_of)


# --- § 24: the reassessment date -----------------------------------------------------------------


def window_start(day: dt.date, months: int = 9) -> dt.date:
    """First day of the rolling window of `months` calendar months that ends on `day`.

    The window is [window_start(day), day]: it starts on the same day-of-month as day + 1,
    `months` earlier, clamped to the month's last day. Source: § 24, "the preceding 9 calendar
    months" (legislation.md §6a); the rolling reading is our documented choice (see module doc).
    """
    return add_months(day + dt.timedelta(days=1), -months)


def _runs(absence: Absence) -> list[tuple[dt.date, dt.date | None]]:
    """The separate absences: paid periods that touch (end + 1 = next start) form one run."""
    runs: list[tuple[dt.date, dt.date | None]] = []
    for period in absence.periods:
        if runs:
            start, end = runs[-1]
            if end is not None and period.start == end + dt.timedelta(days=1):
                runs[-1] = (start, period.end)
                continue
        runs.append((period.start, period.end))
    return runs


def _counted_ordinals(absence: Absence, p: DKParams, last: dt.date) -> list[int]:
    """Ordinals of the paid days up to `last` that count towards the § 24 weeks, sorted."""
    employer_days = dt.timedelta(days=p.employer_period_days)
    if p.employer_period_each_absence:
        excluded = [(start, start + employer_days) for start, _end in _runs(absence)]
    else:
        excluded = [(absence.first_day, absence.first_day + employer_days)]
    counted: list[int] = []
    for period in absence.periods:
        for day in period.days(until=last):
            if day > last:
                break
            if any(start <= day < stop for start, stop in excluded):
                continue
            counted.append(day.toordinal())
    return counted


def _horizon(absence: Absence, p: DKParams) -> dt.date:
    # An open period from its start S reaches the threshold by S + employer period + threshold
    # days at the latest, and the window (9 or 12 months) is longer than that run.
    return absence.last_known_day() + dt.timedelta(
        days=p.employer_period_days + p.threshold_weeks * 7 + 1
    )


def _trigger(absence: Absence, p: DKParams) -> dt.date | None:
    threshold_days = p.threshold_weeks * 7
    counted = _counted_ordinals(absence, p, _horizon(absence, p))
    for index, ordinal in enumerate(counted):
        day = dt.date.fromordinal(ordinal)
        first_in_window = bisect.bisect_left(
            counted, window_start(day, p.window_months).toordinal()
        )
        if index - first_in_window + 1 > threshold_days:
            return day
    return None


def counted_days(
    first_absence_day: dt.date,
    on: dt.date,
    paid_periods: Iterable[PeriodLike] | None = None,
    params: Mapping[str, Any] | DKParams | None = None,
) -> int:
    """Paid days that count towards the § 24 weeks in the window ending on `on` (weeks = /7).

    Source: § 24 (legislation.md §6a): the employer period is left out, reduced benefit counts in
    full. Useful for showing "N of 22 weeks counted" on `on` (today, passed in).
    """
    p = _params(params)
    absence = _absence(first_absence_day, paid_periods)
    counted = _counted_ordinals(absence, p, max(on, absence.first_day))
    low = bisect.bisect_left(counted, window_start(on, p.window_months).toordinal())
    high = bisect.bisect_right(counted, on.toordinal())
    return high - low


@dataclass(frozen=True)
class ReassessmentCount:
    """The § 24 count on one day, written out for a reader (issue 10, finding 6).

    A reader who counts 22 weeks from the first absence day expects the reassessment a month
    early: the employer period is not counted. So pages show the count itself: how many weeks
    the municipality has paid so far (`counted_days` in the window ending on `on`), counted from
    which day (`counting_from`, the first paid day after the employer period), and why the first
    days do not count (`employer_period_days`).
    """

    on: dt.date
    counted_days: int
    counting_from: dt.date | None
    employer_period_days: int
    employer_period_end: dt.date
    threshold_weeks: int
    window_months: int
    trigger: dt.date | None
    reassessment: dt.date | None

    @property
    def weeks(self) -> int:
        return self.counted_days // 7

    @property
    def extra_days(self) -> int:
        return self.counted_days % 7


def reassessment_count(
    first_absence_day: dt.date,
    on: dt.date,
    paid_periods: Iterable[PeriodLike] | None = None,
    params: Mapping[str, Any] | DKParams | None = None,
) -> ReassessmentCount:
    """The § 24 count on `on` (today, passed in), with what a reader needs to check it.

    Source: § 24 (legislation.md §6a): paid days count, the employer period (30 days for
    employees, 2 weeks for the self-employed) does not, more than 22 weeks within 9 months (§ 25:
    26 weeks within 12 months) triggers the reassessment at the end of that month.
    Worked example: first absence day 9 June 2026; the employer period is 9 June – 8 July;
    counting starts 9 July; the 155th counted day is 10 December; reassessment 31 December 2026.
    """
    p = _params(params)
    periods = None if paid_periods is None else tuple(paid_periods)
    absence = _absence(first_absence_day, periods)
    counted = _counted_ordinals(absence, p, _horizon(absence, p))
    trigger = _trigger(absence, p)
    return ReassessmentCount(
        on=on,
        counted_days=counted_days(first_absence_day, on, periods, p),
        counting_from=dt.date.fromordinal(counted[0]) if counted else None,
        employer_period_days=p.employer_period_days,
        employer_period_end=day_n(first_absence_day, p.employer_period_days),
        threshold_weeks=p.threshold_weeks,
        window_months=p.window_months,
        trigger=trigger,
        reassessment=None if trigger is None else last_day_of_month(trigger),
    )


def reassessment_trigger(
    first_absence_day: dt.date,
    paid_periods: Iterable[PeriodLike] | None = None,
    as_of: dt.date | None = None,
    params: Mapping[str, Any] | DKParams | None = None,
) -> dt.date | None:
    """The first day on which more than 22 weeks have been paid within the preceding 9 months.

    Source: Lov om sygedagpenge § 24 (§ 25 for its groups), legislation.md §6a. The counting rules
    are in the module docstring. None if the given payments never reach the threshold.
    """
    return _trigger(_absence(first_absence_day, paid_periods, as_of), _params(params))


def reassessment(
    first_absence_day: dt.date,
    paid_periods: Iterable[PeriodLike] | None = None,
    as_of: dt.date | None = None,
    params: Mapping[str, Any] | DKParams | None = None,
) -> dt.date | None:
    """The reassessment date: sickness benefit stops at the end of the trigger day's month.

    Source: Lov om sygedagpenge § 24 (revurdering), 2014 reform (Law 720 of 25 June 2014);
    legislation.md §6a. Payment may only stop after a valid reassessment decision (Supreme Court,
    10 Sept 2015), so this is the date by which the jobcentre must decide, always a month's last
    day. None if the given payments never pass the threshold.
    """
    trigger = reassessment_trigger(first_absence_day, paid_periods, as_of, params)
    return None if trigger is None else last_day_of_month(trigger)


# --- § 27: extension grounds; § 24 a: the job-clarification programme -------------------------


@dataclass(frozen=True)
class ExtensionGround:
    """One of the seven grounds of § 27 stk. 1 for extending sickness benefit.

    `max_weeks` counts from the reassessment date (the extension's day 1 is the day after it);
    None means the extension lasts until an event (`maximum` says which) or has no time limit.
    `medical_evidence` marks the grounds that need a medical assessment from the health
    side (for the integrated team: a task for the care manager).
    """

    number: int
    name: StrOrPromise
    maximum: StrOrPromise
    max_weeks: int | None
    medical_evidence: bool
    evidence: StrOrPromise
    legal_ref: str


#: Source: § 27 stk. 1 nr. 1–7 (legislation.md §6a, from dsa.dk, gl.org, retsinformation) [V].
EXTENSION_GROUNDS: tuple[ExtensionGround, ...] = (
    ExtensionGround(
        1,
        _(
            "Rehabilitation (including a company internship) is overwhelmingly likely to lead"
            " back to ordinary work"
        ),
        _("until the rehabilitation starts"),
        None,
        False,
        _("the jobcentre's assessment of the case"),
        f"{LAW} § 27, stk. 1, nr. 1",
    ),
    ExtensionGround(
        2,
        _("Work ability needs to be clarified (for example through a company internship)"),
        _("up to 69 weeks"),
        69,
        False,
        _("health must be clarified or predictable enough (not necessarily stable)"),
        f"{LAW} § 27, stk. 1, nr. 2",
    ),
    ExtensionGround(
        3,
        _("Under or waiting for medical treatment expected to restore work ability"),
        _(
            "up to 134 weeks from the reassessment date, not counting waiting time at a public"
            " hospital"
        ),
        134,
        True,
        _("a medical assessment with an estimate of how long it will take"),
        f"{LAW} § 27, stk. 1, nr. 3",
    ),
    ExtensionGround(
        4,
        _(
            "The case is to go before the rehabilitation team (resource course, flexjob or"
            " disability pension)"
        ),
        _("until the move to the new scheme"),
        None,
        False,
        _("the jobcentre's assessment of the case"),
        f"{LAW} § 27, stk. 1, nr. 4",
    ),
    ExtensionGround(
        5,
        _("Life-threatening, serious illness"),
        _("no time limit, with follow-up"),
        None,
        True,
        _("a medical assessment"),
        f"{LAW} § 27, stk. 1, nr. 5",
    ),
    ExtensionGround(
        6,
        _("A work-injury claim (loss of earning capacity) is being decided"),
        _("until the decision"),
        None,
        False,
        _("an open work-injury case"),
        f"{LAW} § 27, stk. 1, nr. 6",
    ),
    ExtensionGround(
        7,
        _("The citizen has asked for the case to be decided only as a disability-pension case"),
        _("until the decision"),
        None,
        False,
        _("the request or application (pensionsloven § 17, stk. 2)"),
        f"{LAW} § 27, stk. 1, nr. 7",
    ),
)


def extension_ground(number: int) -> ExtensionGround:
    """The § 27 stk. 1 ground with this number (1–7)."""
    for ground in EXTENSION_GROUNDS:
        if ground.number == number:
            return ground
    raise ValueError(f"§ 27 has grounds 1 to 7, not {number}")


def extension_max_end(
    number: int, reassessment_date: dt.date, *, hospital_waiting_days: int = 0
) -> dt.date | None:
    """The last day an extension on ground `number` can run to, or None if not time-limited.

    Source: § 27 stk. 1 (legislation.md §6a): ground 2 up to 69 weeks, ground 3 up to 134 weeks
    from the reassessment date, waiting time at public hospitals not counted (ground 3 only).
    The extension's day 1 is the day after the reassessment date, so N weeks end on
    reassessment_date + 7·N days. Our source gives the starting point only for ground 3; ground 2
    is counted from the same date.
    """
    ground = extension_ground(number)
    if hospital_waiting_days < 0:
        raise ValueError("hospital waiting time cannot be negative")
    if hospital_waiting_days and number != 3:
        raise ValueError("only ground 3 leaves out hospital waiting time")
    if ground.max_weeks is None:
        return None
    return reassessment_date + dt.timedelta(days=7 * ground.max_weeks + hospital_waiting_days)


def job_clarification_start(reassessment_date: dt.date) -> dt.date:
    """First day in the job-clarification programme when no § 27 ground applies.

    Source: § 24 a (legislation.md §6a). The transfer is decided at the reassessment; sickness
    benefit is paid to the end of the reassessment date, so the programme (ressourceforløbsydelse
    at cash-benefit level) runs from the next day.
    """
    return reassessment_date + dt.timedelta(days=1)


def rehabilitation_team_due(referral_day: dt.date) -> dt.date:
    """Latest day the case goes before the rehabilitation team: within 4 weeks of referral.

    Source: § 24 a, legislation.md §6a (polspy/L165 letter) [V]. Read with the referral day as
    day 1: the end of week 4 = referral_day + 27.
    """
    return end_of_week(referral_day, 4)


def job_clarification_course_end(
    start: dt.date, params: Mapping[str, Any] | DKParams | None = None
) -> dt.date | None:
    """Last day of one job-clarification course, if a maximum is configured.

    Source: § 24 a (legislation.md §6a): 2 years per course in the 2014 design; the current
    maximum is UNVERIFIED, so it is the configurable `job_clarification_course_months`.
    """
    months = _params(params).job_clarification_course_months
    return None if months is None else end_of_first_months(start, months)


# --- § 12 and § 13 b: municipal follow-up --------------------------------------------------------


#: § 12 categories [V] (danskelove.dk), re-triaged at every follow-up.
FOLLOWUP_CATEGORIES: dict[int, StrOrPromise] = {
    1: _("Full return to work expected within 8 weeks"),
    2: _("Return to work expected after more than 8 weeks"),
    3: _("Return after more than 8 weeks, and other challenges that need a joint effort"),
}


@dataclass(frozen=True)
class FollowUpWindow:
    """A municipal follow-up interview that must be held between `opens` and `due`."""

    number: int
    opens: dt.date
    due: dt.date


def first_followup_due(first_absence_day: dt.date) -> dt.date:
    """The first municipal follow-up interview is due by the end of week 8.

    Source: § 13 b, in both the 2014 model and LBK 1179 of 21/09/2023 (legislation.md §6a) [V]:
    end of week 8 = first absence day + 55 days.
    """
    return end_of_week(first_absence_day, 8)


def six_months_end(first_absence_day: dt.date) -> dt.date:
    """The last day of the first six months of the absence (first + 6 months − 1 day)."""
    return end_of_first_months(first_absence_day, 6)


def _windows_current(first: dt.date) -> list[FollowUpWindow]:
    # At least four in the first six months, the first by the end of week 8, then "as agreed".
    first_due = first_followup_due(first)
    last = six_months_end(first)
    return [FollowUpWindow(1, first, first_due)] + [
        FollowUpWindow(n, first, last) for n in (2, 3, 4)
    ]


def _windows_2014(first: dt.date) -> list[FollowUpWindow]:
    # The first by the end of week 8, then every 4 weeks; listed for the first six months.
    windows = [FollowUpWindow(1, first, first_followup_due(first))]
    while True:
        previous = windows[-1].due
        due = previous + dt.timedelta(days=28)
        if due > six_months_end(first):
            return windows
        windows.append(FollowUpWindow(len(windows) + 1, previous + dt.timedelta(days=1), due))


def followup_windows(
    first_absence_day: dt.date, params: Mapping[str, Any] | DKParams | None = None
) -> list[FollowUpWindow]:
    """The follow-up interviews due in the first six months, for categories 2 and 3.

    Source: § 12 and § 13 b (legislation.md §6a) [V]. Under the current § 13 b (LBK 1179 of
    21/09/2023): at least 4 in the first 6 months, the first by the end of week 8, the rest as
    agreed (so their window is the whole six months). Under the 2014 model: the first by the end
    of week 8, then every 4 weeks (weeks 12, 16, 20, 24). Which rule applies depends on the first
    absence day and the configurable, UNVERIFIED `current_followup_rule_from`. Category 1: the
    municipality decides (§ 13 a), so the list is empty.
    """
    p = _params(params)
    if p.followup_category == 1:
        return []
    if first_absence_day >= p.current_followup_rule_from:
        return _windows_current(first_absence_day)
    return _windows_2014(first_absence_day)


def early_followup_due(request_day: dt.date) -> dt.date:
    """An early follow-up requested under §§ 7 c / 7 e must happen within 2 weeks.

    Source: § 13 b (LBK 1179 of 21/09/2023), legislation.md §6a [V]; request day = day 1, so the
    end of week 2 = request_day + 13.
    """
    return end_of_week(request_day, 2)


# --- the employer's instruments ------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerInstrument:
    id: str
    name: StrOrPromise
    legal_ref: str
    rule: StrOrPromise


#: Source: legislation.md §6a "Employer instruments" (advokatavisen; elov § 7 b; 3F; kf.dk; kk.dk).
EMPLOYER_INSTRUMENTS: tuple[EmployerInstrument, ...] = (
    EmployerInstrument(
        "absence_interview",
        _("Absence interview"),
        _REF_7A,
        _(
            "Held by the employer within 4 weeks of the first sick day, in person, or by phone if"
            " that is not possible."
        ),
    ),
    EmployerInstrument(
        "retention_plan",
        _("Retention plan"),
        _REF_7B,
        _(
            "The employee may ask for it if not expected back within 8 weeks. Written together;"
            " the employer may refuse. The employee brings it to the next municipal follow-up."
        ),
    ),
    EmployerInstrument(
        "possibility_statement",
        _("Possibility statement"),
        f"{LAW} § 36 a",
        _(
            "The employer may ask for it at any time. Part 1 is filled in by employer and employee"
            " together, part 2 by the doctor. The employer pays."
        ),
    ),
    EmployerInstrument(
        "friattest",
        _("Doctor's note of incapacity (friattest)"),
        f"{_REF_36}, stk. 1",
        _(
            "A doctor's note without a diagnosis, paid by the employer. When it may be asked for"
            " is not settled in our sources."
        ),
    ),
    EmployerInstrument(
        "sworn_statement",
        _("Sworn statement"),
        _REF_36,
        _("The employer may ask for it from the 2nd day of absence."),
    ),
)


def employer_absence_interview(first_absence_day: dt.date) -> dt.date:
    """The employer's absence interview is due within 4 weeks of the first sick day.

    Source: § 7 a (legislation.md §6a) [V]. Read as the end of week 4 of the absence, the first
    sick day being day 1: first absence day + 27 days.
    """
    return end_of_week(first_absence_day, 4)


def retention_plan_window(first_absence_day: dt.date) -> tuple[dt.date, dt.date]:
    """The retention-plan horizon: (first absence day, end of week 8).

    Source: § 7 b (legislation.md §6a) [V]: the employee may ask for a retention plan if not
    expected back within 8 weeks; the 8 weeks end on first absence day + 55 days.
    """
    return first_absence_day, end_of_week(first_absence_day, 8)


# --- rules ---------------------------------------------------------------------------------------


def _reassessment_milestones(absence: Absence, p: DKParams) -> list[Milestone]:
    trigger = _trigger(absence, p)
    if trigger is None:
        return []
    date = last_day_of_month(trigger)
    start = job_clarification_start(date)
    explanation = interpolated(
        gettext_noop(
            "Your sickness benefit is looked at again at the end of this month. The jobcentre"
            " can extend it if one of the seven reasons in the law applies. If none applies and"
            " you are still not fit for work, sickness benefit stops and you move to a"
            " job-clarification programme, which pays less. The date is found by counting: it is"
            " the end of the month in which the municipality has paid more than %(weeks)s weeks"
            " of benefit within %(months)s months. The first %(days)s days of your sick leave do"
            " not count, because your employer pays them. This date comes from the law, not from"
            " anyone's judgement of you."
        ),
        weeks=p.threshold_weeks,
        months=p.window_months,
        days=p.employer_period_days,
    )
    return [
        Milestone(
            id="dk.reassessment",
            date=date,
            label=_("Sickness benefit is reassessed"),
            legal_ref=_REF_25 if p.section_25 else _REF_24,
            actor=Actor.MUNICIPALITY,
            explanation=explanation,
        ),
        Milestone(
            id="dk.job_clarification_start",
            date=start,
            label=_("Job-clarification programme starts, if no extension ground applies"),
            legal_ref=_REF_24A,
            actor=Actor.MUNICIPALITY,
            explanation=_(
                "If none of the seven grounds for extending sickness benefit applies and you"
                " are still not fit for work, you move to a job-clarification programme from"
                " this day. It pays less than sickness benefit. You get one caseworker who"
                " coordinates your case."
            ),
        ),
        Milestone(
            id="dk.rehabilitation_team_due",
            date=rehabilitation_team_due(start),
            label=_("Case goes before the rehabilitation team (in a job-clarification programme)"),
            legal_ref=_REF_24A,
            actor=Actor.MUNICIPALITY,
            explanation=_(
                "If you are in a job-clarification programme, your case must go before the"
                " municipality's rehabilitation team within 4 weeks."
            ),
            opens=start,
        ),
    ]


def _first_followup(absence: Absence) -> Milestone:
    return Milestone(
        id="dk.first_followup_due",
        date=first_followup_due(absence.first_day),
        label=_("First follow-up interview at the jobcentre"),
        legal_ref=_REF_13B,
        actor=Actor.MUNICIPALITY,
        explanation=_(
            "The jobcentre must hold its first follow-up interview with you by the end of the 8th"
            " week of your sick leave. The first interview is in person."
        ),
        opens=absence.first_day,
    )


def _followups_current(absence: Absence, p: DKParams) -> list[Milestone]:
    if p.followup_category == 1:
        return []
    return [
        _first_followup(absence),
        Milestone(
            id="dk.followups_first_six_months",
            date=six_months_end(absence.first_day),
            label=_("At least four follow-up interviews held"),
            legal_ref=_REF_13B,
            actor=Actor.MUNICIPALITY,
            explanation=_(
                "In the first six months of your sick leave the jobcentre must hold at least four"
                " follow-up interviews with you. After the first, you can choose to have them by"
                " phone or video."
            ),
            opens=absence.first_day,
        ),
    ]


def _followups_2014(absence: Absence, p: DKParams) -> list[Milestone]:
    if p.followup_category == 1:
        return []
    found = [dataclasses.replace(_first_followup(absence), legal_ref=_REF_13B_2014)]
    for window in _windows_2014(absence.first_day)[1:]:
        found.append(
            Milestone(
                id=f"dk.followup_{window.number}",
                date=window.due,
                label=_("Follow-up interview at the jobcentre"),
                legal_ref=_REF_13B_2014,
                actor=Actor.MUNICIPALITY,
                explanation=_(
                    "Under the rules in force when your sick leave began, the jobcentre follows"
                    " up with you in person every 4 weeks after the first interview."
                ),
                opens=window.opens,
            )
        )
    return found


def _employer_milestones(absence: Absence, p: DKParams) -> list[Milestone]:
    opens, horizon = retention_plan_window(absence.first_day)
    found = [
        Milestone(
            id="dk.employer_absence_interview",
            date=employer_absence_interview(absence.first_day),
            label=_("Absence interview with your employer"),
            staff_label=_("The employer's absence interview"),
            legal_ref=_REF_7A,
            actor=Actor.EMPLOYER,
            explanation=_(
                "Your employer must hold an interview with you about your absence within 4 weeks"
                " of your first sick day: in person, or by phone if meeting is not possible."
            ),
            opens=absence.first_day,
        ),
        Milestone(
            id="dk.retention_plan_window",
            date=horizon,
            label=_("Retention plan: you may ask for one if you will not be back by this date"),
            staff_label=_(
                "Retention plan: the employee may ask for one if not back within 8 weeks"
            ),
            legal_ref=_REF_7B,
            actor=Actor.EMPLOYEE,
            explanation=_(
                "If you are not expected back at work within 8 weeks of your first sick day, you"
                " can ask your employer for a plan for keeping your job. You write it together;"
                " your employer may say no. Bring it to your next interview at the jobcentre."
            ),
            opens=opens,
        ),
    ]
    if p.friattest_from_absence_day is not None:
        found.append(
            Milestone(
                id="dk.friattest_may_be_requested",
                date=day_n(absence.first_day, p.friattest_from_absence_day),
                label=_("Your employer may ask for a doctor's note"),
                staff_label=_("The employer may ask for a doctor's note (friattest)"),
                legal_ref=f"{_REF_36}, stk. 1",
                actor=Actor.EMPLOYER,
                explanation=_(
                    "From this day your employer may ask for a doctor's note saying that you are"
                    " ill. It does not give a diagnosis, and your employer pays for it."
                ),
            )
        )
    return found


def rules(p: DKParams) -> Sequence[Rule[DKParams]]:
    """The Danish rule versions with the dates they are in force (legislation.md §6a)."""
    change = p.current_followup_rule_from
    return (
        Rule("dk.reassessment", _reassessment_milestones, effective_from=REFORM_2014),
        Rule(
            "dk.followup",
            _followups_2014,
            effective_from=REFORM_2014,
            effective_to=change - dt.timedelta(days=1),
        ),
        Rule("dk.followup", _followups_current, effective_from=change),
        Rule("dk.employer", _employer_milestones),
    )


DENMARK: Jurisdiction[DKParams] = Jurisdiction(
    code="dk",
    law="lov om sygedagpenge",
    name=_("Denmark"),
    params_type=DKParams,
    rules=rules,
    covered_from=REFORM_2014,
)
register(DENMARK)
