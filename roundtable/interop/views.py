"""The FHIR door, `/fhir/R4/`: read-only, JSON (`application/fhir+json`), the bearer tokens of
`/api/v1/`, errors as OperationOutcome. Thin: the selectors decide access and audit."""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.accounts.identity import token_user
from roundtable.accounts.services import token_digest
from roundtable.interop import selectors
from roundtable.interop.adapter import MEDIA_TYPE
from roundtable.interop.bundles import bundle
from roundtable.interop.registry import BY_NAME, capability_statement

View = Callable[..., HttpResponse]


def fhir_response(data: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder),
        status=status,
        content_type=f"{MEDIA_TYPE}; charset=utf-8",
    )


ISSUE_CODES = {
    400: "invalid",
    401: "login",
    404: "not-found",
    405: "not-supported",
    406: "not-supported",
}


def outcome(status: int, diagnostics: str) -> HttpResponse:
    response = fhir_response(
        {
            "resourceType": "OperationOutcome",
            "issue": [
                {
                    "severity": "error",
                    "code": ISSUE_CODES.get(status, "processing"),
                    "diagnostics": diagnostics,
                }
            ],
        },
        status=status,
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="roundtable"'
    return response


def bearer_actor(request: HttpRequest) -> Actor | None:
    """The caller of a bearer token (the tokens of /api/v1/), or None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    user = token_user(token_digest(token.strip()), timezone.now())
    if user is None:
        return None
    request.user = user
    actor = actor_for_user(user)
    request._roundtable_actor = actor  # type: ignore[attr-defined]
    return actor


def wants_xml(request: HttpRequest) -> bool:
    """A client that asks for XML alone (`_format` or Accept) is told so, not sent JSON."""
    asked = request.GET.get("_format", "")
    if asked:
        return "xml" in asked
    accept = request.headers.get("Accept", "")
    return "xml" in accept and "json" not in accept and "*/*" not in accept


def fhir_view(*, auth: bool = True) -> Callable[[View], View]:
    """GET only; the bearer token checked; a 404 as an OperationOutcome."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                response = outcome(405, _("The FHIR interface only reads."))
                response["Allow"] = "GET, HEAD"
                return response
            if wants_xml(request):
                return outcome(406, _("This server answers in JSON only (application/fhir+json)."))
            actor = None
            if auth:
                actor = bearer_actor(request)
                if actor is None:
                    return outcome(401, _("Send a valid bearer token (POST /api/v1/auth/token)."))
            try:
                return view(request, actor, *args, **kwargs)
            except Http404:
                return outcome(404, _("No such resource, or not one you may read."))

        return wrapped

    return decorate


def _not_served(resource_type: str) -> HttpResponse:
    return outcome(
        404, _("This server does not serve %(type)s resources.") % {"type": resource_type}
    )


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/fhir/R4/")


@fhir_view(auth=False)
def metadata(request: HttpRequest, actor: None) -> HttpResponse:
    return fhir_response(capability_statement(base_url=base_url(request), published="2026-12-01"))


def _citizen_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.removeprefix("Patient/"))
    except ValueError as error:
        raise Http404() from error


@fhir_view()
def everything(request: HttpRequest, actor: Actor, resource_id: str) -> HttpResponse:
    resources = selectors.fhir_everything(actor=actor, citizen_id=_citizen_id(resource_id))
    return fhir_response(bundle(resources, base=base_url(request), kind="searchset"))


@fhir_view()
def read(request: HttpRequest, actor: Actor, resource_type: str, resource_id: str) -> HttpResponse:
    if resource_type not in BY_NAME:
        return _not_served(resource_type)
    resource = selectors.fhir_read(
        actor=actor, resource_type=resource_type, resource_id=resource_id
    )
    return fhir_response(resource)


@fhir_view()
def search(request: HttpRequest, actor: Actor, resource_type: str) -> HttpResponse:
    if resource_type not in BY_NAME:
        return _not_served(resource_type)
    name = "_id" if resource_type == "Patient" else "patient"
    value = request.GET.get(name) or request.GET.get("subject") or ""
    if not value:
        return outcome(
            400,
            _("Search %(type)s by %(parameter)s: the citizen's Patient id.")
            % {"type": resource_type, "parameter": name},
        )
    resources = selectors.fhir_search(
        actor=actor, resource_type=resource_type, citizen_id=_citizen_id(value)
    )
    return fhir_response(bundle(resources, base=base_url(request), kind="searchset"))
