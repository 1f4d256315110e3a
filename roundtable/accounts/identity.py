"""Who the signed-in user is, in one query: the user, their professional role, organisation and
teams, or the citizen they are (issue 9: identity resolved with fewer round trips).

Django loads the session's user through the authentication backend (`UserWithActorBackend`);
the API's bearer tokens load it with the token. Both go through `with_actor_facts`, so that
`roundtable.accounts.actor.actor_for_user` builds the Actor without another query. Nothing is
cached beyond the request: a changed role, team or deactivation counts on the next request.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import models
from django.db.models import F, OuterRef, Subquery

from roundtable.accounts.models import ApiToken, User
from roundtable.organisations.models import Membership


class _TeamIds(models.Aggregate):
    """The team ids as one comma-separated text (GROUP_CONCAT on SQLite, string_agg on
    PostgreSQL), so a professional's teams come with the user row."""

    function = "GROUP_CONCAT"
    output_field = models.TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s::text, ',')",
            **extra,
        )


def _team_ids(user_ref: str) -> Subquery:
    return Subquery(
        Membership.objects.filter(professional__user_id=OuterRef(user_ref))
        .order_by()
        .values("professional__user_id")
        .annotate(ids=_TeamIds("team_id"))
        .values("ids")[:1]
    )


def _family_of(user_ref: str) -> Subquery:
    """The citizens who share something with this user as a family member now (their links
    not stopped), as one comma-separated text. The links are `roundtable.family`'s; they are
    named here by their relation only, so this layer does not import that app."""
    return Subquery(
        User.objects.filter(pk=OuterRef(user_ref), family_links__revoked_at__isnull=True)
        .order_by()
        .values("pk")
        .annotate(ids=_TeamIds("family_links__citizen_id"))
        .values("ids")[:1]
    )


def with_actor_facts(users: models.QuerySet[User]) -> models.QuerySet[User]:
    """Users with their professional and organisation joined, their citizen id, team ids and
    the citizens they are a family member of."""
    return users.select_related("professional__organisation").annotate(
        actor_citizen_id=F("citizen__id"),
        actor_team_ids=_team_ids("pk"),
        actor_family_of=_family_of("pk"),
    )


def parse_team_ids(text: str | None) -> frozenset[uuid.UUID]:
    """Ids from a comma-separated text (the team ids, the citizens of a family member)."""
    return frozenset(uuid.UUID(part) for part in (text or "").split(",") if part)


class UserWithActorBackend(ModelBackend):
    """Django's model backend, loading the session's user with what the Actor needs."""

    def get_user(self, user_id: Any) -> User | None:
        user = with_actor_facts(User._default_manager.filter(pk=user_id)).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def token_user(digest: str, now: Any) -> User | None:
    """The active user of an unexpired API token, with what the Actor needs (one query)."""
    row = (
        ApiToken.objects.select_related("user__professional__organisation")
        .annotate(
            actor_citizen_id=F("user__citizen__id"),
            actor_team_ids=_team_ids("user_id"),
            actor_family_of=_family_of("user_id"),
        )
        .filter(digest=digest, expires_at__gt=now)
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    user = row.user
    user.actor_citizen_id = row.actor_citizen_id  # type: ignore[attr-defined]
    user.actor_team_ids = row.actor_team_ids  # type: ignore[attr-defined]
    user.actor_family_of = row.actor_family_of  # type: ignore[attr-defined]
    return user
