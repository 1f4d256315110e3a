"""Sign-in and sign-out are audited (SECURITY.md 19)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs) -> None:
    audit_record(
        actor=actor_for_user(user),
        action=AuditAction.LOGIN,
        outcome=AuditOutcome.ALLOWED,
        object_type="session",
    )


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(
            actor=actor_for_user(user),
            action=AuditAction.LOGOUT,
            outcome=AuditOutcome.ALLOWED,
            object_type="session",
        )


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or credentials.get("login") or "")
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        object_type="session",
        username=username,
    )
