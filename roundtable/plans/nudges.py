"""Nudges for the professionals on the joint plan page: pure functions, no ORM.

Studies of written joint plans found the shared goal was often one copy-pasted sentence written
after the meeting, that citizens often did not perceive that decisions were made, and that
options and their pros and cons were rarely explicit (DOMAIN §2). Each nudge points at one of
those gaps, so the real, person-centred plan becomes the easy path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Nudge:
    code: str
    message: str


@dataclass(frozen=True)
class MeetingFacts:
    """What the nudges need to know about the meeting the plan came from."""

    decisions: int
    made: int
    options_without_pros_or_cons: int


@dataclass(frozen=True)
class CopiedGoal:
    """A shared framework goal (return to work) written in the same words in other plans."""

    text: str
    other_plans: int


def plan_nudges(
    *,
    shared_goal_texts: Sequence[str],
    copied_goals: Sequence[CopiedGoal],
    review_on: dt.date | None,
    meeting: MeetingFacts | None,
) -> list[Nudge]:
    """The nudges for one plan, most important first.

    `shared_goal_texts`: the texts of the plan's shared goals; `copied_goals`: its shared
    framework goals whose words stand, the same, in other citizens' plans. Only the framework
    goal is checked: it is the one the studies found copied as one sentence after the meeting;
    a personal temporary goal ("walk the dog every morning") may well be the same for many.
    """
    nudges = []
    if not any(t.strip() for t in shared_goal_texts):
        nudges.append(
            Nudge(
                "shared_goal_missing",
                _(
                    "There is no shared goal yet. Write it with the citizen, in their own "
                    "words: what do the three of you work towards together?"
                ),
            )
        )
    for copied in copied_goals:
        if copied.other_plans <= 0:
            continue
        nudges.append(
            Nudge(
                "shared_goal_copied",
                ngettext(
                    "The return-to-work goal “%(goal)s” has the same words as in %(n)d other "
                    "plan. Is it really this person's goal? Write it in their own words.",
                    "The return-to-work goal “%(goal)s” has the same words as in %(n)d other "
                    "plans. Is it really this person's goal? Write it in their own words.",
                    copied.other_plans,
                )
                % {"goal": copied.text, "n": copied.other_plans},
            )
        )
    if meeting is not None:
        if meeting.made == 0:
            nudges.append(
                Nudge(
                    "no_decision_made",
                    _(
                        "No decision is marked as made at the meeting this plan comes from. "
                        "Say in the decision log what was decided, so the citizen sees it."
                    ),
                )
            )
        if meeting.options_without_pros_or_cons > 0:
            nudges.append(
                Nudge(
                    "options_without_pros_or_cons",
                    ngettext(
                        "%(n)d option at the meeting has no pros or cons written down. "
                        "Add them, so the citizen can see why it was chosen or not.",
                        "%(n)d options at the meeting have no pros or cons written down. "
                        "Add them, so the citizen can see why each was chosen or not.",
                        meeting.options_without_pros_or_cons,
                    )
                    % {"n": meeting.options_without_pros_or_cons},
                )
            )
    if review_on is None:
        nudges.append(
            Nudge(
                "no_review_date",
                _(
                    "There is no date to review the plan. The plan is provisional: agree "
                    "when you will look at it again."
                ),
            )
        )
    return nudges
