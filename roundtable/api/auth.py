"""API authentication: a bearer token from POST /auth/token, or the page session (with CSRF)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from roundtable.accounts.models import ApiToken
from roundtable.accounts.services import token_digest


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(token), expires_at__gt=timezone.now())
            .first()
        )
        if row is None or not row.user.is_active:
            return None
        request.user = row.user
        return row.user


bearer = BearerToken()
session = SessionAuth()
