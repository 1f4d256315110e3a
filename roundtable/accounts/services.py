from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from roundtable.accounts.models import ApiToken, User


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, user: User) -> str:
    """A new bearer token. The caller sees it once; only its digest is stored."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        digest=token_digest(token),
        expires_at=timezone.now() + dt.timedelta(hours=settings.API_TOKEN_HOURS),
    )
    # Tidy expired tokens of this user while we are here; cheap and keeps the table small.
    ApiToken.objects.filter(user=user, expires_at__lt=timezone.now()).delete()
    return token


def api_tokens_revoke(*, user: User, reason: str) -> int:
    """End every API token of the user (a new password or a deactivated account ends all of
    the user's sessions, and a token is one). Audited with the count, never the tokens."""
    from roundtable.accounts.actor import actor_for_user
    from roundtable.audit.models import AuditAction, AuditOutcome
    from roundtable.audit.services import audit_record

    with transaction.atomic():
        count, _ = ApiToken.objects.filter(user=user).delete()
        if count:
            audit_record(
                actor=actor_for_user(user),
                action=AuditAction.DELETE,
                outcome=AuditOutcome.ALLOWED,
                object_type="api_token",
                username=user.get_username(),
                detail={"revoked": count, "reason": reason},
            )
    return count
