"""Two-factor sign-in (TOTP) through django-allauth's mfa module (SECURITY.md 10).

Available to everyone from the security settings page; required for staff when the deployment
sets ROUNDTABLE_MFA_REQUIRED_FOR_STAFF (on by default in production). A member of staff without
an authenticator app is sent to set one up before any other page; citizens are never forced.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from allauth.mfa import signals as mfa_signals
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from roundtable.accounts.actor import actor_for_user, request_actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.core.fields import decrypt_text, encrypt_text
from roundtable.organisations.models import Professional


def is_staff_account(user: AbstractBaseUser, *, is_professional: bool) -> bool:
    """Professionals, and anyone who can open the configuration pages."""
    return (
        is_professional or getattr(user, "is_staff", False) or getattr(user, "is_superuser", False)
    )


def has_totp(user: AbstractBaseUser) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds encrypted at rest with the field encryption keys.

    A copy of the database alone must not be enough to pass the second factor.
    """

    def encrypt(self, text: str) -> str:
        return encrypt_text(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_text(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Where staff must use two-factor sign-in, they cannot switch it off themselves;
        # an administrator can remove a lost authenticator in /config/.
        if (
            settings.ROUNDTABLE_MFA_REQUIRED_FOR_STAFF
            and authenticator.type == Authenticator.Type.TOTP
        ):
            user = authenticator.user
            is_professional = Professional.objects.filter(user_id=user.pk).exists()
            if is_staff_account(user, is_professional=is_professional):
                return False
        return super().can_delete_authenticator(authenticator)


# A wrong code is a failed sign-in; adding or removing a second factor changes how an account
# is protected. Connected when the middleware below is loaded, at start-up.
@receiver(mfa_signals.authentication_failed, dispatch_uid="roundtable.mfa.failed")
def _audit_wrong_code(sender, request, user, **kwargs) -> None:
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        object_type="mfa",
        username=user.get_username(),
    )


@receiver(mfa_signals.authenticator_added, dispatch_uid="roundtable.mfa.added")
def _audit_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(
        actor=actor_for_user(user),
        action=AuditAction.CREATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="authenticator",
        object_id=authenticator.type,
    )


@receiver(mfa_signals.authenticator_removed, dispatch_uid="roundtable.mfa.removed")
def _audit_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    audit_record(
        actor=actor_for_user(user),
        action=AuditAction.DELETE,
        outcome=AuditOutcome.ALLOWED,
        object_type="authenticator",
        object_id=authenticator.type,
    )


@functools.cache
def _exempt_prefixes() -> tuple[str, ...]:
    return (
        "/static/",
        "/healthz",
        reverse("account_logout"),
        # Every two-factor page: the overview, setup, recovery codes, the sign-in step.
        reverse("mfa_index"),
        # Setting up an authenticator asks for the password again after a few minutes.
        reverse("account_reauthenticate"),
        # Someone who cannot read the setup page must be able to change its language.
        reverse("accounts:language"),
    )


class MfaRequiredMiddleware:
    """Staff without an authenticator app get to the setup page and nowhere else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.ROUNDTABLE_MFA_REQUIRED_FOR_STAFF and self.must_set_up(request):
            return self.refuse(request)
        return self.get_response(request)

    def must_set_up(self, request: HttpRequest) -> bool:
        if request.path.startswith(_exempt_prefixes()):
            return False
        user = request.user
        if not user.is_authenticated:
            return False
        actor = request_actor(request)
        if actor is None or actor.is_citizen:
            return False
        if not is_staff_account(user, is_professional=actor.is_professional):
            return False
        return not has_totp(user)

    def refuse(self, request: HttpRequest) -> HttpResponse:
        setup_url = reverse("mfa_activate_totp")
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "detail": _(
                        "Two-factor sign-in is required for staff. Set up an authenticator "
                        "app in Roundtable before using the API."
                    ),
                    "code": "mfa_setup_required",
                    "setup_url": setup_url,
                },
                status=403,
            )
        messages.warning(
            request,
            _(
                "Roundtable asks staff to use two-factor sign-in. Set up an authenticator app "
                "on your phone to continue."
            ),
        )
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(setup_url)
        return redirect(setup_url)


def api_token_second_factor(*, user: AbstractBaseUser, code: str | None) -> str:
    """ "ok", "code_needed" (TOTP set up, code missing or wrong) or "setup_needed" (required).

    A wrong code is audited as a failed sign-in; the sign-in delay (accounts.throttling) does
    not count it, so allauth's per-address rate limit and the TOTP replay protection (shared
    database cache) apply.
    """
    authenticator = Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.TOTP
    ).first()
    if authenticator is not None:
        if code and authenticator.wrap().validate_code(code.strip()):
            return "ok"
        audit_record(
            actor=None,
            action=AuditAction.LOGIN_FAILED,
            outcome=AuditOutcome.DENIED,
            object_type="api_token",
            username=user.get_username(),
            detail={"reason": "second_factor"},
        )
        return "code_needed"
    professional = Professional.objects.filter(user_id=user.pk).exists()
    if settings.ROUNDTABLE_MFA_REQUIRED_FOR_STAFF and is_staff_account(
        user, is_professional=professional
    ):
        return "setup_needed"
    return "ok"
