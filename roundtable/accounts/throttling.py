"""django-axes needs one username however a sign-in arrives: the page form names the field
"login" (allauth), authenticate() and the API call it "username"."""

from __future__ import annotations


def axes_username(request, credentials: dict | None) -> str | None:
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("login")
    if not username and request is not None and request.method == "POST":
        username = request.POST.get("login") or request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else None
