from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class UserLanguageMiddleware:
    """Speak the language the signed-in user chose, whatever the browser asks for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    # The liveness check must answer without the database (the session lives there).
    exempt_prefixes = ("/healthz", "/static/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.exempt_prefixes):
            return self.get_response(request)
        language = getattr(request.user, "language", "") if request.user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
