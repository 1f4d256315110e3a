"""Pre-filling an IPS fidelity review from the team's records: figures in, a suggested rating
1-5 out, with the figure and the records it comes from said in words. Pure: no ORM (the figures
are gathered by `roundtable.instruments.selectors.fidelity_figures`).

Anchors (../shared/reference/instruments.md §1):
- S1 caseload per employment specialist **[V]**: 5 = 20 or fewer; 4 = 21-25; 3 = 26-30;
  2 = 31-40; 1 = 41 or more.
- S2 time on employment services **[V]**: 5 = 96% or more; 4 = 90-95%; 3 = 75-89%; 2 = 60-74%;
  1 = below 60%.
- SV4 rapid job search: 5 = first face-to-face employer contact within 30 days (UNVERIFIED);
  SV6 frequent employer contact: 5 = 6 or more face-to-face contacts a week per specialist
  (UNVERIFIED); SV13 community-based: 5 = 65% or more of scheduled hours in the community
  (UNVERIFIED).
- Every other cut point is UNVERIFIED: our own reading of how the figure maps to the item, a
  default that a deployment replaces with the setting ``IPS_FIDELITY_ANCHORS``
  (``{"SV6": [6, 4, 2, 1]}``: the figure for 5, 4, 3 and 2). Reviewers confirm or override
  every suggestion; a suggestion is never a rating.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MIS, DOC, INT, OBS = "MIS", "DOC", "INT", "OBS"
SOURCE_CODES = (MIS, DOC, INT, OBS)
DAYS_PER_MONTH = 30.4375


@dataclass(frozen=True)
class Ladder:
    """Cut points of a figure for the ratings 5, 4, 3 and 2 (anything past the last is 1).
    When higher is better a rating needs the figure at or above its cut; otherwise at or below."""

    cuts: tuple[float, float, float, float]
    higher_is_better: bool
    verified: bool = False

    def __post_init__(self) -> None:
        if len(self.cuts) != 4:
            raise ValueError("a ladder has four cut points: for 5, 4, 3 and 2")
        ordered = sorted(self.cuts, reverse=self.higher_is_better)
        if list(self.cuts) != ordered:
            raise ValueError(f"cut points {self.cuts} are not in order from 5 down to 2")


DEFAULT_LADDERS: dict[str, Ladder] = {
    # Courses per full-time specialist.
    "S1": Ladder((20, 25, 30, 40), higher_is_better=False, verified=True),
    # Per cent of the specialists' time on employment services.
    "S2": Ladder((96, 90, 75, 60), higher_is_better=True, verified=True),
    # Per cent of courses with a health and an employment professional of the team.
    "O1": Ladder((90, 80, 70, 60), higher_is_better=True),
    # Roundtable meetings held per course per month.
    "O2": Ladder((1.0, 0.75, 0.5, 0.25), higher_is_better=True),
    # Median days from referral to the first face-to-face employer contact.
    "SV4": Ladder((30, 60, 90, 120), higher_is_better=False),
    # Face-to-face employer contacts per full-time specialist per week.
    "SV6": Ladder((6, 4, 2, 1), higher_is_better=True),
    # Per cent of job starts in a job type (SV8) or at an employer (SV9) not seen before.
    "SV8": Ladder((85, 70, 60, 50), higher_is_better=True),
    "SV9": Ladder((85, 70, 60, 50), higher_is_better=True),
    # Per cent of job starts that are competitive jobs.
    "SV10": Ladder((95, 85, 75, 65), higher_is_better=True),
    # Per cent of the people with a job start who had follow-along support after it.
    "SV12": Ladder((90, 75, 60, 45), higher_is_better=True),
    # Per cent of the employer and follow-along contacts out in the community (the manual's
    # anchor counts scheduled hours; the contacts are what the records hold).
    "SV13": Ladder((65, 50, 40, 25), higher_is_better=True),
}

# Zero exclusion (O6) is not a figure on a scale: a team that needs sick leave for entry has an
# exclusion criterion. UNVERIFIED defaults, replaced with IPS_FIDELITY_ANCHORS["O6"].
DEFAULT_ZERO_EXCLUSION = {"with_sick_leave_required": 2, "open_not_yet_used": 4, "open_and_used": 5}


def ladders(overrides: Mapping[str, Any] | None = None) -> dict[str, Ladder]:
    """The default ladders with a deployment's cut points in their place (validated)."""
    result = dict(DEFAULT_LADDERS)
    for code, cuts in (overrides or {}).items():
        if code in result:
            values = tuple(float(c) for c in cuts)
            result[code] = replace(result[code], cuts=values, verified=False)  # type: ignore[arg-type]
    return result


def zero_exclusion_ratings(overrides: Mapping[str, Any] | None = None) -> dict[str, int]:
    ratings = dict(DEFAULT_ZERO_EXCLUSION)
    ratings.update({k: int(v) for k, v in dict((overrides or {}).get("O6", {})).items()})
    return ratings


