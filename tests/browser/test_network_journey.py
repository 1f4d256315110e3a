"""The people around the person, in a real browser: the care manager names the employment
consultant as coordinator, adds a GP and a housing officer from the service directory to the
responsibility group, and the citizen, in Danish, sees who their coordinator is on her home page
and "your people and services" on its own page."""

from __future__ import annotations

import re

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from roundtable.network.testing import load_directory

pytestmark = pytest.mark.browser

ANNA = "anna.secretperson"
ALICE = "alice.andersen"


def danish(message: str) -> str:
    """What the server renders for `message` in Danish (the English text until translated)."""
    with override("da"):
        return gettext(message)


def _add_from_directory(page: Page, *, need: str, service: str, name: str, role: str) -> None:
    page.get_by_role("link", name="Add from the directory").click()
    page.get_by_label("Need").select_option(label=need)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile(f"Add to the group.*{service}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Add a member to the responsibility group"
    )
    page.get_by_label("Role in the group").select_option(label=role)
    page.get_by_label(re.compile(r"^Name")).fill(name)
    page.get_by_role("button", name="Add to the group").click()
    expect(page.get_by_text("The member is added to the group.")).to_be_visible()


def test_care_manager_builds_the_network_and_the_citizen_sees_her_people_in_danish(
    page: Page, cast, sign_in, sign_out, screenshot
):
    load_directory()
    sign_in(ALICE)
    page.goto(f"/citizens/{cast.anna.id}/")
    page.get_by_role("link", name="Coordinator and responsibility group").click()
    expect(page.get_by_text("No coordinator is named yet.")).to_be_visible()
    page.get_by_role("link", name="Name a coordinator").click()
    page.get_by_label("Someone on the team").select_option(label="Bob Berg")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The coordinator is saved.")).to_be_visible()

    _add_from_directory(
        page,
        need="Health",
        service="Lægehuset Torvet",
        name="Gerda Lund",
        role="General practitioner",
    )
    _add_from_directory(
        page, need="Housing", service="Boligrådgivning", name="Hans Bolig", role="Housing officer"
    )
    members = page.get_by_role("table", name="Members now")
    expect(members).to_contain_text("Gerda Lund")
    expect(members).to_contain_text("Hans Bolig")
    expect(members).to_contain_text("Testby Kommune")
    screenshot("network-team")
    sign_out()

    sign_in(ANNA)
    page.goto("/me/")
    page.get_by_label("Language").select_option(label="Dansk")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("body")).to_contain_text(
        danish("Your coordinator is %(name)s.") % {"name": "Bob Berg"}
    )
    page.get_by_role("link", name=danish("See your people and services")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(danish("Your people and services"))
    people = page.locator(".people")
    expect(people).to_contain_text("Gerda Lund")
    expect(people).to_contain_text("Hans Bolig")
    expect(people).to_contain_text("Boligrådgivning")
    screenshot("network-citizen-da")
