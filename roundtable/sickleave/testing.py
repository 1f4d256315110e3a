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


# --- Evidence for the benefit case ------------------------------------------------------------

NOTE = {
    "capacity": "partial",
    "hours_per_week": 10,
    "functional_capacity": "Can do calm, well-defined tasks for two hours at a time.",
    "prognosis": "6m",
    "prognosis_text": "Treatment is working; hours can rise step by step.",
}


def share_capacity(citizen, *classes: str):
    """The citizen lets the employment sector read what they can do at work (and `classes`)."""
    from roundtable.consent.models import ProvisionType, RecipientKind
    from roundtable.consent.testing import directive_create
    from roundtable.core.data_classes import DataClass
    from roundtable.organisations.models import Sector

    return directive_create(
        citizen,
        [
            (
                ProvisionType.PERMIT,
                RecipientKind.SECTOR,
                Sector.EMPLOYMENT,
                [DataClass.FUNCTIONAL_CAPACITY, *classes],
            )
        ],
    )


def ask_for_evidence(cast: Cast, assignee=None, *, days: int = 14, asked_days_ago: int = 0):
    """Bob asks for evidence about Anna: of `assignee` (Sam, the psychiatrist, by default)."""
    from roundtable.accounts.actor import actor_for_user
    from roundtable.sickleave.services import evidence_request_create

    today = dt.date.today()
    return evidence_request_create(
        actor=actor_for_user(cast.bob.user),
        citizen_id=cast.anna.pk,
        question="What can she do at work, and when can she work more?",
        due_on=today + dt.timedelta(days=days),
        ground=3,
        assignee_id=(assignee or cast.sam).pk,
        today=today - dt.timedelta(days=asked_days_ago),
    )


def write_note(who, request, *, ready: bool = False, **changes):
    from roundtable.accounts.actor import actor_for_user
    from roundtable.sickleave.services import evidence_note_save

    return evidence_note_save(
        actor=actor_for_user(who.user), request_id=request.pk, ready=ready, **{**NOTE, **changes}
    )
