"""Sessions end on the server: a new id at sign-in, idle and absolute timeouts, sign-out and
deactivation (SECURITY.md 12). Time travels by moving the session's own stamps back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from roundtable.accounts.models import User
from roundtable.accounts.session_limits import LAST_SEEN_AT, SIGNED_IN_AT
from roundtable.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


MINUTE = 60
HOUR = 3600


def sign_in(client: Client, password: str, username: str = "alice.andersen") -> str:
    response = client.post(reverse("account_login"), {"login": username, "password": password})
    assert response.status_code == 302
    return client.cookies["sessionid"].value


def travel(client: Client, *, since_sign_in: int = 0, since_last_seen: int = 0) -> None:
    """As if that many seconds had passed since sign-in, or since the last request."""
    session = client.session
    session[SIGNED_IN_AT] -= since_sign_in
    session[LAST_SEEN_AT] -= since_last_seen
    session.save()


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("workspace:caseload")).status_code == 200


def session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def test_signing_in_gives_a_new_session_id_and_the_planted_one_is_gone(client, cast, password):
    planted = client.session  # an attacker-fixed session that exists on the server
    planted["planted"] = True
    planted.save()
    client.cookies["sessionid"] = planted.session_key

    new_key = sign_in(client, password)

    assert new_key != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()
    attacker = Client()
    attacker.cookies["sessionid"] = planted.session_key
    assert not is_signed_in(attacker)


def test_after_30_idle_minutes_the_next_request_signs_out(client, cast, password):
    key = sign_in(client, password)
    travel(client, since_last_seen=30 * MINUTE)

    response = client.get(reverse("workspace:caseload"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Session.objects.filter(session_key=key).exists()
    page = client.get(response["Location"])
    assert "You were signed out after 30 minutes without activity." in page.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.LOGOUT).count() == 1


def test_29_idle_minutes_are_not_enough_to_sign_out(client, cast, password):
    sign_in(client, password)
    travel(client, since_last_seen=29 * MINUTE)
    assert is_signed_in(client)


def test_activity_keeps_a_session_alive_past_the_idle_limit(client, cast, password):
    sign_in(client, password)
    for _ in range(3):  # an hour of work, a request every 20 minutes
        travel(client, since_sign_in=20 * MINUTE, since_last_seen=20 * MINUTE)
        assert is_signed_in(client)


def test_the_idle_limit_is_configurable(client, cast, password, settings):
    settings.SESSION_IDLE_MINUTES = 5
    sign_in(client, password)
    travel(client, since_last_seen=4 * MINUTE)
    assert is_signed_in(client)
    travel(client, since_last_seen=5 * MINUTE)
    assert not is_signed_in(client)


def test_the_api_with_a_session_is_signed_out_by_the_idle_limit_too(client, cast, password):
    sign_in(client, password)
    assert client.get("/api/v1/me").status_code == 200
    travel(client, since_last_seen=31 * MINUTE)
    assert client.get("/api/v1/me").status_code == 401


def test_a_busy_session_still_ends_10_hours_after_sign_in(client, cast, password):
    key = sign_in(client, password)
    travel(client, since_sign_in=10 * HOUR - MINUTE)
    assert is_signed_in(client)

    travel(client, since_sign_in=MINUTE)
    response = client.get(reverse("workspace:caseload"))

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    page = client.get(response["Location"])
    assert "Your session has ended. Please sign in again." in page.content.decode()


def test_a_session_without_stamps_is_timed_from_the_last_sign_in(client, cast, password):
    """Sessions from before the stamps existed are not given a fresh ten hours."""
    key = sign_in(client, password)
    session = client.session
    del session[SIGNED_IN_AT], session[LAST_SEEN_AT]
    session.save()
    assert is_signed_in(client)

    User.objects.filter(pk=cast.alice.user_id).update(
        last_login=timezone.now() - dt.timedelta(hours=10, minutes=1)
    )
    assert not is_signed_in(client)
    assert not Session.objects.filter(session_key=key).exists()


def test_the_session_cookie_ends_with_the_browser(client, cast, password):
    response = client.post(
        reverse("account_login"), {"login": "alice.andersen", "password": password}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


def test_browsing_writes_the_session_at_most_once_a_minute(client, cast, password):
    sign_in(client, password)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert is_signed_in(client)
    assert session_writes(queries) == []

    travel(client, since_last_seen=MINUTE)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert is_signed_in(client)
    assert len(session_writes(queries)) == 1


def test_the_liveness_check_never_touches_the_session(client, cast, password):
    sign_in(client, password)
    travel(client, since_last_seen=31 * MINUTE)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/healthz").status_code == 200
    assert queries.captured_queries == []


def test_signing_out_ends_the_session_on_the_server(client, cast, password):
    key = sign_in(client, password)
    client.post(reverse("account_logout"))

    assert not Session.objects.filter(session_key=key).exists()
    thief = Client()
    thief.cookies["sessionid"] = key
    assert not is_signed_in(thief)


def test_deactivation_ends_the_session_and_reactivation_does_not_revive_it(client, cast, password):
    key = sign_in(client, password)
    User.objects.filter(pk=cast.alice.user_id).update(is_active=False)

    assert not is_signed_in(client)
    assert not Session.objects.filter(session_key=key).exists()

    User.objects.filter(pk=cast.alice.user_id).update(is_active=True)
    revived = Client()
    revived.cookies["sessionid"] = key
    assert not is_signed_in(revived)
