"""What every app's services share: one transaction per service call, and refusals that are
audited after the rollback.

A service raises `Refused` inside its transaction when the actor may not see the record (404) or
may see it but not do this (403, with the reason in `forbidden`). `service(action, purpose=...)`
rolls the service's work back, then writes the audit event of the refusal — outside the rolled
back transaction, so the event is kept while nothing else is — and answers Http404 or
PermissionDenied. Other exceptions an app wants audited the same way (e.g. the joint plan's stale
revision) are passed as `audited={ExceptionType: function(exc, kwargs) -> audit kwargs}` and are
re-raised after their event is written.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from roundtable.audit.models import AuditOutcome
from roundtable.audit.services import audit_record

P = ParamSpec("P")
R = TypeVar("R")


class Refused(Exception):
    """Raised inside a service's transaction; audited by `service` after the rollback."""

    def __init__(
        self,
        *,
        object_type: str,
        object_id: Any,
        citizen_id: uuid.UUID | None,
        forbidden: str = "",
        exists: bool | None = None,
    ):
        super().__init__(object_type)
        self.object_type = object_type
        self.object_id = object_id
        self.citizen_id = citizen_id
        # Set when the actor may see the record but not do this: 403 with this reason.
        self.forbidden = forbidden
        # Whether the record exists (a refusal of a record of a known citizen does, by default).
        self.exists = bool(citizen_id) if exists is None else exists


class StaleRevision(Exception):
    """The writer started from a revision that is no longer current: someone else saved first,
    and nothing is written. `current` is the revision now; each app raises its own subclass in
    its own words. The API answers 412 with the current revision (`core.api.if_match`)."""

    def __init__(self, current: int, message: str = ""):
        self.current = current
        super().__init__(message or f"stale revision: the current one is {current}")


class RevisionMissing(StaleRevision):
    """The writer did not say which revision they started from (the API's If-Match): 428."""


AuditedErrors = Mapping[type[Exception], Callable[[Any, Mapping[str, Any]], dict[str, Any]]]


def service(
    action: str, *, purpose: str, audited: AuditedErrors | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run the service in one transaction; audit a refusal outside it, then answer 404/403."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        atomic_func = transaction.atomic(func)

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            actor: Any = kwargs.get("actor")
            try:
                return atomic_func(*args, **kwargs)
            except Refused as refused:
                audit_record(
                    actor=actor,
                    action=action,
                    outcome=(
                        AuditOutcome.DENIED
                        if refused.forbidden or refused.exists
                        else AuditOutcome.NOT_FOUND
                    ),
                    object_type=refused.object_type,
                    object_id=refused.object_id,
                    citizen_id=refused.citizen_id,
                    purpose=purpose,
                )
                if refused.forbidden:
                    raise PermissionDenied(refused.forbidden) from None
                raise Http404() from None
            except Exception as exc:
                describe = next(
                    (f for kind, f in (audited or {}).items() if isinstance(exc, kind)), None
                )
                if describe is None:
                    raise
                audit_record(actor=actor, action=action, purpose=purpose, **describe(exc, kwargs))
                raise

        return wrapper

    return decorate
