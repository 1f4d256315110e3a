"""The family member's way to what a citizen shares with them (issue 13 §4), in the gate's
spirit (roundtable.citizens.gate): one decision per request, the same audited 404 for anything
not shared and anything missing, every read noted for the citizen's access log.

A family member is no professional and sees no course through the course gate. What they may see
is the citizen's `FamilyLink` to them, read afresh on every request, so a link the citizen stops
counts at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.audit.scope import note_read
from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass
from roundtable.core.request_context import memoised
from roundtable.core.selectors import refused_read
from roundtable.family.models import FamilyLink
from roundtable.family.policies import FAMILY_LINKS

PURPOSE = "family"
MEMO_KEY = "family-gate"


@dataclass(frozen=True, eq=False)
class FamilyAccess:
    """What one family member may see of one citizen, decided once."""

    actor: Actor
    link: FamilyLink
    # The citizen's current course (the newest open one, else the newest), if any.
    course: Course | None

    @property
    def citizen(self) -> Citizen:
        return self.link.citizen

    @property
    def citizen_id(self) -> uuid.UUID:
        return self.link.citizen_id

    @property
    def visible(self) -> frozenset[str]:
        """The data classes shown: the link itself, and what the citizen ticked."""
        classes = {DataClass.FAMILY}
        if self.link.shares_plan:
            classes.add(DataClass.JOINT_PLAN)
        if self.link.shares_health:
            classes.add(DataClass.HEALTH_SUMMARY)
        return frozenset(str(c) for c in classes)

    def note(
        self,
        *,
        action: str = AuditAction.READ,
        object_type: str = "family_page",
        object_id: Any = "",
        part: str = "",
        shows: Iterable[str] = (),
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Note what was read; written with the page's other reads, in the citizen's chain, so
        it is in their access log with the family member named as such."""
        note_read(
            actor=self.actor,
            action=action,
            object_type=object_type,
            object_id=object_id or self.link.pk,
            citizen_id=self.citizen_id,
            purpose=PURPOSE,
            consent_decision="family_link",
            part=part,
            classes=set(shows) or self.visible,
            detail=detail,
        )


def _current_course(citizen_id: uuid.UUID) -> Course | None:
    courses = list(Course.objects.filter(citizen_id=citizen_id))
    courses.sort(key=lambda c: (c.is_open, c.referral_date, c.created_at), reverse=True)
    return courses[0] if courses else None


def family_access(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    object_type: str = "family_page",
    action: str = AuditAction.READ,
) -> FamilyAccess:
    """The citizen's link to this family member, or an audited 404: not a family member, a
    link stopped, never accepted, or no such citizen all look the same."""

    def decide() -> FamilyAccess | None:
        if actor is None or not actor.is_family_member or citizen_id not in actor.family_of:
            return None
        link = (
            FAMILY_LINKS.queryset(actor)
            .filter(citizen_id=citizen_id, accepted_at__isnull=False)
            .select_related("citizen")
            .defer("citizen__national_id")
            .order_by("-accepted_at")
            .first()
        )
        if link is None:
            return None
        return FamilyAccess(actor=actor, link=link, course=_current_course(citizen_id))

    found = memoised((MEMO_KEY, actor.user_id, citizen_id), decide) if actor else None
    if found is None:
        raise refused_read(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=citizen_id,
            citizen_id=citizen_id if _was_linked(actor, citizen_id) else None,
            purpose=PURPOSE,
        )
    return found


def _was_linked(actor: Actor | None, citizen_id: uuid.UUID) -> bool:
    """Whether the citizen ever linked this person: then the refusal (a stopped link, say) is in
    the citizen's access log; a stranger's guess stays in the stranger's own chain."""
    if actor is None:
        return False
    return FamilyLink.objects.filter(user_id=actor.user_id, citizen_id=citizen_id).exists()
