"""The pure core of the research export (SECURITY.md 24): facts about courses in, a pseudonymised,
k-anonymous table out. No ORM, no clock, no settings: the selector loads the facts and passes
the key and k.

What leaves:

- a keyed pseudonym per course: HMAC-SHA256 of the course id under the research key, truncated.
  The same course gets the same pseudonym in every export made with the same key, so exports can
  be joined over time; without the key it cannot be traced back to the course, and the key is
  never part of an export (`settings.RESEARCH_PSEUDONYM_KEY`, separate from every other key);
- categories (team, jurisdiction, diagnosis group, status) and counts (meetings, decisions by
  type and by status, decisions whose options have pros and cons, published plan versions, goals
  by kind, whether the citizen agreed with the latest version they answered);
- dates only generalised: the quarter of referral and of the first absence day, and whole weeks
  from the first absence day to the first held roundtable meeting. A first meeting held before
  the first absence day is a data error (the absence day recorded later than it was, or a
  meeting recorded on the wrong date): its weeks are left empty rather than negative, and the
  export counts such courses (`first_meeting_before_absence`) so the evaluator knows why;
- the return-to-work outcomes as the trials defined them (roundtable.outcomes.definitions): the
  trial arm, whether and after how many weeks from baseline the person returned, the week they
  were censored at, in work at 12 months, and a new absence of more than 8 weeks;
- shared decision making (roundtable.instruments): per course the mean SDM-Q-9 of the citizen,
  the mean SDM-Q-Doc of the care manager and of the employment consultant, the mean observer
  OPTION-12 and OPTION-5 scores (each 0-100, one decimal, over the course's held meetings), and
  how many key decisions the citizen said they noticed, did not notice or were not sure of.
  Scores only: never an item answer, never who rated.

What never leaves: names, national ids, free text (titles, outcomes, goals, minutes), exact
dates. Age is not exported: Roundtable stores no birth date, and deriving one from the national
id is deliberately not done (it would read the national id for a purpose it was not given for).

k-anonymity: the quasi-identifiers are (team, jurisdiction, diagnosis group, referral quarter).
A row whose combination is shared by fewer than k rows is generalised step by step — first the
diagnosis group, then the quarter (the first-absence quarter goes with it), then the team become
"*" — and a row still in a group smaller than k is withheld. Every released combination is shared
by at least k released rows. Aggregate counts below k are suppressed too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SUPPRESSED = "*"
PSEUDONYM_LENGTH = 20  # hex characters: 80 bits, no collisions at any realistic size

QUASI_IDENTIFIERS = ("team", "jurisdiction", "diagnosis_group", "referral_quarter")
# The order in which quasi-identifiers are given up; jurisdiction is kept (it is coarse).
SUPPRESSION_ORDER = ("diagnosis_group", "referral_quarter", "team")
# Generalised together with the quasi-identifier named: the first absence is near the referral.
SUPPRESSED_WITH = {"referral_quarter": ("first_absence_quarter",)}

DECISION_STATUSES = ("open", "made", "postponed", "excluded")
GOAL_KINDS = ("framework", "supporting", "long_term", "temporary")
# The trials' outcomes (roundtable.outcomes): weeks from baseline, never dates.
OUTCOME_COLUMNS = (
    "trial_arm",
    "rtw",
    "weeks_to_rtw",
    "censored_at_week",
    "in_work_at_52",
    "relapse",
)
# Shared decision making per course (roundtable.instruments), 0-100 means and counts.
SCORE_COLUMNS = (
    "sdmq9_citizen",
    "sdmqdoc_care_manager",
    "sdmqdoc_employment_consultant",
    "option12",
    "option5",
    "decisions_noticed",
    "decisions_not_noticed",
    "decisions_noticed_not_sure",
)


@dataclass(frozen=True)
class CourseFacts:
    """What the selector reads of one course. Holds exact dates: never exported as such."""

    course_id: uuid.UUID
    team: str
    jurisdiction: str
    diagnosis_group: str
    status: str
    referral_date: dt.date
    first_absence_day: dt.date | None  # None: entered without sick leave
    first_meeting_day: dt.date | None = None
    held_meetings: int = 0
    decisions_by_type: Mapping[str, int] = field(default_factory=dict)
    decisions_by_status: Mapping[str, int] = field(default_factory=dict)
    decisions_with_pros_and_cons: int = 0
    plan_versions: int = 0
    goals_by_kind: Mapping[str, int] = field(default_factory=dict)
    citizen_agreed: bool | None = None  # None: the citizen has not answered a version
    # Return to work (roundtable.outcomes.definitions), None where the course has no data yet.
    trial_arm: str = ""
    rtw: bool | None = None
    weeks_to_rtw: int | None = None
    censored_at_week: int | None = None
    in_work_at_52: bool | None = None
    relapse: bool | None = None
    # Shared decision making: each score list holds one 0-100 score per scored response.
    scores: Mapping[str, Sequence[float]] = field(default_factory=dict)
    noticed: Mapping[str, int] = field(default_factory=dict)  # yes / no / not_sure -> count


@dataclass(frozen=True)
class ResearchTable:
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    k: int
    withheld: int  # rows left out because even fully generalised they were fewer than k
    aggregates: list[dict[str, Any]]
    # Courses whose first held meeting lies before the first absence day (their weeks are
    # empty): a data error for the team to correct, counted so the evaluator knows why.
    meeting_before_absence: int = 0

    @property
    def withheld_cell(self) -> int | str:
        """How many rows were withheld, itself a small cell when from 1 to k-1."""
        return SUPPRESSED if 0 < self.withheld < self.k else self.withheld

    @property
    def meeting_before_absence_cell(self) -> int | str:
        """How many courses had a first meeting before the first absence day (small: "*")."""
        n = self.meeting_before_absence
        return SUPPRESSED if 0 < n < self.k else n


def pseudonym(course_id: uuid.UUID | str, key: str | bytes) -> str:
    """HMAC-SHA256 of the course id under the research key, as truncated hex."""
    key_bytes = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key_bytes, str(course_id).encode(), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_LENGTH]


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def weeks_between(start: dt.date, end: dt.date | None) -> int | None:
    """Whole weeks from `start` to `end`: None when there is no end, or when the end comes
    before the start (a data error, counted by `meeting_before_absence`, never a negative
    number of weeks)."""
    if end is None or end < start:
        return None
    return (end - start).days // 7


def meeting_before_absence(facts: CourseFacts) -> bool:
    """The course's first held meeting lies before its first absence day: a data error. (A
    course entered without sick leave has no first absence day, and no error.)"""
    return (
        facts.first_absence_day is not None
        and facts.first_meeting_day is not None
        and facts.first_meeting_day < facts.first_absence_day
    )


def columns_for(decision_types: Sequence[str]) -> tuple[str, ...]:
    return (
        "pseudonym",
        "team",
        "jurisdiction",
        "diagnosis_group",
        "status",
        "referral_quarter",
        "first_absence_quarter",
        "weeks_absence_to_first_meeting",
        "held_meetings",
        *(f"decisions_type_{slug}" for slug in decision_types),
        *(f"decisions_{status}" for status in DECISION_STATUSES),
        "decisions_with_pros_and_cons",
        "plan_versions",
        *(f"goals_{kind}" for kind in GOAL_KINDS),
        "citizen_agreed",
        *OUTCOME_COLUMNS,
        *SCORE_COLUMNS,
    )


def mean_score(scores: Sequence[float]) -> float | None:
    """The mean of a course's scores to one decimal; None when nothing was scored."""
    if not scores:
        return None
    return round(sum(scores) / len(scores), 1)


