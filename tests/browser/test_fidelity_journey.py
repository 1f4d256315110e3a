"""An IPS fidelity review in a real browser: the team leader, in Danish, starts a review from the
team page and rates it, the pre-filled items showing the figure and the records it comes from;
the supervisor rates alone and only then sees the other ratings; they agree on every item, a
reason where they differed; the trend chart and its table show the total and its band."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from roundtable.instruments.ips25_items import CODES
from roundtable.instruments.models import FidelityReview, ReviewStatus

pytestmark = pytest.mark.browser

TINA = "tina.thorsen"
SAM = "sam.skov"


def danish(message: str) -> str:
    """What the server renders for `message` in Danish (the English text until translated)."""
    with override("da"):
        return gettext(message)


def _rate(page: Page, legend: str, ratings: dict[str, str], *, translate=str) -> None:
    for code in CODES:
        group = page.get_by_role("group", name=translate(legend) % {"code": code}, exact=True)
        group.get_by_label(ratings.get(code, "4"), exact=True).check()


def test_two_reviewers_rate_agree_and_the_trend_shows_it(
    page: Page, cast, sign_in, sign_out, screenshot
):
    today = dt.date.today()

    # The team leader, in Danish, from the team page.
    sign_in(TINA)
    page.goto(f"/teams/{cast.alpha.pk}/")
    page.get_by_label("Language").select_option(label="Dansk")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("link", name=danish("IPS fidelity reviews")).click()
    page.get_by_label(danish("Review date")).fill(today.isoformat())
    page.get_by_label(danish("Type of review")).select_option("baseline")
    page.get_by_label(danish("Records from")).fill((today - dt.timedelta(days=90)).isoformat())
    page.get_by_label(danish("Records to")).fill(today.isoformat())
    reviewers = page.get_by_role("group", name=danish("Reviewers (two or more)"))
    reviewers.get_by_label("Tina Thorsen", exact=False).check()
    reviewers.get_by_label("Sam Skov", exact=False).check()
    page.get_by_role("button", name=danish("Start the review")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Team Alpha")
    review = FidelityReview.objects.get()

    page.get_by_role("link", name=danish("Rate the items")).click()
    # The caseload item is pre-filled from the records, with where the figure comes from.
    caseload = page.locator("section.fidelity-item", has=page.locator("#item-S1"))
    expect(caseload).to_contain_text(danish("From the records:"))
    with override("da"):
        from roundtable.instruments.selectors import fidelity_prefill_get

        evidence = fidelity_prefill_get(review=review)["S1"]
    expect(caseload).to_contain_text(evidence.figure)
    expect(caseload).to_contain_text(evidence.evidence)
    legend = "Your rating of %(code)s"
    expect(
        page.get_by_role("group", name=danish(legend) % {"code": "S1"}).get_by_label(
            "5", exact=True
        )
    ).to_be_checked()
    expect(page.locator("section.fidelity-item", has=page.locator("#item-SV6"))).to_contain_text(
        danish("No records in the period.")
    )
    screenshot("fidelity-rate-da")
    _rate(page, legend, {"S1": "5", "O2": "3"}, translate=danish)
    page.get_by_role("button", name=danish("Submit my ratings")).click()
    expect(page.get_by_text(danish("Your ratings are submitted."))).to_be_visible()
    page.context.clear_cookies()

    # The supervisor rates alone, and sees the team leader's ratings only after submitting.
    sign_in(SAM)
    page.goto(f"/ips-fidelity/{review.pk}/")
    expect(
        page.get_by_text("You see the other reviewers' ratings once you have submitted your own.")
    ).to_be_visible()
    first_row = page.get_by_role("row", name="S1 Caseload size")
    expect(first_row).not_to_contain_text("5")
    page.get_by_role("link", name="Rate the items").click()
    _rate(page, legend, {"S1": "5", "O2": "5"})
    page.get_by_role("button", name="Submit my ratings").click()
    expect(page.get_by_text("Your ratings are submitted.")).to_be_visible()
    expect(page.get_by_role("row", name="O2 Integration", exact=False)).to_contain_text("3")

    # The consensus: each reviewer's rating side by side, a reason where they differ.
    page.get_by_role("link", name="Record the consensus").click()
    differ = page.locator("section.fidelity-item", has=page.locator("#item-O2"))
    expect(differ).to_contain_text("The reviewers differ on this item.")
    expect(differ.get_by_role("row", name="Tina Thorsen")).to_contain_text("3")
    expect(differ.get_by_role("row", name="Sam Skov")).to_contain_text("5")
    differ.get_by_role("group", name="Consensus rating of O2").get_by_label("4").check()
    page.get_by_role("button", name="Record the consensus").click()
    expect(page.locator("#id_reason_O2_error")).to_contain_text(
        "The reviewers rated this item differently"
    )
    differ.get_by_label("Reason").fill("Weekly roundtable meetings; records shared in the plan.")
    page.get_by_role("button", name="Record the consensus").click()
    expect(page.get_by_text("The consensus is recorded.")).to_be_visible()
    # 23 items at 4, S1 at 5, O2 at 4: 101, a good fidelity.
    expect(page.get_by_text("101 of 125: Good")).to_be_visible()
    review.refresh_from_db()
    assert review.status == ReviewStatus.CONSENSUS

    # The trend: the chart and, beside it, the same figures in a table.
    page.get_by_role("link", name="The team's fidelity reviews").click()
    expect(
        page.get_by_role("img", name="Fidelity totals and section scores over time")
    ).to_be_visible()
    trend = page.get_by_role("table", name="Reviews with a consensus")
    expect(trend.get_by_role("row").nth(1)).to_contain_text("101")
    expect(trend.get_by_role("row").nth(1)).to_contain_text("Good")
    screenshot("fidelity-trend")


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_fidelity_pages_fit_a_320_px_screen(page: Page, cast, sign_in, language):
    from test_no_sideways_scroll import WIDER_THAN_THE_SCREEN

    from roundtable.accounts.models import User
    from roundtable.instruments.testing import agree, rate_and_submit, started_review

    review = started_review(cast)
    rate_and_submit(cast.tina, review, 4, O2=3)
    rate_and_submit(cast.sam, review, 4, O2=5)
    agree(cast.sam, review, 4, reason="Weekly meetings.")
    second = started_review(cast, kind="12_months")
    User.objects.filter(username=TINA).update(language=language)
    sign_in(TINA)
    page.set_viewport_size({"width": 320, "height": 640})
    for url in (
        f"/teams/{cast.alpha.pk}/ips-fidelity/",
        f"/ips-fidelity/{review.pk}/",
        f"/ips-fidelity/{review.pk}/rate/",
        f"/ips-fidelity/{review.pk}/consensus/",
        f"/ips-fidelity/{second.pk}/rate/",
    ):
        page.goto(url)
        found = page.evaluate(WIDER_THAN_THE_SCREEN)
        assert found["scroll"] <= found["width"], (url, found["out"])
