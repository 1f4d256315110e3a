"""Every emergency access gets a review by a supervisor or team leader of the clinician's own
health organisation: who, whom, when, how long, why, and what was opened. Never one's own."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.breakglass.models import BreakGlassGrant, ReviewOutcome
from roundtable.breakglass.tests.helpers import REASON, anna_page, expire, start_page
from roundtable.organisations.models import Organisation, Role, Sector
from roundtable.testing import make_professional

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(client, login, cast, password) -> BreakGlassGrant:
    """Carol (Beta) opened Anna's record, looked at it and at her national id, then ended."""
    login(cast.carol)
    start_page(client, password)
    client.get(anna_page(cast))
    client.get(reverse("citizens:national-id", args=[cast.anna.id]))
    grant = BreakGlassGrant.objects.get()
    client.post(reverse("breakglass:end", args=[grant.id]))
    client.logout()
    return grant


def test_the_review_task_appears_for_a_supervisor_of_the_health_organisation(
    client, login, cast, grant
):
    login(cast.sam)
    page = client.get(reverse("breakglass:reviews"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Carol Clausen" in body and "Anna Secretperson" in body
    assert reverse("breakglass:review", args=[grant.id]) in body


def test_the_review_page_shows_who_whom_when_why_and_what_was_opened(client, login, cast, grant):
    login(cast.tina)
    page = client.get(reverse("breakglass:review", args=[grant.id]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Carol Clausen" in body and "Anna Secretperson" in body
    assert REASON in body
    assert "30 minutes" in body and "ended by the clinician" in body
    # What she opened: the overview, then the national id; not the start and end themselves.
    assert "the national identity number" in body
    assert "2 logged events during the access" in body
    assert AuditEvent.objects.filter(
        actor_id=cast.tina.user_id, object_type="break_glass_grant", citizen_id=cast.anna.id
    ).exists()


def test_a_supervisor_marks_it_justified_with_a_note(client, login, cast, grant):
    login(cast.sam)
    response = client.post(
        reverse("breakglass:review", args=[grant.id]),
        {"outcome": ReviewOutcome.JUSTIFIED, "note": "Acute risk; her team was closed."},
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.review_outcome == ReviewOutcome.JUSTIFIED
    assert grant.reviewer == cast.sam and grant.review_note.startswith("Acute risk")
    review_event = AuditEvent.objects.get(object_type="break_glass_review", outcome="allowed")
    assert review_event.detail["outcome"] == "justified"
    assert "Acute risk" not in str(review_event.detail)
    # Reviewed once only.
    again = client.post(
        reverse("breakglass:review", args=[grant.id]),
        {"outcome": ReviewOutcome.NOT_JUSTIFIED, "note": "Changed my mind."},
    )
    assert again.status_code == 400
    assert "already been reviewed" in again.content.decode()
    grant.refresh_from_db()
    assert grant.review_outcome == ReviewOutcome.JUSTIFIED


def test_a_review_needs_a_judgement_and_a_note(client, login, cast, grant):
    login(cast.sam)
    response = client.post(reverse("breakglass:review", args=[grant.id]), {"note": ""})
    assert response.status_code == 400
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_the_reviewer_cannot_review_their_own_emergency_access(client, login, cast, password):
    outsider = _other_health_citizen(cast)
    login(cast.sam)
    start_page(client, password, national_id=outsider)
    grant = BreakGlassGrant.objects.get()
    expire(grant)
    assert (
        reverse("breakglass:review", args=[grant.id])
        not in client.get(reverse("breakglass:reviews")).content.decode()
    )
    page = client.get(reverse("breakglass:review", args=[grant.id]))
    assert page.status_code == 403
    assert "You cannot review your own emergency access" in page.content.decode()
    posted = client.post(
        reverse("breakglass:review", args=[grant.id]),
        {"outcome": ReviewOutcome.JUSTIFIED, "note": "Fine by me."},
    )
    assert posted.status_code == 403
    grant.refresh_from_db()
    assert grant.reviewed_at is None


def test_a_running_emergency_access_is_reviewed_only_once_it_has_ended(
    client, login, cast, password
):
    login(cast.carol)
    start_page(client, password)
    grant = BreakGlassGrant.objects.get()
    login(cast.sam)
    page = client.get(reverse("breakglass:review", args=[grant.id])).content.decode()
    assert "Review it when the access has ended" in page
    posted = client.post(
        reverse("breakglass:review", args=[grant.id]),
        {"outcome": ReviewOutcome.JUSTIFIED, "note": "ok"},
    )
    assert posted.status_code == 400
    expire(grant)
    posted = client.post(
        reverse("breakglass:review", args=[grant.id]),
        {"outcome": ReviewOutcome.JUSTIFIED, "note": "ok"},
    )
    assert posted.status_code == 302


@pytest.mark.parametrize("who", ["carol", "alice", "dave", "bob", "mona", "adam", "anna"])
def test_only_supervisors_and_team_leaders_of_the_health_organisation_review(
    client, login, cast, grant, who
):
    login(getattr(cast, who))
    listing = client.get(reverse("breakglass:reviews"))
    detail = client.get(reverse("breakglass:review", args=[grant.id]))
    assert listing.status_code == detail.status_code == 403
    # Names aside from the signed-in person's own (in the page header).
    secret = "Carol Clausen" if who == "anna" else "Secretperson"
    for response in (listing, detail):
        assert secret not in response.content.decode()
        assert REASON not in response.content.decode()


def test_a_supervisor_of_another_health_organisation_sees_nothing(client, login, cast, grant):
    other = Organisation.objects.create(name="Other Hospital", sector=Sector.HEALTH)
    stranger = make_professional("Stella Stranger", other, Role.SUPERVISOR, (cast.beta,))
    login(stranger)
    listing = client.get(reverse("breakglass:reviews"))
    assert listing.status_code == 200
    assert "Anna" not in listing.content.decode()
    detail = client.get(reverse("breakglass:review", args=[grant.id]))
    missing = client.get(reverse("breakglass:review", args=[uuid.uuid4()]))
    assert detail.status_code == missing.status_code == 404
    assert "Anna" not in detail.content.decode()


def test_the_review_queue_records_expiries_nobody_noticed(client, login, cast, password):
    login(cast.carol)
    start_page(client, password)
    grant = BreakGlassGrant.objects.get()
    client.logout()
    expire(grant)
    login(cast.sam)
    client.get(reverse("breakglass:reviews"))
    grant.refresh_from_db()
    assert grant.end_reason == "expired"


def _other_health_citizen(cast) -> str:
    """A citizen of team Beta, out of Sam's (team Alpha) reach: Bent."""
    return "020285-5678"
