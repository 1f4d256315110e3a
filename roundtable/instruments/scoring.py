"""Scoring of the integration instruments: pure functions, each citing its source
(../shared/reference/instruments.md). Items marked UNVERIFIED there are settings with defaults,
never hard-coded truths.

- IPS-25 (Supported Employment Fidelity Scale; Bond et al., Psychiatr Serv 2012;63:758-63):
  25 items 1-5, total 25-125; bands 115-125 exemplary, 100-114 good, 74-99 fair, 73 and below
  not IPS (the Swedish IPS study; a total of exactly 73 is not IPS).
- OPTION-12 (Elwyn et al., Qual Saf Health Care 2003;12:93-99): 12 items 0-4, raw 0-48,
  score = raw / 48 x 100 (worked rows: raw 8 -> 17, raw 32 -> 67; NIHMS1999542 Table 2).
- Observer OPTION-5 (Elwyn et al., Patient Educ Couns 2013;93:265-71): 5 items 0-4, raw 0-20,
  score = raw x 5.
- SDM-Q-9 (Kriston et al., PEC 2010;80:94-99) and SDM-Q-Doc (Scholl et al., PEC 2012;88:284-90):
  9 items 0-5, sum 0-45 x 20/9 -> 0-100. Missing items: the person's mean is imputed when at most
  ``max_missing`` (default 1, UNVERIFIED: the developers' manual was not available) are missing;
  otherwise there is no total.
- Relational coordination (Gittell): a tie is the mean of a respondent's 7 items about a group;
  the dyad score A->B the mean of A's ties about B; the network score the mean of all ties
  (weighting UNVERIFIED: unweighted here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


class ScoringError(ValueError):
    """Answers that cannot be scored: the message names the problem."""


def _integers(answers: Sequence[Any], *, count: int, low: int, high: int, name: str) -> list[int]:
    if not isinstance(answers, list | tuple):
        raise ScoringError(f"{name} takes a list of {count} answers")
    if len(answers) != count:
        raise ScoringError(f"{name} takes {count} answers, not {len(answers)}")
    values = []
    for index, value in enumerate(answers, start=1):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ScoringError(f"{name} item {index}: {value!r} is not a whole number {low}-{high}")
        values.append(value)
    return values


def _round2(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


IPS25_BANDS = ((115, "exemplary"), (100, "good"), (74, "fair"), (25, "not"))
IPS25_SECTIONS = (("staffing", 0, 3), ("organisation", 3, 11), ("services", 11, 25))


@dataclass(frozen=True)
class FidelityScore:
    total: int
    band: str
    sections: dict[str, int]


def ips25_band(total: int) -> str:
    for floor, band in IPS25_BANDS:
        if total >= floor:
            return band
    raise ScoringError(f"an IPS-25 total is 25-125, not {total}")


def ips25(answers: Sequence[Any]) -> FidelityScore:
    items = _integers(answers, count=25, low=1, high=5, name="ips25")
    total = sum(items)
    sections = {name: sum(items[start:end]) for name, start, end in IPS25_SECTIONS}
    return FidelityScore(total=total, band=ips25_band(total), sections=sections)


def option12(answers: Sequence[Any]) -> float:
    return _round2(sum(_integers(answers, count=12, low=0, high=4, name="option12")) / 48 * 100)


def option5(answers: Sequence[Any]) -> int:
    return sum(_integers(answers, count=5, low=0, high=4, name="option5")) * 5


def sdmq9(answers: Sequence[Any], *, max_missing: int = 1, name: str = "sdmq9") -> float:
    """SDM-Q-9 or SDM-Q-Doc: 9 answers 0-5 or None (missing)."""
    if not isinstance(answers, list | tuple) or len(answers) != 9:
        count = len(answers) if isinstance(answers, list | tuple) else "no"
        raise ScoringError(f"{name} takes 9 answers, not {count}")
    given: list[int] = []
    for index, value in enumerate(answers, start=1):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5:
            raise ScoringError(f"{name} item {index}: {value!r} is not a whole number 0-5 or null")
        given.append(value)
    missing = 9 - len(given)
    if missing > max_missing:
        raise ScoringError(
            f"{name}: {missing} items are missing; at most {max_missing} may be for a total"
        )
    total = sum(given) + missing * (sum(given) / len(given))
    return _round2(total * 20 / 9)


@dataclass(frozen=True)
class RelationalScore:
    ties: dict[str, float]  # "FROM->ABOUT": the mean of the respondents' tie scores
    score: float  # the network score: the mean of all respondents' ties


def relational_coordination(responses: Sequence[Any]) -> RelationalScore:
    """Responses ``{"from": GROUP, "about": GROUP, "items": [7 integers 1-5]}``, one per
    respondent and group rated."""
    if not isinstance(responses, list | tuple) or not responses:
        raise ScoringError("rc takes a non-empty list of responses")
    by_dyad: dict[str, list[float]] = defaultdict(list)
    every: list[float] = []
    for index, response in enumerate(responses, start=1):
        if not isinstance(response, dict) or not {"from", "about", "items"} <= response.keys():
            raise ScoringError(f"rc response {index}: needs from, about and items")
        source, about = response["from"], response["about"]
        if not isinstance(source, str) or not isinstance(about, str) or not source or not about:
            raise ScoringError(f"rc response {index}: from and about name groups")
        items = _integers(response["items"], count=7, low=1, high=5, name=f"rc response {index}")
        tie = sum(items) / 7
        by_dyad[f"{source}->{about}"].append(tie)
        every.append(tie)
    ties = {dyad: _round2(sum(values) / len(values)) for dyad, values in sorted(by_dyad.items())}
    return RelationalScore(ties=ties, score=_round2(sum(every) / len(every)))


# --- Relational coordination per round: dyads, within-group, incoming, outgoing -------------------

# (strong above, moderate from) — ">4.0 strong, 3.5-4.0 moderate, <3.5 weak" is often cited but
# UNVERIFIED (no RCC/RCA page found; instruments.md §5): the setting ROUNDTABLE_RC_THRESHOLDS.
RC_THRESHOLDS = (4.0, 3.5)
RC_ITEMS = 7


@dataclass(frozen=True)
class RcRoundScores:
    """A round's scores, computed only from the groups with enough respondents (`shown`).

    ``dyads[(A, B)]`` is the mean of A's respondents' tie scores about B (within-group when A is
    B); ``outgoing[A]`` the mean of A's ties about the other groups; ``incoming[B]`` the mean of
    the other shown groups' ties about B; ``network`` the mean of every shown tie."""

    respondents: dict[str, int]
    shown: frozenset[str]
    dyads: dict[tuple[str, str], float]
    within: dict[str, float]
    outgoing: dict[str, float]
    incoming: dict[str, float]
    network: float | None


