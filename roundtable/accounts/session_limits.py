"""Idle and absolute session timeouts, enforced on the server (SECURITY.md 12).

A session carries two stamps (seconds since the epoch): when the person signed in, and when
they were last seen. The absolute limit counts from sign-in and never slides; the idle limit
counts from the last-seen stamp, which is rewritten at most once a minute so that ordinary
browsing does not write the session row on every request. A person can therefore be signed out
up to a minute before the idle limit, never after it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SIGNED_IN_AT = "roundtable.signed_in_at"
LAST_SEEN_AT = "roundtable.last_seen_at"
# How stale the last-seen stamp may get before it is written again.
LAST_SEEN_RESOLUTION_SECONDS = 60
# The liveness check and static files must answer without touching the session table.
EXEMPT_PREFIXES = ("/healthz", "/static/")


def _now() -> int:
    return int(time.time())


def session_stamp(request: HttpRequest) -> None:
    """Start the clocks of a freshly signed-in session.

    The limits are checked against these stamps, not against Django's session expiry: that
    one slides forward whenever the session is saved, and the cookie itself is a browser
    session cookie (ACCOUNT_SESSION_REMEMBER = False), gone when the browser closes.
    """
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


# Connected when the middleware below is loaded, at start-up. For a session signed in before
# that (a test's force_login, say) the middleware falls back on the user's last_login.
@receiver(user_logged_in, dispatch_uid="roundtable.accounts.session_limits.stamp")
def _stamp_on_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_stamp(request)


def _sign_out(request: HttpRequest, message: str) -> None:
    logout(request)  # flushes the session: the row is deleted on the server
    messages.info(request, message)


class SessionLimitsMiddleware:
    """Signs out sessions that were idle too long or are older than the absolute limit.

    Also deletes a session whose user can no longer be loaded (deactivated, deleted, or the
    password changed), so that it does not linger on the server until it expires.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(EXEMPT_PREFIXES):
            self.enforce(request)
        return self.get_response(request)

    def enforce(self, request: HttpRequest) -> None:
        session = request.session
        if not request.user.is_authenticated:
            if SESSION_KEY in session:
                # AuthenticationMiddleware refused the user this session names.
                session.flush()
            return
        now = _now()
        signed_in_at = session.get(SIGNED_IN_AT)
        if signed_in_at is None:
            # Signed in before these stamps existed, or before the signal was connected: the
            # user's last sign-in is the best estimate, and reading it costs no write.
            last_login = getattr(request.user, "last_login", None)
            signed_in_at = int(last_login.timestamp()) if last_login else now
        last_seen_at = session.get(LAST_SEEN_AT, signed_in_at)
        if now - signed_in_at >= settings.SESSION_ABSOLUTE_SECONDS:
            _sign_out(request, _("Your session has ended. Please sign in again."))
            return
        idle_minutes = settings.SESSION_IDLE_MINUTES
        if now - last_seen_at >= idle_minutes * 60:
            _sign_out(
                request,
                ngettext(
                    "You were signed out after %(minutes)d minute without activity.",
                    "You were signed out after %(minutes)d minutes without activity.",
                    idle_minutes,
                )
                % {"minutes": idle_minutes},
            )
            return
        if now - last_seen_at >= LAST_SEEN_RESOLUTION_SECONDS:
            session[SIGNED_IN_AT] = signed_in_at
            session[LAST_SEEN_AT] = now
