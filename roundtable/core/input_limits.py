"""What every request's input must be before any view sees it (issue 10, findings 19 and 21).

One middleware, so that no form, field or API schema can forget:

- **No control characters.** A NUL byte or another control character (C0 but tab, line feed
  and carriage return; DEL; C1) or a lone surrogate in the query string, a form field or any
  string of a JSON body is refused with 400 and a reason naming the field: a page for people,
  `{"detail": reason}` for the API. Such characters are never typed by a
  person; PostgreSQL cannot store a NUL at all (a 500 before), and the others break PDFs,
  CSV files and e-mails later.
- **No oversize input.** A body larger than `DATA_UPLOAD_MAX_MEMORY_SIZE`, too many fields, or
  one field longer than `ROUNDTABLE_MAX_FIELD_CHARS` is refused with 413 and a reason. The body
  is read to its end first (up to `_DRAIN_LIMIT`), because a server that answers before the
  client has finished sending closes a connection with unread data, and the client then sees a
  reset connection instead of the answer (Django's own RequestDataTooBig did exactly that).

Forms and schemas keep their own, smaller limits with a message beside the field; this is the
floor under all of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# C0 controls but \t \n \r, DEL, C1 controls, and lone surrogates (JSON's "\ud800" decodes to
# one; it cannot be encoded to UTF-8, so no database can store it).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# The longest text any field of Roundtable holds is 20 000 characters (a plan section, therapy
# notes); forms and schemas say so beside the field. This catches whatever has no limit of its own.
DEFAULT_MAX_FIELD_CHARS = 50_000

# How much of a too-large body is read and thrown away so that the client receives the 413.
# Beyond this the connection is closed without reading: no person sends that much.
_DRAIN_LIMIT = 64 * 1024 * 1024
_CHUNK = 64 * 1024

_API_PREFIX = "/api/"
_FHIR_PREFIX = "/fhir/"
_BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def has_control_characters(value: str) -> bool:
    return CONTROL_CHARACTERS.search(value) is not None


def max_field_chars() -> int:
    return int(getattr(settings, "ROUNDTABLE_MAX_FIELD_CHARS", DEFAULT_MAX_FIELD_CHARS))


class InputRefused(Exception):
    """The request's input is refused: `status` (400 control characters, 413 too large), the
    reason, and where (`loc`: the part of the request and the field)."""

    def __init__(self, status: int, reason: str, loc: tuple[str | int, ...] = ()) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.loc = loc


def _shown(name: str | int) -> str:
    """A field's name as it can be shown: without the characters refused, and short."""
    text = CONTROL_CHARACTERS.sub("", str(name))
    return text if len(text) <= 60 else text[:59] + "…"


def _check_text(value: str, loc: tuple[str | int, ...]) -> None:
    loc = tuple(_shown(part) if isinstance(part, str) else part for part in loc)
    field = str(loc[-1]) if len(loc) > 1 else ""
    if has_control_characters(value):
        raise InputRefused(
            400,
            (
                _(
                    "“%(field)s” contains a control character (such as a NUL byte). "
                    "Remove it and send again."
                )
                % {"field": field}
                if field
                else _("The request contains a control character (such as a NUL byte).")
            ),
            loc,
        )
    limit = max_field_chars()
    if len(value) > limit:
        raise InputRefused(
            413,
            _(
                "“%(field)s” is too long: at most %(limit)s characters. Shorten it, or split "
                "it into several entries."
            )
            % {"field": field, "limit": f"{limit:,}".replace(",", " ")},
            loc,
        )


def _json_strings(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[str, tuple]]:
    """Every string of a decoded JSON document (keys too), with where it is."""
    if isinstance(value, str):
        yield value, loc
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key, (*loc, key)
            yield from _json_strings(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_strings(item, (*loc, index))


def _check_body(request: HttpRequest) -> None:
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, values in request.POST.lists():
            _check_text(key, ("body", key))
            for value in values:
                _check_text(value, ("body", key))
        return
    if content_type == "application/json" or content_type.endswith("+json"):
        body = request.body
        if not body:
            return
        try:
            document = json.loads(body)
        except ValueError:
            return  # Not JSON: the API answers 400 itself.
        for text, loc in _json_strings(document, ("body",)):
            _check_text(text, loc)


def check_input(request: HttpRequest) -> None:
    """Raise InputRefused for a query string or body no view should see."""
    for key, values in request.GET.lists():
        _check_text(key, ("query", key))
        for value in values:
            _check_text(value, ("query", key))
    if request.method in _BODY_METHODS:
        try:
            _check_body(request)
        except RequestDataTooBig:
            raise InputRefused(
                413,
                _(
                    "What you sent is too large (more than %(size)s). Shorten the longest "
                    "texts, or split them into several entries."
                )
                % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)},
            ) from None
        except TooManyFieldsSent:
            raise InputRefused(413, _("The form sent too many fields.")) from None


def _drain(request: HttpRequest) -> bool:
    """Read what is left of the body, so that the client gets the answer; False when it is too
    much to read (the connection is then closed)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    if length > _DRAIN_LIMIT:
        return False
    stream = getattr(request, "_stream", None)
    if stream is None:
        return True
    try:
        while stream.read(_CHUNK):
            pass
    except OSError:
        return False
    return True


def refusal_response(request: HttpRequest, refused: InputRefused) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith(_FHIR_PREFIX):
        # The FHIR door answers every refusal as an OperationOutcome.
        issue = {
            "severity": "error",
            "code": "too-costly" if refused.status == 413 else "invalid",
            "diagnostics": refused.reason,
        }
        response = JsonResponse(
            {"resourceType": "OperationOutcome", "issue": [issue]},
            status=refused.status,
            content_type="application/fhir+json",
        )
    elif request.path.startswith(_API_PREFIX):
        # The API's ErrorOut, as for every other refused body (400) or a body too large (413).
        response = JsonResponse({"detail": refused.reason}, status=refused.status)
    else:
        title = (
            _("What you sent is too large")
            if refused.status == 413
            else _("What you sent cannot be saved")
        )
        html = loader.get_template("core/error.html").render(
            {"title": title, "body": refused.reason}
        )
        response = HttpResponse(html, status=refused.status)
    return response


class InputLimitsMiddleware:
    """Refuse control characters and oversize input before CSRF, sessions or a view read it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_input(request)
        except InputRefused as refused:
            response = refusal_response(request, refused)
            if refused.status == 413 and not _drain(request):
                response["Connection"] = "close"
            return response
        return self.get_response(request)
