"""The employment consultant records benefit periods and decisions and asks for evidence."""

import datetime as dt

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.sickleave.forms import BenefitPeriodForm
from roundtable.sickleave.models import BenefitDecision, BenefitPeriod, EvidenceRequest

pytestmark = pytest.mark.django_db


def _url(name, cast):
    return reverse(name, args=[cast.anna.id])


def test_consultant_records_an_interrupted_absence_and_the_timeline_follows(client, login, cast):
    login(cast.bob)
    absence = cast.anna_course.first_absence_day
    before = client.get(f"/api/v1/citizens/{cast.anna.id}/sickleave/milestones").json()
    client.post(
        _url("sickleave:period-new", cast),
        {
            "start": absence.isoformat(),
            "end": (absence + dt.timedelta(days=20)).isoformat(),
            "back_at_work": "on",
            # It moves legal dates; the page has asked (test_recorded_periods_keep_legal_dates).
            "confirm": BenefitPeriodForm.fingerprint(
                {"start": absence, "end": absence + dt.timedelta(days=20), "back_at_work": True}
            ),
        },
    )
    client.post(
        _url("sickleave:period-new", cast),
        {
            "start": (absence + dt.timedelta(days=50)).isoformat(),
            "confirm": BenefitPeriodForm.fingerprint(
                {"start": absence + dt.timedelta(days=50), "end": None, "back_at_work": False}
            ),
        },
    )
    assert BenefitPeriod.objects.filter(course=cast.anna_course).count() == 2
    after = client.get(f"/api/v1/citizens/{cast.anna.id}/sickleave/milestones").json()
    reassessment = {m["id"]: m["date"] for m in before}["dk.reassessment"]
    later = {m["id"]: m["date"] for m in after}["dk.reassessment"]
    # Four weeks back at work push the 22 paid weeks later, never earlier.
    assert later >= reassessment
    assert (
        AuditEvent.objects.filter(object_type="benefit_period", citizen_id=cast.anna.id).count()
        == 2
    )


def test_overlapping_periods_are_refused_with_a_reason(client, login, cast):
    login(cast.bob)
    absence = cast.anna_course.first_absence_day
    client.post(_url("sickleave:period-new", cast), {"start": absence.isoformat()})
    response = client.post(
        _url("sickleave:period-new", cast), {"start": (absence + dt.timedelta(days=3)).isoformat()}
    )
    assert response.status_code == 400
    assert "overlaps" in response.content.decode()
    assert BenefitPeriod.objects.count() == 1


def test_period_before_the_first_absence_is_refused(client, login, cast):
    login(cast.bob)
    early = cast.anna_course.first_absence_day - dt.timedelta(days=1)
    response = client.post(_url("sickleave:period-new", cast), {"start": early.isoformat()})
    assert response.status_code == 400
    assert "cannot start before the first day of absence" in response.content.decode()


def test_an_extension_needs_a_ground_and_medical_grounds_need_evidence(client, login, cast):
    login(cast.bob)
    today = dt.date.today().isoformat()
    no_ground = client.post(
        _url("sickleave:decision-new", cast), {"kind": "extension", "decided_on": today}
    )
    assert no_ground.status_code == 400
    assert "Choose the legal ground" in no_ground.content.decode()
    no_evidence = client.post(
        _url("sickleave:decision-new", cast),
        {"kind": "extension", "ground": "3", "decided_on": today},
    )
    assert no_evidence.status_code == 400
    assert "needs a medical assessment" in no_evidence.content.decode()
    ok = client.post(
        _url("sickleave:decision-new", cast),
        {
            "kind": "extension",
            "ground": "3",
            "decided_on": today,
            "evidence_received_on": today,
        },
    )
    assert ok.status_code == 302
    assert BenefitDecision.objects.get().ground == 3


def test_the_care_manager_cannot_make_benefit_decisions(client, login, cast):
    login(cast.alice)
    response = client.post(
        _url("sickleave:decision-new", cast),
        {
            "kind": "job_clarification",
            "decided_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 403
    assert not BenefitDecision.objects.exists()
    page = client.get(_url("sickleave:citizen", cast)).content.decode()
    assert "Record a decision" not in page


def test_asking_for_evidence_gives_the_care_manager_a_task(client, login, cast):
    login(cast.bob)
    due = dt.date.today() + dt.timedelta(days=3)
    response = client.post(
        _url("sickleave:evidence-new", cast),
        {
            "question": "Can Anna work 10 hours a week from next month?",
            "due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302
    task = EvidenceRequest.objects.get()
    assert (task.assignee, task.status) == (cast.alice, "open")
    login(cast.alice)
    deadlines = client.get(reverse("sickleave:deadlines")).content.decode()
    assert "Can Anna work 10 hours a week" in deadlines
    client.post(reverse("sickleave:evidence-done", args=[task.id]), {"next": "deadlines"})
    task.refresh_from_db()
    assert task.status == "done"


def test_evidence_due_in_the_past_is_refused(client, login, cast):
    login(cast.bob)
    response = client.post(
        _url("sickleave:evidence-new", cast),
        {
            "question": "q",
            "due_on": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "cannot be in the past" in response.content.decode()
    assert not EvidenceRequest.objects.exists()


def test_bad_dates_get_a_message_not_an_error(client, login, cast):
    login(cast.bob)
    response = client.post(_url("sickleave:period-new", cast), {"start": "2026-02-30"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
