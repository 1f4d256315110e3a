"""Who is asking: the signed-in user resolved to role, organisation and teams, once a request.

Policies and audit events take an Actor rather than a User, so that every check sees the same
resolved facts and no check re-queries them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist

from roundtable.accounts.identity import parse_team_ids, with_actor_facts
from roundtable.accounts.models import User
from roundtable.organisations.models import (
    EMPLOYMENT_COURSE_ROLES,
    HEALTH_COURSE_ROLES,
    TEAM_WIDE_ROLES,
    Role,
    Sector,
)

CITIZEN_ROLE = "citizen"
# Someone a citizen invited to see what they share (roundtable.family): no professional, no
# citizen of their own, at least one link not stopped. Sees nothing through the course gate.
FAMILY_ROLE = "family_member"


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID
    username: str
    role: str
    organisation_id: uuid.UUID | None = None
    organisation_name: str = ""
    sector: str = ""
    professional_id: uuid.UUID | None = None
    citizen_id: uuid.UUID | None = None
    team_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    # The professional's organisation's jurisdiction (a citizen's comes from their course).
    jurisdiction: str = ""
    # The citizens whose family member this user is now (links not stopped).
    family_of: frozenset[uuid.UUID] = field(default_factory=frozenset)

    @property
    def is_citizen(self) -> bool:
        return self.role == CITIZEN_ROLE

    @property
    def is_family_member(self) -> bool:
        return self.role == FAMILY_ROLE

    @property
    def is_professional(self) -> bool:
        return self.professional_id is not None

    @property
    def carries_courses(self) -> bool:
        return self.role in HEALTH_COURSE_ROLES | EMPLOYMENT_COURSE_ROLES

    @property
    def sees_team_courses(self) -> bool:
        return self.role in TEAM_WIDE_ROLES

    @property
    def works_with_citizens(self) -> bool:
        """Managers, evaluators and administrators never see a person's record."""
        return self.carries_courses or self.sees_team_courses

    @property
    def is_health_sector(self) -> bool:
        return self.sector == Sector.HEALTH

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR


def actor_for_user(user: AbstractBaseUser | AnonymousUser | None) -> Actor | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "actor_team_ids"):
        # A user loaded some other way (a command, a test): the same facts in one query.
        loaded = with_actor_facts(User._default_manager.filter(pk=user.pk)).first()
        if loaded is None:
            return None
        user = loaded
    return _actor_from_loaded(user)


def _actor_from_loaded(user: Any) -> Actor:
    """The Actor of a user loaded by roundtable.accounts.identity: no further query."""
    try:
        professional = user.professional
    except ObjectDoesNotExist:
        professional = None
    if professional is not None:
        organisation = professional.organisation
        return Actor(
            user_id=user.pk,
            username=user.get_username(),
            role=professional.role,
            organisation_id=organisation.id,
            organisation_name=organisation.name,
            sector=organisation.sector,
            jurisdiction=organisation.jurisdiction,
            professional_id=professional.id,
            team_ids=parse_team_ids(user.actor_team_ids),
        )
    if user.actor_citizen_id is not None:
        return Actor(
            user_id=user.pk,
            username=user.get_username(),
            role=CITIZEN_ROLE,
            citizen_id=uuid.UUID(str(user.actor_citizen_id)),
        )
    family_of = parse_team_ids(getattr(user, "actor_family_of", None))
    if family_of and not getattr(user, "is_superuser", False):
        return Actor(
            user_id=user.pk,
            username=user.get_username(),
            role=FAMILY_ROLE,
            family_of=family_of,
        )
    # A superuser made with createsuperuser: configuration only, like an administrator.
    role = Role.ADMINISTRATOR if getattr(user, "is_superuser", False) else ""
    return Actor(user_id=user.pk, username=user.get_username(), role=role)


_UNSET = object()


def request_actor(request) -> Actor | None:
    """The Actor of this request, resolved on first use and kept for the rest of the request."""
    cached = getattr(request, "_roundtable_actor", _UNSET)
    if cached is _UNSET:
        cached = actor_for_user(getattr(request, "user", None))
        request._roundtable_actor = cached
    return cached  # type: ignore[return-value]
