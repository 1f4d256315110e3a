"""The access export: the citizen takes a complete copy of their data (JSON and PDF, access log
included); professionals get what they may read; another team gets 404 and nothing."""

import json

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.meetings import services as meeting_services
from roundtable.meetings.testing import actor_of, log_decision, schedule
from roundtable.testing import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna_history(cast):
    meeting = schedule(cast.alice, cast.anna, purpose="Talk about the bakery.")
    log_decision(cast.bob, meeting, title="Which tasks first?")
    meeting_services.minutes_save(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, text="Anna starts with the ovens."
    )
    return meeting


def _json(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_citizen_gets_everything_with_who_looked(client, login, cast, anna_history):
    login(cast.alice)
    client.get(reverse("workspace:citizen", args=[cast.anna.pk]))  # Alice opens the record
    login(cast.anna)
    data = _json(client.get(reverse("exports:json", args=[cast.anna.pk])))
    assert data["citizen"]["given_name"] == "Anna"
    assert data["citizen"]["national_id"] == cast.anna.national_id
    course = data["courses"][0]
    assert course["diagnosis_group"]  # the citizen's own diagnosis is theirs to see
    meeting = course["sections"]["meetings"][0]
    assert meeting["purpose"] == "Talk about the bakery."
    assert meeting["decisions"][0]["what_is_to_be_decided"] == "Which tasks first?"
    assert meeting["minutes"] == "Anna starts with the ovens."
    assert course["sections"]["sick_leave"]["milestones"]
    who = {(entry["who"], entry["what"]) for entry in data["access_log"]}
    assert (cast.alice.user.display_name, "looked at your record") in who
    event = AuditEvent.objects.filter(object_type="access_export").get()
    assert (event.action, event.outcome, event.citizen_id) == (
        AuditAction.EXPORT,
        AuditOutcome.ALLOWED,
        cast.anna.pk,
    )


def test_the_citizen_reads_the_pdf(client, login, cast, anna_history):
    login(cast.anna)
    response = client.get(reverse("exports:pdf", args=[cast.anna.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "A copy of your data" in text
    assert "Anna starts with the ovens." in text
    assert "Who has looked at your record" in text
    assert AuditEvent.objects.filter(object_type="access_export", action=AuditAction.PRINT).exists()


def test_the_citizen_cannot_export_someone_else(client, login, cast):
    login(cast.anna)
    for name in ("exports:json", "exports:pdf"):
        response = client.get(reverse(name, args=[cast.bent.pk]))
        assert response.status_code == 404
        assert b"Bent" not in response.content


def test_the_employment_consultant_gets_no_diagnosis_national_id_or_access_log(
    client, login, cast, anna_history
):
    login(cast.bob)
    data = _json(client.get(reverse("exports:json", args=[cast.anna.pk])))
    assert "national_id" not in data["citizen"]
    assert "access_log" not in data
    course = data["courses"][0]
    assert course["diagnosis_group"] is None
    assert cast.anna.national_id not in json.dumps(data)
    # The meeting was held with both sectors: its minutes are shared by default.
    assert course["sections"]["meetings"][0]["minutes"] == "Anna starts with the ovens."


def test_another_team_gets_404_and_nothing(client, login, cast, anna_history):
    login(cast.carol)
    for url in (
        reverse("exports:json", args=[cast.anna.pk]),
        reverse("exports:pdf", args=[cast.anna.pk]),
        f"/api/v1/citizens/{cast.anna.pk}/export",
        f"/api/v1/citizens/{cast.anna.pk}/export?format=pdf",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Anna" not in response.content and b"bakery" not in response.content
    refused = AuditEvent.objects.filter(object_type="access_export", outcome=AuditOutcome.DENIED)
    assert refused.count() == 4


def test_the_api_gives_json_and_pdf(client, login, cast, anna_history):
    login(cast.alice)
    data = _json(client.get(f"/api/v1/citizens/{cast.anna.pk}/export"))
    assert data["courses"][0]["sections"]["meetings"][0]["purpose"] == "Talk about the bakery."
    response = client.get(f"/api/v1/citizens/{cast.anna.pk}/export?format=pdf")
    assert response.content.startswith(b"%PDF")
    assert client.get(f"/api/v1/citizens/{cast.anna.pk}/export?format=xls").status_code == 422


def test_the_export_reads_a_bounded_number_of_queries(
    client, login, cast, django_assert_max_num_queries
):
    login(cast.anna)
    url = reverse("exports:json", args=[cast.anna.pk])
    log_decision(cast.alice, schedule(cast.alice, cast.anna))
    # One query per kind of record; 45 since the five kinds of IPS job-development records
    # (issue 12 §2), 46 since who takes part in a meeting from the responsibility group
    # (issue 13 §2), 47 since the summaries shared with outside members (issue 13 §2). The
    # second half checks that it does not grow with the data.
    with django_assert_max_num_queries(47) as one:
        client.get(url)
    for days in (8, 9, 10, 11):
        meeting = schedule(cast.alice, cast.anna, days_ahead=days)
        log_decision(cast.alice, meeting)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_my_data_page_is_the_citizens_only(client, login, cast):
    login(cast.anna)
    page = client.get(reverse("exports:my-data"))
    assert page.status_code == 200
    assert reverse("exports:pdf", args=[cast.anna.pk]).encode() in page.content
    login(cast.alice)
    assert client.get(reverse("exports:my-data")).status_code == 404
