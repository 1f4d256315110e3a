"""The legal clock in a real browser: the employment consultant's deadline list and the
citizen's plain-language timeline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from roundtable.sickleave.testing import course_with_milestone_on

pytestmark = pytest.mark.browser

BOB = "bob.berg"
ANNA = "anna.secretperson"


def test_employment_consultant_works_through_the_deadline_list(
    page: Page, cast, sign_in, screenshot
):
    today = timezone.localdate()
    course_with_milestone_on(
        cast, "dk.first_followup_due", today - dt.timedelta(days=3), "Overdue Olsen"
    )
    course_with_milestone_on(
        cast, "dk.first_followup_due", today + dt.timedelta(days=8), "Upcoming Udsen"
    )
    sign_in(BOB)
    page.get_by_role("link", name="My deadlines").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My deadlines")

    overdue = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Overdue")))
    expect(
        overdue.get_by_role("row", name=re.compile("Overdue Olsen.*first follow-up", re.I))
    ).to_be_visible()
    upcoming = page.locator(
        "section", has=page.get_by_role("heading", name=re.compile("^(This|Next) week"))
    )
    expect(upcoming.get_by_text("Upcoming Udsen").first).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Bent Hiddenname")
    screenshot("deadlines")

    # The follow-up was held: mark it handled and it leaves the overdue list.
    row = overdue.get_by_role("row", name=re.compile("Overdue Olsen.*first follow-up", re.I))
    row.get_by_role("button", name=re.compile(r"^Mark as handled — ")).click()
    expect(page.get_by_text("The deadline is marked as handled.")).to_be_visible()
    overdue = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Overdue")))
    expect(
        overdue.get_by_role("row", name=re.compile("Overdue Olsen.*first follow-up", re.I))
    ).to_have_count(0)

    # From the list to the citizen's timeline, where the consultant can ask for evidence.
    upcoming.get_by_role("link", name="Upcoming Udsen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sick-leave timeline")
    expect(page.get_by_role("table", name="Legal milestones")).to_be_visible()
    page.get_by_text("Ask for medical evidence").click()
    page.get_by_label("What should the medical evidence answer?").fill(
        "Can work start at 10 hours a week?"
    )
    page.get_by_label("Needed by").fill((today + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Medical evidence has been asked for.")).to_be_visible()
    expect(page.get_by_text("Can work start at 10 hours a week?")).to_be_visible()


def test_citizen_reads_their_dates_in_plain_words(page: Page, cast, sign_in, screenshot):
    sign_in(ANNA)
    page.get_by_role("link", name="See your sick-leave dates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your sick-leave dates")
    expect(page.get_by_text("These dates come from the law.")).to_be_visible()
    expect(page.get_by_text("They are not anyone's judgement of you.", exact=False)).to_be_visible()
    steps = page.locator("ol.timeline > li")
    expect(steps.first).to_be_visible()
    assert steps.count() >= 4
    # The next step is marked, for eyes and for screen readers.
    expect(page.locator("ol.timeline > li[aria-current='step']")).to_have_count(1)
    expect(page.locator("body")).not_to_contain_text("Bent")
    screenshot("citizen-timeline")
