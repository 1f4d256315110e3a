"""The REST API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json).

Handlers are thin: validate with a schema, call a selector or service, return what it returned;
the output schema reads it (`roundtable.core.api`). Access checks and audit events live in the
selectors and services, exactly as for the pages.

The OpenAPI document names every answer an operation gives: the handler's own in its
`response=`, and those of the framework (below, `framework_answers`) on every operation they can
reach. `api/tests/test_fuzz.py` holds the answers to the document.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import authenticate
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema

from roundtable.accounts.actor import Actor, request_actor
from roundtable.accounts.mfa import api_token_second_factor
from roundtable.accounts.services import api_token_issue
from roundtable.api.auth import bearer, session
from roundtable.assessments.api import router as assessments_router
from roundtable.audit.api import router as audit_router
from roundtable.breakglass.api import router as breakglass_router
from roundtable.care.api import router as care_router
from roundtable.citizens.api import router as citizens_router
from roundtable.consent.api import router as consent_router
from roundtable.core.api import BodyIn, ErrorOut, ValidationErrorOut
from roundtable.exports.api import router as exports_router
from roundtable.family.api import router as family_router
from roundtable.journal.api import router as journal_router
from roundtable.meetings.api import router as meetings_router
from roundtable.network.api import router as network_router
from roundtable.plans.api import router as plans_router
from roundtable.research.api import router as research_router
from roundtable.sickleave.api import router as sickleave_router

_UNSAFE = {"post", "put", "patch", "delete"}


def _answer(description: str, body: type[Schema]) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": REF_TEMPLATE.format(model=body.__name__)}}
        },
    }


def _add_component(document: OpenAPISchema, body: type[Schema]) -> None:
    schema = body.model_json_schema(
        ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema, mode="serialization"
    )
    components = document["components"]["schemas"]
    components.update(schema.pop("$defs", {}))
    components[body.__name__] = schema


def framework_answers(document: OpenAPISchema) -> OpenAPISchema:
    """Document the answers the framework gives before or instead of the handler: 401 without
    credentials, 403 for a session write without its CSRF token, 422 for a parameter or body
    that does not fit its schema, 400 for a control character in a parameter or the body or a body
    that is not JSON, 413 for a body (or one of its texts) too large."""
    _add_component(document, ErrorOut)
    _add_component(document, ValidationErrorOut)
    for operations in document["paths"].values():
        for method, operation in operations.items():
            answers = operation["responses"]
            if operation.get("security"):
                answers.setdefault(401, _answer("Unauthorized: sign in first", ErrorOut))
                if method in _UNSAFE:
                    answers.setdefault(
                        403, _answer("Forbidden (a session write needs its CSRF token)", ErrorOut)
                    )
            if operation.get("parameters") or operation.get("requestBody"):
                answers.setdefault(
                    422,
                    _answer("A parameter or the body does not fit its schema", ValidationErrorOut),
                )
                # roundtable.core.input_limits, before any handler: a control character (a NUL
                # byte...) in the query string or any string of the body; a body not JSON.
                answers.setdefault(
                    400,
                    _answer(
                        "Bad Request: a control character, or a body that is not JSON", ErrorOut
                    ),
                )
            if operation.get("requestBody"):
                answers.setdefault(
                    413, _answer("The body, or one of its texts, is too large", ErrorOut)
                )
    return document


class RoundtableAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        return framework_answers(
            super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        )


api = RoundtableAPI(
    title="Roundtable API",
    version="1",
    description="Integrated mental-health care and vocational rehabilitation.",
    urls_namespace="api",
    auth=[bearer, session],
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": _("Sign in first: send a bearer token.")}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="roundtable"'
    return response


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """The reason, and what else the answer carries (`core.api.ApiError`: a 412's revision)."""
    body = {"detail": str(exc), **getattr(exc, "extra", {})}
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": _("The request is too large.")}, status=413)


class TokenIn(BodyIn):
    username: str
    password: str
    code: str | None = None


class TokenOut(Schema):
    token: str


class TokenErrorOut(Schema):
    detail: str
    mfa_required: bool | None = None
    code: str | None = None


@api.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 401: TokenErrorOut, 403: TokenErrorOut, 429: TokenErrorOut},
    tags=["auth"],
)
def token_create(request: HttpRequest, credentials: TokenIn):
    """Exchange a username and password for a bearer token (valid for some hours)."""
    # authenticate() with the request: wrong passwords slow the next try (accounts.throttling).
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if user is None or not user.is_active:
        return Status(
            401, TokenErrorOut(detail=_("Wrong username or password, or too many attempts."))
        )
    # The second factor applies to tokens as it does to pages (SECURITY.md 10).
    second_factor = api_token_second_factor(user=user, code=credentials.code)
    if second_factor == "code_needed":
        return Status(
            401,
            TokenErrorOut(
                detail=_("Send the code from your authenticator app as `code`."),
                mfa_required=True,
            ),
        )
    if second_factor == "setup_needed":
        return Status(
            403,
            TokenErrorOut(
                detail=_("Set up two-factor sign-in on the website before using the API."),
                code="mfa_setup_required",
            ),
        )
    return Status(200, TokenOut(token=api_token_issue(user=user)))


class MeOut(Schema):
    """Who is asking: the actor resolved for this request, with the user's own settings."""

    id: uuid.UUID = Field(alias="user_id")
    username: str
    name: str
    role: str
    organisation: str | None
    citizen_id: uuid.UUID | None
    language: str

    @staticmethod
    def resolve_name(actor: Actor, context: dict[str, Any]) -> str:
        return context["request"].user.display_name

    @staticmethod
    def resolve_organisation(actor: Actor) -> str | None:
        return actor.organisation_name or None

    @staticmethod
    def resolve_language(actor: Actor, context: dict[str, Any]) -> str:
        request = context["request"]
        return request.user.language or request.LANGUAGE_CODE


@api.get("/me", response=MeOut, tags=["auth"])
def me(request: HttpRequest):
    actor = request_actor(request)
    if actor is None:
        raise HttpError(401, _("Sign in first: send a bearer token."))
    return actor


api.add_router("/citizens", citizens_router)
api.add_router("/", sickleave_router)
api.add_router("/", audit_router)
api.add_router("/", meetings_router)
api.add_router("/", assessments_router)
api.add_router("/", care_router)
api.add_router("/", plans_router)
api.add_router("/", consent_router)
api.add_router("/", journal_router)
api.add_router("/", breakglass_router)
api.add_router("/", exports_router)
api.add_router("/", research_router)
api.add_router("/", family_router)
api.add_router("/", network_router)
