"""Sweden: the rehabilitation chain (rehabiliteringskedjan) and the employer's return-to-work plan.

Sources: ../shared/reference/legislation.md §6b and §6d (forsakringskassan.se; prevent.se) [V]:
Socialförsäkringsbalken (SFB) 27 kap. 46–49 §§ for the chain, SFB 30 kap. 6 § (since 1 July 2018)
for the plan för återgång i arbete, and lagen (1991:1047) om sjuklön 7 § for the employer's
sick-pay period: the first day of reduced work capacity and the 13 calendar days after it (days
1–14, day 1 with a qualifying deduction); Försäkringskassan pays sjukpenning (SFB 24–28 kap.)
from day 15. There is no Swedish "lag om sjukpenning": sjukpenning is in the SFB.

Day numbering: the chain counts calendar days, and the first absence day is **day 1**, so day N
is the first absence day + (N − 1) days: day 30 = first + 29, day 90 = first + 89, day 180 =
first + 179, day 365 = first + 364, day 550 = first + 549. Each "day N" milestone is the last day
of a step; the stricter test applies from day N + 1. With paid periods (an interrupted absence),
sick days from separate periods are added together and day N is the N-th day inside the periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .base import Absence, Actor, Jurisdiction, Milestone, PeriodLike, Rule, register

_REF_CHAIN = "Socialförsäkringsbalken (SFB) 27 kap. 46–49 §§ (rehabiliteringskedjan)"
_REF_PLAN = "Socialförsäkringsbalken (SFB) 30 kap. 6 §"
_REF_SICK_PAY = "Lag (1991:1047) om sjuklön 7 §; SFB 27 kap."
#: The employer's sick-pay period: days 1–14 (sjuklönelagen 7 §) [V].
SICK_PAY_DAYS = 14
#: The employer's duty to make a return-to-work plan by day 30 applies from this day [V].
RTW_PLAN_FROM = dt.date(2018, 7, 1)


@dataclass(frozen=True)
class SEParams:
    """No Swedish rule in legislation.md is UNVERIFIED, so there is nothing to configure yet."""


def day(
    first_absence_day: dt.date, n: int, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Day N of the sickness period (day 1 = the first absence day); None if not reached.

    Source: rehabiliteringskedjan counts calendar days (legislation.md §6b; prevent.se).
    """
    return Absence.of(first_absence_day, paid_periods).nth_day(n)


