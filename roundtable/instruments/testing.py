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
