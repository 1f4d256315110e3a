"""Helpers for tests of reflective supervision."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from roundtable.meetings.testing import actor_of
from roundtable.supervision.models import SupervisionSession
from roundtable.supervision.services import supervision_session_schedule


def session_of(cast, *, days_ahead: int = 7, hour: int = 13) -> SupervisionSession:
    """A session of team Alpha scheduled by Tina, led by Sam."""
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    return supervision_session_schedule(
        actor=actor_of(cast.tina),
        team_id=cast.alpha.pk,
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0))),
        place="Meeting room 2",
        leader_ids=[cast.sam.pk],
    )