def employer_rtw_plan(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Day 30: the employer's plan for return to work is due.

    Source: SFB 30 kap. 6 § (since 1 July 2018), legislation.md §6b [V]. The duty applies when
    work capacity is expected to be reduced for at least 60 days.
    """
    return day(first_absence_day, 30, paid_periods)


def day_90(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Day 90: last day tested against the own job; from day 91, any work at the employer.

    Source: SFB 27 kap. 46–47 §§, legislation.md §6b [V].
    """
    return day(first_absence_day, 90, paid_periods)


def day_180(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Day 180: from day 181 work capacity is tested against the normal labour market.

    Source: SFB 27 kap. 48 §, legislation.md §6b [V], with the exceptions listed there.
    """
    return day(first_absence_day, 180, paid_periods)


def day_365(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Day 365: from day 366 the normal labour market always applies.

    Source: SFB 27 kap. 48 §, legislation.md §6b [V].
    """
    return day(first_absence_day, 365, paid_periods)


def day_550(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Day 550: the latest return to the employer under the "särskilda skäl" exception.

    Source: legislation.md §6b [V] (exceptions after day 180).
    """
    return day(first_absence_day, 550, paid_periods)


def _chain(absence: Absence, p: SEParams) -> list[Milestone]:
    steps = (
        (
            "se.day_90",
            90,
            _("Day 90: from the next day, any work at your employer counts"),
            _(
                "For the first 90 days, Försäkringskassan asks whether you can do your own job,"
                " or other temporary work your employer offers. From day 91 it asks whether you"
                " can do any work at all at your employer. This date comes from the law, not from"
                " anyone's judgement of you."
            ),
        ),
        (
            "se.day_180",
            180,
            _("Day 180: from the next day, work on the normal labour market counts"),
            _(
                "From day 181, Försäkringskassan asks whether you could do work that is common on"
                " the labour market, not only work at your employer. There are exceptions: for"
                " example if you will probably be back at your employer within a year, or if you"
                " are seriously ill."
            ),
        ),
        (
            "se.day_365",
            365,
            _("Day 365: from the next day, the normal labour market always counts"),
            _(
                "From day 366, Försäkringskassan asks whether you could do work that is common on"
                " the labour market. There are exceptions: for example if there are special"
                " reasons to expect you back at your employer by day 550, or if you are seriously"
                " ill."
            ),
        ),
        (
            "se.day_550",
            550,
            _("Day 550: latest return to your employer under the special-reasons exception"),
            _(
                "If Försäkringskassan accepted special reasons to expect you back at your"
                " employer, this is the latest day by which you are expected back."
            ),
        ),
    )
    found = []
    staff = {
        "se.day_90": _(
            "Day 90: from day 91, work capacity is tested against any work at the employer"
        ),
        "se.day_550": _(
            "Day 550: latest return to the employer under the special-reasons exception"
        ),
    }
    for milestone_id, n, label, explanation in steps:
        date = absence.nth_day(n)
        if date is not None:
            found.append(
                Milestone(
                    id=milestone_id,
                    date=date,
                    label=label,
                    staff_label=staff.get(milestone_id),
                    legal_ref=_REF_CHAIN,
                    actor=Actor.FORSAKRINGSKASSAN,
                    explanation=explanation,
                )
            )
    return found


def sick_pay_end(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Day 14: the last day of the employer's sick pay; Försäkringskassan pays from day 15.

    Source: lagen (1991:1047) om sjuklön 7 § (legislation.md §6d) [V]: the sick-pay period is the
    first day of reduced work capacity and the 13 calendar days after it.
    """
    return day(first_absence_day, SICK_PAY_DAYS, paid_periods)


def _sick_pay(absence: Absence, p: SEParams) -> list[Milestone]:
    date = absence.nth_day(SICK_PAY_DAYS)
    if date is None:
        return []
    return [
        Milestone(
            id="se.sick_pay_end",
            date=date,
            label=_("Day 14: last day of sick pay from your employer"),
            staff_label=_("Day 14: the employer's sick-pay period ends (sjuklön)"),
            legal_ref=_REF_SICK_PAY,
            actor=Actor.EMPLOYER,
            explanation=_(
                "Your employer pays sick pay for the first 14 days, with a deduction for the"
                " first day. From day 15, Försäkringskassan pays sickness benefit (sjukpenning)."
                " Your employer tells Försäkringskassan, and you apply to them."
            ),
            opens=absence.first_day,
        )
    ]


def _rtw_plan(absence: Absence, p: SEParams) -> list[Milestone]:
    date = absence.nth_day(30)
    if date is None:
        return []
    return [
        Milestone(
            id="se.employer_rtw_plan",
            date=date,
            label=_("Your employer's plan for your return to work"),
            staff_label=_("The employer's return-to-work plan (plan för återgång i arbete)"),
            legal_ref=_REF_PLAN,
            actor=Actor.EMPLOYER,
            explanation=_(
                "If your work capacity is expected to be reduced for at least 60 days, your"
                " employer must make a plan for your return to work by day 30 of your sick leave."
            ),
            opens=absence.first_day,
        )
    ]


def rules(p: SEParams) -> Sequence[Rule[SEParams]]:
    """The Swedish rule versions with the dates they are in force (legislation.md §6b)."""
    return (
        Rule("se.sick_pay", _sick_pay),
        Rule("se.rehabilitation_chain", _chain),
        Rule("se.employer_rtw_plan", _rtw_plan, effective_from=RTW_PLAN_FROM),
    )


SWEDEN: Jurisdiction[SEParams] = Jurisdiction(
    code="se",
    law="socialförsäkringsbalken (SFB); lagen (1991:1047) om sjuklön",
    name=_("Sweden"),
    params_type=SEParams,
    rules=rules,
)
register(SWEDEN)
