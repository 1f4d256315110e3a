"""Issue 13, 5: the deadline of the evidence is the writer's — the psychiatrist or psychologist
asked, not only the care manager — until it is answered; overdue evidence is a team risk."""

import datetime as dt

import pytest
from django.urls import reverse

from roundtable.accounts.actor import actor_for_user
from roundtable.sickleave import services
from roundtable.sickleave.reminders import reminders_scan
from roundtable.sickleave.selectors import (
    deadline_list,
    notice_rows,
    reassessment_risk_list,
    reminder_list,
)
from roundtable.sickleave.testing import ask_for_evidence, share_capacity, write_note

pytestmark = pytest.mark.django_db


def _evidence(who, today=None):
    found = deadline_list(actor=actor_for_user(who.user), today=today or dt.date.today())
    return [(bucket, d) for bucket, d in found.all() if d.kind == "evidence"]


def test_evidence_asked_of_the_psychiatrist_is_on_his_deadlines_not_the_care_managers(cast):
    request = ask_for_evidence(cast, cast.sam, days=20)
    (bucket, deadline), *rest = _evidence(cast.sam)
    assert not rest and bucket == "later"
    assert deadline.course == cast.anna_course and deadline.evidence_request_id == request.pk
    assert deadline.url == reverse("sickleave:evidence-note", args=[request.pk])
    assert _evidence(cast.alice) == []


def test_the_writer_is_told_at_once_and_reminded_before_the_due_date(cast):
    ask_for_evidence(cast, cast.sam, days=7)
    assert [r.notice.label for r in notice_rows(actor=actor_for_user(cast.sam.user))] == [
        "You are asked for medical evidence"
    ]
    reminders_scan(today=dt.date.today())
    reminders = reminder_list(actor=actor_for_user(cast.sam.user))
    assert [r.milestone_id.startswith("evidence:") for r in reminders] == [True]
    assert reminder_list(actor=actor_for_user(cast.alice.user)) == [] or all(
        not r.milestone_id.startswith("evidence:")
        for r in reminder_list(actor=actor_for_user(cast.alice.user))
    )


def test_the_deadline_stays_until_the_note_is_sent(cast):
    share_capacity(cast.anna)
    request = ask_for_evidence(cast, cast.sam)
    write_note(cast.sam, request, ready=True)
    assert len(_evidence(cast.sam)) == 1  # written but not sent: still due
    services.evidence_note_send(actor=actor_for_user(cast.sam.user), request_id=request.pk)
    assert _evidence(cast.sam) == []


def test_the_writers_deadline_page_links_to_the_note(client, login, cast):
    request = ask_for_evidence(cast, cast.sam, days=3)
    login(cast.sam)
    page = client.get(reverse("sickleave:deadlines")).content.decode()
    assert reverse("sickleave:evidence-note", args=[request.pk]) in page


def test_overdue_evidence_shows_in_the_team_leaders_reassessments_at_risk(client, login, cast):
    ask_for_evidence(cast, cast.sam, days=-2, asked_days_ago=14)
    rows = reassessment_risk_list(actor=actor_for_user(cast.tina.user), today=dt.date.today())
    assert [(r.course, r.evidence_overdue) for r in rows] == [(cast.anna_course, True)]
    login(cast.tina)
    page = client.get(reverse("sickleave:team-risks")).content.decode()
    assert "Anna Secretperson" in page and "Evidence overdue" in page
    # Overdue on the psychiatrist's own list too.
    assert [bucket for bucket, _ in _evidence(cast.sam)] == ["overdue"]


def test_evidence_sent_in_time_is_not_a_risk(cast):
    share_capacity(cast.anna)
    request = ask_for_evidence(cast, cast.sam, days=1)
    write_note(cast.sam, request)
    services.evidence_note_send(actor=actor_for_user(cast.sam.user), request_id=request.pk)
    later = dt.date.today() + dt.timedelta(days=5)
    assert reassessment_risk_list(actor=actor_for_user(cast.tina.user), today=later) == []


def test_another_teams_leader_never_sees_our_overdue_evidence(cast):
    from roundtable.testing import make_professional

    beta_leader = make_professional("Lis Leder", cast.region, "team_leader", (cast.beta,))
    ask_for_evidence(cast, cast.sam, days=-2, asked_days_ago=14)
    rows = reassessment_risk_list(actor=actor_for_user(beta_leader.user), today=dt.date.today())
    assert rows == []


def test_overdue_evidence_of_a_norwegian_course_is_a_risk_too_without_a_danish_reassessment(
    client, login, cast
):
    from roundtable.citizens.models import Course

    ask_for_evidence(cast, cast.sam, days=-2, asked_days_ago=14)
    Course.objects.filter(pk=cast.anna_course.pk).update(jurisdiction="no")
    rows = reassessment_risk_list(actor=actor_for_user(cast.tina.user), today=dt.date.today())
    assert [(r.course, r.reassessment, r.evidence_overdue) for r in rows] == [
        (cast.anna_course, None, True)
    ]
    login(cast.tina)
    page = client.get(reverse("sickleave:team-risks")).content.decode()
    assert "Anna Secretperson" in page
    # No Danish reassessment, so no "extension decided: no" in bold beside it.
    row = page.split("Anna Secretperson")[1].split("</tr>")[0]
    assert "<strong>no</strong>" not in row.split("</td>")[0] + row.split("</td>")[1]


def test_a_norwegian_course_without_overdue_evidence_is_not_listed(cast):
    from roundtable.citizens.models import Course

    ask_for_evidence(cast, cast.sam, days=20)
    Course.objects.filter(pk=cast.anna_course.pk).update(jurisdiction="no")
    assert reassessment_risk_list(actor=actor_for_user(cast.tina.user), today=dt.date.today()) == []
