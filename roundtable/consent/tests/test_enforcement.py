"""Consent enforced where people read: the citizen overview, the caseload, the API, meetings and
the sick-leave page. Revoking and expiry take effect on the very next request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.assessments.testing import fill_everything
from roundtable.audit.models import AuditEvent
from roundtable.care.testing import CAPACITY, THERAPY_NOTE
from roundtable.citizens.models import Course
from roundtable.consent.access import visible_data_classes_by_course
from roundtable.consent.testing import directive_create
from roundtable.meetings import services as meeting_services
from roundtable.meetings.testing import actor_of, log_decision, schedule
from roundtable.sickleave import services as sickleave_services
from roundtable.testing import make_citizen, make_course

pytestmark = pytest.mark.django_db

SHARE_DIAGNOSIS = [("permit", "sector", "employment", ["diagnosis", "functional_capacity"])]


def _bob_sees_diagnosis(client, cast) -> dict[str, bool]:
    detail = client.get(reverse("workspace:citizen", args=[cast.anna.id])).content.decode()
    caseload = client.get(reverse("workspace:caseload")).content.decode()
    api_detail = client.get(f"/api/v1/citizens/{cast.anna.id}").json()
    api_list = client.get("/api/v1/citizens").json()["items"]
    return {
        "detail": "Anxiety" in detail,
        "caseload": "Anxiety" in caseload,
        "api_detail": api_detail["courses"][0]["diagnosis_group"] == "anxiety",
        "api_list": any(c["diagnosis_group"] for i in api_list for c in i["courses"]),
    }


def test_employment_consultant_never_receives_the_diagnosis_without_consent(client, login, cast):
    fill_everything(cast)
    login(cast.bob)
    assert _bob_sees_diagnosis(client, cast) == dict.fromkeys(
        ("detail", "caseload", "api_detail", "api_list"), False
    )
    page = client.get(reverse("workspace:citizen", args=[cast.anna.id])).content.decode()
    assert THERAPY_NOTE not in page and CAPACITY not in page
    assert "Not shared." in page


def test_with_the_citizens_permit_the_diagnosis_and_capacity_are_shown(client, login, cast):
    fill_everything(cast)
    directive_create(cast.anna, SHARE_DIAGNOSIS)
    login(cast.bob)
    seen = _bob_sees_diagnosis(client, cast)
    assert seen["detail"] and seen["api_detail"] and seen["api_list"]
    assert not seen["caseload"]  # the caseload never lists diagnoses


def test_functional_capacity_is_shown_to_the_jobcentre_in_place_of_the_diagnosis(
    client, login, cast
):
    fill_everything(cast)
    directive_create(cast.anna, [("permit", "sector", "employment", ["functional_capacity"])])
    login(cast.bob)
    page = client.get(reverse("workspace:citizen", args=[cast.anna.id])).content.decode()
    assert CAPACITY in page and "Anxiety" not in page and THERAPY_NOTE not in page


def test_revoke_then_the_next_request_is_refused(client, login, cast):
    login(cast.anna)
    created = client.post(
        f"/api/v1/citizens/{cast.anna.id}/consents",
        {
            "provisions": [
                {
                    "type": "permit",
                    "recipient_kind": "sector",
                    "recipient": "employment",
                    "data_classes": ["diagnosis"],
                }
            ]
        },  # fmt: skip
        content_type="application/json",
    ).json()
    from django.test import Client

    bob = Client()
    bob.force_login(cast.bob.user)
    assert bob.get(f"/api/v1/citizens/{cast.anna.id}").json()["courses"][0]["diagnosis_group"]
    revoked = client.post(
        f"/api/v1/citizens/{cast.anna.id}/consents/{created['id']}/revoke",
        content_type="application/json",
    )
    assert revoked.status_code == 201
    # Same session of Bob's, very next request: gone.
    assert (
        bob.get(f"/api/v1/citizens/{cast.anna.id}").json()["courses"][0]["diagnosis_group"] is None
    )
    assert (
        "Anxiety" not in bob.get(reverse("workspace:citizen", args=[cast.anna.id])).content.decode()
    )


def test_expired_consent_shares_nothing(client, login, cast):
    today = timezone.localdate()
    directive_create(
        cast.anna,
        SHARE_DIAGNOSIS,
        start=today - dt.timedelta(days=10),
        end=today - dt.timedelta(days=1),
    )
    login(cast.bob)
    assert not any(_bob_sees_diagnosis(client, cast).values())


def test_consent_ending_today_still_counts_today(client, login, cast):
    today = timezone.localdate()
    directive_create(cast.anna, SHARE_DIAGNOSIS, start=today - dt.timedelta(days=10), end=today)
    login(cast.bob)
    assert _bob_sees_diagnosis(client, cast)["api_detail"]


def test_deny_for_one_organisation_beats_the_sector_permit(client, login, cast):
    directive_create(
        cast.anna,
        SHARE_DIAGNOSIS + [("deny", "organisation", cast.jobcentre_north, ["diagnosis"])],
    )
    login(cast.bob)
    assert not any(_bob_sees_diagnosis(client, cast).values())


def test_the_read_is_audited_with_its_consent_decision(client, login, cast):
    login(cast.bob)
    client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    event = AuditEvent.objects.filter(object_type="citizen", action="read").latest("id")
    assert event.consent_decision == "default:dk diagnosis=deny"
    directive_create(cast.anna, SHARE_DIAGNOSIS)
    client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    event = AuditEvent.objects.filter(object_type="citizen", action="read").latest("id")
    assert event.consent_decision == "directive:v1 diagnosis=permit"


def _held_meeting(cast):
    meeting = schedule(cast.alice, cast.anna)
    log_decision(cast.alice, meeting, title="Gentle start at the bakery")
    meeting_services.minutes_save(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, text="We agreed on mornings only."
    )
    return meeting


def test_denied_minutes_are_hidden_from_the_jobcentre_in_the_api(client, login, cast):
    meeting = _held_meeting(cast)
    directive_create(cast.anna, [("deny", "sector", "employment", ["meeting_minutes"])])
    login(cast.bob)
    body = client.get(f"/api/v1/meetings/{meeting.id}").json()
    assert body["minutes"] is None and body["decisions"] == [] and body["minutes_shared"] is False
    assert body["starts_at"]  # the time of the meeting is still there
    listing = client.get(f"/api/v1/citizens/{cast.anna.id}/meetings").json()
    assert listing[0]["decision_count"] == 0
    page = client.get(reverse("meetings:detail", args=[meeting.id])).content.decode()
    assert "We agreed on mornings only." not in page and "Gentle start" not in page
    # Health care and the citizen still read them.
    client.logout()
    login(cast.alice)
    assert client.get(f"/api/v1/meetings/{meeting.id}").json()["minutes"]
    client.logout()
    login(cast.anna)
    page = client.get(reverse("meetings:my-meeting", args=[meeting.id])).content.decode()
    assert "We agreed on mornings only." in page


def test_the_jobcentre_cannot_write_what_it_may_not_read(client, login, cast):
    meeting = _held_meeting(cast)
    directive_create(cast.anna, [("deny", "sector", "employment", ["meeting_minutes"])])
    login(cast.bob)
    page = client.get(reverse("meetings:detail", args=[meeting.id])).content.decode()
    assert "has not agreed to share the meeting" in page
    response = client.post(
        f"/api/v1/meetings/{meeting.id}/decisions",
        {"type": "course_content", "title": "Sneaked in", "raised_by": "employment_consultant"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "not agreed to share" in response.json()["detail"]
    assert not meeting.decisions.filter(title="Sneaked in").exists()


def test_a_denied_decision_is_404_by_its_own_address(cast):
    from django.http import Http404

    from roundtable.meetings import selectors as meeting_selectors

    meeting = _held_meeting(cast)
    decision = meeting.decisions.get()
    directive_create(cast.anna, [("deny", "sector", "employment", ["meeting_minutes"])])
    with pytest.raises(Http404):
        meeting_selectors.decision_get(
            actor=actor_of(cast.bob), meeting_id=meeting.pk, decision_id=decision.pk
        )
    assert meeting_selectors.decision_get(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, decision_id=decision.pk
    )


def test_benefit_decisions_reach_health_care_only_with_consent(client, login, cast):
    sickleave_services.benefit_decision_record(
        actor=actor_of(cast.bob),
        citizen_id=cast.anna.id,
        kind="job_clarification",
        decided_on=timezone.localdate(),
    )
    login(cast.alice)
    url = reverse("sickleave:citizen", args=[cast.anna.id])
    page = client.get(url).content.decode()
    assert "Transfer to the job-clarification programme" not in page
    assert "Not shared with your sector." in page
    directive_create(cast.anna, [("permit", "sector", "health", ["benefit_decision"])])
    assert "Transfer to the job-clarification programme" in client.get(url).content.decode()


def test_loading_consent_for_many_courses_takes_three_queries(cast, django_assert_max_num_queries):
    for n in range(30):
        citizen = make_citizen(f"Many{n} People", f"0101{n:02d}-0000")
        make_course(citizen, cast.alpha, cast.alice, cast.bob)
        directive_create(citizen, SHARE_DIAGNOSIS)
    courses = list(Course.objects.all())
    bob = actor_of(cast.bob)
    # The directives, and once (for team Beta's courses, not Bob's) his group memberships.
    with django_assert_max_num_queries(3):
        visible = visible_data_classes_by_course(bob, courses)
    assert sum("diagnosis" in v for v in visible.values()) == 30