def rc_tie(items: Sequence[Any]) -> float:
    """A respondent's tie score about one group: the mean of the seven items."""
    return sum(_integers(items, count=RC_ITEMS, low=1, high=5, name="rc tie")) / RC_ITEMS


def _mean(values: Sequence[float]) -> float | None:
    return _round2(sum(values) / len(values)) if values else None


def rc_round_scores(
    responses: Sequence[tuple[str, dict[str, Sequence[Any]]]],
    *,
    min_respondents: int = 3,
) -> RcRoundScores:
    """Responses ``(respondent's group, {group rated: [7 integers 1-5]})``, one per respondent.

    A group with fewer than `min_respondents` respondents contributes nothing to any score: its
    ratings are left out of the dyads, incoming and network scores alike, so that no score can
    be traced back to one or two people."""
    respondents: dict[str, int] = defaultdict(int)
    for group, _ratings in responses:
        respondents[group] += 1
    shown = frozenset(g for g, n in respondents.items() if n >= max(min_respondents, 1))
    ties: dict[tuple[str, str], list[float]] = defaultdict(list)
    for group, ratings in responses:
        if group not in shown:
            continue
        for about, items in ratings.items():
            ties[(group, about)].append(rc_tie(items))
    dyads = {pair: _round2(sum(v) / len(v)) for pair, v in sorted(ties.items())}
    within = {a: score for (a, b), score in dyads.items() if a == b}
    outgoing: dict[str, float] = {}
    incoming: dict[str, float] = {}
    for group in sorted({a for a, _b in ties} | {b for _a, b in ties}):
        out = [t for (a, b), values in ties.items() if a == group and b != group for t in values]
        into = [t for (a, b), values in ties.items() if b == group and a != group for t in values]
        if (mean := _mean(out)) is not None:
            outgoing[group] = mean
        if (mean := _mean(into)) is not None:
            incoming[group] = mean
    every = [t for values in ties.values() for t in values]
    return RcRoundScores(
        respondents=dict(respondents),
        shown=shown,
        dyads=dyads,
        within=within,
        outgoing=outgoing,
        incoming=incoming,
        network=_mean(every),
    )


def rc_strength(score: float, thresholds: tuple[float, float] = RC_THRESHOLDS) -> str:
    """ "strong" above the first threshold, "moderate" from the second up to it, else "weak"."""
    strong, moderate = thresholds
    if score > strong:
        return "strong"
    if score >= moderate:
        return "moderate"
    return "weak"
