"""Test helpers for the instruments, shared by the unit and browser tests."""

from __future__ import annotations

from roundtable.meetings import services as meeting_services
from roundtable.meetings.models import Decision, Meeting
from roundtable.meetings.testing import actor_of, log_decision, schedule

KEY_DECISIONS = ("How many hours in the first weeks?", "Which tasks at first?")


def held_meeting(cast, *, key_decisions=KEY_DECISIONS) -> tuple[Meeting, list[Decision]]:
    """A meeting of Anna's (team Alpha) held today, with its key decisions made."""
    meeting = schedule(cast.alice, cast.anna, days_ahead=0, hour=8)
    decisions = [
        log_decision(
            cast.alice, meeting, title=title, is_key=True, status="made", outcome="Agreed."
        )
        for title in key_decisions
    ]
    meeting_services.meeting_hold(actor=actor_of(cast.alice), meeting_id=meeting.pk)
    meeting.refresh_from_db()
    return meeting, decisions


def rc_colleagues(cast, n: int = 3):
    """Alpha's care managers and employment consultants, `n` of each (Alice and Bob first, then
    new colleagues)."""
    from roundtable.organisations.models import Role
    from roundtable.testing import make_professional

    cms, ecs = [cast.alice], [cast.bob]
    for i in range(1, n):
        cms.append(
            make_professional(f"Cathy Care{i}", cast.region, Role.CARE_MANAGER, teams=(cast.alpha,))
        )
        ecs.append(
            make_professional(
                f"Eric Emp{i}",
                cast.jobcentre_north,
                Role.EMPLOYMENT_CONSULTANT,
                teams=(cast.alpha,),
            )
        )
    return cms, ecs


def rc_round(cast, colleagues, *, title="Spring round", answering=(3, 3), days_ago=0, answer=None):
    """A round of team Alpha opened by Tina `days_ago` days ago (open for two weeks more), answered
    by the first `answering` = (care managers, consultants) of `colleagues` (`rc_colleagues`).
    `answer(group, about)` gives the seven items (default: 5s within the group, else 4s)."""
    import datetime as dt

    from django.utils import timezone

    from roundtable.instruments.rc_services import rc_response_submit, rc_round_open

    today = timezone.localdate()
    round_ = rc_round_open(
        actor=actor_of(cast.tina),
        team_id=cast.alpha.pk,
        title=title,
        opens_on=today - dt.timedelta(days=days_ago),
        closes_on=today + dt.timedelta(days=14),
    )
    answer = answer or (lambda group, about: [5] * 7 if group == about else [4] * 7)
    keys = [g["key"] for g in round_.groups]
    cms, ecs = colleagues
    for group, professionals in (
        ("care_manager", cms[: answering[0]]),
        ("employment", ecs[: answering[1]]),
    ):
        for professional in professionals:
            rc_response_submit(
                actor=actor_of(professional),
                round_id=round_.pk,
                ratings={about: answer(group, about) for about in keys},
            )
    return round_


def started_review(cast, *, reviewers=None, kind="baseline", days_ago=0):
    """A draft IPS fidelity review of team Alpha started by its team leader Tina, with Tina
    and supervisor Sam as reviewers (or `reviewers`), over the last 90 days."""
    import datetime as dt

    from roundtable.instruments.services import fidelity_review_create

    today = dt.date.today() - dt.timedelta(days=days_ago)
    chosen = reviewers or (cast.tina, cast.sam)
    return fidelity_review_create(
        actor=actor_of(cast.tina),
        team_id=cast.alpha.pk,
        reviewed_on=today,
        kind=kind,
        period_start=today - dt.timedelta(days=90),
        period_end=today,
        reviewer_ids=[p.pk for p in chosen],
    )


def all_ratings(value=3, **overrides):
    """Ratings of all 25 items (each `value`, or as in `overrides` by code) for the service."""
    from roundtable.instruments.ips25_items import CODES

    return {
        code: {"rating": overrides.get(code, value), "evidence": "", "sources": ["MIS"]}
        for code in CODES
    }


def rate_and_submit(professional, review, value=3, **overrides):
    from roundtable.instruments.services import fidelity_ratings_save

    return fidelity_ratings_save(
        actor=actor_of(professional),
        review_id=review.pk,
        ratings=all_ratings(value, **overrides),
        submit=True,
    )


def agree(professional, review, value=3, reason="", **overrides):
    from roundtable.instruments.ips25_items import CODES
    from roundtable.instruments.services import fidelity_consensus_record

    return fidelity_consensus_record(
        actor=actor_of(professional),
        review_id=review.pk,
        items={code: {"rating": overrides.get(code, value), "reason": reason} for code in CODES},
    )
