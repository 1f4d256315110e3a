"""The whole emergency-access flow as people live it: a care manager of another team opens
Anna's record in an emergency, the access ends, a supervisor reviews it, and Anna is told."""

from __future__ import annotations

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent, AuditOutcome
from roundtable.breakglass import banner
from roundtable.breakglass.models import BreakGlassGrant, BreakGlassNotice, EndReason
from roundtable.breakglass.tests.helpers import (
    REASON,
    anna_page,
    expire,
    start_page,
)

pytestmark = pytest.mark.django_db


def _start_events(**filters):
    return AuditEvent.objects.filter(object_type="break_glass_grant", **filters)


def test_care_manager_of_another_team_opens_a_record_in_an_emergency(client, login, cast, password):
    login(cast.carol)
    assert client.get(anna_page(cast)).status_code == 404

    page = client.get(reverse("breakglass:start"))
    assert page.status_code == 200
    assert "Emergency access" in page.content.decode()

    response = start_page(client, password)
    assert response.status_code == 302
    assert response["Location"] == anna_page(cast)

    opened = client.get(anna_page(cast))
    assert opened.status_code == 200
    assert "Secretperson" in opened.content.decode()

    grant = BreakGlassGrant.objects.get()
    assert grant.professional == cast.carol and grant.course == cast.anna_course
    assert grant.reason == REASON and grant.minutes == 30 and grant.is_active()
    assert BreakGlassNotice.objects.filter(grant=grant, citizen=cast.anna).exists()
    [started] = _start_events(outcome=AuditOutcome.ALLOWED, citizen_id=cast.anna.id)
    assert started.detail["event"] == "start"
    assert started.detail["reason_length"] == len(REASON)
    assert REASON not in str(started.detail)
    assert started.purpose == "break_glass"


def test_the_reason_is_encrypted_at_rest(client, login, cast, password):
    from django.db import connection

    login(cast.carol)
    start_page(client, password)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM breakglass_breakglassgrant")
        [(stored,)] = cursor.fetchall()
    assert "emergency ward" not in stored


def test_a_wrong_password_opens_nothing(client, login, cast, password):
    login(cast.carol)
    response = start_page(client, password + "x")
    assert response.status_code == 400
    assert "The password is wrong" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    assert not BreakGlassNotice.objects.exists()
    assert client.get(anna_page(cast)).status_code == 404
    [refused] = _start_events(outcome=AuditOutcome.DENIED)
    assert refused.detail["why"] == "reauthentication"
    assert refused.citizen_id is None  # the national id was not even looked up


def test_the_reason_must_say_something(client, login, cast, password):
    login(cast.carol)
    response = start_page(client, password, reason="urgent")
    assert response.status_code == 400
    assert "at least 20 characters" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()


def test_the_time_limit_cannot_exceed_the_configured_maximum(client, login, cast, password):
    login(cast.carol)
    response = start_page(client, password, minutes="600")
    assert response.status_code == 400
    assert not BreakGlassGrant.objects.exists()


def test_the_maximum_time_limit_is_configurable(client, login, cast, password, settings):
    settings.ROUNDTABLE_BREAK_GLASS_MAX_MINUTES = 15
    login(cast.carol)
    assert start_page(client, password, minutes="30").status_code == 400
    assert start_page(client, password, minutes="15").status_code == 302


def test_an_unknown_national_id_opens_nothing_and_says_so_plainly(client, login, cast, password):
    login(cast.carol)
    response = start_page(client, password, national_id="999999-0000")
    assert response.status_code == 400
    assert "No record can be opened for this national identity number" in (
        response.content.decode()
    )
    assert not BreakGlassGrant.objects.exists()
    assert _start_events(outcome=AuditOutcome.NOT_FOUND).count() == 1


def test_the_national_id_is_matched_however_it_is_written(client, login, cast, password):
    login(cast.carol)
    assert start_page(client, password, national_id=" 0101901234 ").status_code == 302


def test_no_emergency_access_where_the_clinician_already_has_access(client, login, cast, password):
    login(cast.alice)
    response = start_page(client, password)
    assert response.status_code == 400
    assert "You can already open this record" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()


def test_a_second_start_for_the_same_person_is_refused_while_the_first_runs(
    client, login, cast, password
):
    login(cast.carol)
    start_page(client, password)
    response = start_page(client, password)
    assert response.status_code == 400
    assert "You already have emergency access to this record" in response.content.decode()
    assert BreakGlassGrant.objects.count() == 1


