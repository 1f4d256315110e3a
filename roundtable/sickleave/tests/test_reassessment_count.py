"""Issue 10, finding 6: the reassessment explanation and its date must agree to a reader.

From a first absence day of 9 June a reader counting 22 weeks expects November and sees 31
December, because the employer period is not counted. The page shows the count itself.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import formats, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.sickleave.rules import dk, milestones

D = dt.date.fromisoformat


def test_worked_example_from_9_june():
    # Employer period 9 June – 8 July (30 days). Counted from 9 July: Jul 23, Aug 54, Sep 84,
    # Oct 115, Nov 145 → 20 weeks and 5 days on 30 November; the 155th day is 10 December.
    count = dk.reassessment_count(D("2026-06-09"), D("2026-11-30"))
    assert count.employer_period_end == D("2026-07-08")
    assert count.counting_from == D("2026-07-09")
    assert (count.counted_days, count.weeks, count.extra_days) == (145, 20, 5)
    assert count.trigger == D("2026-12-10")
    assert count.reassessment == D("2026-12-31")


def test_the_explanation_says_the_employer_period_does_not_count():
    with translation.override("en"):
        found = {m.id: m for m in milestones("dk", D("2026-06-09"))}
        text = str(found["dk.reassessment"].explanation)
    assert "more than 22 weeks" in text
    assert "The first 30 days of your sick leave do not count" in text
    with translation.override("en"):
        section_25 = {
            m.id: m for m in milestones("dk", D("2026-06-09"), params={"section_25": True})
        }
        assert "more than 26 weeks" in str(section_25["dk.reassessment"].explanation)


@settings(max_examples=80, deadline=None)
@given(first=st.dates(D("2015-01-01"), D("2030-12-31")), days=st.integers(0, 400))
def test_the_count_agrees_with_the_date(first, days):
    """The count on the trigger day is the first over 22 weeks, and the day before is not."""
    on = first + dt.timedelta(days=days)
    count = dk.reassessment_count(first, on)
    assert count.counting_from == first + dt.timedelta(days=30)
    assert count.reassessment == dk.reassessment(first)
    assert (count.counted_days > 154) == (on >= count.trigger)


@pytest.mark.django_db
def test_the_page_shows_the_weeks_paid_by_the_municipality_and_from_when(client, login, cast):
    login(cast.alice)
    first = cast.anna_course.first_absence_day
    page = client.get(reverse("sickleave:citizen", args=[cast.anna.id])).content.decode()
    assert "How the reassessment date is counted" in page
    assert "Paid by the municipality so far" in page
    start = formats.date_format(first + dt.timedelta(days=30), "DATE_FORMAT")
    assert f"Counted from {start}" in page
    assert "do not count: the employer pays them" in page


@pytest.mark.django_db
def test_the_citizen_sees_the_count_in_plain_words(client, login, cast):
    login(cast.anna)
    first = cast.anna_course.first_absence_day
    page = client.get(reverse("sickleave:my-timeline")).content.decode()
    start = formats.date_format(first + dt.timedelta(days=30), "DATE_FORMAT")
    assert "So far the municipality has paid you sickness benefit for" in page
    assert f"We count from {start}. The first 30 days do not count." in page
