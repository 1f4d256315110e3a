"""The REST API under /api/v1/ (OpenAPI 3.1 at /api/v1/openapi.json).

Handlers are thin: validate with a schema, call a selector or service, return a schema. Access
checks and audit events live in the selectors and services, exactly as for the pages.
"""

import uuid

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError

from roundtable.accounts.actor import request_actor
from roundtable.accounts.mfa import api_token_second_factor
from roundtable.accounts.services import api_token_issue
from roundtable.api.auth import bearer, session
from roundtable.assessments.api import router as assessments_router
from roundtable.audit.api import router as audit_router
from roundtable.breakglass.api import router as breakglass_router
from roundtable.care.api import router as care_router
from roundtable.citizens.api import router as citizens_router
from roundtable.consent.api import router as consent_router
from roundtable.exports.api import router as exports_router
from roundtable.journal.api import router as journal_router
from roundtable.meetings.api import router as meetings_router
from roundtable.plans.api import router as plans_router
from roundtable.research.api import router as research_router
from roundtable.sickleave.api import router as sickleave_router

api = NinjaAPI(
    title="Roundtable API",
    version="1",
    description="Integrated mental-health care and vocational rehabilitation.",
    urls_namespace="api",
    auth=[bearer, session],
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError):
    response = api.create_response(
        request, {"detail": _("Sign in first: send a bearer token.")}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="roundtable"'
    return response


class TokenIn(Schema):
    username: str
    password: str
    code: str | None = None


class TokenOut(Schema):
    token: str


class ErrorOut(Schema):
    detail: str
    mfa_required: bool | None = None
    code: str | None = None


@api.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 401: ErrorOut, 403: ErrorOut, 429: ErrorOut},
    tags=["auth"],
)
def token_create(request: HttpRequest, credentials: TokenIn):
    """Exchange a username and password for a bearer token (valid for some hours)."""
    # authenticate() with the request lets django-axes throttle and log failures.
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if user is None or not user.is_active:
        return Status(401, {"detail": _("Wrong username or password, or too many attempts.")})
    # The second factor applies to tokens as it does to pages (SECURITY.md 10).
    second_factor = api_token_second_factor(user=user, code=credentials.code)
    if second_factor == "code_needed":
        return Status(
            401,
            {
                "detail": _("Send the code from your authenticator app as `code`."),
                "mfa_required": True,
            },
        )
    if second_factor == "setup_needed":
        return Status(
            403,
            {
                "detail": _("Set up two-factor sign-in on the website before using the API."),
                "code": "mfa_setup_required",
            },
        )
    return Status(200, {"token": api_token_issue(user=user)})


class MeOut(Schema):
    id: uuid.UUID
    username: str
    name: str
    role: str
    organisation: str | None
    citizen_id: uuid.UUID | None
    language: str


@api.get("/me", response=MeOut, tags=["auth"])
def me(request: HttpRequest):
    actor = request_actor(request)
    if actor is None:
        raise HttpError(401, _("Sign in first: send a bearer token."))
    user = request.user
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.display_name,
        "role": actor.role,
        "organisation": actor.organisation_name or None,
        "citizen_id": actor.citizen_id,
        "language": user.language or request.LANGUAGE_CODE,
    }


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