def rating_for(figure: float, ladder: Ladder) -> int:
    """The rating 1-5 a figure reaches on a ladder (NaN or infinite: 1, never better)."""
    if math.isnan(figure):
        return 1
    for rating, cut in zip((5, 4, 3, 2), ladder.cuts, strict=True):
        if figure >= cut if ladder.higher_is_better else figure <= cut:
            return rating
    return 1


# --- The figures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceFigure:
    """One services item's figure from the job-development records (issue 12 §2; counted by
    `roundtable.vocational.fidelity_figures`): the figure (None when there is nothing to count
    it from), how many records it rests on, and in words which records of which period."""

    figure: float | None
    n: int
    description: str


@dataclass(frozen=True)
class TeamFigures:
    """Counts about one team over one period; never a name of a person."""

    team: str
    start: dt.date
    end: dt.date
    active_courses: int = 0
    # Part-time fractions of the team's employment specialists and consultants.
    specialist_fractions: tuple[float, ...] = ()
    courses_with_both: int = 0
    meetings_held: int = 0
    plan_versions: int = 0
    referrals: int = 0
    referrals_without_sick_leave: int = 0
    entry_without_sick_leave: bool = False
    done_planned_contacts: int = 0
    # SV4..SV13 by code; empty where the job-development records do not exist.
    service: Mapping[str, ServiceFigure] = field(default_factory=dict)

    @property
    def days(self) -> int:
        return max(1, (self.end - self.start).days + 1)

    @property
    def months(self) -> float:
        return self.days / DAYS_PER_MONTH

    @property
    def weeks(self) -> float:
        return self.days / 7

    @property
    def specialist_fte(self) -> float:
        return float(sum(self.specialist_fractions))


@dataclass(frozen=True)
class Prefill:
    """One item's pre-filled figure: the suggestion (None when the records say nothing), the
    figure in words, where it comes from, and the data-source codes it rests on."""

    code: str
    suggestion: int | None
    figure: str
    evidence: str
    sources: tuple[str, ...] = (MIS,)
    verified_anchor: bool = False


def _n(value: float, places: int = 1) -> str:
    return number_format(round(value, places), decimal_pos=places)


def _period(figures: TeamFigures) -> dict[str, str]:
    return {
        "team": figures.team,
        "start": date_format(figures.start, "DATE_FORMAT"),
        "end": date_format(figures.end, "DATE_FORMAT"),
    }


def _no_records(code: str, figures: TeamFigures, what: str) -> Prefill:
    return Prefill(
        code=code,
        suggestion=None,
        figure=_("No records in the period."),
        evidence=_("%(what)s of %(team)s between %(start)s and %(end)s: none recorded.")
        % {"what": what, **_period(figures)},
        sources=(),
    )


def _caseload(figures: TeamFigures, ladder: Ladder, specialists: str) -> Prefill:
    fte = figures.specialist_fte
    courses = ngettext(
        "%(count)s active course", "%(count)s active courses", figures.active_courses
    ) % {"count": figures.active_courses}
    evidence = _(
        "Courses of %(team)s open between %(start)s and %(end)s; the part-time fractions "
        "of its %(specialists)s."
    ) % {**_period(figures), "specialists": specialists}
    if fte <= 0:
        return Prefill(
            "S1",
            None,
            _("%(courses)s and no %(specialists)s in the team.")
            % {"courses": courses, "specialists": specialists},
            evidence,
        )
    per = figures.active_courses / fte
    return Prefill(
        "S1",
        rating_for(per, ladder),
        _(
            "%(courses)s, %(fte)s full-time equivalents of %(specialists)s: %(per)s courses "
            "per full-time equivalent."
        )
        % {"courses": courses, "fte": _n(fte), "specialists": specialists, "per": _n(per)},
        evidence,
        verified_anchor=ladder.verified,
    )


def _employment_time(figures: TeamFigures, ladder: Ladder, words: tuple[str, str]) -> Prefill:
    specialists = words[1]
    fractions = figures.specialist_fractions
    evidence = _(
        "The roles and part-time fractions of the members of %(team)s on %(end)s: the "
        "part of a full-time post each of its %(specialists)s works in the team."
    ) % {**_period(figures), "specialists": specialists}
    if not fractions:
        return Prefill(
            "S2",
            None,
            _("No %(specialists)s in the team.") % {"specialists": specialists},
            evidence,
        )
    share = 100 * sum(fractions) / len(fractions)
    return Prefill(
        "S2",
        rating_for(share, ladder),
        ngettext(
            "%(count)s %(specialists)s, part-time fraction %(fractions)s: %(share)s%% of the "
            "time on employment services.",
            "%(count)s %(specialists)s, part-time fractions %(fractions)s: %(share)s%% of the "
            "time on employment services on average.",
            len(fractions),
        )
        % {
            "count": len(fractions),
            "specialists": words[0] if len(fractions) == 1 else words[1],
            "fractions": ", ".join(_n(f, 2) for f in fractions),
            "share": _n(share, 0),
        },
        evidence,
        verified_anchor=ladder.verified,
    )


