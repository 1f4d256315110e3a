"""Helpers for tests of the family's records (not a layer: see pyproject.toml)."""

from __future__ import annotations

from typing import Any

from roundtable.accounts.models import User
from roundtable.citizens.models import Citizen
from roundtable.family.models import FamilyLink
from roundtable.family.services import Invited, family_accept, family_invite
from roundtable.meetings.testing import actor_of

PASSWORD = "a long family password 42"  # noqa: S105 (tests only)


def invite(citizen: Citizen, *, email: str = "sister@example.com", **extra: Any) -> Invited:
    values: dict[str, Any] = {
        "name": "Maria",
        "relation": "sister",
        "shares_meetings": True,
        "shares_plan": True,
    }
    values.update(extra)
    return family_invite(actor=actor_of(citizen), email=email, **values)


def family_member(
    citizen: Citizen, *, username: str = "maria", **extra: Any
) -> tuple[User, FamilyLink]:
    """An invited family member who has made their login."""
    invited = invite(citizen, **extra)
    user = family_accept(token=invited.token, username=username, password=PASSWORD)
    invited.link.refresh_from_db()
    return user, invited.link