def course_row(facts: CourseFacts, *, key: str | bytes, decision_types: Sequence[str]) -> dict:
    """One course as an export row, before k-anonymity."""
    row: dict[str, Any] = {
        "pseudonym": pseudonym(facts.course_id, key),
        "team": facts.team,
        "jurisdiction": facts.jurisdiction,
        "diagnosis_group": facts.diagnosis_group,
        "status": facts.status,
        "referral_quarter": quarter(facts.referral_date),
        "first_absence_quarter": quarter(facts.first_absence_day)
        if facts.first_absence_day
        else None,
        "weeks_absence_to_first_meeting": weeks_between(
            facts.first_absence_day, facts.first_meeting_day
        )
        if facts.first_absence_day
        else None,
        "held_meetings": facts.held_meetings,
    }
    for slug in decision_types:
        row[f"decisions_type_{slug}"] = facts.decisions_by_type.get(slug, 0)
    for status in DECISION_STATUSES:
        row[f"decisions_{status}"] = facts.decisions_by_status.get(status, 0)
    row["decisions_with_pros_and_cons"] = facts.decisions_with_pros_and_cons
    row["plan_versions"] = facts.plan_versions
    for kind in GOAL_KINDS:
        row[f"goals_{kind}"] = facts.goals_by_kind.get(kind, 0)
    row["citizen_agreed"] = facts.citizen_agreed
    for name in OUTCOME_COLUMNS:
        row[name] = getattr(facts, name)
    for name in SCORE_COLUMNS[:5]:
        row[name] = mean_score(facts.scores.get(name, ()))
    row["decisions_noticed"] = facts.noticed.get("yes", 0)
    row["decisions_not_noticed"] = facts.noticed.get("no", 0)
    row["decisions_noticed_not_sure"] = facts.noticed.get("not_sure", 0)
    return row


