"""What every app's API router shares: the bodies of the error answers and how an operation
documents them, the services' refusals as API answers, optimistic concurrency (ETag and
If-Match), and bounded pagination. (The API root, with its authentication and the answers every
operation can give, is `roundtable.api`, on top of the apps.)

An operation names the answers its handler gives, so that the OpenAPI document matches every
response (`api/tests/test_fuzz.py` checks it):

    @router.put(..., response={200: DraftOut, **errors(400, 403, 404, 412, 428)},
                openapi_extra=revision_checked(200))

401 (no credentials), 422 (a parameter or body that does not fit its schema), 400 (a body
that is not JSON), 413 (a body too large) and 403 (a session write without its CSRF token) come
from the framework, not the handler: the API root documents them on every operation they can
reach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination
from pydantic import BeforeValidator, ValidationInfo, model_validator
from pydantic import ValidationError as SchemaError
from pydantic.functional_validators import ModelWrapValidatorHandler
from pydantic_core import PydanticCustomError

from roundtable.core.services import RevisionMissing, StaleRevision

# --- Response bodies -------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Promise) else value


# A string field that also takes a lazily translated string (a label from `gettext_lazy`), so
# schemas can read labels straight from the records.
Text = Annotated[str, BeforeValidator(_plain)]


# --- Request bodies --------------------------------------------------------------------------


class BodyIn(Schema):
    """The base of every request body schema and of every object inside one.

    A ninja `Schema` reads any value for its attributes (it is made to read records), so a
    string or a number sent where an object belongs was read as an object with every field
    left out: `{"ramp": "abc"}` saved an empty ramp. And pydantic's lax mode turns `true` into
    1, `1` into true and `12345` into a moment of 1970. A body schema takes a JSON object, and
    each field the JSON type its schema names (`true`/`false` only for a boolean, an integer
    only for an integer, a string for a date or a time): anything else is a 422 with the place
    and the reason, and nothing changes. `api/tests/test_write_properties.py` checks that
    every body schema of every operation is one, and sends every write such bodies."""

    # Replaces ninja's validator of the same name, which wraps any value in a reader of its
    # attributes.
    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        if isinstance(values, cls):
            return values
        if not isinstance(values, dict):
            raise PydanticCustomError(
                "model_type", "Send a JSON object here, not {kind}.", {"kind": _json_kind(values)}
            )
        problems = _json_type_problems(cls, values)
        if problems:
            raise SchemaError.from_exception_data(cls.__name__, problems)
        return handler(values)


def _scalar_types(annotation: Any) -> set[Any]:
    """The plain types a field's annotation accepts (unwrapping Optional, unions, Annotated)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _scalar_types(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return set().union(*(_scalar_types(arg) for arg in get_args(annotation)))
    return {annotation} if isinstance(annotation, type) else set()


def _json_type_problems(cls: type[Schema], values: dict) -> list[Any]:
    """Values of a JSON type the field does not name, which pydantic's lax mode would convert:
    a number or string for a boolean, true or a string for an integer, true for a number, a
    number for a date or a time."""
    problems: list[Any] = []
    for name, field in cls.model_fields.items():
        key = field.alias or name
        value = values.get(key)
        if value is None:
            continue
        types = _scalar_types(field.annotation)
        if str in types or not types:
            continue
        if bool in types:
            wrong, kind = not isinstance(value, bool), "bool_type"
        elif types & {float, Decimal}:
            wrong, kind = isinstance(value, bool), "float_type"
        elif int in types:
            wrong, kind = isinstance(value, bool) or not isinstance(value, int), "int_type"
        elif types & {dt.date, dt.datetime, dt.time}:
            wrong = not isinstance(value, str)
            kind = "datetime_type" if dt.datetime in types else "date_type"
        else:
            continue
        if wrong:
            problems.append({"type": kind, "loc": (key,), "input": value})
    return problems


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


class ErrorOut(Schema):
    detail: str = Field(description="Why, in words a person can act on.")


class ValidationProblemOut(Schema):
    type: str = Field(description="What kind of problem, e.g. missing or uuid_parsing.")
    loc: list[str | int] = Field(
        description="Where: the part of the request (path, query, body) and the field."
    )
    msg: str
    ctx: dict[str, Any] | None = Field(None, description="The limit that was not met, if any.")


