"""Test helpers for meetings, shared by the unit and browser tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.citizens.models import Citizen
from roundtable.meetings import services
from roundtable.meetings.models import Decision, Meeting


def actor_of(who) -> Actor:
    """The Actor of a professional, a citizen (with a login) or a user."""
    user = getattr(who, "user", who)
    actor = actor_for_user(user)
    assert actor is not None
    return actor


def schedule(
    professional,
    citizen: Citizen,
    *,
    days_ahead: int = 7,
    hour: int = 10,
    purpose: str = "We plan your return to work together.",
    **extra,
) -> Meeting:
    """A planned meeting of `citizen`, scheduled by `professional` through the service."""
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
    values: dict[str, Any] = {
        "starts_at": starts_at,
        "ends_at": starts_at + dt.timedelta(hours=1),
        "purpose": purpose,
        "place": "Jobcentre North, room 4",
    }
    values.update(extra)
    return services.meeting_schedule(actor=actor_of(professional), citizen_id=citizen.pk, **values)


def log_decision(professional, meeting: Meeting, **extra) -> Decision:
    values: dict[str, Any] = {
        "type_slug": "course_content",
        "subtype_slug": "activities",
        "title": "Which activity helps most now?",
        "raised_by": "care_manager",
    }
    values.update(extra)
    return services.decision_add(actor=actor_of(professional), meeting_id=meeting.pk, **values)
