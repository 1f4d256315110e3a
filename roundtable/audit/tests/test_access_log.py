"""A citizen sees who else has looked at their record, when and why (SECURITY.md 21)."""

import contextlib
import uuid

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.accounts.actor import Actor, actor_for_user
from roundtable.accounts.services import api_token_issue
from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.audit.selectors import access_log_list
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import citizen_access
from roundtable.portal.access_log import ACCESS_LOG_PAGE_SIZE

pytestmark = pytest.mark.django_db

PAGE = "/me/access-log/"
API = "/api/v1/me/access-log"


def _opens_record(professional, citizen) -> None:
    citizen_access(
        actor=actor_for_user(professional.user), citizen_id=citizen.id, purpose="citizen_overview"
    )


def _annas_log(cast, **page):
    anna = actor_for_user(cast.anna.user)
    return access_log_list(
        actor=anna,
        citizen_id=cast.anna.id,
        limit=page.get("limit", 25),
        offset=page.get("offset", 0),
    )


def _bearer(who) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(user=who.user)}"}


def test_a_professionals_read_shows_with_their_name_and_organisation(client, login, cast):
    _opens_record(cast.alice, cast.anna)
    [entry] = _annas_log(cast).entries
    assert (entry.who, entry.role, entry.organisation, entry.what) == (
        "Alice Andersen",
        "Care manager",
        "Region Test Psychiatry",
        "looked at your record",
    )
    login(cast.anna)
    page = client.get(PAGE).content.decode()
    assert "Who has looked at your record" in page
    for text in (
        "Alice Andersen",
        "Care manager",
        "Region Test Psychiatry",
        "looked at your record",
    ):
        assert text in page


def test_the_citizens_own_reads_never_show(client, login, cast):
    login(cast.anna)
    client.get(reverse("portal:home"))  # Anna reads her own record
    client.get(PAGE)
    client.get(PAGE)  # and her own access log, twice
    assert AuditEvent.objects.filter(chain=f"citizen:{cast.anna.id}").count() >= 3
    assert _annas_log(cast).total == 0
    assert "Nobody else has looked at your record yet." in client.get(PAGE).content.decode()


def test_another_citizens_events_never_show(cast):
    _opens_record(cast.carol, cast.bent)
    _opens_record(cast.dave, cast.bent)
    _opens_record(cast.alice, cast.anna)
    log = _annas_log(cast)
    assert log.total == 1
    assert [e.who for e in log.entries] == ["Alice Andersen"]


def test_a_refused_attempt_shows_as_refused(cast):
    with pytest.raises(Http404):
        _opens_record(cast.dave, cast.anna)  # Dave works in the other team
    [entry] = _annas_log(cast).entries
    assert (entry.who, entry.organisation, entry.what, entry.outcome) == (
        "Dave Dahl",
        "Jobcentre South",
        "was refused access",
        "denied",
    )


def test_changes_say_what_was_changed_and_why(cast):
    audit_record(
        actor=actor_for_user(cast.bob.user),
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="course",
        object_id=cast.anna_course.id,
        citizen_id=cast.anna.id,
        purpose="sickness_benefit",
    )
    [entry] = _annas_log(cast).entries
    assert (entry.who, entry.organisation, entry.what, entry.why) == (
        "Bob Berg",
        "Jobcentre North",
        "changed your course",
        "for your sickness benefit",
    )


def test_failed_sign_ins_never_show(cast):
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        citizen_id=cast.anna.id,
        username="anna.secretperson",
    )
    assert _annas_log(cast).total == 0


def test_another_citizen_is_not_named(cast):
    someone = Actor(user_id=uuid.uuid4(), username="bent.hiddenname", role="citizen")
    audit_record(
        actor=someone,
        action=AuditAction.READ,
        outcome=AuditOutcome.DENIED,
        object_type="citizen",
        object_id=cast.anna.id,
        citizen_id=cast.anna.id,
    )
    [entry] = _annas_log(cast).entries
    assert (entry.who, entry.role, entry.organisation) == ("Another person", "", "")


def test_every_event_about_the_citizen_shows_while_lists_go_to_the_professionals_chain(
    client, login, cast
):
    login(cast.alice)  # her sign-in: Alice's own chain
    assert client.get(reverse("workspace:caseload")).status_code == 200  # a list: hers too
    assert client.get(reverse("workspace:citizen", args=[cast.anna.id])).status_code == 200
    about_anna = AuditEvent.objects.filter(citizen_id=cast.anna.id)
    assert about_anna.exists()
    assert set(about_anna.values_list("chain", flat=True)) == {f"citizen:{cast.anna.id}"}
    assert about_anna.count() == _annas_log(cast).total  # counted before she reads her log
    elsewhere = AuditEvent.objects.filter(citizen_id=None)
    assert set(elsewhere.values_list("action", flat=True)) >= {"login", "list"}
    assert set(elsewhere.values_list("chain", flat=True)) == {f"user:{cast.alice.user.pk}"}