def test_the_grant_opens_only_that_one_person(client, login, cast, password):
    from roundtable.testing import make_citizen, make_course

    other = make_citizen("Otto Otherperson", "030303-3333")
    make_course(other, cast.alpha, cast.alice, cast.bob)
    login(cast.carol)
    start_page(client, password)
    assert client.get(reverse("workspace:citizen", args=[other.id])).status_code == 404
    caseload = client.get(reverse("workspace:caseload") + "?scope=mine")
    assert "Otherperson" not in caseload.content.decode()


def test_expiry_closes_the_record_on_the_very_next_request(client, login, cast, password):
    login(cast.carol)
    start_page(client, password)
    assert client.get(anna_page(cast)).status_code == 200
    grant = BreakGlassGrant.objects.get()
    expire(grant)
    response = client.get(anna_page(cast))
    assert response.status_code == 404
    assert "Secretperson" not in response.content.decode()
    assert client.get(f"/api/v1/citizens/{cast.anna.id}").status_code == 404


def test_the_next_look_at_an_expired_grant_records_and_audits_its_end(
    client, login, cast, password, rf
):
    login(cast.carol)
    start_page(client, password)
    grant = BreakGlassGrant.objects.get()
    expire(grant)
    # The banner of the clinician's next page is the first to notice.
    request = rf.get("/")
    request.user = cast.carol.user
    request.session = client.session
    assert banner.active_banner_grants(request) == []
    grant.refresh_from_db()
    assert grant.end_reason == EndReason.EXPIRED and grant.ended_at == grant.expires_at
    [expired] = _start_events(detail__event="expire")
    assert expired.citizen_id == cast.anna.id and expired.actor_id is None
    # Recorded once, however often it is looked at.
    assert banner.active_banner_grants(request) == []
    assert _start_events(detail__event="expire").count() == 1


def test_end_now_closes_the_record_at_once(client, login, cast, password):
    login(cast.carol)
    start_page(client, password)
    grant = BreakGlassGrant.objects.get()
    response = client.post(reverse("breakglass:end", args=[grant.id]))
    assert response.status_code == 302
    assert client.get(anna_page(cast)).status_code == 404
    grant.refresh_from_db()
    assert grant.end_reason == EndReason.ENDED and not grant.is_active()
    [ended] = _start_events(detail__event="end")
    assert ended.actor_id == cast.carol.user_id and ended.citizen_id == cast.anna.id
    # Ending again changes nothing and writes no second end.
    client.post(reverse("breakglass:end", args=[grant.id]))
    assert _start_events(detail__event="end").count() == 1


def test_no_one_ends_someone_elses_emergency_access(client, login, cast, password):
    login(cast.carol)
    start_page(client, password)
    grant = BreakGlassGrant.objects.get()
    login(cast.sam)
    assert client.post(reverse("breakglass:end", args=[grant.id])).status_code == 404
    assert BreakGlassGrant.objects.get().is_active()


def test_ending_needs_a_post(client, login, cast, password):
    login(cast.carol)
    start_page(client, password)
    grant = BreakGlassGrant.objects.get()
    assert client.get(reverse("breakglass:end", args=[grant.id])).status_code == 405
    assert BreakGlassGrant.objects.get().is_active()


def test_the_banner_says_until_when_and_offers_to_end_now(client, login, cast, password, rf):
    from django.template.loader import render_to_string

    login(cast.carol)
    start_page(client, password)
    grant = BreakGlassGrant.objects.get()
    request = rf.get("/")
    request.user = cast.carol.user
    request.session = client.session
    context = banner.break_glass(request)
    html = render_to_string("breakglass/_banner.html", context, request=request)
    assert "Emergency access is on" in html
    assert reverse("breakglass:end", args=[grant.id]) in html
    assert "End now" in html
    assert "Secretperson" not in html  # the banner names no one


def test_the_banner_is_silent_without_emergency_access(client, login, cast, rf):
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext

    login(cast.alice)
    request = rf.get("/")
    request.user = cast.alice.user
    request.session = client.session
    request.session.items()  # loaded already on a real page (the sign-in reads it)
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string(
            "breakglass/_banner.html", banner.break_glass(request), request=request
        )
    assert html.strip() == ""
    assert len(queries.captured_queries) == 0


def test_the_start_page_lists_running_emergency_access(client, login, cast, password):
    login(cast.carol)
    start_page(client, password)
    page = client.get(reverse("breakglass:start")).content.decode()
    assert "Your emergency access now" in page and "Secretperson" in page
