"""What every app's selectors share: the 404 that hides whether a record is missing or
forbidden, with the audit event that says which it was."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record


def refused_read(
    *,
    actor: Actor | None,
    object_type: str,
    object_id: Any,
    citizen_id: uuid.UUID | None,
    purpose: str,
    action: str = AuditAction.READ,
    exists: bool | None = None,
) -> Http404:
    """Audit a refused or missing read and build the 404 that hides which one it was. The
    record exists when it belongs to a citizen, unless `exists` says otherwise."""
    found = bool(citizen_id) if exists is None else exists
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.DENIED if found else AuditOutcome.NOT_FOUND,
        object_type=object_type,
        object_id=object_id,
        citizen_id=citizen_id,
        purpose=purpose,
    )
    return Http404()
