"""Reflective supervision in a real browser, in Danish: the team leader schedules a monthly
session, records a theme and an action with an owner and a due date, schedules the next
session, and finds the action carried forward there, to be followed up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

TINA = "tina.thorsen"


def danish(message: str) -> str:
    """What the server renders for `message` in Danish (the English text until translated)."""
    with override("da"):
        return gettext(message)


def _schedule(page: Page, day: dt.date) -> None:
    page.get_by_role("link", name=danish("Schedule a session")).click()
    page.get_by_label(danish("Date")).fill(day.isoformat())
    page.get_by_label(danish("Starts at")).fill("13:00")
    page.get_by_label(danish("Place")).fill("Mødelokale 2")
    page.get_by_role("button", name=danish("Schedule the session")).click()
    expect(page.get_by_text(danish("The supervision session is scheduled."))).to_be_visible()


def test_the_team_leader_schedules_supervision_and_the_action_is_carried_forward(
    page: Page, cast, sign_in, screenshot
):
    sign_in(TINA)
    page.goto("/supervision/")
    page.get_by_label("Language").select_option(label="Dansk")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")

    today = timezone.localdate()
    _schedule(page, today + dt.timedelta(days=2))
    # The supervisor (the psychiatrist) leads by default.
    expect(page.locator("dl.facts")).to_contain_text("Sam Skov")

    page.get_by_label(danish("Kind of theme")).select_option(value="decision_zones")
    page.get_by_label(danish("Theme"), exact=True).fill("Hvem bestemmer hvad")
    page.get_by_label(danish("What was said and settled")).fill("Tre zoner.")
    page.get_by_role("button", name=danish("Add the theme")).click()
    expect(page.get_by_text(danish("The theme is added."))).to_be_visible()

    page.get_by_label(danish("What we agreed")).fill("Skriv beslutningszonerne ned")
    page.get_by_label(danish("Owner")).select_option(
        label="Alice Andersen (Region Test Psychiatry)"
    )
    page.get_by_label(danish("Due date")).fill((today + dt.timedelta(days=20)).isoformat())
    page.get_by_role("button", name=danish("Add the action")).click()
    expect(page.get_by_text(danish("The action is added."))).to_be_visible()
    screenshot("supervision-session-da")

    page.get_by_role("link", name=danish("History of supervision")).first.click()
    expect(page.locator("main")).to_contain_text("Hvem bestemmer hvad")
    _schedule(page, today + dt.timedelta(days=32))
    carried = page.locator("article").filter(has_text="Skriv beslutningszonerne ned")
    expect(carried).to_be_visible()
    carried.get_by_label(danish("Continued")).check()
    carried.get_by_label(danish("Note")).fill("Halvvejs")
    carried.get_by_role("button", name=danish("Save the follow-up")).click()
    expect(page.get_by_text(danish("The follow-up is saved."))).to_be_visible()
    expect(page.locator("ul.carried")).to_contain_text("Halvvejs")
    screenshot("supervision-carried-da")
