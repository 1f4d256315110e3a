"""API authentication: a bearer token from POST /auth/token, or the page session (with CSRF)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from roundtable.accounts.identity import token_user
from roundtable.accounts.services import token_digest


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = token_user(token_digest(token), timezone.now())
        if user is None:
            return None
        request.user = user
        return user


bearer = BearerToken()
session = SessionAuth()
