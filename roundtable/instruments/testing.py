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
