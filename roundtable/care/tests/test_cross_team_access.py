"""Another team's professional gets 404 on every page and endpoint of the care manager's
records, sees none of the data, changes nothing, and the attempt is audited (SECURITY.md 1–2)."""

import json

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.care import models
from roundtable.care.testing import CAPACITY, HEALTH_SUMMARY, THERAPY_NOTE, days_ago, fill_care

pytestmark = pytest.mark.django_db

SECRETS = ("Anna", "Secretperson", HEALTH_SUMMARY, CAPACITY, THERAPY_NOTE)
MODELS = (
    models.HealthAssessment,
    models.FunctionalCapacity,
    models.CareStep,
    models.CareSession,
    models.SessionNote,
    models.SymptomScore,
)


def _snapshot():
    return [sorted(map(str, m.objects.values_list("pk", flat=True))) for m in MODELS] + [
        list(models.HealthAssessment.objects.values_list("summary", "updated_at"))
    ]


@pytest.fixture
def anna(cast):
    fill_care(cast)
    return {"care_step": models.CareStep.objects.get().pk}


def _pages(cast, ids):
    c = cast.anna.id
    day = days_ago(1).isoformat()
    pages = [
        ("post", reverse("care:health-edit", args=[c]), {"assessed_on": day, "summary": "X"}),
        ("post", reverse("care:capacity-edit", args=[c]), {"summary": "X"}),
        (
            "post",
            reverse("care:care-step-new", args=[c]),
            {"treatment": "cbt", "starts_on": day, "status": "active"},
        ),
        (
            "post",
            reverse("care:care-step-edit", args=[c, ids["care_step"]]),
            {"treatment": "cbt", "starts_on": day, "status": "active"},
        ),
        (
            "post",
            reverse("care:session-new", args=[c]),
            {"held_on": day, "kind": "phone", "attendance": "attended"},
        ),
        (
            "post",
            reverse("care:symptom-new", args=[c]),
            {"instrument": "PHQ-9", "score": "3", "measured_on": day},
        ),
    ]
    # Every form page's GET too.
    return pages + [("get", url, None) for _method, url, _data in pages]


def _endpoints(cast):
    c = cast.anna.id
    day = days_ago(1).isoformat()
    return [
        (
            f"/api/v1/citizens/{c}/assessments/symptoms",
            {"instrument": "PHQ-9", "score": 3, "measured_on": day},
        ),
        (
            f"/api/v1/citizens/{c}/assessments/sessions",
            {"held_on": day, "kind": "phone", "attendance": "attended", "notes": "X"},
        ),
    ]


def _leaks(response) -> list[str]:
    body = response.content.decode()
    return [s for s in SECRETS if s in body]


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_teams_professional_gets_404_on_every_care_page(client, login, cast, anna, who):
    before = _snapshot()
    login(getattr(cast, who))
    for i, (method, url, data) in enumerate(_pages(cast, anna)):
        request_id = f"care-page-{i}"
        response = getattr(client, method)(url, data or {}, HTTP_X_REQUEST_ID=request_id)
        assert response.status_code == 404, (method, url, response.status_code)
        assert _leaks(response) == [], (method, url)
        outcomes = list(
            AuditEvent.objects.filter(request_id=request_id).values_list("outcome", flat=True)
        )
        assert outcomes == ["denied"], (method, url, outcomes)
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_teams_professional_gets_404_on_every_care_endpoint(client, login, cast, anna, who):
    before = _snapshot()
    login(getattr(cast, who))
    for i, (url, data) in enumerate(_endpoints(cast)):
        request_id = f"care-api-{i}"
        response = client.post(
            url,
            data=json.dumps(data),
            content_type="application/json",
            HTTP_X_REQUEST_ID=request_id,
        )
        assert response.status_code == 404, (url, response.status_code, response.content)
        assert _leaks(response) == [], url
        outcomes = list(
            AuditEvent.objects.filter(request_id=request_id).values_list("outcome", flat=True)
        )
        assert outcomes == ["denied"], url
    assert _snapshot() == before


def test_a_sub_record_through_another_citizens_page_is_not_found(client, login, cast, anna):
    """Carol's own citizen Bent, with Anna's care step in the path: denied and audited."""
    login(cast.carol)
    url = reverse("care:care-step-edit", args=[cast.bent.id, anna["care_step"]])
    response = client.get(url, HTTP_X_REQUEST_ID="sub-record")
    assert response.status_code == 404
    event = AuditEvent.objects.get(request_id="sub-record", object_type="care_step")
    assert event.outcome == "denied" and event.citizen_id == cast.anna.id


@pytest.mark.parametrize("who", ["mona", "adam"])
def test_managers_and_administrators_open_no_care_form(client, login, cast, anna, who):
    login(getattr(cast, who))
    assert client.get(reverse("care:health-edit", args=[cast.anna.id])).status_code == 404


def test_anonymous_is_sent_to_sign_in_and_the_api_says_401(client, cast):
    response = client.get(reverse("care:health-edit", args=[cast.anna.id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(
        f"/api/v1/citizens/{cast.anna.id}/assessments/symptoms",
        data=json.dumps({"instrument": "PHQ-9", "score": 3, "measured_on": "2026-01-01"}),
        content_type="application/json",
    )
    assert response.status_code == 401
