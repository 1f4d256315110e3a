"""Family as part of the network, in a real browser (issue 13 §4): the citizen, in Danish,
invites her sister to see her meetings and the plan's overall part; the sister makes her own
login from the e-mailed link, signs in and sees only that; the citizen stops sharing, and the
sister's next visit shows that nothing is shared now."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from roundtable.family.models import FamilyLink
from roundtable.family.testing import PASSWORD as FAMILY_PASSWORD
from roundtable.meetings.testing import schedule
from roundtable.plans.testing import OVERALL, held_meeting, publish, save_plan

pytestmark = pytest.mark.browser

ANNA = "anna.secretperson"
HEALTH_SECTION = "Sleeps badly since the spring."
PLACE = "Room 4, Health House"


def danish(message: str) -> str:
    with override("da"):
        return gettext(message)


def test_the_citizen_shares_with_her_sister_and_stops(
    page: Page, cast, sign_in, sign_out, screenshot
):
    schedule(cast.alice, cast.anna, days_ahead=5, place=PLACE)
    held_meeting(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": OVERALL, "care_manager": HEALTH_SECTION})
    publish(cast.alice, cast.anna)

    # The citizen, in Danish, invites her sister from her own page.
    sign_in(ANNA)
    page.goto("/me/")
    page.get_by_label("Language").select_option(label="Dansk")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("link", name=danish("Share with your family")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(danish("Your family"))
    page.get_by_label(danish("Their name")).fill("Maria")
    page.get_by_label(danish("Their e-mail")).fill("maria@example.com")
    page.get_by_label(danish("Who they are to you")).fill("søster")
    page.get_by_label(danish("Your meetings: the day, time and place. Not what is said.")).check()
    page.get_by_label(
        danish("Your plan: the goals and next steps. Not what each of your helpers writes.")
    ).check()
    screenshot("family-invite-da")
    page.get_by_role("button", name=danish("Send the invitation")).click()
    expect(page.locator(".messages")).to_contain_text("maria@example.com")
    expect(
        page.get_by_role("button", name=danish("Stop sharing with %(name)s") % {"name": "Maria"})
    ).to_be_visible()
    # A fresh start in English for the next person on this browser (session and language).
    page.context.clear_cookies()

    # The sister opens the link in the e-mail and makes her own login.
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/]+(/family/join/[^/\s]+/)", mail.outbox[0].body).group(1)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Make your login")
    page.get_by_label("Choose a user name").fill("maria")
    page.get_by_label("Choose a password").fill(FAMILY_PASSWORD)
    page.get_by_role("button", name="Make my login").click()
    expect(page.get_by_text("Your login is ready. Sign in with your user name.")).to_be_visible()

    # She signs in and sees only what Anna shares.
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill(FAMILY_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Shared by Anna")
    body = page.locator("main")
    expect(body).to_contain_text(PLACE)
    expect(body).to_contain_text(OVERALL)
    expect(body).not_to_contain_text(HEALTH_SECTION)
    expect(body).not_to_contain_text("Secretperson")
    screenshot("family-member-page")
    # The citizen's own pages are not hers.
    assert page.goto("/me/").status == 404
    sign_out()

    # Anna sees the look in her access log, and stops sharing.
    sign_in(ANNA)
    page.goto("/me/access-log/")
    expect(page.locator("main")).to_contain_text("Maria")
    expect(page.locator("main")).to_contain_text(danish("Family member"))
    page.goto("/me/family/")
    page.get_by_role(
        "button", name=danish("Stop sharing with %(name)s") % {"name": "Maria"}
    ).click()
    expect(page.locator(".messages")).to_be_visible()
    assert FamilyLink.objects.get().revoked_at is not None
    page.context.clear_cookies()

    # Her next visit: nothing is shared now.
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill(FAMILY_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Nothing is shared with you now.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(PLACE)
