"""Sign-in and sign-out are audited (SECURITY.md 19); a new password or a deactivated account
ends the user's API tokens (SECURITY.md 12)."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from roundtable.accounts.actor import actor_for_user
from roundtable.accounts.services import api_tokens_revoke
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


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def remember_credentials(sender, instance, update_fields=None, **kwargs) -> None:
    """Note, before a user is saved, whether the password or the active flag is changing. A
    save of other fields only (the sign-in's `last_login`) costs no query."""
    instance._credentials_changed = False
    if instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    instance._credentials_changed = bool(
        before
        and (
            before["password"] != instance.password
            or (before["is_active"] and not instance.is_active)
        )
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def end_api_tokens(sender, instance, created, **kwargs) -> None:
    """A new password or a deactivated account ends the user's API tokens (SECURITY.md 12);
    browser sessions end by themselves (the session hash / the inactive check)."""
    if not created and getattr(instance, "_credentials_changed", False):
        reason = "deactivated" if not instance.is_active else "password_changed"
        api_tokens_revoke(user=instance, reason=reason)
        instance._credentials_changed = False
