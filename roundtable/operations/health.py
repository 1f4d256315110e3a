"""Liveness and readiness, for the load balancer (deploy/haproxy.cfg).

- `/healthz` (core): the process answers. No database, no session.
- `/healthz/ready` (here): the process can serve pages: the primary database answers (through
  PgBouncer where there is one). 503 otherwise, so the balancer stops sending traffic to an app
  server that could only answer 503 pages, and sends it again once the primary is back.
  Replicas are not asked: without them reads fall back to the primary.

Both sit under `/healthz`, which the session, language and two-factor middleware leave alone.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def primary_ready() -> bool:
    """One round trip to the primary; a broken connection is closed for the next request."""
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("readiness: the primary database cannot be reached")
        connection.close()
        return False
    return True


@require_GET
def ready(request: HttpRequest) -> HttpResponse:
    if primary_ready():
        return HttpResponse("ready", content_type="text/plain")
    response = HttpResponse("primary database unreachable", status=503, content_type="text/plain")
    response["Retry-After"] = "5"
    return response
