"""Writing audit events. Called by the selectors and services that touch personal data."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.core.request_context import current_request_id

if TYPE_CHECKING:
    from roundtable.accounts.actor import Actor


def audit_chain_for(*, citizen_id: uuid.UUID | None, organisation_id: uuid.UUID | None) -> str:
    if citizen_id:
        return f"citizen:{citizen_id}"
    if organisation_id:
        return f"organisation:{organisation_id}"
    return "system"


def audit_record(
    *,
    actor: Actor | None,
    action: str,
    outcome: str,
    object_type: str = "",
    object_id: Any = "",
    citizen_id: uuid.UUID | None = None,
    purpose: str = "",
    detail: Mapping[str, Any] | None = None,
    username: str = "",
) -> AuditEvent:
    """Append one event. `action` and `outcome` are AuditAction and AuditOutcome values."""
    organisation_id = actor.organisation_id if actor else None
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor.user_id if actor else None,
        actor_username=actor.username if actor else username[:150],
        actor_role=actor.role if actor else "",
        organisation_id=organisation_id,
        citizen_id=citizen_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        outcome=outcome,
        purpose=purpose,
        request_id=current_request_id(),
        chain=audit_chain_for(citizen_id=citizen_id, organisation_id=organisation_id),
        detail=dict(detail or {}),
    )
    event.save()
    return event