class ValidationErrorOut(Schema):
    detail: list[ValidationProblemOut]


class StaleRevisionOut(Schema):
    detail: str
    current_revision: int = Field(description="Read the record again: this is its ETag now.")


ERROR_BODIES: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    412: StaleRevisionOut,
    413: ErrorOut,
    422: ValidationErrorOut,
    428: ErrorOut,
    429: ErrorOut,
}


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The error answers an operation's handler gives, each with its body, for `response=`."""
    return {status: ERROR_BODIES[status] for status in statuses}


class ApiError(HttpError):
    """An error answer whose body says more than the reason (the 412's current revision). The
    API root renders `{"detail": message, **extra}`."""

    def __init__(self, status_code: int, message: str, **extra: Any) -> None:
        super().__init__(status_code, message)
        self.extra = extra


# --- The services' refusals ------------------------------------------------------------------


@contextmanager
def domain_errors() -> Iterator[None]:
    """400 with every reason (prefixed with its field when there is one), 403 with its reason.
    A 404 (Http404 from a selector or service) passes through unchanged."""
    try:
        yield
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            reasons = [
                m if field == "__all__" else f"{field}: {m}"
                for field, ms in exc.message_dict.items()
                for m in ms
            ]
        else:
            reasons = exc.messages
        raise HttpError(400, " ".join(reasons)) from None
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or _("You may not change this.")) from None


# --- Optimistic concurrency: ETag and If-Match ----------------------------------------------

# The longest revision number If-Match may name; anything longer is no revision we gave out.
_MAX_REVISION_DIGITS = 11


def etag(revision: int) -> str:
    """The ETag of a record at this revision (a strong validator: `"3"`)."""
    return f'"{revision}"'


def if_match_revision(request: HttpRequest) -> int | None:
    """The revision named in If-Match; None when there is none, -1 when it names no revision we
    could have given out (so the write is stale, never a match)."""
    raw = request.headers.get("If-Match", "").strip()
    if not raw:
        return None
    value = raw.removeprefix("W/").strip('"')
    return int(value) if value.isdigit() and len(value) <= _MAX_REVISION_DIGITS else -1


@contextmanager
def if_match(request: HttpRequest) -> Iterator[int | None]:
    """Yield the revision the caller read (its If-Match) for the service's `expected_revision`.
    The service's RevisionMissing answers 428, its StaleRevision 412 with the revision now, so
    that nobody overwrites a change they have not seen (SECURITY.md 26)."""
    try:
        yield if_match_revision(request)
    except RevisionMissing:
        raise HttpError(
            428,
            _(
                "Send If-Match with the ETag from your last read of this record, so that "
                "nobody's changes are overwritten."
            ),
        ) from None
    except StaleRevision as exc:
        raise ApiError(412, str(exc), current_revision=exc.current) from None


_ETAG_HEADER = {
    "ETag": {
        "description": "The record's revision. Send it back in If-Match to change the record.",
        "required": True,
        "schema": {"type": "string", "pattern": r'^"[0-9]+"$'},
    }
}


def etag_answered(status: int = 200) -> dict[str, Any]:
    """`openapi_extra` of an operation whose `status` answer carries the record's ETag."""
    return {"responses": {status: {"headers": _ETAG_HEADER}}}


def revision_checked(status: int) -> dict[str, Any]:
    """`openapi_extra` of a write guarded by If-Match (`if_match`, with `errors(412, 428)` in
    its `response=`): the required header, the new ETag in the `status` answer, and what 412
    and 428 mean."""
    return {
        "parameters": [
            {
                "name": "If-Match",
                "in": "header",
                "required": True,
                "description": "The ETag from your last read of this record.",
                "schema": {"type": "string"},
            }
        ],
        "responses": {
            status: {"headers": _ETAG_HEADER},
            412: {"description": "Someone else saved first: read the record again, then send."},
            428: {"description": "If-Match is missing."},
        },
    }


# --- Pagination -------------------------------------------------------------------------------

# Bounded pagination: an offset past any real list is refused with a reason (422), never passed
# to the database, where a huge number overflows the driver (a 500). Far beyond any caseload or
# access log; a client asking for more is mistaken or probing.
MAX_OFFSET = 1_000_000
MAX_LIMIT = 200


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
