"""The citizen page asks the gate once: consent is evaluated once for the page, and the page's
reads are written as one audit event that names the parts shown (issue 9)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.assessments.testing import fill_everything
from roundtable.audit.models import AuditEvent
from roundtable.consent.testing import directive_create
from roundtable.meetings.testing import schedule
from roundtable.plans.testing import publish, save_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_record(cast):
    fill_everything(cast)
    schedule(cast.alice, cast.anna, days_ahead=2)
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    directive_create(cast.anna, [("permit", "sector", "employment", ["functional_capacity"])])
    return cast


def _open_citizen_page(client, cast):
    before = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    assert response.status_code == 200
    directive_loads = [
        q["sql"] for q in queries.captured_queries if 'FROM "consent_consentdirective"' in q["sql"]
    ]
    events = list(AuditEvent.objects.order_by("id")[before:])
    return response, directive_loads, events


def test_the_employment_consultants_citizen_page_decides_consent_once_and_writes_one_event(
    client, login, full_record
):
    cast = full_record
    login(cast.bob)
    response, directive_loads, events = _open_citizen_page(client, cast)
    assert len(directive_loads) == 1
    assert len(events) == 1
    (event,) = events
    assert event.action == "read" and event.outcome == "allowed"
    assert event.object_type == "citizen" and event.citizen_id == cast.anna.id
    # What was shown: the overview, the functional capacity in place of the diagnosis, and
    # the timeline; and the classes the consultant was allowed, never therapy detail.
    assert event.detail["parts"] == ["overview", "capacity", "timeline"]
    assert "therapy_detail" not in event.detail["classes"]
    assert "functional_capacity" in event.detail["classes"]
    assert "diagnosis=deny" in event.consent_decision


def test_the_care_managers_citizen_page_writes_one_event_too(client, login, full_record):
    cast = full_record
    login(cast.alice)
    response, directive_loads, events = _open_citizen_page(client, cast)
    assert len(directive_loads) == 1
    assert [e.object_type for e in events] == ["citizen"]
    assert events[0].detail["parts"] == ["overview", "timeline"]
    assert "diagnosis=permit" in events[0].consent_decision


def test_a_refused_citizen_page_writes_the_refusal_and_nothing_else(client, login, full_record):
    cast = full_record
    login(cast.carol)
    before = AuditEvent.objects.count()
    response = client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    assert response.status_code == 404
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [(e.outcome, e.object_type) for e in events] == [("denied", "citizen")]
