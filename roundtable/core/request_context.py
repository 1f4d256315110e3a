"""The id of the request being served, for audit events written deep inside services.

A contextvar, not a thread-local or a global: each request (thread or task) sees its own value.
"""

from __future__ import annotations

import contextvars
import re
import uuid

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
