"""Test helpers for the legal clock, shared by the unit and browser tests."""

from __future__ import annotations

import datetime as dt
import itertools

from roundtable.citizens.models import Course
from roundtable.sickleave.rules import milestones
from roundtable.testing import Cast, make_citizen, make_course

_national_ids = itertools.count(1)


def course_with_milestone_on(
    cast: Cast, milestone_id: str, due: dt.date, name: str, *, jurisdiction: str = "dk"
) -> Course:
    """A course of Alice and Bob (team Alpha) whose `milestone_id` falls on `due`.

    The first absence day is found by walking back from `due`, so the test states the date it
    cares about and the rules decide the rest.
    """
    for back in range(0, 800):
        first = due - dt.timedelta(days=back)
        if {m.id: m.date for m in milestones(jurisdiction, first)}.get(milestone_id) == due:
            citizen = make_citizen(name, f"121212-{next(_national_ids):04d}")
            return make_course(
                citizen,
                cast.alpha,
                cast.alice,
                cast.bob,
                first_absence_day=first,
                referral_date=first,
                jurisdiction=jurisdiction,
            )
    raise AssertionError(f"no first absence day puts {milestone_id} on {due}")
