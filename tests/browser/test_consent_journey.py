"""Consent in a real browser: the citizen takes back the jobcentre's access to their health
summary, and sees in "who has looked at my record" that their care manager opened it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from roundtable.consent.models import ConsentDirective
from roundtable.consent.testing import directive_create

pytestmark = pytest.mark.browser

ALICE = "alice.andersen"
ANNA = "anna.secretperson"


def test_citizen_withdraws_the_health_summary_and_sees_who_opened_the_record(
    page: Page, cast, sign_in, screenshot
):
    directive_create(
        cast.anna,
        [("permit", "sector", "employment", ["health_summary", "functional_capacity"])],
    )
    # The care manager opens Anna's record.
    sign_in(ALICE)
    page.goto(f"/citizens/{cast.anna.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Secretperson")
    page.get_by_role("button", name="Sign out").click()

    sign_in(ANNA)
    page.goto("/me/")
    page.get_by_role("link", name="Choose who may see what").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who may see what")
    jobcentre = page.get_by_role("group", name="The jobcentre may see:")
    summary = jobcentre.get_by_role("group", name="A short summary of your health")
    expect(summary.get_by_label("Yes")).to_be_checked()
    summary.get_by_label("No").check()
    screenshot("consent-choices")
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your choices are saved.")).to_be_visible()

    now = page.get_by_role("table", name=re.compile("The jobcentre: what they can see now"))
    expect(
        now.get_by_role("row", name=re.compile("A short summary of your health"))
    ).to_contain_text("No")
    expect(
        now.get_by_role("row", name=re.compile("What you can and cannot do at work"))
    ).to_contain_text("Yes")
    latest = ConsentDirective.objects.order_by("-version").first()
    assert latest.version == 2
    denied = {c for p in latest.provisions.all() if p.type == "deny" for c in p.data_classes}
    assert "health_summary" in denied

    page.get_by_role("link", name="Back to my course").click()
    page.get_by_role("link", name="See who has looked at your record").click()
    # The short view groups the team's routine access by person and day (issue 10, 14) ...
    expect(
        page.get_by_role("listitem").filter(
            has_text=re.compile("Alice Andersen.*looked at your record", re.S)
        )
    ).not_to_have_count(0)
    # ... and the full list is one click away.
    page.get_by_role("link", name=re.compile("See the full list")).click()
    log = page.get_by_role("table")
    expect(
        log.get_by_role("row", name=re.compile("Alice Andersen.*looked at your record"))
    ).not_to_have_count(0)
    screenshot("consent-access-log")
