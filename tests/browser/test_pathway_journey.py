"""The integrated pathway in a real browser (issue 3, done-when): the care manager and the
employment consultant schedule a roundtable meeting; the citizen reads the preparation and
answers the prompts; the meeting is held with at least ten decisions of several types with
options; the joint plan is written and published; the citizen comments and agrees; the PDF
downloads."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from roundtable.meetings.models import Decision, Meeting
from roundtable.plans.models import JointPlan, PlanResponse, PlanVersion

pytestmark = pytest.mark.browser

ALICE = "alice.andersen"
BOB = "bob.berg"
ANNA = "anna.secretperson"
PURPOSE = "We make one plan for your health and your way back to the bakery."
ANSWER = "Sleeping through the night, and not rushing back."
SHARED_GOAL = "Anna bakes bread again four mornings a week, and still sleeps well."
OVERALL = "We start with three short days a week and add hours when Anna feels ready."
CLINICAL = "Psychoeducation on panic, then coaching; the details stay in the sessions."
COMMENT = "Good plan. I would like to start on a Tuesday."

# Eight decisions logged through the service, of several types, each with options.
MORE_DECISIONS = [
    ("course_content", "individual_focus", "What should we focus on first?", "made"),
    ("course_content", "activities", "Which activity helps most?", "made"),
    ("course_content", "planning_meetings", "How often do we meet?", "made"),
    ("return_to_work", "job_function_and_tasks", "Which tasks at first?", "made"),
    ("collaboration", "employer_and_colleagues", "What do we tell the workplace?", "made"),
    ("collaboration", "family_and_friends", "Should Per come next time?", "postponed"),
    ("goals", "long_term_goals", "A goal for the next year", "made"),
    ("excluded", "outside_the_framework", "Extra therapy sessions", "excluded"),
]


def _log_decision_in_the_page(
    page: Page, htmx_settled, *, type_label, subtype_label, title, outcome
) -> None:
    page.get_by_text("Log a decision", exact=True).click()
    page.get_by_label("Type of decision").select_option(label=type_label)
    htmx_settled()
    page.get_by_label("Subtype").select_option(label=subtype_label)
    htmx_settled()
    page.get_by_label("What is to be decided").fill(title)
    page.get_by_label("Raised by").select_option(label="The citizen")
    page.get_by_label("Status").select_option(label="Made")
    page.get_by_label("What was decided (optional)").fill(outcome)
    page.get_by_role("button", name="Log the decision").click()
    expect(page.get_by_text("The decision is logged.")).to_be_visible()


def test_the_pathway_from_meeting_to_a_published_plan_the_citizen_agrees_with(
    page: Page, cast, sign_in, sign_out, htmx_settled, log_decisions, screenshot
):
    today = timezone.localdate()

    # The care manager schedules the meeting.
    sign_in(ALICE)
    page.goto(f"/citizens/{cast.anna.pk}/meetings/")
    page.get_by_role("link", name="Schedule a meeting").click()
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("Starts at").fill("08:00")
    page.get_by_label("Ends at").fill("09:00")
    page.get_by_label("Place (optional)", exact=True).fill("Jobcentre North, room 4")
    page.get_by_role("textbox", name="What the meeting is for").fill(PURPOSE)
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(page.get_by_text("The meeting is scheduled.")).to_be_visible()
    meeting = Meeting.objects.get()
    meeting_url = f"/meetings/{meeting.pk}/"
    sign_out()

    # The employment consultant moves it to another room and invites the nearest manager.
    sign_in(BOB)
    page.goto(meeting_url)
    page.get_by_role("link", name="Change time, place or guests").click()
    page.get_by_label("Place (optional)", exact=True).fill("Jobcentre North, room 6")
    page.get_by_label("Employer contact's name (optional)").fill("Eva Employer")
    page.get_by_label("Their role at the workplace (optional)").fill("nearest manager")
    page.get_by_label("The citizen agrees that this employer contact is invited").check()
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("The meeting is changed.")).to_be_visible()
    sign_out()

    # The citizen reads the preparation in plain words and answers a prompt.
    sign_in(ANNA)
    page.goto("/me/meetings/")
    page.get_by_role("link", name="Get ready for this meeting").click()
    expect(page.get_by_text(PURPOSE)).to_be_visible()
    expect(page.get_by_text("Eva Employer")).to_be_visible()
    page.get_by_label("What matters most to you right now?").fill(ANSWER)
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Thank you. Your answers are saved.")).to_be_visible()
    sign_out()

    # At the meeting: two decisions through the page, one option with pros and cons...
    sign_in(ALICE)
    page.goto(meeting_url)
    expect(page.get_by_text(ANSWER)).to_be_visible()
    _log_decision_in_the_page(
        page,
        htmx_settled,
        type_label="Return-to-work process",
        subtype_label="Stepped return-to-work plan",
        title="How many hours in the first weeks?",
        outcome="Three hours a day, three days a week, then more.",
    )
    hours = Decision.objects.get(title="How many hours in the first weeks?")
    article = page.locator(f"#decision-{hours.pk}")
    article.get_by_text("Add an option to").click()
    article.get_by_label("Option", exact=True).fill("Three hours, three days")
    article.get_by_label("Pros (optional)").fill("A gentle start")
    article.get_by_label("Cons (optional)").fill("Slower back to full pay")
    article.get_by_label("This option was chosen").check()
    article.get_by_role("button", name="Add the option").click()
    # Choosing it settles the decision: one action does what the person meant (finding 7).
    expect(page.get_by_text("The option is chosen: the decision is marked as made")).to_be_visible()
    _log_decision_in_the_page(
        page,
        htmx_settled,
        type_label="Goals",
        subtype_label="Temporary goals",
        title="A goal for the next month",
        outcome="Walk the dog every morning.",
    )
    # ... and eight more of several types, with options, through the service.
    log_decisions(cast.alice, meeting, MORE_DECISIONS)
    page.reload()
    expect(page.locator("article.decision")).to_have_count(10)
    assert len({d.type_id for d in Decision.objects.all()}) >= 4
    page.get_by_role("button", name="Mark the meeting as held").click()
    expect(page.get_by_text("The meeting is marked as held.")).to_be_visible()

    # The joint plan, made from the held meeting: its decisions are offered as links.
    page.goto(f"/citizens/{cast.anna.pk}/plan/edit/?meeting={meeting.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the joint plan")
    expect(page.get_by_text("You are making or adjusting the plan from")).to_be_visible()
    goal = page.locator("#goal-1")
    goal.get_by_label("Goal", exact=True).fill(SHARED_GOAL)
    goal.get_by_label("Kind of goal").select_option(label="Framework goal: return to work")
    goal.get_by_label("Whose goal").select_option(label="Shared")
    goal.get_by_label(re.compile(r"How many hours in the first weeks\?")).check()
    second = page.locator("#goal-2")
    second.get_by_label("Goal", exact=True).fill("Walk the dog every morning.")
    second.get_by_label("Kind of goal").select_option(label="Temporary goal")
    second.get_by_label(re.compile(r"A goal for the next month")).check()
    page.get_by_label("The overall plan").fill(OVERALL)
    page.get_by_label("The care manager's plan").fill(CLINICAL)
    page.get_by_label("Review the plan on (optional)").fill(
        (today + dt.timedelta(days=42)).isoformat()
    )
    page.get_by_label("First day back at work (optional)").fill(
        (today + dt.timedelta(days=7)).isoformat()
    )
    for row, (hours_per_day, days) in enumerate([("3", "3"), ("4", "3"), ("4", "4")]):
        page.locator(f"#id_ramp-{row}-hours_per_day").fill(hours_per_day)
        page.locator(f"#id_ramp-{row}-days_per_week").fill(days)
    screenshot("plan-edit")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="16", exact=True)).to_be_visible()
    expect(page.locator("img.ramp-chart")).to_be_visible()
    page.get_by_role("link", name="Publish this draft…").click()
    # Publishing asks first, and says what Anna will see.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Publish version 1 of the joint plan?"
    )
    expect(page.get_by_text(SHARED_GOAL)).to_be_visible()
    assert not PlanVersion.objects.exists()
    page.get_by_role("button", name="Yes, publish version 1").click()
    expect(page.get_by_text("Version 1 is published.")).to_be_visible()
    screenshot("plan-published")
    plan = JointPlan.objects.get()
    assert plan.meeting_id == meeting.pk
    assert plan.goals.get(kind="framework").decisions.get() == hours
    assert PlanVersion.objects.get().number == 1
    sign_out()

    # The citizen reads the plan in plain words, comments and agrees.
    sign_in(ANNA)
    page.goto("/me/plan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your plan")
    expect(page.get_by_text("Your main goal: back to work")).to_be_visible()
    expect(page.get_by_text(SHARED_GOAL)).to_be_visible()
    expect(page.get_by_text(OVERALL)).to_be_visible()
    page.get_by_label("I agree with the plan").check()
    page.get_by_label("Your comment (optional)").fill(COMMENT)
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Thank you. Your answer is saved.")).to_be_visible()
    expect(page.get_by_text("You said that you agree with this plan.")).to_be_visible()
    assert PlanResponse.objects.get().agreement == "agree"

    # The printout downloads as a PDF.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your plan (PDF)").click()
    content = open(download_info.value.path(), "rb").read()  # noqa: SIM115
    assert content.startswith(b"%PDF")
    screenshot("plan-citizen")
    sign_out()

    # The team sees the citizen's answer.
    sign_in(BOB)
    page.goto(f"/citizens/{cast.anna.pk}/plan/")
    expect(page.get_by_text(COMMENT)).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(CLINICAL)
