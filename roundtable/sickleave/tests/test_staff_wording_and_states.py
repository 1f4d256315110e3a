"""Issue 10, findings 10 and 13: professionals get their own wording, and a passed milestone
says whether it is overdue or done."""

import datetime as dt

import pytest
from django.urls import reverse

from roundtable.sickleave.models import MilestoneHandled
from roundtable.sickleave.testing import course_with_milestone_on

pytestmark = pytest.mark.django_db


def _week_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def test_my_deadlines_speaks_of_the_employer_not_your_employer(client, login, cast):
    today = dt.date.today()
    due = _week_start(today) + dt.timedelta(days=6)  # Sunday: always this week
    course_with_milestone_on(cast, "dk.employer_absence_interview", due, "Interview Person")
    login(cast.bob)
    page = client.get(reverse("sickleave:deadlines")).content.decode()
    assert "Interview Person" in page
    assert "The employer&#x27;s absence interview" in page
    assert "your employer" not in page.lower()


def test_the_extension_grounds_read_as_written_for_staff(client, login, cast):
    login(cast.bob)
    page = client.get(reverse("sickleave:citizen", args=[cast.anna.id])).content.decode()
    assert "7. The citizen has asked for the case" in page
    assert "You have asked" not in page


def test_the_staff_timeline_shows_the_citizens_words_only_as_theirs(client, login, cast):
    login(cast.alice)
    page = client.get(reverse("sickleave:citizen", args=[cast.anna.id])).content.decode()
    assert "What the citizen reads" in page
    assert "The employer&#x27;s absence interview" in page


def test_a_passed_duty_is_overdue_until_handled_then_done(client, login, cast):
    first = cast.anna_course.first_absence_day
    due = first + dt.timedelta(days=55)  # end of week 8: the first follow-up, passed
    login(cast.bob)
    url = reverse("sickleave:citizen", args=[cast.anna.id])
    page = client.get(url).content.decode()
    assert "Passed" not in page
    assert "Overdue: not marked as handled" in page
    MilestoneHandled.objects.create(
        course=cast.anna_course,
        milestone_id="dk.first_followup_due",
        due_on=due,
        handled_by=cast.bob,
    )
    page = client.get(url).content.decode()
    assert "Done: marked as handled" in page