def _team_assignment(figures: TeamFigures, ladder: Ladder) -> Prefill:
    evidence = _(
        "Courses of %(team)s open between %(start)s and %(end)s, with the care and the "
        "employment professional each a member of the team."
    ) % _period(figures)
    if not figures.active_courses:
        return _no_records("O1", figures, _("Courses"))
    share = 100 * figures.courses_with_both / figures.active_courses
    return Prefill(
        "O1",
        rating_for(share, ladder),
        ngettext(
            "%(both)s of %(count)s course has both professionals in the team (%(share)s%%).",
            "%(both)s of %(count)s courses have both professionals in the team (%(share)s%%).",
            figures.active_courses,
        )
        % {
            "both": figures.courses_with_both,
            "count": figures.active_courses,
            "share": _n(share, 0),
        },
        evidence,
    )


def _frequent_contact(figures: TeamFigures, ladder: Ladder) -> Prefill:
    evidence = _(
        "Roundtable meetings held and joint-plan versions published for courses of "
        "%(team)s between %(start)s and %(end)s."
    ) % _period(figures)
    if not figures.active_courses:
        return _no_records("O2", figures, _("Roundtable meetings"))
    rate = figures.meetings_held / figures.active_courses / figures.months
    meetings = ngettext(
        "%(count)s roundtable meeting held", "%(count)s roundtable meetings held",
        figures.meetings_held,
    ) % {"count": figures.meetings_held}  # fmt: skip
    shared = ngettext(
        "%(count)s shared record", "%(count)s shared records", figures.plan_versions
    ) % {"count": figures.plan_versions}
    return Prefill(
        "O2",
        rating_for(rate, ladder),
        _("%(meetings)s for %(courses)s courses: %(rate)s per course per month; %(shared)s.")
        % {
            "meetings": meetings,
            "courses": figures.active_courses,
            "rate": _n(rate, 2),
            "shared": shared,
        },
        evidence,
        sources=(MIS, DOC),
    )


def _zero_exclusion(figures: TeamFigures, ratings: Mapping[str, int]) -> Prefill:
    evidence = _(
        "The team programme of %(team)s and the referrals between %(start)s and %(end)s "
        "with and without a first day of sick leave."
    ) % _period(figures)
    referrals = ngettext("%(count)s referral", "%(count)s referrals", figures.referrals) % {
        "count": figures.referrals
    }
    if not figures.entry_without_sick_leave:
        suggestion = ratings["with_sick_leave_required"]
        figure = _("%(referrals)s; entry needs sick leave (an exclusion criterion).") % {
            "referrals": referrals
        }
    else:
        used = figures.referrals_without_sick_leave > 0
        suggestion = ratings["open_and_used" if used else "open_not_yet_used"]
        figure = _(
            "%(referrals)s, %(without)s of them by the wish to work without sick leave; the "
            "team takes anyone who wants to work."
        ) % {"referrals": referrals, "without": figures.referrals_without_sick_leave}
    return Prefill("O6", suggestion, figure, evidence, sources=(MIS, DOC))


def _service_figure(figures: TeamFigures, code: str) -> ServiceFigure | None:
    found = figures.service.get(code)
    if found is None or found.figure is None or found.n <= 0:
        return None
    return found


def _no_service_records(figures: TeamFigures, code: str, what: str) -> Prefill:
    found = _no_records(code, figures, what)
    described = figures.service.get(code)
    if described is not None and described.description:
        found = replace(found, evidence=f"{found.evidence} {described.description}")
    return found


def _rapid_search(figures: TeamFigures, ladder: Ladder) -> Prefill:
    found = _service_figure(figures, "SV4")
    if found is None:
        empty = _no_service_records(figures, "SV4", _("Face-to-face employer contacts"))
        if figures.done_planned_contacts:
            more = ngettext(
                "%(count)s planned employer contact is marked done in the job-search plans, "
                "without saying whether it was face to face.",
                "%(count)s planned employer contacts are marked done in the job-search plans, "
                "without saying whether they were face to face.",
                figures.done_planned_contacts,
            ) % {"count": figures.done_planned_contacts}
            empty = replace(empty, evidence=f"{empty.evidence} {more}")
        return empty
    assert found.figure is not None
    return Prefill(
        "SV4",
        rating_for(found.figure, ladder),
        ngettext(
            "%(count)s person: %(median)s days from referral to the first face-to-face "
            "employer contact.",
            "%(count)s people: a median of %(median)s days from referral to the first "
            "face-to-face employer contact.",
            found.n,
        )
        % {"count": found.n, "median": _n(found.figure, 0)},
        found.description,
    )


