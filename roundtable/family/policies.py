"""Who may see a family link (issue 13 §4): the citizen it belongs to, and the family member
it names while it has not been stopped. Nobody else — not the team: the citizen's family is
theirs to tell about (the team reads the `family` class of its own records through consent)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from roundtable.accounts.actor import Actor
from roundtable.family.models import FamilyLink


class FamilyLinkPolicy:
    @staticmethod
    def _filter(actor: Actor | None) -> Q | None:
        if actor is None:
            return None
        if actor.is_citizen:
            return Q(citizen_id=actor.citizen_id) if actor.citizen_id else None
        if actor.is_family_member:
            return Q(user_id=actor.user_id, revoked_at__isnull=True, citizen_id__in=actor.family_of)
        return None

    @classmethod
    def queryset(cls, actor: Actor | None) -> QuerySet[FamilyLink]:
        condition = cls._filter(actor)
        if condition is None:
            return FamilyLink.objects.none()
        return FamilyLink.objects.filter(condition)

    @staticmethod
    def allows(actor: Actor | None, link: FamilyLink) -> bool:
        if actor is None:
            return False
        if actor.is_citizen:
            return actor.citizen_id is not None and link.citizen_id == actor.citizen_id
        if actor.is_family_member:
            return (
                link.user_id == actor.user_id
                and link.revoked_at is None
                and link.citizen_id in actor.family_of
            )
        return False


FAMILY_LINKS = FamilyLinkPolicy()
