"""Another team's professional gets 404 on every assessments page and endpoint, sees none of
the data, changes nothing, and the attempt is audited (SECURITY.md 1–2)."""

import json
import re
import uuid

import pytest
from django.urls import reverse

from roundtable.assessments import models, services
from roundtable.assessments.testing import (
    CAPACITY,
    HEALTH_SUMMARY,
    THERAPY_NOTE,
    VOCATIONAL_SUMMARY,
    actor_of,
    days_ago,
    fill_everything,
)
from roundtable.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRETS = ("Anna", "Secretperson", HEALTH_SUMMARY, CAPACITY, THERAPY_NOTE, VOCATIONAL_SUMMARY)
MODELS = (
    models.HealthAssessment,
    models.FunctionalCapacity,
    models.CareStep,
    models.CareSession,
    models.SessionNote,
    models.SymptomScore,
    models.VocationalAssessment,
    models.EmployerContact,
    models.VocationalStep,
    models.IpsCareerProfile,
    models.IpsJobSearchPlan,
    models.IpsPlannedContact,
    models.LifeArea,
)


def _snapshot():
    return [sorted(map(str, m.objects.values_list("pk", flat=True))) for m in MODELS] + [
        list(models.HealthAssessment.objects.values_list("summary", "updated_at"))
    ]


@pytest.fixture
def anna(cast):
    fill_everything(cast)
    contact = services.ips_planned_contact_add(
        actor=actor_of(cast.bob),
        citizen_id=cast.anna.id,
        planned_on=days_ago(-3),
        employer="Café",
    )
    return {
        "care_step": models.CareStep.objects.get().pk,
        "vocational_step": models.VocationalStep.objects.get().pk,
        "contact": contact.pk,
    }


def _pages(cast, ids):
    c = cast.anna.id
    day = days_ago(1).isoformat()
    pages = [
        ("get", reverse("assessments:page", args=[c]), None),
        (
            "post",
            reverse("assessments:health-edit", args=[c]),
            {"assessed_on": day, "summary": "X"},
        ),
        ("post", reverse("assessments:capacity-edit", args=[c]), {"summary": "X"}),
        (
            "post",
            reverse("assessments:care-step-new", args=[c]),
            {"treatment": "cbt", "starts_on": day, "status": "active"},
        ),
        (
            "post",
            reverse("assessments:care-step-edit", args=[c, ids["care_step"]]),
            {"treatment": "cbt", "starts_on": day, "status": "active"},
        ),
        (
            "post",
            reverse("assessments:session-new", args=[c]),
            {"held_on": day, "kind": "phone", "attendance": "attended"},
        ),
        (
            "post",
            reverse("assessments:symptom-new", args=[c]),
            {"instrument": "PHQ-9", "score": "3", "measured_on": day},
        ),
        (
            "post",
            reverse("assessments:vocational-edit", args=[c]),
            {"assessed_on": day, "work_capacity_hours": "3", "route": "job_search"},
        ),
        (
            "post",
            reverse("assessments:employer-contact-edit", args=[c]),
            {"employer": "E", "name": "N", "phone": "1"},
        ),
        (
            "post",
            reverse("assessments:vocational-step-new", args=[c]),
            {"text": "T", "due_on": day, "status": "planned"},
        ),
        (
            "post",
            reverse("assessments:vocational-step-edit", args=[c, ids["vocational_step"]]),
            {"text": "T", "due_on": day, "status": "planned"},
        ),
        ("post", reverse("assessments:ips-profile-edit", args=[c]), {"work_goal": "X"}),
        (
            "post",
            reverse("assessments:ips-plan-edit", args=[c]),
            {
                "job_goals": "X",
                "review_on": day,
                "weekly_employer_contacts": 1,
                "disclosure": "none",
            },
        ),
        (
            "post",
            reverse("assessments:ips-contact-new", args=[c]),
            {"planned_on": day, "employer": "X"},
        ),
        ("post", reverse("assessments:ips-contact-done", args=[c, ids["contact"]]), {"done": "1"}),
        (
            "post",
            reverse("assessments:mapping-edit", args=[c]),
            {"mental_health-situation": "X", "family-situation": "X"},
        ),
    ]
    # Every form page's GET too.
    pages += [
        ("get", url, None) for method, url, _data in pages if method == "post" and "done" not in url
    ]
    return pages


