"""The integration instruments in the demo, written through the services as the team would:

- relational coordination: a round for each Danish team now (open, most members answered) and
  one six months ago (closed), so the results show a trend. Ratings are plausible, not real: each
  group rates its own group higher than the others (as Hustoft et al. 2018 found in Norwegian
  psychiatry), the small team of fixed dyads higher between the groups than the large team, and
  both a little higher now than six months ago. One care manager of the large team has yet to
  answer, so the survey shows on her caseload.
- shared decision making after held meetings: SDM-Q-Doc from both professionals of most Danish
  held meetings; SDM-Q-9 with the noticed decisions from one Danish citizen who can sign in and
  from the Swedish one; the second Danish citizen declined; the Norwegian one has yet to answer.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.instruments.models import Noticed, RcRound
from roundtable.instruments.rc_services import (
    group_of,
    rc_response_submit,
    rc_round_close,
    rc_round_open,
)
from roundtable.instruments.selectors import key_decisions
from roundtable.instruments.services import sdm_response_answer, sdm_response_decline
from roundtable.meetings.models import Meeting, MeetingStatus
from roundtable.organisations.models import Membership, Role, Team

from .setting import LARGE_TEAM, SMALL_TEAM

# The rounds' titles are the team's own words (Danish), like every demo text of a Danish team.
NOW_TITLE = "Relationel koordinering – efterår"
EARLIER_TITLE = "Relationel koordinering – forår"
# Mean tie scores around which the demo's answers fall: (within the group, between groups).
LEVELS = {LARGE_TEAM: (4.4, 3.3), SMALL_TEAM: (4.5, 3.9)}
EARLIER_DROP = 0.3


def _actor(user_id) -> Actor:
    actor = actor_for_user(get_user_model().objects.get(pk=user_id))
    assert actor is not None
    return actor


def _items(rng: random.Random, level: float) -> list[int]:
    return [max(1, min(5, round(rng.gauss(level, 0.6)))) for _ in range(7)]


def _answer_round(
    team: Team, round_: RcRound, rng: random.Random, *, drop: float, skip: set, today: dt.date
) -> None:
    within, between = LEVELS[team.name]
    members = (
        Membership.objects.filter(team=team)
        .select_related("professional")
        .order_by("professional__user__username")
    )
    for membership in members:
        professional = membership.professional
        if professional.pk in skip:
            continue
        own = group_of(round_, professional.role)
        if own is None:
            continue  # the evaluator rates nobody
        rc_response_submit(
            actor=_actor(professional.user_id),
            round_id=round_.pk,
            today=today,
            ratings={
                g["key"]: _items(rng, (within if g["key"] == own else between) - drop)
                for g in round_.groups
            },
        )


def demo_rc_load(*, today: dt.date, seed: int = 12) -> None:
    rng = random.Random(seed)
    for name in (LARGE_TEAM, SMALL_TEAM):
        team = Team.objects.get(name=name)
        leader = Membership.objects.select_related("professional").get(
            team=team, professional__role=Role.TEAM_LEADER
        )
        actor = _actor(leader.professional.user_id)
        earlier = rc_round_open(
            actor=actor,
            team_id=team.pk,
            title=EARLIER_TITLE,
            opens_on=today - dt.timedelta(days=190),
            closes_on=today,
        )
        _answer_round(team, earlier, rng, drop=EARLIER_DROP, skip=set(), today=today)
        rc_round_close(actor=actor, round_id=earlier.pk, closes_on=today - dt.timedelta(days=169))
        now = rc_round_open(
            actor=actor,
            team_id=team.pk,
            title=NOW_TITLE,
            opens_on=today - dt.timedelta(days=10),
            closes_on=today + dt.timedelta(days=11),
        )
        skip = set()
        if name == LARGE_TEAM:
            # One care manager has yet to answer: the survey waits on her caseload.
            waiting = (
                Membership.objects.filter(team=team, professional__role=Role.CARE_MANAGER)
                .order_by("professional__user__username")
                .values_list("professional_id", flat=True)
                .first()
            )
            skip.add(waiting)
        _answer_round(team, now, rng, drop=0.0, skip=skip, today=today)


def _doc_answers(rng: random.Random) -> list[int | None]:
    return [max(0, min(5, round(rng.gauss(4.0, 0.8)))) for _ in range(9)]


def demo_sdm_load(*, today: dt.date, seed: int = 13) -> None:
    rng = random.Random(seed)
    meetings = list(
        Meeting.objects.filter(status=MeetingStatus.HELD)
        .select_related("course__citizen", "course__care_manager", "course__employment_consultant")
        .order_by("starts_at", "id")
    )
    danish_logins = []
    for meeting in meetings:
        course = meeting.course
        citizen_user = course.citizen.user_id
        if course.jurisdiction == "dk":
            if citizen_user:
                danish_logins.append(meeting)
            # Both professionals rate most meetings; a few are left for the demo to show.
            if rng.random() < 0.8 and course.care_manager and course.employment_consultant:
                for professional in (course.care_manager, course.employment_consultant):
                    sdm_response_answer(
                        actor=_actor(professional.user_id),
                        meeting_id=meeting.pk,
                        answers=_doc_answers(rng),
                    )
        elif course.jurisdiction == "se" and citizen_user:
            _citizen_answers(meeting, rng)
    if danish_logins:
        _citizen_answers(danish_logins[0], rng)
    for meeting in danish_logins[1:2]:
        sdm_response_decline(actor=_actor(meeting.course.citizen.user_id), meeting_id=meeting.pk)


def _citizen_answers(meeting: Meeting, rng: random.Random) -> None:
    """The citizen's SDM-Q-9, lower than the professionals' (as the studies found), one item
    left out, and whether they noticed each key decision: not every one."""
    answers: list[int | None] = [max(0, min(5, round(rng.gauss(3.0, 1.0)))) for _ in range(9)]
    answers[rng.randrange(9)] = None
    noticed_answers = [Noticed.YES, Noticed.NOT_SURE, Noticed.NO]
    sdm_response_answer(
        actor=_actor(meeting.course.citizen.user_id),
        meeting_id=meeting.pk,
        answers=answers,
        noticed={
            decision.pk: noticed_answers[index % 3]
            for index, decision in enumerate(key_decisions(meeting))
        },
    )


def demo_instruments_load(*, today: dt.date) -> None:
    demo_rc_load(today=today)
    demo_sdm_load(today=today)
