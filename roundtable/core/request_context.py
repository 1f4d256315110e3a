"""The id of the request being served, for audit events written deep inside services, and a
memo of facts that live exactly as long as one request.

A contextvar, not a thread-local or a global: each request (thread or task) sees its own value.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import uuid
from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Accept a caller's X-Request-ID only when it looks like an id, so logs cannot be forged.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(incoming: str | None = None) -> str:
    if incoming and _VALID_REQUEST_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def set_request_id(value: str) -> contextvars.Token[str]:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)


def current_request_id() -> str:
    """The current request's id; commands and workers get a fresh id per call site."""
    return _request_id.get() or f"cli-{uuid.uuid4().hex}"


# --- A memo that lives exactly as long as one request ------------------------------------------
#
# Some facts are asked many times while one request is served (the actor's break-glass grants,
# the consent decision of the course the page is about) and must never outlive it: a revoked
# consent or an ended grant has to stop access on the very next request (SECURITY.md 5). The memo
# is a contextvar opened by the request middleware (roundtable.audit.middleware) and dropped when
# the response is ready; outside a request (commands, workers, tests calling selectors directly)
# there is no memo and every fact is computed afresh.

_memo: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar(
    "request_memo", default=None
)


@contextlib.contextmanager
def request_memo() -> Iterator[dict[Any, Any]]:
    """Open the memo for one request (or join the one already open)."""
    current = _memo.get()
    if current is not None:
        yield current
        return
    fresh: dict[Any, Any] = {}
    token = _memo.set(fresh)
    try:
        yield fresh
    finally:
        _memo.reset(token)


def memoised(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per request for `key`; every time when no request is being served."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def memo_forget(prefix: Hashable) -> None:
    """Drop every memoised fact whose key starts with `prefix` (after a write changed them)."""
    memo = _memo.get()
    if memo is None:
        return
    for key in [k for k in memo if isinstance(k, tuple) and k[:1] == (prefix,)]:
        del memo[key]
