"""Control characters and oversize input get a 4xx with a reason, never a 500 or a dropped
connection, on every page and in the API (issue 10, findings 19 and 21)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from roundtable.care.models import SymptomScore
from roundtable.meetings.models import Decision, DecisionOption
from roundtable.meetings.testing import log_decision, schedule

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _json(client, method, url, data, **extra):
    return getattr(client, method)(
        url, data=json.dumps(data), content_type="application/json", **extra
    )


@pytest.fixture
def meeting(cast):
    return schedule(cast.alice, cast.anna)


@pytest.mark.parametrize("field", ["title", "type", "subtype", "outcome"])
def test_a_nul_byte_in_a_decision_patch_is_refused_with_the_field_named(
    client, login, cast, meeting, field
):
    decision = log_decision(cast.alice, meeting, title="Keep this title")
    login(cast.bob)
    url = f"/api/v1/meetings/{meeting.id}/decisions/{decision.id}"
    response = _json(client, "patch", url, {field: "Agreed\x00 on it"})
    assert response.status_code == 400, response.content
    assert f"“{field}” contains a control character" in response.json()["detail"]
    decision.refresh_from_db()
    assert decision.title == "Keep this title"


@pytest.mark.parametrize("text", ["\x00", "a\x07b", "\x1b[31m", "\x7f", "\x85", "\ud800"])
def test_control_characters_in_a_new_decision_or_option_are_refused(
    client, login, cast, meeting, text
):
    login(cast.bob)
    decision = log_decision(cast.alice, meeting)
    created = _json(
        client,
        "post",
        f"/api/v1/meetings/{meeting.id}/decisions",
        {"type": "goals", "title": f"Title {text}", "raised_by": "citizen"},
    )
    assert created.status_code == 400
    for field in ("text", "pros", "cons"):
        option = {"text": "Walk", "pros": "Air", "cons": "Rain", field: text}
        url = f"/api/v1/meetings/{meeting.id}/decisions/{decision.id}/options"
        refused = _json(client, "post", url, option)
        assert refused.status_code == 400
        assert f"“{field}” contains a control character" in refused.json()["detail"]
    assert Decision.objects.count() == 1
    assert not DecisionOption.objects.filter(decision=decision).exists()


def test_tabs_and_line_breaks_stay_allowed_in_text(client, login, cast, meeting):
    decision = log_decision(cast.alice, meeting)
    login(cast.bob)
    url = f"/api/v1/meetings/{meeting.id}/decisions/{decision.id}/options"
    response = _json(client, "post", url, {"text": "One\tTwo", "pros": "A\r\nB", "cons": "C\nD"})
    assert response.status_code == 201, response.content
    assert DecisionOption.objects.get(decision=decision).pros == "A\r\nB"


def test_a_form_with_a_nul_byte_gets_a_page_with_the_reason(client, login, cast):
    login(cast.alice)
    url = reverse("care:symptom-new", args=[cast.anna.pk])
    response = client.post(url, {"instrument": "PHQ-9\x00", "score": "5", "measured_on": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "control character" in page and "instrument" in page
    assert not SymptomScore.objects.exists()


def test_a_query_string_with_a_nul_byte_is_refused(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("workspace:caseload"), {"q": "An\x00na"}).status_code == 400
    assert client.get("/api/v1/citizens", {"q": "An\x00na"}).status_code == 400


def test_a_form_of_a_megabyte_per_field_gets_413_with_a_reason(client, login, cast):
    login(cast.alice)
    url = reverse("care:symptom-new", args=[cast.anna.pk])
    big = "x" * MB
    response = client.post(url, {"instrument": big, "score": big, "measured_on": big})
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    one_field = client.post(url, {"instrument": big, "score": "5", "measured_on": ""})
    assert one_field.status_code == 413
    assert "too long" in one_field.content.decode()
    assert not SymptomScore.objects.exists()


def test_an_api_body_of_several_megabytes_gets_413_with_a_reason(client, login, cast, meeting):
    login(cast.bob)
    big = "x" * MB
    body = {"type": "goals", "title": big, "outcome": big, "description": big}
    response = _json(client, "post", f"/api/v1/meetings/{meeting.id}/decisions", body)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    one = _json(client, "post", f"/api/v1/meetings/{meeting.id}/decisions", {"title": big})
    assert one.status_code == 413
    assert "“title” is too long" in one.json()["detail"]
    assert not Decision.objects.exists()


def test_the_fhir_door_refuses_a_control_character_with_an_operation_outcome(client, cast):
    response = client.get("/fhir/R4/Patient", {"name": "An\x00na"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert "control character" in body["issue"][0]["diagnostics"]
