"""The banner that reminds a clinician their emergency access is on, and until when.

The grants started in this browser session are remembered in the session, so pages without
emergency access cost no query; with a grant remembered, one query checks which still run (the
database decides, never the session: a grant ended elsewhere or expired is dropped, and its
expiry is recorded). Add "roundtable.breakglass.banner.break_glass" to the template context
processors and include "breakglass/_banner.html" in the base template.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from roundtable.accounts.actor import request_actor
from roundtable.breakglass import selectors, services
from roundtable.breakglass.models import BreakGlassGrant

SESSION_KEY = "breakglass_grants"


def remember(request: HttpRequest, grant: BreakGlassGrant) -> None:
    ids = [i for i in request.session.get(SESSION_KEY, []) if i != str(grant.pk)]
    request.session[SESSION_KEY] = [*ids, str(grant.pk)]


def forget(request: HttpRequest, grant_id: uuid.UUID) -> None:
    ids = request.session.get(SESSION_KEY)
    if ids:
        request.session[SESSION_KEY] = [i for i in ids if i != str(grant_id)]


def _remembered(request: HttpRequest) -> list[str]:
    session = getattr(request, "session", None)
    ids = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(ids, list):
        return []
    valid = []
    for value in ids:
        try:
            valid.append(str(uuid.UUID(str(value))))
        except ValueError:
            continue
    return valid


def active_banner_grants(request: HttpRequest) -> list[selectors.ActiveGrant]:
    ids = _remembered(request)
    if not ids:
        return []
    actor = request_actor(request)
    active = selectors.active_grants_among(actor=actor, grant_ids=ids)
    running = {str(g.id) for g in active}
    gone = [i for i in ids if i not in running]
    if gone:
        if actor is not None and actor.professional_id is not None:
            services.grants_expire(professional_id=actor.professional_id, grant_ids=gone)
        request.session[SESSION_KEY] = [i for i in ids if i in running]
    return active


def break_glass(request: HttpRequest) -> dict:
    """Template context: `break_glass_banner` (running grants) for clinicians, and
    `break_glass_unread_notices` (a count) for citizens. Both lazy: no query unless shown."""
    return {
        "break_glass_banner": SimpleLazyObject(lambda: active_banner_grants(request)),
        "break_glass_unread_notices": SimpleLazyObject(
            lambda: selectors.unread_notice_count(actor=request_actor(request))
        ),
    }