def _generalised(row: dict, level: int) -> dict:
    """The row with the first `level` quasi-identifiers of SUPPRESSION_ORDER replaced by "*"."""
    out = dict(row)
    for name in SUPPRESSION_ORDER[:level]:
        out[name] = SUPPRESSED
        for companion in SUPPRESSED_WITH.get(name, ()):
            out[companion] = SUPPRESSED
    return out


def _combination(row: Mapping[str, Any]) -> tuple:
    return tuple(row[name] for name in QUASI_IDENTIFIERS)


def k_anonymise(rows: Iterable[dict], k: int) -> tuple[list[dict], int]:
    """Release each row at the least generalisation whose group has at least k rows.

    Level by level, the rows still pending are generalised and grouped; groups of k or more are
    released, the rest wait for the next level. The levels suppress different sets of fields, so
    groups of different levels never share a combination: every released combination occurs at
    least k times. Returns the released rows (sorted by pseudonym, so the order says nothing
    about referral order) and how many were withheld.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    pending = list(rows)
    released: list[dict] = []
    for level in range(len(SUPPRESSION_ORDER) + 1):
        groups: dict[tuple, list[tuple[dict, dict]]] = defaultdict(list)
        for row in pending:
            generalised = _generalised(row, level)
            groups[_combination(generalised)].append((row, generalised))
        pending = []
        for members in groups.values():
            if len(members) >= k:
                released.extend(generalised for _, generalised in members)
            else:
                pending.extend(original for original, _ in members)
        if not pending:
            break
    released.sort(key=lambda row: row["pseudonym"])
    return released, len(pending)


def suppress_small_cells(counts: Mapping[tuple, int], k: int) -> dict[tuple, int | str]:
    """Counts from 1 to k-1 become "*" (a zero says nobody and is kept)."""
    return {cell: (SUPPRESSED if 0 < n < k else n) for cell, n in counts.items()}


def aggregate_by_diagnosis_and_status(facts: Sequence[CourseFacts], k: int) -> list[dict]:
    """Courses counted by team, diagnosis group and status, small cells suppressed. No margins:
    a total beside a suppressed cell would give it away."""
    counts = Counter((f.team, f.diagnosis_group, f.status) for f in facts)
    cells = suppress_small_cells(counts, k)
    return [
        {"team": team, "diagnosis_group": group, "status": status, "courses": n}
        for (team, group, status), n in sorted(cells.items())
    ]


def research_table(
    facts: Sequence[CourseFacts], *, key: str | bytes, k: int, decision_types: Sequence[str]
) -> ResearchTable:
    """The whole export: pseudonymised rows made k-anonymous, and the aggregate table."""
    rows = [course_row(f, key=key, decision_types=decision_types) for f in facts]
    released, withheld = k_anonymise(rows, k)
    return ResearchTable(
        columns=columns_for(decision_types),
        rows=released,
        k=k,
        withheld=withheld,
        aggregates=aggregate_by_diagnosis_and_status(facts, k),
        meeting_before_absence=sum(meeting_before_absence(f) for f in facts),
    )
