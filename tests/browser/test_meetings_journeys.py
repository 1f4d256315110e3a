"""The roundtable meeting in a real browser: the care manager schedules it, the citizen prepares,
the team logs ten decisions with options and writes minutes, and the citizen reads them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from roundtable.meetings.models import Decision, Meeting

pytestmark = pytest.mark.browser

ALICE = "alice.andersen"
ANNA = "anna.secretperson"
PURPOSE = "We make a plan for your first weeks back at the bakery."
ANSWER = "Sleeping through the night, and not rushing back."
MINUTES = "We agreed that Anna starts with ten hours a week. We meet again in a month."

# Nine decisions logged through the service, of several types, each with options.
MORE_DECISIONS = [
    ("course_content", "individual_focus", "What should we focus on first?", "made"),
    ("course_content", "activities", "Which activity helps most?", "made"),
    ("course_content", "planning_meetings", "How often do we meet?", "made"),
    ("return_to_work", "job_function_and_tasks", "Which tasks at first?", "made"),
    ("return_to_work", "stepped_return_to_work", "How many hours in the first weeks?", "made"),
    ("collaboration", "employer_and_colleagues", "What do we tell the workplace?", "made"),
    ("collaboration", "family_and_friends", "Should Per come next time?", "made"),
    ("goals", "temporary_goals", "A goal for the next month", "made"),
    ("excluded", "outside_the_framework", "Extra therapy sessions", "excluded"),
]


def test_a_roundtable_meeting_from_scheduling_to_minutes(
    page: Page, cast, sign_in, sign_out, htmx_settled, log_decisions, screenshot
):
    today = timezone.localdate()

    # The care manager schedules the meeting from the citizen's meetings page.
    sign_in(ALICE)
    page.goto(f"/citizens/{cast.anna.pk}/meetings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Roundtable meetings")
    page.get_by_role("link", name="Schedule a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule a roundtable meeting")
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("Starts at").fill("08:00")
    page.get_by_label("Ends at").fill("09:00")
    page.get_by_label("Place (optional)", exact=True).fill("Jobcentre North, room 4")
    page.get_by_role("textbox", name="What the meeting is for").fill(PURPOSE)
    screenshot("meeting-schedule")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_text("The meeting is scheduled.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Roundtable meeting")
    meeting = Meeting.objects.get()
    meeting_url = page.url
    assert meeting_url.endswith(f"/meetings/{meeting.pk}/")
    sign_out()

    # The citizen reads the preparation in plain words and answers a prompt.
    sign_in(ANNA)
    page.goto("/me/meetings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your meetings")
    page.get_by_role("link", name="Get ready for this meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get ready for your meeting")
    expect(page.get_by_text(PURPOSE)).to_be_visible()
    expect(page.get_by_text("The jobcentre decides that, under the law.")).to_be_visible()
    expect(page.get_by_text("Alice Andersen")).to_be_visible()
    page.get_by_label("What matters most to you right now?").fill(ANSWER)
    screenshot("meeting-preparation")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Thank you. Your answers are saved.")).to_be_visible()
    expect(page.get_by_label("What matters most to you right now?")).to_have_value(ANSWER)
    sign_out()

    # The care manager sees the answer on the agenda.
    sign_in(ALICE)
    page.goto(meeting_url)
    preparation = page.locator("section", has=page.get_by_role("heading", name="preparation"))
    expect(preparation.get_by_text(ANSWER)).to_be_visible()

    # One decision through the page: the type narrows the subtypes and fills in the zone.
    page.get_by_text("Log a decision", exact=True).click()
    with page.expect_request(re.compile(r"/meetings/decision-fields/")) as swap:
        page.get_by_label("Type of decision").select_option(label="Return-to-work process")
    assert swap.value.headers.get("hx-request") == "true"  # htmx, not a page load
    assert "csrfmiddlewaretoken" not in swap.value.url
    subtype = page.get_by_label("Subtype")
    expect(subtype.locator("option", has_text="Temporary goals")).to_have_count(0)
    expect(page.get_by_label("Who decides")).to_have_value("joint")
    htmx_settled()
    subtype.select_option(label="Fitness for duty (benefit ends)")
    # Benefit eligibility is the employment consultant's by law: the zone says so by itself.
    expect(page.get_by_label("Who decides")).to_have_value("employment_consultant")
    htmx_settled()
    page.get_by_label("What is to be decided").fill("When does the sickness benefit end?")
    page.get_by_label("Raised by").select_option(label="The employment consultant")
    page.get_by_label("Status").select_option(label="Postponed")
    page.get_by_label("Come back to it on (optional)").fill(
        (today + dt.timedelta(days=30)).isoformat()
    )
    page.get_by_role("button", name="Log the decision").click()
    expect(page.get_by_text("The decision is logged.")).to_be_visible()
    first = Decision.objects.get()
    assert first.zone == "employment_consultant" and first.subtype.slug == "fitness_for_duty"

    # Option talk, through the page: an option with its pros and cons.
    article = page.locator(f"#decision-{first.pk}")
    article.get_by_text("Add an option to").click()
    article.get_by_label("Option", exact=True).fill("Postpone the decision")
    article.get_by_label("Pros (optional)").fill("Time to recover first")
    article.get_by_label("Cons (optional)").fill("Uncertainty about money")
    article.get_by_role("button", name="Add the option").click()
    expect(page.get_by_text("The option is added.")).to_be_visible()
    expect(page.get_by_role("cell", name="Uncertainty about money")).to_be_visible()

    # Nine more decisions of several types, with options, through the service.
    log_decisions(cast.alice, meeting, MORE_DECISIONS)
    page.reload()
    expect(page.locator("article.decision")).to_have_count(10)
    expect(page.get_by_role("heading", name=re.compile(r"^Decision log"))).to_contain_text("(10)")

    # The meeting is held; the minutes are written in plain words.
    page.get_by_role("button", name="Mark the meeting as held").click()
    expect(page.get_by_text("The meeting is marked as held.")).to_be_visible()
    page.get_by_role("textbox", name="Minutes").fill(MINUTES)
    page.get_by_role("button", name="Save the minutes").click()
    expect(page.get_by_text("The minutes are saved.")).to_be_visible()
    expect(page.locator("#minutes div.minutes")).to_have_text(MINUTES)
    screenshot("meeting-page")
    sign_out()

    # The citizen reads the decisions and the minutes, and can change nothing.
    sign_in(ANNA)
    page.goto("/me/meetings/")
    page.locator(f"main a[href='/me/meetings/{meeting.pk}/']").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your meeting on")
    expect(page.get_by_role("heading", name="What was decided")).to_be_visible()
    expect(page.get_by_role("heading", name="How many hours in the first weeks?")).to_be_visible()
    later = page.locator("h2", has_text="What will be decided later")
    expect(later).to_be_visible()
    expect(page.get_by_role("heading", name="When does the sickness benefit end?")).to_be_visible()
    expect(page.get_by_text("Time to recover first")).to_be_visible()
    expect(page.get_by_text("This is outside what your course can offer.")).to_be_visible()
    expect(page.get_by_text(MINUTES)).to_be_visible()
    expect(page.locator("main form")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("Log a decision")
    expect(page.locator("body")).not_to_contain_text("Bent")
    screenshot("meeting-citizen-view")
