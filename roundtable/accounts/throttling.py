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
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Too many failed sign-ins for this username. Try again in 15 minutes.")},
            status=429,
        )
    return render(request, "accounts/locked_out.html", status=429)
