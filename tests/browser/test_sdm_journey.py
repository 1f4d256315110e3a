"""Shared decision making rated by the three parties, in a real browser: after a held meeting
the citizen answers SDM-Q-9 in Danish (leaving one question out, saying which decisions she
noticed), both professionals answer SDM-Q-Doc on the meeting's page, and the team leader sees
the three views side by side, with where they differ said in words."""

from __future__ import annotations

import re

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from roundtable.instruments.models import SdmResponse
from roundtable.instruments.sdm_items import CITIZEN_ITEMS, PROFESSIONAL_ITEMS
from roundtable.instruments.testing import held_meeting

pytestmark = pytest.mark.browser

ANNA = "anna.secretperson"
ALICE = "alice.andersen"
BOB = "bob.berg"
TINA = "tina.thorsen"


def danish(message: str) -> str:
    """What the server renders for `message` in Danish (the English text until translated)."""
    with override("da"):
        return gettext(message)


def _answer_items(page: Page, items, choices: list[str | None], *, translate=str) -> None:
    for number, (item, choice) in enumerate(zip(items, choices, strict=True), start=1):
        if choice is None:
            continue  # left out
        group = page.get_by_role("group", name=f"{number}. {translate(str(item))}")
        group.get_by_label(translate(choice), exact=True).check()


def test_three_parties_rate_a_held_meeting_and_the_team_leader_compares(
    page: Page, cast, sign_in, sign_out, screenshot
):
    meeting, decisions = held_meeting(cast)

    # The citizen, in Danish, from her meeting page.
    sign_in(ANNA)
    page.goto(f"/me/meetings/{meeting.pk}/")
    page.get_by_label("Language").select_option(label="Dansk")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("link", name=danish("Tell us how the decisions were made")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        danish("How were the decisions made?")
    )
    # Mostly "slightly agree"; question 9 left out (the mean of the other eight is imputed).
    _answer_items(
        page,
        CITIZEN_ITEMS,
        ["Slightly agree"] * 8 + [None],
        translate=danish,
    )
    question = danish("Did you notice that a decision was made about “%(title)s”?")
    page.get_by_role("group", name=question % {"title": decisions[0].title}).get_by_label(
        danish("Yes"), exact=True
    ).check()
    page.get_by_role("group", name=question % {"title": decisions[1].title}).get_by_label(
        danish("No"), exact=True
    ).check()
    screenshot("sdm-citizen-da")
    page.get_by_role("button", name=danish("Send my answers")).click()
    expect(page.get_by_text(danish("Thank you. Your answers are saved."))).to_be_visible()
    # 3 x 9 = 27 of 45 -> 60; the form is not offered again.
    expect(page.locator("body")).to_contain_text("60")
    expect(page.get_by_role("button", name=danish("Send my answers"))).to_have_count(0)
    # A fresh start in English for the next person on this browser (session and language).
    page.context.clear_cookies()

    # Both professionals, from the held meeting's page.
    for username, answer in ((ALICE, "Fully agree"), (BOB, "Mostly agree")):
        sign_in(username)
        page.goto(f"/meetings/{meeting.pk}/")
        page.get_by_role(
            "link", name="Shared decision making: the three views of this meeting"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Shared decision making")
        _answer_items(page, PROFESSIONAL_ITEMS, [answer] * 9)
        page.get_by_role("button", name="Save my answers").click()
        expect(page.get_by_text("Thank you. Your answers are saved.")).to_be_visible()
        sign_out()

    assert SdmResponse.objects.count() == 3

    # The team leader sees the three views side by side.
    sign_in(TINA)
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Shared decision making: the three views of this meeting").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name=re.compile(r"^Citizen"))).to_contain_text("60.0")
    expect(table.get_by_role("row", name=re.compile(r"^Care manager"))).to_contain_text("100.0")
    expect(table.get_by_role("row", name=re.compile(r"^Employment consultant"))).to_contain_text(
        "80.0"
    )
    # Scores only: the citizen did not tick that the team may see her answers.
    expect(table.get_by_role("row", name=re.compile(r"^Citizen"))).to_contain_text(
        "the citizen has not chosen to share the answers"
    )
    expect(
        page.get_by_text("Care manager and Citizen see it differently: 100 against 60")
    ).to_be_visible()
    expect(
        page.get_by_text("Care manager and Employment consultant see it differently")
    ).to_be_visible()
    expect(page.get_by_text("noticed 1, did not notice 1, not sure 0")).to_be_visible()
    expect(page.get_by_role("button", name="Save my answers")).to_have_count(0)
    screenshot("sdm-team-leader")
