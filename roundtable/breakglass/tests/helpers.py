"""Shared steps of the emergency-access tests."""

from __future__ import annotations

import datetime as dt
import json

from django.urls import reverse
from django.utils import timezone

from roundtable.breakglass.models import BreakGlassGrant

ANNA_NATIONAL_ID = "010190-1234"  # the cast's Anna (team Alpha)
REASON = "Came to the emergency ward confused; her own team cannot be reached tonight."


def start_page(client, password: str, **changes):
    data = {
        "national_id": ANNA_NATIONAL_ID,
        "reason": REASON,
        "minutes": "30",
        "password": password,
        **changes,
    }
    return client.post(reverse("breakglass:start"), data)


def start_api(client, password: str, **changes):
    data = {
        "national_id": ANNA_NATIONAL_ID,
        "reason": REASON,
        "minutes": 30,
        "password": password,
        **changes,
    }
    return client.post(
        "/api/v1/break-glass", data=json.dumps(data), content_type="application/json"
    )


def post_json(client, url: str, data: dict | None = None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


def expire(grant: BreakGlassGrant) -> None:
    """The time limit passes: move the grant back so it ran out a minute ago."""
    now = timezone.now()
    BreakGlassGrant.objects.filter(pk=grant.pk).update(
        started_at=now - dt.timedelta(minutes=31), expires_at=now - dt.timedelta(minutes=1)
    )


def anna_page(cast) -> str:
    return reverse("workspace:citizen", args=[cast.anna.id])
