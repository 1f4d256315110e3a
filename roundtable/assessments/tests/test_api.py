"""The assessments API: sections with their data class, as the caller may read them."""

import json

import pytest

from roundtable.assessments.testing import fill_everything
from roundtable.care.testing import HEALTH_SUMMARY, THERAPY_NOTE
from roundtable.vocational.testing import VOCATIONAL_SUMMARY

pytestmark = pytest.mark.django_db


def _get(client, cast):
    response = client.get(f"/api/v1/citizens/{cast.anna.id}/assessments")
    assert response.status_code == 200
    return response.json()


def test_care_manager_gets_health_sections_with_their_data_class(client, login, cast):
    fill_everything(cast)
    login(cast.alice)
    data = _get(client, cast)
    sections = {(s["name"], s["data_class"]) for s in data["sections"]}
    assert ("health_assessment", "health_summary") in sections
    assert ("therapy_notes", "therapy_detail") in sections
    assert ("functional_capacity", "functional_capacity") in sections
    assert ("employer_contact", "contact_details") in sections
    assert not any(s["data_class"] == "vocational" for s in data["sections"])
    assert data["session_budget"] == {"budget": 12, "used": 2, "remaining": 10, "state": "ok"}
    assert HEALTH_SUMMARY in json.dumps(data) and THERAPY_NOTE in json.dumps(data)


def test_employment_consultant_never_gets_therapy_notes_or_health(client, login, cast):
    fill_everything(cast)
    login(cast.bob)
    data = _get(client, cast)
    body = json.dumps(data)
    assert THERAPY_NOTE not in body and HEALTH_SUMMARY not in body
    assert {s["data_class"] for s in data["sections"]} <= {"vocational", "contact_details"}
    assert VOCATIONAL_SUMMARY in body and "ips_career_profile" in body
    assert data["session_budget"] is None


def test_citizen_gets_their_own_without_therapy_notes(client, login, cast):
    fill_everything(cast)
    login(cast.anna)
    body = json.dumps(_get(client, cast))
    assert HEALTH_SUMMARY in body and VOCATIONAL_SUMMARY in body
    assert THERAPY_NOTE not in body and "therapy_detail" not in body


def test_sections_come_in_the_order_of_the_page_with_the_life_areas_last(client, login, cast):
    fill_everything(cast)
    login(cast.anna)
    data = _get(client, cast)
    names = [s["name"] for s in data["sections"]]
    assert names[:5] == [
        "health_assessment",
        "care_steps",
        "sessions",
        "symptom_scores",
        "functional_capacity",
    ]
    assert names[5:10] == [
        "vocational_assessment",
        "vocational_steps",
        "ips_career_profile",
        "ips_job_search_plan",
        "employer_contact",
    ]
    assert set(names[10:]) == {"life_area"} and data["is_ips"] is True
