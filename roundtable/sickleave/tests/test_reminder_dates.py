"""A reminder e-mail gives its date the way the recipient reads dates (issue 10, finding 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from roundtable.sickleave.reminders import notifications_email, reminders_run
from roundtable.sickleave.testing import course_with_milestone_on


@pytest.mark.django_db
def test_a_danish_reminder_writes_the_date_in_danish(cast):
    cast.bob.user.email = "bob@example.org"
    cast.bob.user.language = "da"
    cast.bob.user.save()
    due = timezone.localdate() + dt.timedelta(days=1)
    course_with_milestone_on(cast, "dk.first_followup_due", due, "Remind Me")
    reminders_run(today=timezone.localdate())
    notifications_email()
    message = mail.outbox[0]
    assert due.isoformat() not in message.subject + message.body
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
              "september", "oktober", "november", "december"]  # fmt: skip
    assert f"{due.day}. {months[due.month - 1]} {due.year}" in message.body
