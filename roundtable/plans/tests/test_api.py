"""The joint plan API: issue 3's contract, ETag/If-Match, 4xx with a reason, never 500."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from roundtable.plans.models import JointPlan, PlanResponse, PlanVersion
from roundtable.plans.testing import (
    CARE_MANAGER_SECTION,
    SHARED_GOAL,
    held_meeting,
    publish,
    save_plan,
)

pytestmark = pytest.mark.django_db


def _url(cast, rest=""):
    return f"/api/v1/citizens/{cast.anna.pk}/joint-plan{rest}"


def _send(client, method, url, data=None, etag=None):
    headers = {"HTTP_IF_MATCH": etag} if etag is not None else {}
    return getattr(client, method)(
        url, data=json.dumps(data or {}), content_type="application/json", **headers
    )


def _draft_body(**extra):
    today = timezone.localdate()
    body = {
        "overall_plan": "We start slowly.",
        "review_on": (today + dt.timedelta(days=30)).isoformat(),
        "goals": [
            {
                "kind": "framework",
                "owner_sector": "shared",
                "text": SHARED_GOAL,
                "target_date": (today + dt.timedelta(days=90)).isoformat(),
            }
        ],
        "ramp": {
            "start": (today + dt.timedelta(days=7)).isoformat(),
            "weeks": [
                {"hours_per_day": 3, "days_per_week": 3},
                {"hours_per_day": 4.5, "days_per_week": 4},
            ],
        },
    }
    body.update(extra)
    return body


def test_the_current_version_carries_the_contract_and_the_draft_etag(client, login, cast):
    meeting, decisions = held_meeting(cast.alice, cast.anna)
    from roundtable.plans.content import GoalData

    save_plan(
        cast.alice,
        cast.anna,
        meeting_id=meeting.pk,
        goals=[
            GoalData(
                kind="framework",
                owner_sector="shared",
                text=SHARED_GOAL,
                status="in_progress",
                decision_ids=(decisions[0].pk,),
            )
        ],
    )
    publish(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": "Draft after publishing"})
    login(cast.bob)
    response = client.get(_url(cast))
    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    body = response.json()
    assert body["version"] == 1 and body["published_at"]
    [goal] = body["goals"]
    assert {k: goal[k] for k in ("kind", "owner_sector", "text", "status")} == {
        "kind": "framework",
        "owner_sector": "shared",
        "text": SHARED_GOAL,
        "status": "in_progress",
    }
    assert goal["decisions"] == [{"id": str(decisions[0].pk), "title": decisions[0].title}]
    assert [w["weekly_hours"] for w in body["ramp"]["weeks"]] == [9, 12, 16, 24]
    assert "Draft after publishing" not in response.content.decode()


def test_nothing_published_yet_is_404_with_a_reason(client, login, cast):
    login(cast.alice)
    response = client.get(_url(cast))
    assert response.status_code == 404
    assert response.json()["detail"] == "Nothing is published yet."


def test_versions_list_and_one_version(client, login, cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": "Second"})
    publish(cast.alice, cast.anna)
    login(cast.alice)
    listing = client.get(_url(cast, "/versions")).json()
    assert [v["version"] for v in listing] == [2, 1]
    one = client.get(_url(cast, "/versions/1"))
    assert one.status_code == 200 and one.json()["version"] == 1
    assert client.get(_url(cast, "/versions/7")).status_code == 404
    assert client.get(_url(cast, "/versions/0")).status_code == 404


def test_the_pdf_endpoint_gives_a_pdf(client, login, cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    login(cast.anna)
    response = client.get(_url(cast, "/pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_draft_get_put_publish_with_etags(client, login, cast):
    login(cast.alice)
    response = client.get(_url(cast, "/draft"))
    assert response.status_code == 200 and response["ETag"] == '"0"'
    saved = _send(client, "put", _url(cast, "/draft"), _draft_body(), etag='"0"')
    assert saved.status_code == 200, saved.content
    assert saved["ETag"] == '"1"'
    assert saved.json()["goals"][0]["text"] == SHARED_GOAL
    published = _send(client, "post", _url(cast, "/publish"), etag=saved["ETag"])
    assert published.status_code == 201, published.content
    assert published.json()["version"] == 1


def test_a_write_without_if_match_is_428(client, login, cast):
    login(cast.alice)
    response = _send(client, "put", _url(cast, "/draft"), _draft_body())
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert _send(client, "post", _url(cast, "/publish")).status_code == 428
    assert not JointPlan.objects.exists()


def test_two_clients_write_at_once_and_the_second_gets_412(client, login, cast):
    save_plan(cast.alice, cast.anna)
    login(cast.alice)
    etag = client.get(_url(cast, "/draft"))["ETag"]
    from django.test import Client

    bob = Client()
    bob.force_login(cast.bob.user)
    bob_etag = bob.get(_url(cast, "/draft"))["ETag"]
    assert etag == bob_etag == '"1"'
    first = _send(client, "put", _url(cast, "/draft"), _draft_body(overall_plan="Alice"), etag)
    assert first.status_code == 200 and first["ETag"] == '"2"'
    second = _send(bob, "put", _url(cast, "/draft"), _draft_body(overall_plan="Bob"), bob_etag)
    assert second.status_code == 412
    assert second.json()["current_revision"] == 2
    assert "Someone else saved the plan first" in second.json()["detail"]
    assert JointPlan.objects.get().sections.get(kind="overall").text == "Alice"
    stale_publish = _send(bob, "post", _url(cast, "/publish"), etag=bob_etag)
    assert stale_publish.status_code == 412
    assert _send(bob, "put", _url(cast, "/draft"), _draft_body(), etag='"junk"').status_code == 412
    assert not PlanVersion.objects.exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {"ramp": {"start": "2030-01-07", "weeks": [{"hours_per_day": 9, "days_per_week": 5}]}},
            "more than the maximum of 37 hours",
        ),
        (
            {
                "ramp": {
                    "start": "2030-01-07",
                    "weeks": [
                        {"hours_per_day": 4, "days_per_week": 4},
                        {"hours_per_day": 2, "days_per_week": 4},
                    ],
                }
            },
            "fewer hours than the week before",
        ),
        (
            {"ramp": {"start": "2030-01-07", "weeks": [{"hours_per_day": 4, "days_per_week": 8}]}},
            "days per week must be from 1 to 7",
        ),
        (
            {
                "ramp": {
                    "start": "2030-01-07",
                    "weeks": [{"hours_per_day": 1e300, "days_per_week": 1}],
                }
            },
            "hours per day must be from 0 to 24",
        ),
        ({"goals": [{"kind": "wish", "owner_sector": "shared", "text": "x"}]}, "kind of goal"),
        ({"review_on": "0001-01-01"}, "within ten years"),
        ({"care_manager_plan": "I am the employment consultant"}, "not shared with you"),
        ({"overall_plan": "nul \u0000 byte"}, "control character"),
    ],
)
def test_bad_input_is_400_with_the_reason_and_nothing_saved(client, login, cast, change, reason):
    login(cast.bob)
    response = _send(client, "put", _url(cast, "/draft"), _draft_body(**change), etag='"0"')
    assert response.status_code == 400, response.content
    assert reason in response.json()["detail"]
    assert not JointPlan.objects.exists()


def test_publishing_an_empty_plan_is_400(client, login, cast):
    login(cast.alice)
    response = _send(client, "post", _url(cast, "/publish"), etag='"0"')
    assert response.status_code == 400
    assert "The plan is empty" in response.json()["detail"]


def test_the_citizen_reads_published_versions_and_answers_but_never_the_draft(client, login, cast):
    save_plan(
        cast.alice,
        cast.anna,
        sections={"overall": "We start slowly.", "care_manager": CARE_MANAGER_SECTION},
    )
    publish(cast.alice, cast.anna)
    login(cast.anna)
    assert client.get(_url(cast)).status_code == 200
    assert client.get(_url(cast, "/versions")).status_code == 200
    assert client.get(_url(cast, "/draft")).status_code == 404
    assert _send(client, "put", _url(cast, "/draft"), _draft_body(), etag='"1"').status_code == 404
    assert _send(client, "put", _url(cast, "/draft"), _draft_body()).status_code == 404
    assert _send(client, "post", _url(cast, "/publish"), etag='"1"').status_code == 404
    answer = _send(
        client,
        "post",
        _url(cast, "/versions/1/response"),
        {"agreement": "agree", "comment": "Good plan."},
    )
    assert answer.status_code == 201
    assert answer.json()["agreement"] == "agree"
    bad = _send(client, "post", _url(cast, "/versions/1/response"), {"agreement": "maybe"})
    assert bad.status_code == 400
    # Only their own plan.
    bent = _send(
        client,
        "post",
        f"/api/v1/citizens/{cast.bent.pk}/joint-plan/versions/1/response",
        {"agreement": "agree"},
    )
    assert bent.status_code == 404
    assert PlanResponse.objects.count() == 1


def test_professionals_see_the_answers_but_do_not_answer(client, login, cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    from roundtable.meetings.testing import actor_of
    from roundtable.plans import services

    services.plan_response_add(
        actor=actor_of(cast.anna),
        citizen_id=cast.anna.pk,
        number=1,
        agreement="not_yet",
        comment="Too fast",
    )
    login(cast.bob)
    body = client.get(_url(cast, "/versions/1")).json()
    assert body["responses"][0]["comment"] == "Too fast"
    assert client.get(_url(cast, "/versions")).json()[0]["agreement"] == "not_yet"
    answer = _send(client, "post", _url(cast, "/versions/1/response"), {"agreement": "agree"})
    assert answer.status_code == 403


def test_the_employment_consultant_gets_no_care_manager_section_in_the_api(client, login, cast):
    save_plan(
        cast.alice, cast.anna, sections={"overall": "x", "care_manager": CARE_MANAGER_SECTION}
    )
    publish(cast.alice, cast.anna)
    login(cast.bob)
    for rest in ("", "/versions/1", "/draft"):
        response = client.get(_url(cast, rest))
        assert "boundary-setting" not in response.content.decode(), rest
        kinds = [s["kind"] for s in response.json()["sections"]]
        assert "care_manager" not in kinds
    login(cast.alice)
    assert "boundary-setting" in client.get(_url(cast)).content.decode()


def test_the_supervisor_reads_the_draft_but_may_not_write(client, login, cast):
    save_plan(cast.alice, cast.anna)
    login(cast.sam)
    etag = client.get(_url(cast, "/draft"))["ETag"]
    response = _send(client, "put", _url(cast, "/draft"), _draft_body(), etag=etag)
    assert response.status_code == 403
    assert _send(client, "post", _url(cast, "/publish"), etag=etag).status_code == 403


@pytest.mark.parametrize(
    "change",
    [
        {"ramp": "abc"},
        {"ramp": 12345},
        {"ramp": ["a"]},
        {"ramp": {"start": None, "weeks": ["abc"]}},
        {"goals": ["text"]},
        {"goals": [7]},
    ],
)
def test_a_wrong_json_type_is_422_and_changes_nothing(client, login, cast, change):
    """Issue 10 #20: `{"ramp": "abc"}` answered 200 and wiped the ramp."""
    login(cast.alice)
    saved = _send(client, "put", _url(cast, "/draft"), _draft_body(), etag='"0"')
    assert saved.status_code == 200, saved.content
    before = client.get(_url(cast, "/draft")).json()
    response = _send(client, "put", _url(cast, "/draft"), change, etag=saved["ETag"])
    assert response.status_code == 422, response.content
    assert "Send a JSON object here" in response.content.decode()
    after = client.get(_url(cast, "/draft"))
    assert after.json() == before
    assert after["ETag"] == saved["ETag"]


@pytest.mark.parametrize("body", ['"abc"', "12345", "[]", "null"])
def test_a_body_that_is_not_an_object_is_422_and_changes_nothing(client, login, cast, body):
    login(cast.alice)
    saved = _send(client, "put", _url(cast, "/draft"), _draft_body(), etag='"0"')
    before = client.get(_url(cast, "/draft")).json()
    response = client.put(
        _url(cast, "/draft"),
        data=body,
        content_type="application/json",
        HTTP_IF_MATCH=saved["ETag"],
    )
    assert response.status_code in (400, 422), response.content
    assert client.get(_url(cast, "/draft")).json() == before