def test_reading_the_log_is_audited_in_the_citizens_chain(cast):
    _opens_record(cast.alice, cast.anna)
    _annas_log(cast)
    event = AuditEvent.objects.filter(object_type="access_log").get()
    assert (event.actor_username, event.action, event.outcome, event.chain) == (
        "anna.secretperson",
        "read",
        "allowed",
        f"citizen:{cast.anna.id}",
    )
    assert event.detail == {"shown": 1, "offset": 0}


def test_newest_first_and_one_page_at_a_time(client, login, cast):
    for _ in range(ACCESS_LOG_PAGE_SIZE + 2):
        _opens_record(cast.alice, cast.anna)
    _opens_record(cast.bob, cast.anna)
    log = _annas_log(cast, limit=3)
    assert [e.who for e in log.entries] == ["Bob Berg", "Alice Andersen", "Alice Andersen"]
    assert log.entries[0].when >= log.entries[1].when
    login(cast.anna)
    first = client.get(PAGE + "?all=1").content.decode()
    assert "Page 1 of 2" in first
    second = client.get(PAGE + "?all=1&page=2").content.decode()
    assert second.count("Alice Andersen") == 3
    assert "Page 2 of 2" in second
    assert client.get(PAGE + "?all=1&page=nonsense").status_code == 200
    assert (
        "There is nothing more on this page." in client.get(PAGE + "?all=1&page=9").content.decode()
    )


@pytest.mark.parametrize("professional", ["alice", "tina", "mona", "adam"])
def test_professionals_get_404_on_the_page(client, login, cast, professional):
    login(getattr(cast, professional))
    assert client.get(PAGE).status_code == 404
    refused = AuditEvent.objects.filter(object_type="access_log").get()
    assert refused.outcome == "not_found"


def test_nobody_reads_another_citizens_log(cast):
    anna = actor_for_user(cast.anna.user)
    with pytest.raises(Http404):
        access_log_list(actor=anna, citizen_id=cast.bent.id, limit=25, offset=0)
    with pytest.raises(Http404):
        access_log_list(
            actor=actor_for_user(cast.alice.user), citizen_id=cast.anna.id, limit=25, offset=0
        )
    refused = AuditEvent.objects.filter(object_type="access_log").order_by("id")
    # Recorded in the chain of the citizen whose log was asked for, so the citizen sees it.
    assert [(e.outcome, e.citizen_id) for e in refused] == [
        ("denied", cast.bent.id),
        ("denied", cast.anna.id),
    ]


def test_signed_out_visitors_are_sent_to_sign_in(client, cast):
    assert client.get(PAGE).status_code == 302


def test_the_portal_home_links_to_the_access_log(client, login, cast):
    login(cast.anna)
    assert f'href="{PAGE}"' in client.get(reverse("portal:home")).content.decode()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _mixed_reads(cast, n: int) -> None:
    for i in range(n):
        _opens_record([cast.alice, cast.bob, cast.tina, cast.sam][i % 4], cast.anna)
        with contextlib.suppress(Http404):
            _opens_record(cast.dave, cast.anna)


def test_the_page_runs_as_many_queries_with_many_events_as_with_few(client, login, cast):
    login(cast.anna)
    client.get(PAGE)  # the session settles on the first request
    _mixed_reads(cast, 2)
    few = _queries(client, PAGE)
    _mixed_reads(cast, 20)
    many = _queries(client, PAGE)
    assert few == many


def test_the_selector_runs_a_fixed_number_of_queries(cast):
    anna = actor_for_user(cast.anna.user)
    _mixed_reads(cast, 2)
    with CaptureQueriesContext(connection) as few:
        _annas_log(cast, anna=anna)
    _mixed_reads(cast, 20)
    with CaptureQueriesContext(connection) as many:
        _annas_log(cast, anna=anna)
    assert len(few.captured_queries) == len(many.captured_queries)
    # Three organisations on the page, one query for all their names.
    names = [q for q in many.captured_queries if 'FROM "organisations_organisation"' in q["sql"]]
    assert len(names) == 1


def test_the_api_gives_the_citizen_their_log(client, cast):
    _opens_record(cast.alice, cast.anna)
    response = client.get(API, **_bearer(cast.anna))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert (item["who"], item["role"], item["organisation"], item["what"], item["action"]) == (
        "Alice Andersen",
        "Care manager",
        "Region Test Psychiatry",
        "looked at your record",
        "read",
    )


def test_the_api_pages_with_limit_and_offset(client, cast):
    _mixed_reads(cast, 3)
    body = client.get(API + "?limit=2&offset=1", **_bearer(cast.anna)).json()
    assert (body["count"], len(body["items"])) == (6, 2)
    assert client.get(API + "?limit=1000", **_bearer(cast.anna)).status_code == 422


@pytest.mark.parametrize("professional", ["alice", "bob", "mona", "adam"])
def test_professionals_get_404_on_the_api(client, cast, professional):
    _opens_record(cast.alice, cast.anna)
    response = client.get(API, **_bearer(getattr(cast, professional)))
    assert response.status_code == 404
    assert "alice" not in response.content.decode()


def test_the_api_needs_a_signed_in_caller(client, cast):
    assert client.get(API).status_code == 401