def _employer_contact(figures: TeamFigures, ladder: Ladder) -> Prefill:
    found = _service_figure(figures, "SV6")
    if found is None:
        return _no_service_records(figures, "SV6", _("Face-to-face employer contacts"))
    assert found.figure is not None
    return Prefill(
        "SV6",
        rating_for(found.figure, ladder),
        ngettext(
            "%(count)s face-to-face employer contact: %(rate)s per specialist per week.",
            "%(count)s face-to-face employer contacts: %(rate)s per specialist per week.",
            found.n,
        )
        % {"count": found.n, "rate": _n(found.figure)},
        found.description,
    )


def _job_starts(
    figures: TeamFigures, code: str, ladder: Ladder, share_of: Callable[[ServiceFigure], float]
) -> Prefill:
    """SV8, SV9, SV10: a share of the period's job starts (different job types, different
    employers, competitive jobs)."""
    found = _service_figure(figures, code)
    if found is None:
        return _no_service_records(figures, code, _("Job starts"))
    share = share_of(found)
    part = round(share * found.n / 100)
    sentences = {
        "SV8": ngettext(
            "%(part)s job type among %(count)s job start (%(share)s%%).",
            "%(part)s job types among %(count)s job starts (%(share)s%%).",
            found.n,
        ),
        "SV9": ngettext(
            "%(part)s employer among %(count)s job start (%(share)s%%).",
            "%(part)s employers among %(count)s job starts (%(share)s%%).",
            found.n,
        ),
        "SV10": ngettext(
            "%(part)s of %(count)s job start is a competitive job (%(share)s%%).",
            "%(part)s of %(count)s job starts are competitive jobs (%(share)s%%).",
            found.n,
        ),
    }
    return Prefill(
        code,
        rating_for(share, ladder),
        sentences[code] % {"part": part, "count": found.n, "share": _n(share, 0)},
        found.description,
    )


def _follow_along(figures: TeamFigures, ladder: Ladder) -> Prefill:
    found = _service_figure(figures, "SV12")
    if found is None:
        return _no_service_records(figures, "SV12", _("Follow-along supports"))
    assert found.figure is not None
    return Prefill(
        "SV12",
        rating_for(found.figure, ladder),
        ngettext(
            "%(followed)s of %(count)s person with a job start had follow-along support after "
            "it (%(share)s%%).",
            "%(followed)s of %(count)s people with a job start had follow-along support after "
            "it (%(share)s%%).",
            found.n,
        )
        % {
            "followed": round(found.figure * found.n / 100),
            "count": found.n,
            "share": _n(found.figure, 0),
        },
        found.description,
    )


def _community(figures: TeamFigures, ladder: Ladder) -> Prefill:
    found = _service_figure(figures, "SV13")
    if found is None:
        return _no_service_records(figures, "SV13", _("Hours in the community"))
    assert found.figure is not None
    return Prefill(
        "SV13",
        rating_for(found.figure, ladder),
        ngettext(
            "%(share)s%% of %(count)s employer or follow-along contact took place out in the "
            "community.",
            "%(share)s%% of %(count)s employer and follow-along contacts took place out in the "
            "community.",
            found.n,
        )
        % {"share": _n(found.figure, 0), "count": found.n},
        found.description,
    )


def _distinct_share(found: ServiceFigure) -> float:
    """SV8, SV9: how many different ones per 100 job starts."""
    return 100 * (found.figure or 0) / found.n


def _as_share(found: ServiceFigure) -> float:
    return float(found.figure or 0)


def prefill(
    figures: TeamFigures,
    *,
    specialists: tuple[str, str],
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, Prefill]:
    """The pre-filled items of a review, by code. `specialists` is the word for the team's
    employment specialist, one and many, in the reader's language (organisations.terms)."""
    one, many = specialists
    ladder = ladders(overrides)
    found = [
        _caseload(figures, ladder["S1"], many),
        _employment_time(figures, ladder["S2"], (one, many)),
        _team_assignment(figures, ladder["O1"]),
        _frequent_contact(figures, ladder["O2"]),
        _zero_exclusion(figures, zero_exclusion_ratings(overrides)),
        _rapid_search(figures, ladder["SV4"]),
        _employer_contact(figures, ladder["SV6"]),
        _job_starts(figures, "SV8", ladder["SV8"], _distinct_share),
        _job_starts(figures, "SV9", ladder["SV9"], _distinct_share),
        _job_starts(figures, "SV10", ladder["SV10"], _as_share),
        _follow_along(figures, ladder["SV12"]),
        _community(figures, ladder["SV13"]),
    ]
    return {item.code: item for item in found}
