"""Return to work in a real browser: the employment consultant records a job start; the team
leader sees the team's curve; a manager sees aggregates only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from roundtable.outcomes.testing import returned_population

pytestmark = pytest.mark.browser


def test_a_job_start_is_recorded_and_the_curves_show_aggregates_only(
    page: Page, cast, sign_in, sign_out, settings, screenshot
):
    settings.ROUNDTABLE_RESEARCH_K = 3
    returned_population(cast, 4, cast.alpha, returned_after=6)
    returned_population(cast, 3, cast.alpha, returned_after=None)
    returned_population(cast, 3, cast.beta, returned_after=12)

    sign_in("bob.berg")
    page.goto(f"/citizens/{cast.anna.id}/")
    page.get_by_role("link", name="Work and benefit history").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work and benefit history")
    page.get_by_label("What happened").select_option("job")
    start = timezone.localdate() - dt.timedelta(days=2)
    page.get_by_label("From").fill(start.isoformat())
    page.get_by_label("Employer or school").fill("Bageriet Nord")
    page.get_by_label("Job title or course").fill("Bagerassistent")
    page.get_by_label("Terms of the job").select_option("competitive")
    page.get_by_label("Hours a week").fill("22.5")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The history is updated.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Bagerassistent"))).to_be_visible()
    screenshot("work-history")
    sign_out()

    sign_in("tina.thorsen")
    page.get_by_role("link", name="Return to work").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Return to work")
    expect(page.get_by_role("img", name=re.compile("Share back at work"))).to_be_visible()
    table = page.get_by_role("table", name="Return to work by group")
    expect(table.get_by_role("row", name=re.compile("Team Alpha"))).to_be_visible()
    expect(table).not_to_contain_text("Team Beta")
    screenshot("outcomes-team-leader")
    sign_out()

    sign_in("mona.munk")
    page.get_by_role("link", name="Return to work").click()
    table = page.get_by_role("table", name="Return to work by group")
    expect(table.get_by_role("row", name=re.compile("Team Alpha"))).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("Team Beta"))).to_be_visible()
    page.get_by_label("Compare by").select_option("diagnosis")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("table", name="Return to work by group")).to_contain_text("Depression")
    expect(page.locator("main")).not_to_contain_text("Person Number")
    expect(page.locator("main")).not_to_contain_text("Anna")
