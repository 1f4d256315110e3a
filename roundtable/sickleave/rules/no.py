"""Norway: sykepenger from Nav, the employer's follow-up and the dialogue meetings.

Sources: ../shared/reference/legislation.md §6c and §6d. Nav's own overview ("Avtalepunkter og
frister") is where the weeks come from, but it is guidance, not law: every milestone cites the
statute. Arbeidsmiljøloven § 4-6 (3) (follow-up plan by 4 weeks) and (4) (dialogue meeting 1
within 7 weeks of being fully off work, unless clearly unnecessary; for the partly sick-listed
only when useful, per Nav's guidance); folketrygdloven § 8-7 a (dialogue meeting 2 by week 26),
§ 8-8 (2) (activity requirement by week 8), § 8-12 (maximum period), § 8-19 (employer period)
and § 21-4 (Nav obtains information, such as the doctor's, at weeks 7, 17 and 39). "Nav" is
written so since 2022 (its own spelling).

Week numbering: the first absence day is day 1 and **week N ends on the first absence day
+ (7·N − 1) days**: week 4 = first + 27, week 7 = first + 48, week 8 = first + 55, week 26 =
first + 181, week 52 = first + 363. Each milestone is due by the end of its week. With paid periods
(an interrupted absence), the end of week N is the 7·N-th day inside the periods.

The maximum date is the end of week 52 as our source states it. Nav itself counts sykepengedager
(five a week); see the report for that difference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .base import (
    Absence,
    Actor,
    InvalidParams,
    Jurisdiction,
    Milestone,
    PeriodLike,
    Rule,
    StrOrPromise,
    register,
)

_REF_AML_PLAN = "Arbeidsmiljøloven § 4-6 (3)"
_REF_AML_MEETING = "Arbeidsmiljøloven § 4-6 (4)"
_REF_ACTIVITY = "Folketrygdloven § 8-8 (2)"
_REF_MEETING_2 = "Folketrygdloven § 8-7 a"
_REF_MAX = "Folketrygdloven § 8-12"
_REF_EMPLOYER_PERIOD = "Folketrygdloven § 8-19 (arbeidsgiverperioden)"
_REF_INFORMATION = "Folketrygdloven § 21-4"


@dataclass(frozen=True)
class NOParams:
    """Configurable defaults for the Norwegian rules.

    `employer_period_days`: the employer pays the first days of sick pay, then Nav. 16 calendar
    days (folketrygdloven § 8-19, legislation.md §6d [V]); still a parameter because §6c marked
    it UNVERIFIED.
    """

    employer_period_days: int = 16

    def __post_init__(self) -> None:
        if self.employer_period_days < 1:
            raise InvalidParams("employer_period_days must be at least 1")


def week_end(
    first_absence_day: dt.date, n: int, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """The last day of week N of the sick leave (first + 7·N − 1 when continuous)."""
    return Absence.of(first_absence_day, paid_periods).end_of_nth_week(n)


def followup_plan(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Week 4: the employer's oppfølgingsplan, sent unprompted to the sick-listing doctor.

    Source: legislation.md §6c [V]; arbeidsmiljøloven § 4-6 (3).
    """
    return week_end(first_absence_day, 4, paid_periods)


