"""Relational coordination and the integration page, in a real browser and in Danish: the team
leader opens the results of a round with enough respondents and sees its heat map with the same
numbers in a table; a round with too few respondents shows nothing but a sentence; the team's
integration page opens from the team page."""

from __future__ import annotations

import re

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from roundtable.instruments.testing import rc_colleagues, rc_round

pytestmark = pytest.mark.browser

TINA = "tina.thorsen"


def danish(message: str) -> str:
    """What the server renders for `message` in Danish (the English text until translated)."""
    with override("da"):
        return gettext(message)


def test_a_round_with_enough_respondents_shows_its_heat_map_and_one_with_too_few_nothing(
    page: Page, cast, sign_in, screenshot
):
    colleagues = rc_colleagues(cast)
    enough = rc_round(cast, colleagues, title="Forår", answering=(3, 3))
    too_few = rc_round(cast, colleagues, title="Efterår", answering=(2, 2))

    sign_in(TINA)
    page.goto(f"/teams/{cast.alpha.pk}/")
    page.get_by_label("Language").select_option(label="Dansk")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page.goto(f"/relational-coordination/{enough.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forår")
    heat_map = page.locator("figure.chart img").first
    expect(heat_map).to_be_visible()
    expect(heat_map).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
    table = page.get_by_role("table", name=danish("Scores between the groups (rated by, in rows)"))
    expect(table).to_contain_text("5,00")
    expect(table).to_contain_text("4,00")
    screenshot("rc-results-da")

    page.goto(f"/relational-coordination/{too_few.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Efterår")
    expect(
        page.get_by_text(
            danish(
                "Too few answered for any results to be shown. Nothing is shown, so that "
                "nobody's answers can be recognised."
            )
        )
    ).to_be_visible()
    expect(page.locator("figure.chart img")).to_have_count(0)
    # No score anywhere above the team's shape (whose part-time fractions read like 1,00).
    results = page.locator("main").inner_text().split(danish("The team's shape"))[0]
    assert re.search(r"\b[1-5],\d\d\b", results) is None

    page.goto(f"/teams/{cast.alpha.pk}/")
    page.get_by_role("link", name=danish("Integration over time")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(danish("Integration over time"))
    expect(page.get_by_text(danish("No fidelity reviews yet."))).to_be_visible()
    expect(page.get_by_role("link", name="Forår")).to_be_visible()
    screenshot("integration-da")
