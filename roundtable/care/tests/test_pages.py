"""The care manager's edit forms: they open for the care manager only, bad input is a form
error with nothing saved, and a saved form leads back to the assessments page."""

import pytest
from django.urls import reverse

from roundtable.care.models import CareSession, CareStep, HealthAssessment, SymptomScore
from roundtable.care.testing import days_ago, fill_care

pytestmark = pytest.mark.django_db


def test_care_manager_records_a_session_and_a_score_through_the_forms(client, login, cast):
    login(cast.alice)
    c = cast.anna.id
    response = client.post(
        reverse("care:session-new", args=[c]),
        {
            "held_on": days_ago(1).isoformat(),
            "kind": "video",
            "attendance": "attended",
            "notes": "N",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:page", args=[c]) + "#sessions"
    response = client.post(
        reverse("care:symptom-new", args=[c]),
        {"instrument": "WSAS", "score": "18", "measured_on": days_ago(1).isoformat()},
    )
    assert response.status_code == 302
    assert CareSession.objects.count() == 1 and SymptomScore.objects.get().instrument == "WSAS"


def test_care_manager_writes_the_health_assessment_and_it_is_shown_in_the_form_again(
    client, login, cast
):
    login(cast.alice)
    url = reverse("care:health-edit", args=[cast.anna.id])
    response = client.post(url, {"assessed_on": days_ago(2).isoformat(), "summary": "Panic."})
    assert response.status_code == 302
    assert HealthAssessment.objects.get().summary == "Panic."
    assert "Panic." in client.get(url).content.decode()


def test_out_of_range_score_is_a_form_error_and_nothing_is_saved(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("care:symptom-new", args=[cast.anna.id]),
        {"instrument": "PHQ-9", "score": "30", "measured_on": days_ago(1).isoformat()},
    )
    assert response.status_code == 400
    assert "A PHQ-9 score is between 0 and 27." in response.content.decode()
    assert not SymptomScore.objects.exists()


def test_a_session_in_the_future_is_refused_by_the_service_and_shown_in_the_form(
    client, login, cast
):
    login(cast.alice)
    response = client.post(
        reverse("care:session-new", args=[cast.anna.id]),
        {"held_on": days_ago(-3).isoformat(), "kind": "phone", "attendance": "attended"},
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not CareSession.objects.exists()


def test_step_ending_before_it_starts_is_a_form_error(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("care:care-step-new", args=[cast.anna.id]),
        {
            "treatment": "cbt",
            "starts_on": days_ago(1).isoformat(),
            "ends_on": days_ago(9).isoformat(),
            "status": "active",
        },
    )
    assert response.status_code == 400
    assert "The step cannot end before it starts." in response.content.decode()


@pytest.mark.parametrize(
    "name", ["health-edit", "capacity-edit", "care-step-new", "session-new", "symptom-new"]
)
def test_every_edit_form_opens_for_its_writer(client, login, cast, name):
    fill_care(cast)
    login(cast.alice)
    response = client.get(reverse(f"care:{name}", args=[cast.anna.id]))
    assert response.status_code == 200
    assert "<label" in response.content.decode()


def test_employment_consultant_may_not_open_the_health_forms(client, login, cast):
    login(cast.bob)
    for name in ("health-edit", "session-new", "symptom-new", "care-step-new"):
        assert client.get(reverse(f"care:{name}", args=[cast.anna.id])).status_code == 403


def test_care_manager_changes_a_care_step_through_its_form(client, login, cast):
    fill_care(cast)
    step = CareStep.objects.get()
    login(cast.alice)
    url = reverse("care:care-step-edit", args=[cast.anna.id, step.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "treatment": "psychoeducation",
            "starts_on": step.starts_on.isoformat(),
            "ends_on": days_ago(1).isoformat(),
            "status": "completed",
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "completed"