def dialogue_meeting_1(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Week 7: dialogmøte 1, called by the employer for a fully sick-listed employee.

    Source: legislation.md §6c [V]; arbeidsmiljøloven § 4-6 (4). Not needed when clearly
    unnecessary.
    """
    return week_end(first_absence_day, 7, paid_periods)


def activity_requirement(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Week 8: aktivitetskrav, work-related activity needed for continued 100 % sykepenger.

    Source: legislation.md §6c [V]; folketrygdloven § 8-8 (2).
    """
    return week_end(first_absence_day, 8, paid_periods)


def dialogue_meeting_2(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Week 26: dialogmøte 2, called by Nav; employer and employee must attend.

    Source: legislation.md §6c [V]; folketrygdloven § 8-7 a.
    """
    return week_end(first_absence_day, 26, paid_periods)


def max_date(
    first_absence_day: dt.date, paid_periods: Iterable[PeriodLike] | None = None
) -> dt.date | None:
    """Week 52: the end of the maximum sykepenger period; Nav reassesses rights and AAP.

    Source: legislation.md §6c [V]; folketrygdloven § 8-12.
    """
    return week_end(first_absence_day, 52, paid_periods)


def employer_period_end(
    first_absence_day: dt.date,
    paid_periods: Iterable[PeriodLike] | None = None,
    params: NOParams | None = None,
) -> dt.date | None:
    """The last day of the employer period; Nav pays from the next day.

    Source: folketrygdloven § 8-19 (legislation.md §6d): 16 calendar days, `employer_period_days`.
    """
    days = (params or NOParams()).employer_period_days
    return Absence.of(first_absence_day, paid_periods).nth_day(days)


def _milestone(
    absence: Absence,
    week: int,
    *,
    id: str,
    label: StrOrPromise,
    legal_ref: str,
    actor: Actor,
    explanation: StrOrPromise,
    staff_label: StrOrPromise | None = None,
) -> list[Milestone]:
    """The milestone due at the end of `week`, or nothing if the absence never reaches it."""
    date = absence.end_of_nth_week(week)
    if date is None:
        return []
    return [Milestone(id, date, label, legal_ref, actor, explanation, staff_label=staff_label)]


def _employer_followup(absence: Absence, p: NOParams) -> list[Milestone]:
    return [
        *_milestone(
            absence,
            4,
            id="no.followup_plan",
            label=_("Follow-up plan from your employer"),
            staff_label=_("The employer's follow-up plan (oppfølgingsplan)"),
            legal_ref=_REF_AML_PLAN,
            actor=Actor.EMPLOYER,
            explanation=_(
                "By the end of week 4 your employer must make a follow-up plan with you and send"
                " it to the doctor who signed your sick leave."
            ),
        ),
        *_milestone(
            absence,
            7,
            id="no.dialogue_meeting_1",
            label=_("Dialogue meeting 1 with your employer"),
            staff_label=_("Dialogue meeting 1, called by the employer"),
            legal_ref=_REF_AML_MEETING,
            actor=Actor.EMPLOYER,
            explanation=_(
                "If you have been fully off work, your employer must call you to a dialogue"
                " meeting within 7 weeks, unless it is clearly unnecessary. If you are partly"
                " sick-listed, the meeting is held if you, your employer or your doctor find it"
                " useful."
            ),
        ),
    ]


def _sykepenger(absence: Absence, p: NOParams) -> list[Milestone]:
    found: list[Milestone] = []
    employer_end = absence.nth_day(p.employer_period_days)
    if employer_end is not None:
        found.append(
            Milestone(
                id="no.employer_period_end",
                date=employer_end,
                label=_("Employer period ends; Nav pays sick pay from the next day"),
                legal_ref=_REF_EMPLOYER_PERIOD,
                actor=Actor.NAV,
                explanation=_(
                    "Your employer pays your sick pay for the first days of your sick leave."
                    " After this day, Nav pays it."
                ),
            )
        )
    found += _milestone(
        absence,
        8,
        id="no.activity_requirement",
        label=_("Activity requirement: some work-related activity"),
        staff_label=_("Activity requirement: work-related activity by week 8"),
        legal_ref=_REF_ACTIVITY,
        actor=Actor.EMPLOYEE,
        explanation=_(
            "By the end of week 8 you need to take part in some work-related activity to keep"
            " full sick pay. There are exceptions. Your doctor can document strong medical"
            " reasons against it. Or your employer can write in the plan that activity is not"
            " possible at your workplace."
        ),
    )
    for week in (7, 17, 39):
        found += _milestone(
            absence,
            week,
            id=f"no.doctor_information_week_{week}",
            label=_("Nav asks your doctor for information"),
            staff_label=_("Nav asks the sick-listing doctor for information"),
            legal_ref=_REF_INFORMATION,
            actor=Actor.NAV,
            explanation=_(
                "Nav asks the doctor who signed your sick leave for information at weeks 7, 17"
                " and 39."
            ),
        )
    found += _milestone(
        absence,
        26,
        id="no.dialogue_meeting_2",
        label=_("Dialogue meeting 2, called by Nav"),
        legal_ref=_REF_MEETING_2,
        actor=Actor.NAV,
        explanation=_(
            "By the end of week 26 Nav invites you and your employer to a dialogue meeting, and"
            " you both must attend. Work-oriented measures are discussed. You can ask for a third"
            " meeting."
        ),
    )
    found += _milestone(
        absence,
        52,
        id="no.max_date",
        label=_("Last day of sick pay (the maximum period)"),
        legal_ref=_REF_MAX,
        actor=Actor.NAV,
        explanation=_(
            "Sick pay is paid for at most 52 weeks. Before then Nav looks again at your rights,"
            " including work assessment allowance (AAP). This date comes from the law, not from"
            " anyone's judgement of you."
        ),
    )
    return found


def rules(p: NOParams) -> Sequence[Rule[NOParams]]:
    """The Norwegian rules (legislation.md §6c gives no dates of change, so none are set)."""
    return (
        Rule("no.employer_followup", _employer_followup),
        Rule("no.sykepenger", _sykepenger),
    )


NORWAY: Jurisdiction[NOParams] = Jurisdiction(
    code="no",
    law="folketrygdloven kap. 8; arbeidsmiljøloven § 4-6",
    name=_("Norway"),
    params_type=NOParams,
    rules=rules,
)
register(NORWAY)
