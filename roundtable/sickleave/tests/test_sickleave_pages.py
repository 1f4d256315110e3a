import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.sickleave.models import BenefitDecision, BenefitPeriod, EvidenceRequest

pytestmark = pytest.mark.django_db


def _page(client, cast):
    return client.get(reverse("sickleave:citizen", args=[cast.anna.id]))


def test_both_sectors_see_the_same_legal_timeline(client, login, cast):
    login(cast.alice)
    health = _page(client, cast).content.decode()
    login(cast.bob)
    jobcentre = _page(client, cast).content.decode()
    for page in (health, jobcentre):
        assert "Legal milestones" in page
        assert "Sygedagpengeloven § 24" in page
        assert "Sickness benefit is reassessed" in page


def test_only_the_consultant_gets_the_recording_forms(client, login, cast):
    login(cast.bob)
    page = _page(client, cast).content.decode()
    assert "Record a benefit period" in page and "Record a decision" in page
    assert "Ask for medical evidence" in page
    login(cast.alice)
    page = _page(client, cast).content.decode()
    assert "Record a decision" not in page and "Record a benefit period" not in page


def test_the_care_manager_marks_requested_evidence_as_sent(client, login, cast):
    request = EvidenceRequest.objects.create(
        course=cast.anna_course,
        requested_by=cast.bob,
        assignee=cast.alice,
        question="How many hours can Anna work?",
        due_on=dt.date.today() + dt.timedelta(days=5),
    )
    login(cast.alice)
    page = _page(client, cast).content.decode()
    assert "How many hours can Anna work?" in page and "Mark as sent" in page
    response = client.post(reverse("sickleave:evidence-done", args=[request.id]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "done"


def test_the_consultant_cannot_mark_evidence_as_sent(client, login, cast):
    request = EvidenceRequest.objects.create(
        course=cast.anna_course,
        requested_by=cast.bob,
        assignee=cast.alice,
        question="q",
        due_on=dt.date.today(),
    )
    login(cast.bob)
    assert client.post(reverse("sickleave:evidence-done", args=[request.id])).status_code == 403
    request.refresh_from_db()
    assert request.status == "open"


def test_timeline_page_queries_do_not_grow_with_records(client, login, cast):
    login(cast.bob)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert _page(client, cast).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    absence = cast.anna_course.first_absence_day
    for i in range(4):
        start = absence + dt.timedelta(days=10 * i)
        BenefitPeriod.objects.create(
            course=cast.anna_course,
            start=start,
            end=start + dt.timedelta(days=5),
            recorded_by=cast.bob,
        )
        BenefitDecision.objects.create(
            course=cast.anna_course,
            kind="benefit_ends",
            decided_on=start,
            decided_by=cast.bob,
        )
        EvidenceRequest.objects.create(
            course=cast.anna_course,
            requested_by=cast.bob,
            assignee=cast.alice,
            question=f"q{i}",
            due_on=start,
        )
    assert count() == few <= 14


def test_api_milestones_have_the_cli_shape(client, login, cast):
    login(cast.bob)
    rows = client.get(f"/api/v1/citizens/{cast.anna.id}/sickleave/milestones").json()
    assert rows and set(rows[0]) == {"id", "date", "label", "legal_ref"}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert "dk.reassessment" in {r["id"] for r in rows}


def test_swedish_and_norwegian_courses_follow_their_own_law(client, login, cast):
    cast.anna_course.jurisdiction = "se"
    cast.anna_course.save()
    login(cast.bob)
    ids = {
        r["id"] for r in client.get(f"/api/v1/citizens/{cast.anna.id}/sickleave/milestones").json()
    }
    assert {"se.day_90", "se.day_180"} <= ids and "dk.reassessment" not in ids
    cast.anna_course.jurisdiction = "no"
    cast.anna_course.save()
    ids = {
        r["id"] for r in client.get(f"/api/v1/citizens/{cast.anna.id}/sickleave/milestones").json()
    }
    assert {"no.activity_requirement", "no.max_date"} <= ids
