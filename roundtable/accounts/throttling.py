"""Wrong passwords slow down the next try; nobody can lock a person out (issue 10, finding 22).

Failures are counted per (username, address). The first `SIGN_IN_FREE_FAILURES` cost nothing;
after that each try must wait a delay that doubles with every further failure, from
`SIGN_IN_FIRST_DELAY_SECONDS` up to `SIGN_IN_MAX_DELAY_SECONDS`, counted from the last failure.
A try inside the delay is answered 429 with `Retry-After`, without the password being checked.
Once the delay has passed the right password signs in as always, and clears the count.

So a guesser gets a handful of tries an hour from one address, while the person whose username
is being guessed can always sign in: at once from any other address, and from the same
address after at most `SIGN_IN_MAX_DELAY_SECONDS` (a minute), never after a lock of a quarter
of an hour that anyone who knows the username could renew. allauth limits the failures of one
address across usernames (`ACCOUNT_RATE_LIMITS`).

The sign-in page, the API's `POST /auth/token` and the re-authentication of emergency access
all call `authenticate()`, so they share the count and the answer: the backend refuses a try
inside the delay, and `SignInThrottleMiddleware` turns that into the 429 (a page for people,
JSON for the API). The counts live in the database cache, shared by every app server.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

# How long a count is kept after the last failure.
_KEEP_SECONDS = 24 * 3600


def free_failures() -> int:
    return int(getattr(settings, "SIGN_IN_FREE_FAILURES", 5))


def first_delay() -> float:
    return float(getattr(settings, "SIGN_IN_FIRST_DELAY_SECONDS", 2))


def max_delay() -> float:
    return float(getattr(settings, "SIGN_IN_MAX_DELAY_SECONDS", 60))


def delay_after(failures: int, *, free: int, first: float, cap: float) -> float:
    """Seconds to wait after the last of `failures` wrong tries (pure): none for the first
    `free`, then `first`, doubling with each further failure, never more than `cap`."""
    if failures < free:
        return 0.0
    return min(cap, first * 2 ** min(failures - free, 64))


@dataclass(frozen=True)
class Failures:
    count: int
    last: float  # a time.time() stamp


def _now() -> float:
    return time.time()


def sign_in_username(request: HttpRequest | None, credentials: dict | None) -> str:
    """One username however a sign-in arrives: the page form names the field "login"
    (allauth), authenticate() and the API call it "username"."""
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("login")
    if not username and request is not None and request.method == "POST":
        username = request.POST.get("login") or request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else ""


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind `PROXY_COUNT` proxies the address the
    outermost of them saw (X-Forwarded-For, counted from the right)."""
    proxies = int(getattr(settings, "ROUNDTABLE_PROXY_COUNT", 0) or 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username}\0{address}".encode()).hexdigest()
    return f"sign-in-failures:{digest}"


def failures_of(username: str, address: str) -> Failures:
    stored = cache.get(_key(username, address))
    if not stored:
        return Failures(0, 0.0)
    count, last = stored
    return Failures(int(count), float(last))


def wait_seconds(username: str, address: str, now: float | None = None) -> int:
    """Whole seconds before this username may be tried again from this address (0: now)."""
    failures = failures_of(username, address)
    if failures.count < free_failures():
        return 0
    delay = delay_after(failures.count, free=free_failures(), first=first_delay(), cap=max_delay())
    left = failures.last + delay - (_now() if now is None else now)
    return max(0, math.ceil(left))


def failure_record(username: str, address: str) -> None:
    failures = failures_of(username, address)
    cache.set(_key(username, address), (failures.count + 1, _now()), _KEEP_SECONDS)


def failures_clear(username: str, address: str) -> None:
    cache.delete(_key(username, address))


class SignInThrottleBackend:
    """First of the authentication backends: refuses a try inside the delay before any
    password is checked (PermissionDenied stops authenticate()), and notes the wait on the
    request for the middleware."""

    def authenticate(self, request: HttpRequest | None, **credentials):
        if request is None:
            return None
        username = sign_in_username(request, credentials)
        wait = wait_seconds(username, client_address(request))
        if wait:
            request.sign_in_wait = wait  # type: ignore[attr-defined]
            raise PermissionDenied
        return None

    # No get_user(): it holds no users, so a session never names this backend.


@receiver(user_login_failed)
def count_failure(sender, credentials, request=None, **kwargs) -> None:
    # A try refused for its delay checked no password: it does not lengthen the delay.
    if request is None or getattr(request, "sign_in_wait", None):
        return
    failure_record(sign_in_username(request, credentials), client_address(request))


@receiver(user_logged_in)
def clear_failures(sender, request, user, **kwargs) -> None:
    if request is not None:
        failures_clear(user.get_username().strip().lower(), client_address(request))


def wait_message(seconds: int) -> str:
    return ngettext(
        "Too many wrong passwords for this username from your connection. Try again in "
        "%(seconds)d second. Other people can still sign in.",
        "Too many wrong passwords for this username from your connection. Try again in "
        "%(seconds)d seconds. Other people can still sign in.",
        seconds,
    ) % {"seconds": seconds}


def wait_response(request: HttpRequest, seconds: int) -> HttpResponse:
    """429 with the wait in words and in Retry-After: JSON for the API, a page for people."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": wait_message(seconds)}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


class SignInThrottleMiddleware:
    """A sign-in refused for its delay (by the backend, whatever view asked) answers 429."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        wait = getattr(request, "sign_in_wait", 0)
        return wait_response(request, wait) if wait else response
