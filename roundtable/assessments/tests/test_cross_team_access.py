"""Another team's professional gets 404 on the assessments page and `GET .../assessments`, sees
none of the data, and the attempt is audited; a missing citizen looks the same; managers,
administrators and other citizens see nothing (SECURITY.md 1–2). The edit forms have their own
tests in their apps (care, vocational, lifesituation)."""

import re
import uuid

import pytest
from django.urls import reverse

from roundtable.assessments.testing import fill_everything
from roundtable.audit.models import AuditEvent
from roundtable.care import models as care_models
from roundtable.care.testing import CAPACITY, HEALTH_SUMMARY, THERAPY_NOTE
from roundtable.lifesituation.models import LifeArea
from roundtable.vocational import models as vocational_models
from roundtable.vocational.testing import VOCATIONAL_SUMMARY

pytestmark = pytest.mark.django_db

SECRETS = ("Anna", "Secretperson", HEALTH_SUMMARY, CAPACITY, THERAPY_NOTE, VOCATIONAL_SUMMARY)
MODELS = (
    care_models.HealthAssessment,
    care_models.CareStep,
    care_models.CareSession,
    care_models.SessionNote,
    care_models.SymptomScore,
    vocational_models.VocationalAssessment,
    vocational_models.EmployerContact,
    LifeArea,
)


def _snapshot():
    return [sorted(map(str, m.objects.values_list("pk", flat=True))) for m in MODELS]


@pytest.fixture
def anna(cast):
    fill_everything(cast)


def _leaks(response) -> list[str]:
    body = response.content.decode()
    return [s for s in SECRETS if s in body]


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_teams_professional_gets_404_on_the_page_and_the_endpoint(
    client, login, cast, anna, who
):
    before = _snapshot()
    login(getattr(cast, who))
    urls = [
        reverse("assessments:page", args=[cast.anna.id]),
        f"/api/v1/citizens/{cast.anna.id}/assessments",
    ]
    for i, url in enumerate(urls):
        request_id = f"assessments-{i}"
        response = client.get(url, HTTP_X_REQUEST_ID=request_id)
        assert response.status_code == 404, (url, response.status_code)
        assert _leaks(response) == [], url
        outcomes = list(
            AuditEvent.objects.filter(request_id=request_id).values_list("outcome", flat=True)
        )
        assert outcomes == ["denied"], (url, outcomes)
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


def test_a_professional_has_no_own_assessments_page(client, login, cast, anna):
    login(cast.alice)
    assert client.get(reverse("assessments:my-page")).status_code == 404


def test_anonymous_is_sent_to_sign_in_and_the_api_says_401(client, cast):
    response = client.get(reverse("assessments:page", args=[cast.anna.id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/api/v1/citizens/{cast.anna.id}/assessments").status_code == 401
