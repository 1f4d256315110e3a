from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from roundtable.accounts.actor import request_actor


def deployment(request: HttpRequest) -> dict:
    """What every page needs: who is signed in, and the languages in their own names."""
    return {
        "actor": SimpleLazyObject(lambda: request_actor(request)),
        # Each language in its own name ("Dansk", "Svenska"), never translated (finding 31).
        "language_choices": settings.LANGUAGES,
    }
