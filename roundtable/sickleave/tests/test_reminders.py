"""Reminders before deadlines: idempotent, so a restarted worker never reminds twice."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from roundtable.sickleave.models import EvidenceRequest, Notification, ReminderRun
from roundtable.sickleave.reminders import lead_time, notifications_email, reminders_run
from roundtable.sickleave.testing import course_with_milestone_on


def _course_due_in(cast, days: int, milestone_id: str = "dk.first_followup_due"):
    due = timezone.localdate() + dt.timedelta(days=days)
    return course_with_milestone_on(cast, milestone_id, due, "Remind Me")


def test_lead_time_picks_the_nearest_that_applies():
    assert lead_time(5, [7, 1]) == 7
    assert lead_time(1, [7, 1]) == 1
    assert lead_time(0, [7, 1]) == 1
    assert lead_time(8, [7, 1]) is None
    assert lead_time(-1, [7, 1]) is None


@given(st.integers(-30, 30), st.lists(st.integers(0, 20), min_size=1, max_size=4))
def test_lead_time_is_never_shorter_than_the_time_left(days, leads):
    lead = lead_time(days, leads)
    if lead is not None:
        assert 0 <= days <= lead


def test_worker_restarted_the_same_day_never_reminds_twice(transactional_db, cast):
    cast.bob.user.email = "bob@example.org"
    cast.bob.user.save()
    _course_due_in(cast, 5)
    call_command("worker", "--once")
    first_notifications = Notification.objects.count()
    first_mails = len(mail.outbox)
    assert first_notifications >= 1
    assert first_mails == first_notifications
    # The worker dies and starts again: the scan, the notifications and the mails stay as they were.
    ReminderRun.objects.update(finished_at=None, started_at=timezone.now() - dt.timedelta(hours=2))
    call_command("worker", "--once")
    call_command("worker", "--once")
    assert Notification.objects.count() == first_notifications
    assert len(mail.outbox) == first_mails


@pytest.mark.django_db
def test_a_second_scan_on_the_same_day_is_skipped(cast):
    _course_due_in(cast, 5)
    today = timezone.localdate()
    assert reminders_run(today=today) >= 1
    assert reminders_run(today=today) is None


@pytest.mark.django_db
def test_the_scan_itself_is_idempotent(cast):
    from roundtable.sickleave.reminders import reminders_scan

    _course_due_in(cast, 1)
    today = timezone.localdate()
    created = reminders_scan(today=today)
    assert created >= 1
    assert reminders_scan(today=today) == 0


@pytest.mark.django_db
def test_an_e_mail_is_sent_once_and_names_no_one(cast):
    cast.bob.user.email = "bob@example.org"
    cast.bob.user.save()
    _course_due_in(cast, 1)
    reminders_run(today=timezone.localdate())
    sent = notifications_email()
    assert sent == len(mail.outbox) >= 1
    assert notifications_email() == 0
    message = mail.outbox[0]
    assert "Remind" not in message.subject + message.body
    assert "Secretperson" not in message.body


@pytest.mark.django_db
def test_the_care_manager_is_reminded_of_evidence_due(cast):
    course = _course_due_in(cast, 30)
    EvidenceRequest.objects.create(
        course=course,
        requested_by=cast.bob,
        assignee=cast.alice,
        question="q",
        due_on=timezone.localdate() + dt.timedelta(days=1),
    )
    reminders_run(today=timezone.localdate())
    assert Notification.objects.filter(
        recipient=cast.alice.user, milestone_id__startswith="evidence:"
    ).exists()


@pytest.mark.django_db
def test_closed_courses_get_no_reminders(cast):
    course = _course_due_in(cast, 1)
    course.status = "completed"
    course.save()
    reminders_run(today=timezone.localdate())
    assert not Notification.objects.filter(course=course).exists()


@pytest.mark.django_db
def test_reminders_show_in_the_app_until_read(client, login, cast):
    from django.urls import reverse

    _course_due_in(cast, 1)
    reminders_run(today=timezone.localdate())
    login(cast.bob)
    page = client.get(reverse("sickleave:deadlines")).content.decode()
    assert "New for you" in page and "First follow-up interview at the jobcentre" in page
    client.post(reverse("sickleave:reminders-read"))
    assert "New for you" not in client.get(reverse("sickleave:deadlines")).content.decode()


@pytest.mark.django_db
def test_reminders_of_a_course_one_no_longer_sees_are_hidden(client, login, cast):
    from django.urls import reverse

    course = _course_due_in(cast, 1)
    reminders_run(today=timezone.localdate())
    course.employment_consultant = cast.dave
    course.save()
    login(cast.bob)
    assert "Remind Me" not in client.get(reverse("sickleave:deadlines")).content.decode()
