"""Issue 10, finding 5: recording a past benefit period must not silently remove legal dates.

A citizen at week 25, still off sick: recording 9 June – 30 September (what has been paid so
far) made the reassessment and the job-clarification programme disappear, because the days after
30 September counted as unpaid. Days not yet recorded are not days back at work: the absence is
assumed to go on after the last recorded day until the employment consultant says the person was
back at work. A period that does move or remove a legal date says so before it is saved.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import formats
from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.sickleave.models import BenefitPeriod
from roundtable.sickleave.rules import milestones
from roundtable.sickleave.rules.base import PaidPeriod, milestone_changes, with_assumed_continuation
from roundtable.sickleave.selectors import course_milestones

D = dt.date.fromisoformat


@pytest.mark.django_db
def test_a_recorded_past_period_keeps_the_reassessment_of_someone_still_off_sick(cast):
    course = cast.anna_course
    course.first_absence_day = D("2026-06-09")
    course.referral_date = D("2026-06-20")
    course.save()
    today = D("2026-11-30")  # week 25
    before = {m.id: m.date for m in course_milestones(course, today=today)}
    BenefitPeriod.objects.create(
        course=course, start=D("2026-06-09"), end=D("2026-09-30"), recorded_by=cast.bob
    )
    course.refresh_from_db()
    after = {m.id: m.date for m in course_milestones(course, today=today)}
    assert after["dk.reassessment"] == D("2026-12-31") == before["dk.reassessment"]
    assert after["dk.job_clarification_start"] == D("2027-01-01")
    assert after == before


@pytest.mark.django_db
def test_back_at_work_after_the_period_does_end_the_absence(cast):
    course = cast.anna_course
    course.first_absence_day = D("2026-06-09")
    course.save()
    BenefitPeriod.objects.create(
        course=course,
        start=D("2026-06-09"),
        end=D("2026-09-30"),
        back_at_work=True,
        recorded_by=cast.bob,
    )
    ids = {m.id for m in course_milestones(course, today=D("2026-11-30"))}
    assert "dk.reassessment" not in ids


@pytest.mark.django_db
def test_a_period_that_removes_a_legal_date_says_so_before_it_is_saved(client, login, cast):
    login(cast.bob)
    first = cast.anna_course.first_absence_day = dt.date.today() - dt.timedelta(weeks=24)
    cast.anna_course.referral_date = first
    cast.anna_course.save()
    url = reverse("sickleave:period-new", args=[cast.anna.id])
    form = {
        "start": first.isoformat(),
        "end": (first + dt.timedelta(days=100)).isoformat(),
        "back_at_work": "on",
    }
    reassessment = {m.id: m.date for m in milestones("dk", first)}["dk.reassessment"]
    page = client.post(url, form).content.decode()
    assert BenefitPeriod.objects.count() == 0
    assert "Recording this period changes legal dates" in page
    assert "This removes “Sickness benefit is reassessed”" in page
    assert formats.date_format(reassessment, "DATE_FORMAT") in page
    confirm = re.search(r'name="confirm" value="([^"]+)"', page)
    assert confirm is not None
    # Changed after the warning: that period is checked again, not saved on the old "yes".
    longer = {**form, "end": (first + dt.timedelta(days=110)).isoformat()}
    again = client.post(url, {**longer, "confirm": confirm.group(1)}).content.decode()
    assert "Recording this period changes legal dates" in again
    assert BenefitPeriod.objects.count() == 0
    client.post(url, {**form, "confirm": confirm.group(1)})
    assert BenefitPeriod.objects.get().back_at_work


@pytest.mark.django_db
def test_a_period_that_changes_no_date_is_saved_at_once(client, login, cast):
    login(cast.bob)
    first = cast.anna_course.first_absence_day
    end = dt.date.today() - dt.timedelta(days=3)
    client.post(
        reverse("sickleave:period-new", args=[cast.anna.id]),
        {"start": first.isoformat(), "end": end.isoformat()},
    )
    assert BenefitPeriod.objects.filter(course=cast.anna_course, end=end).exists()


def test_milestone_changes_worked_example():
    before = milestones("dk", D("2026-06-09"), as_of=D("2026-11-30"))
    after = milestones("dk", D("2026-06-09"), [(D("2026-06-09"), D("2026-09-30"))])
    changes = {c.id: c for c in milestone_changes(before, after)}
    assert changes["dk.reassessment"].kind == "removed"
    assert changes["dk.reassessment"].before == D("2026-12-31")
    moved = milestone_changes(
        before,
        milestones(
            "dk", D("2026-06-09"), [(D("2026-06-09"), D("2026-07-31")), (D("2026-09-01"), None)]
        ),
    )
    reassessment = next(c for c in moved if c.id == "dk.reassessment")
    assert (reassessment.kind, reassessment.after) == ("moved", D("2027-01-31"))


firsts = st.dates(min_value=D("2024-01-01"), max_value=D("2030-12-31"))


@settings(max_examples=60, deadline=None)
@given(
    jurisdiction=st.sampled_from(["dk", "se", "no"]),
    first=firsts,
    recorded=st.integers(0, 400),
    later=st.integers(1, 400),
)
def test_recording_what_was_paid_so_far_changes_no_date(jurisdiction, first, recorded, later):
    """Splitting a continuing absence into 'recorded so far' and 'assumed since' is the same
    absence: every legal date stays where it was."""
    end = first + dt.timedelta(days=recorded)
    as_of = end + dt.timedelta(days=later)
    periods = with_assumed_continuation([PaidPeriod(first, end)], as_of)
    assert periods[-1] == PaidPeriod(end + dt.timedelta(days=1))
    continuous = milestones(jurisdiction, first, as_of=as_of)
    split = milestones(jurisdiction, first, periods, as_of=as_of)
    assert [(m.id, m.date) for m in split] == [(m.id, m.date) for m in continuous]
    assert milestone_changes(continuous, split) == []


@settings(max_examples=60, deadline=None)
@given(first=firsts, back=st.integers(0, 300), gap=st.integers(1, 200))
def test_changes_list_exactly_the_dates_that_differ(first, back, gap):
    before = milestones("dk", first)
    end = first + dt.timedelta(days=back)
    after = milestones("dk", first, [(first, end), (end + dt.timedelta(days=gap + 1), None)])
    old, new = {m.id: m.date for m in before}, {m.id: m.date for m in after}
    changed = {c.id for c in milestone_changes(before, after)}
    assert changed == {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    # A gap in payment never brings a legal date earlier.
    assert all(new[k] >= old[k] for k in old.keys() & new.keys())
