"""The care manager's writes in the API: symptom scores and sessions, with 400 reasons and 403
for the other sector."""

import json

import pytest

from roundtable.care import services
from roundtable.care.models import CareSession, SessionNote, SymptomScore
from roundtable.care.testing import actor_of, days_ago, fill_care

pytestmark = pytest.mark.django_db


def _post(client, cast, what, payload):
    return client.post(
        f"/api/v1/citizens/{cast.anna.id}/assessments/{what}",
        data=json.dumps(payload),
        content_type="application/json",
    )


def test_care_manager_records_a_symptom_score(client, login, cast):
    login(cast.alice)
    response = _post(
        client,
        cast,
        "symptoms",
        {"instrument": "gad7", "score": 9, "measured_on": days_ago(1).isoformat()},
    )
    assert response.status_code == 201, response.content
    assert response.json()["instrument"] == "GAD-7"
    assert response.json()["data_class"] == "health_summary"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"instrument": "PHQ-9", "score": 30}, "between 0 and 27"),
        ({"instrument": "Own", "score": -1}, "cannot be negative"),
        ({"instrument": "", "score": 3}, "Name the instrument"),
    ],
)
def test_bad_symptom_scores_get_400_with_the_reason(client, login, cast, payload, reason):
    login(cast.alice)
    response = _post(client, cast, "symptoms", {**payload, "measured_on": days_ago(1).isoformat()})
    assert response.status_code == 400
    assert reason in response.json()["detail"]
    assert not SymptomScore.objects.exists()


def test_a_malformed_date_is_refused_without_a_500(client, login, cast):
    login(cast.alice)
    response = _post(
        client, cast, "symptoms", {"instrument": "PHQ-9", "score": 3, "measured_on": "0000-99-99"}
    )
    assert response.status_code in (400, 422)


def test_care_manager_records_a_session_with_notes_and_sees_the_budget(client, login, cast):
    login(cast.alice)
    response = _post(
        client,
        cast,
        "sessions",
        {
            "held_on": days_ago(2).isoformat(),
            "kind": "individual",
            "attendance": "attended",
            "notes": "Sleep",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["session_budget"]["used"] == 1
    assert SessionNote.objects.get().text == "Sleep"


def test_session_in_the_future_gets_400_and_nothing_saved(client, login, cast):
    login(cast.alice)
    response = _post(
        client,
        cast,
        "sessions",
        {
            "held_on": days_ago(-4).isoformat(),
            "kind": "individual",
            "attendance": "attended",
            "notes": "x",
        },
    )
    assert response.status_code == 400 and "future" in response.json()["detail"]
    assert not CareSession.objects.exists() and not SessionNote.objects.exists()


def test_session_with_another_citizens_step_gets_400(client, login, cast):
    fill_care(cast)
    bents = services.care_step_add(
        actor=actor_of(cast.carol),
        citizen_id=cast.bent.id,
        treatment_slug="cbt",
        starts_on=days_ago(3),
    )
    login(cast.alice)
    response = _post(
        client,
        cast,
        "sessions",
        {
            "held_on": days_ago(1).isoformat(),
            "kind": "phone",
            "attendance": "attended",
            "step_id": str(bents.pk),
        },
    )
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["bob", "tina", "anna"])
def test_only_the_care_manager_writes_sessions_and_scores(client, login, cast, who):
    login(getattr(cast, who))
    day = days_ago(1).isoformat()
    assert (
        _post(
            client, cast, "symptoms", {"instrument": "PHQ-9", "score": 3, "measured_on": day}
        ).status_code
        == 403
    )
    response = _post(
        client, cast, "sessions", {"held_on": day, "kind": "phone", "attendance": "attended"}
    )
    assert response.status_code == 403
    assert not SymptomScore.objects.exists() and not CareSession.objects.exists()
