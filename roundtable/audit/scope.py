"""One audit event per page: reads noted while a request is served, written once it is done.

A page about a citizen reads several kinds of record (the course, the timeline's parts, the
functional-capacity summary...). The gate (`roundtable.citizens.gate`) and the selectors *note*
each read here; when the response is ready, the request middleware writes one event per citizen
and action, naming every part shown and the data classes the reader was allowed — what was
shown, not one event per part (issue 9).

- Refusals are never deferred: they are written at once by the code that refuses.
- Noted reads are written before the response leaves the server; if the write fails, the
  person gets the 503 page instead of the data (no data without its audit event).
- A response that shows nothing — 403, 404, 5xx — drops what was noted: a read that ended in
  "not found" is not an allowed read. The refusal that caused it was written already.
- Outside a request (a command, the worker, a test calling a selector) `read_scope()` opened by
  `@audited_reads` writes when the outermost selector returns, and drops on an exception.
- With no scope at all, a noted read is written at once, so nothing is ever lost.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from roundtable.audit.models import AuditOutcome
from roundtable.audit.services import audit_record

if TYPE_CHECKING:
    from roundtable.accounts.actor import Actor

P = ParamSpec("P")
R = TypeVar("R")

# Statuses whose page shows no personal data: what was noted for them is dropped.
SILENT_STATUSES = frozenset({401, 403, 404, 405})
# When one request lists and reads (a list of versions beside one of them), its one event
# carries the weightier action.
_WEIGHT = {"list": 0, "search": 0, "read": 1, "print": 2, "export": 3}


@dataclass
class NotedRead:
    actor: Actor | None
    action: str
    object_type: str
    object_id: Any
    citizen_id: uuid.UUID | None
    purpose: str
    consent_decision: str = ""
    parts: list[str] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)
    detail: dict[str, Any] = field(default_factory=dict)

    def merge(
        self,
        *,
        part: str,
        classes: Iterable[str],
        detail: Mapping[str, Any] | None,
        consent_decision: str,
        action: str = "",
    ) -> None:
        if _WEIGHT.get(action, -1) > _WEIGHT.get(self.action, -1):
            self.action = action
        if part and part not in self.parts:
            self.parts.append(part)
        self.classes.update(classes)
        for key, value in (detail or {}).items():
            self.detail.setdefault(key, value)
        if consent_decision and not self.consent_decision:
            self.consent_decision = consent_decision

    def write(self) -> None:
        detail = dict(self.detail)
        if self.parts:
            detail["parts"] = list(self.parts)
        if self.classes:
            detail["classes"] = sorted(self.classes)
        audit_record(
            actor=self.actor,
            action=self.action,
            outcome=AuditOutcome.ALLOWED,
            object_type=self.object_type,
            object_id=self.object_id,
            citizen_id=self.citizen_id,
            purpose=self.purpose,
            consent_decision=self.consent_decision,
            detail=detail or None,
        )


class ReadScope:
    """The reads noted while one request (or one outermost selector call) runs."""

    def __init__(self) -> None:
        self._noted: dict[tuple[Any, ...], NotedRead] = {}

    def note(self, read: NotedRead, *, part: str, detail: Mapping[str, Any] | None) -> None:
        actor_id = read.actor.user_id if read.actor else None
        # Reads of one citizen by one actor in one request are one event; reads that name no
        # citizen (a team's page) are one event per object.
        key: tuple[Any, ...] = (actor_id, read.citizen_id)
        if read.citizen_id is None:
            key += (read.action, read.object_type, str(read.object_id))
        noted = self._noted.get(key)
        if noted is None:
            self._noted[key] = read
            read.merge(part=part, classes=(), detail=detail, consent_decision=read.consent_decision)
        else:
            noted.merge(
                part=part,
                classes=read.classes,
                detail=detail,
                consent_decision=read.consent_decision,
                action=read.action,
            )

    def flush(self) -> None:
        noted, self._noted = list(self._noted.values()), {}
        for read in noted:
            read.write()

    def drop(self) -> None:
        self._noted = {}

    @property
    def pending(self) -> int:
        return len(self._noted)


_scope: contextvars.ContextVar[ReadScope | None] = contextvars.ContextVar(
    "audit_read_scope", default=None
)


def note_read(
    *,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: Any = "",
    citizen_id: uuid.UUID | None = None,
    purpose: str = "",
    consent_decision: str = "",
    part: str = "",
    classes: Iterable[str] = (),
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Note an allowed read; written with the request's other reads of this citizen."""
    read = NotedRead(
        actor=actor,
        action=str(action),
        object_type=object_type,
        object_id=object_id,
        citizen_id=citizen_id,
        purpose=purpose,
        consent_decision=consent_decision,
        classes=set(classes),
    )
    scope = _scope.get()
    if scope is None:
        read.merge(part=part, classes=(), detail=detail, consent_decision="")
        read.write()
        return
    scope.note(read, part=part, detail=detail)


@contextlib.contextmanager
def read_scope() -> Iterator[ReadScope]:
    """Join the open scope, or open one: written on a normal exit, dropped on an exception."""
    current = _scope.get()
    if current is not None:
        yield current
        return
    scope = ReadScope()
    token = _scope.set(scope)
    try:
        yield scope
    except BaseException:
        scope.drop()
        raise
    else:
        scope.flush()
    finally:
        _scope.reset(token)


@contextlib.contextmanager
def request_read_scope() -> Iterator[ReadScope]:
    """The request's scope: the middleware flushes or drops it by the response's status."""
    scope = ReadScope()
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)
        scope.drop()


def audited_reads(func: Callable[P, R]) -> Callable[P, R]:
    """For a selector that notes reads: outside a request, its reads are written when it returns."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with read_scope():
            return func(*args, **kwargs)

    return wrapper
