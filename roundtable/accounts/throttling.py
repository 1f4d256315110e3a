"""django-axes needs one username however a sign-in arrives: the page form names the field
"login" (allauth), authenticate() and the API call it "username"."""

from __future__ import annotations


def axes_username(request, credentials: dict | None) -> str | None:
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("login")
    if not username and request is not None and request.method == "POST":
        username = request.POST.get("login") or request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else None


def axes_lockout_response(request, original_response=None, credentials=None):
    """429 with a reason: JSON for the API, the plain page for people."""
    from django.conf import settings
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import ngettext

    minutes = max(1, round(settings.AXES_COOLOFF_TIME * 60))
    if request.path.startswith("/api/"):
        message = ngettext(
            "Too many failed sign-ins for this username. Try again in %(minutes)d minute.",
            "Too many failed sign-ins for this username. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        return JsonResponse({"detail": message}, status=429)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