def _endpoints(cast):
    c = cast.anna.id
    day = days_ago(1).isoformat()
    return [
        ("get", f"/api/v1/citizens/{c}/assessments", None),
        (
            "post",
            f"/api/v1/citizens/{c}/assessments/symptoms",
            {"instrument": "PHQ-9", "score": 3, "measured_on": day},
        ),
        (
            "post",
            f"/api/v1/citizens/{c}/assessments/sessions",
            {"held_on": day, "kind": "phone", "attendance": "attended", "notes": "X"},
        ),
    ]


def _leaks(response) -> list[str]:
    body = response.content.decode()
    return [s for s in SECRETS if s in body]


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_teams_professional_gets_404_on_every_assessments_page(
    client, login, cast, anna, who
):
    before = _snapshot()
    login(getattr(cast, who))
    for i, (method, url, data) in enumerate(_pages(cast, anna)):
        request_id = f"assessments-page-{i}"
        response = getattr(client, method)(url, data or {}, HTTP_X_REQUEST_ID=request_id)
        assert response.status_code == 404, (method, url, response.status_code)
        assert _leaks(response) == [], (method, url)
        outcomes = list(
            AuditEvent.objects.filter(request_id=request_id).values_list("outcome", flat=True)
        )
        assert outcomes == ["denied"], (method, url, outcomes)
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_teams_professional_gets_404_on_every_assessments_endpoint(
    client, login, cast, anna, who
):
    before = _snapshot()
    login(getattr(cast, who))
    for i, (method, url, data) in enumerate(_endpoints(cast)):
        request_id = f"assessments-api-{i}"
        kwargs = {"HTTP_X_REQUEST_ID": request_id}
        if data is not None:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code == 404, (method, url, response.status_code, response.content)
        assert _leaks(response) == [], (method, url)
        outcomes = list(
            AuditEvent.objects.filter(request_id=request_id).values_list("outcome", flat=True)
        )
        assert outcomes == ["denied"], (method, url)
    assert _snapshot() == before


def test_forbidden_and_missing_citizens_look_the_same(client, login, cast, anna):
    login(cast.carol)
    forbidden = client.get(reverse("assessments:page", args=[cast.anna.id]))
    missing_id = uuid.uuid4()
    missing = client.get(reverse("assessments:page", args=[missing_id]))

    def normalised(response, citizen_id) -> str:
        body = response.content.decode().replace(str(citizen_id), "ID")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert forbidden.status_code == missing.status_code == 404
    assert normalised(forbidden, cast.anna.id) == normalised(missing, missing_id)


def test_a_sub_record_through_another_citizens_page_is_not_found(client, login, cast, anna):
    """Carol's own citizen Bent, with Anna's care step in the path: denied and audited."""
    login(cast.carol)
    url = reverse("assessments:care-step-edit", args=[cast.bent.id, anna["care_step"]])
    response = client.get(url, HTTP_X_REQUEST_ID="sub-record")
    assert response.status_code == 404
    event = AuditEvent.objects.get(request_id="sub-record", object_type="care_step")
    assert event.outcome == "denied" and event.citizen_id == cast.anna.id


@pytest.mark.parametrize("who", ["mona", "adam"])
def test_managers_and_administrators_see_no_assessment(client, login, cast, anna, who):
    login(getattr(cast, who))
    assert client.get(reverse("assessments:page", args=[cast.anna.id])).status_code == 404
    assert client.get(f"/api/v1/citizens/{cast.anna.id}/assessments").status_code == 404


def test_another_citizen_sees_only_their_own(client, login, cast, anna):
    from roundtable.testing import make_citizen, make_course

    other = make_citizen("Olga Other", "030303-0303", login=True)
    make_course(other, cast.alpha, cast.alice, cast.bob)
    login(other.user)
    assert client.get(f"/api/v1/citizens/{cast.anna.id}/assessments").status_code == 404
    assert _leaks(client.get(reverse("assessments:my-page"))) == []


def test_anonymous_is_sent_to_sign_in_and_the_api_says_401(client, cast):
    response = client.get(reverse("assessments:page", args=[cast.anna.id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/api/v1/citizens/{cast.anna.id}/assessments").status_code == 401
