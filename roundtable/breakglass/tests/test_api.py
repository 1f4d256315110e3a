"""Emergency access in the API: 201 with the grant and its expiry, 400/403 with a reason, 404
for a grant that is not the caller's, never a 500."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from roundtable.breakglass.models import BreakGlassGrant
from roundtable.breakglass.tests.helpers import REASON, expire, post_json, start_api

pytestmark = pytest.mark.django_db


def test_start_answers_201_with_the_grant_and_its_expiry(client, login, cast, password):
    login(cast.carol)
    before = timezone.now()
    response = start_api(client, password)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["citizen_id"] == str(cast.anna.id)
    assert body["course_id"] == str(cast.anna_course.id)
    assert body["minutes"] == 30 and body["active"] is True
    expires = parse_datetime(body["expires_at"])
    assert before + dt.timedelta(minutes=29) < expires <= timezone.now() + dt.timedelta(minutes=30)
    assert "reason" not in body
    assert client.get(f"/api/v1/citizens/{cast.anna.id}").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"code": None}, "password"),
        ({"reason": "short"}, "reason"),
        ({"minutes": 61}, "minutes"),
        ({"minutes": -5}, "minutes"),
        ({"national_id": ""}, "national_id"),
        ({"national_id": "999999-0000"}, "national_id"),
        ({"national_id": "x" * 60}, "national_id"),
    ],
)
def test_bad_input_answers_400_with_the_reason_and_creates_nothing(
    client, login, cast, password, changes, field
):
    login(cast.carol)
    if field == "password":
        password = "not the password"
    response = start_api(client, password, **changes)
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith(f"{field}:")
    assert not BreakGlassGrant.objects.exists()


def test_a_malformed_body_is_refused_without_a_500(client, login, cast):
    login(cast.carol)
    response = client.post("/api/v1/break-glass", data="{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    response = post_json(client, "/api/v1/break-glass", {"minutes": "many"})
    assert 400 <= response.status_code < 500
    assert not BreakGlassGrant.objects.exists()


def test_end_closes_the_record_at_once(client, login, cast, password):
    login(cast.carol)
    grant_id = start_api(client, password).json()["id"]
    response = post_json(client, f"/api/v1/break-glass/{grant_id}/end")
    assert response.status_code == 200
    body = response.json()
    assert body["active"] is False and body["end_reason"] == "ended"
    assert client.get(f"/api/v1/citizens/{cast.anna.id}").status_code == 404


def test_end_of_someone_elses_or_no_grant_is_404(client, login, cast, password):
    login(cast.carol)
    grant_id = start_api(client, password).json()["id"]
    login(cast.dave)
    assert post_json(client, f"/api/v1/break-glass/{grant_id}/end").status_code == 404
    assert post_json(client, f"/api/v1/break-glass/{uuid.uuid4()}/end").status_code == 404
    login(cast.sam)
    assert post_json(client, f"/api/v1/break-glass/{grant_id}/end").status_code == 404
    assert BreakGlassGrant.objects.get().is_active()


def test_reviews_list_for_a_supervisor_of_the_health_organisation(client, login, cast, password):
    login(cast.carol)
    grant_id = start_api(client, password).json()["id"]
    login(cast.sam)
    response = client.get("/api/v1/break-glass/reviews")
    assert response.status_code == 200
    [item] = response.json()
    assert item["id"] == grant_id and item["clinician"] == "Carol Clausen"
    assert item["citizen_name"] == "Anna Secretperson" and item["reason"] == REASON
    assert item["active"] is True and item["review_outcome"] is None


def test_review_in_the_api(client, login, cast, password):
    login(cast.carol)
    grant_id = start_api(client, password).json()["id"]
    login(cast.tina)
    url = f"/api/v1/break-glass/{grant_id}/review"
    running = post_json(client, url, {"outcome": "justified", "note": "ok"})
    assert running.status_code == 400 and "Review it when it has ended" in running.json()["detail"]
    expire(BreakGlassGrant.objects.get())
    done = post_json(client, url, {"outcome": "not_justified", "note": "No emergency."})
    assert done.status_code == 200, done.content
    assert done.json()["review_outcome"] == "not_justified"
    login(cast.carol)
    assert post_json(client, url, {"outcome": "justified", "note": "x"}).status_code == 403


@pytest.mark.parametrize("who", ["carol", "alice", "dave", "bob", "mona", "adam", "anna"])
def test_reviews_are_refused_to_everyone_else(client, login, cast, password, who):
    login(cast.carol)
    start_api(client, password)
    login(getattr(cast, who))
    response = client.get("/api/v1/break-glass/reviews")
    assert response.status_code == 403
    assert "Only supervisors and team leaders" in response.json()["detail"]
    assert "Secretperson" not in response.content.decode()


def test_the_api_needs_a_signed_in_caller(client):
    assert post_json(client, "/api/v1/break-glass", {}).status_code == 401
    assert client.get("/api/v1/break-glass/reviews").status_code == 401
