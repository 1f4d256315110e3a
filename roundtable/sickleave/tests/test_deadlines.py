import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.accounts.actor import actor_for_user
from roundtable.sickleave.models import BenefitDecision
from roundtable.sickleave.selectors import deadline_list, reassessment_risk_list
from roundtable.sickleave.testing import course_with_milestone_on
from roundtable.testing import make_citizen, make_course

pytestmark = pytest.mark.django_db


def test_consultant_sees_overdue_this_week_and_next_week(cast):
    today = dt.date(2026, 11, 23)  # a Monday
    course_with_milestone_on(
        cast, "dk.first_followup_due", today - dt.timedelta(days=2), "Over Due"
    )
    course_with_milestone_on(
        cast, "dk.first_followup_due", today + dt.timedelta(days=3), "This Week"
    )
    course_with_milestone_on(
        cast, "dk.first_followup_due", today + dt.timedelta(days=9), "Next Week"
    )
    found = deadline_list(actor=actor_for_user(cast.bob.user), today=today)

    def names(rows) -> set[str]:
        created = {"Over Due", "This Week", "Next Week"}
        followups = [d for d in rows if d.milestone_id == "dk.first_followup_due"]
        return {d.course.citizen.full_name for d in followups} & created

    assert names(found.overdue) == {"Over Due"}
    assert names(found.this_week) == {"This Week"}
    assert names(found.next_week) == {"Next Week"}


def test_a_handled_deadline_stops_being_overdue(client, login, cast):
    today = dt.date.today()
    course = course_with_milestone_on(
        cast, "dk.first_followup_due", today - dt.timedelta(days=1), "Late Person"
    )
    login(cast.bob)
    page = client.get(reverse("sickleave:deadlines")).content.decode()
    assert "Late Person" in page
    client.post(
        reverse("sickleave:milestone-handled", args=[course.citizen_id]),
        {
            "milestone_id": "dk.first_followup_due",
            "due_on": (today - dt.timedelta(days=1)).isoformat(),
            "next": "deadlines",
        },
    )
    overdue = deadline_list(actor=actor_for_user(cast.bob.user), today=today).overdue
    followups = [d for d in overdue if d.milestone_id == "dk.first_followup_due"]
    assert "Late Person" not in {d.course.citizen.full_name for d in followups}


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def test_care_manager_sees_the_reassessment_but_not_the_employer_duties(cast):
    today = dt.date(2026, 11, 23)
    # The reassessment always falls on a month's last day (sygedagpengeloven § 24).
    course_with_milestone_on(cast, "dk.reassessment", dt.date(2026, 11, 30), "Soon Reassessed")
    mine = deadline_list(actor=actor_for_user(cast.alice.user), today=today)
    ids = {d.milestone_id for _, d in mine.all()}
    assert "dk.reassessment" in ids
    assert "dk.employer_absence_interview" not in ids


def test_team_leader_sees_reassessments_at_risk(client, login, cast):
    today = dt.date.today()
    soon = _month_end(today)  # within 6 weeks, whatever the day
    risky = course_with_milestone_on(cast, "dk.reassessment", soon, "Risky Person")
    safe = course_with_milestone_on(cast, "dk.reassessment", soon, "Prepared Person")
    BenefitDecision.objects.create(
        course=safe,
        kind="extension",
        ground=3,
        decided_on=today,
        evidence_received_on=today,
        decided_by=cast.bob,
    )
    from roundtable.sickleave.models import EvidenceRequest

    EvidenceRequest.objects.create(
        course=safe, requested_by=cast.bob, assignee=cast.alice, question="q", due_on=today
    )
    far = _month_end(_month_end(_month_end(soon + dt.timedelta(days=1)) + dt.timedelta(days=1)))
    course_with_milestone_on(cast, "dk.reassessment", far, "Far Person")
    rows = reassessment_risk_list(actor=actor_for_user(cast.tina.user), today=today)
    assert [r.course for r in rows] == [risky]
    login(cast.tina)
    page = client.get(reverse("sickleave:team-risks")).content.decode()
    assert "Risky Person" in page and "Prepared Person" not in page and "Far Person" not in page


def test_care_manager_has_no_team_risk_page(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("sickleave:team-risks")).status_code == 404


def test_deadline_page_queries_do_not_grow_with_the_caseload(client, login, cast):
    login(cast.bob)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("sickleave:deadlines")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(8):
        citizen = make_citizen(f"Many Deadline{i}", f"0707{i:02d}-{i:04d}")
        make_course(citizen, cast.alpha, cast.alice, cast.bob)
    # The page's one audit event is one statement on PostgreSQL and two on SQLite (the chain's
    # head, then the event: roundtable.audit.services).
    assert count() == few <= (12 if connection.vendor == "postgresql" else 13)


def test_api_lists_my_deadlines_with_buckets(client, login, cast):
    today = dt.date.today()
    course_with_milestone_on(
        cast, "dk.first_followup_due", today + dt.timedelta(days=1), "Api Person"
    )
    login(cast.bob)
    rows = client.get("/api/v1/me/deadlines").json()
    row = next(
        r
        for r in rows
        if r["citizen_name"] == "Api Person" and r["milestone_id"] == "dk.first_followup_due"
    )
    assert row["bucket"] in ("this_week", "next_week")
    assert row["date"] == (today + dt.timedelta(days=1)).isoformat()
