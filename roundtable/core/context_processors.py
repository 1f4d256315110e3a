from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, lazy

from roundtable.accounts.actor import request_actor
from roundtable.organisations.models import Role


def _role_label(request: HttpRequest) -> str:
    actor = request_actor(request)
    if actor is None or not actor.role:
        return ""
    if actor.is_citizen:
        return str(settings.CITIZEN_TERMS[settings.CITIZEN_TERM][2])
    return str(Role(actor.role).label)


def deployment(request: HttpRequest) -> dict:
    """What every page needs: the deployment's word for the person, and who is signed in."""
    singular, plural, singular_title, plural_title = settings.CITIZEN_TERMS[settings.CITIZEN_TERM]
    return {
        "citizen_term": singular,
        "citizens_term": plural,
        "Citizen_term": singular_title,
        "Citizens_term": plural_title,
        "actor": SimpleLazyObject(lambda: request_actor(request)),
        "actor_role_label": lazy(_role_label, str)(request),
    }
