"""Test helpers: courses whose sick-leave periods end (or not) some weeks after referral."""

from __future__ import annotations

import datetime as dt
import itertools

from roundtable.sickleave.models import BenefitPeriod
from roundtable.testing import Cast, make_citizen, make_course

_SERIAL = itertools.count()


def returned_population(cast: Cast, count: int, team, returned_after: int | None) -> None:
    """`count` courses in `team` referred 30 weeks ago, each back at work after N weeks
    (sickness benefit until then), or still on sickness benefit when `returned_after` is None."""
    today = dt.date.today()
    referral = today - dt.timedelta(weeks=30)
    for _ in range(count):
        index = next(_SERIAL)
        citizen = make_citizen(f"Person Number{index}", f"12{index:04d}-0000")
        course = make_course(
            citizen,
            team,
            cast.alice,
            cast.bob,
            referral_date=referral,
            first_absence_day=referral - dt.timedelta(weeks=4),
        )
        end = referral + dt.timedelta(weeks=returned_after) if returned_after is not None else None
        BenefitPeriod.objects.create(
            course=course, start=referral - dt.timedelta(weeks=4), end=end, recorded_by=cast.bob
        )
