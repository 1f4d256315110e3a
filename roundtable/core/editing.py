"""What every edit page shares: a form bound to what was posted, and the page that shows it
again when it did not save (400), so the person keeps what they typed and reads why."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, or None to show an unbound form."""
    return request.POST if request.method == "POST" else None


def form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The page with the form: 200 when asked for, 400 when a posted form did not save."""
    return render(request, template, context, status=400 if request.method == "POST" else 200)
