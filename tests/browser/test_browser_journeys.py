"""What people see in a real browser: signing in, the caseload, a citizen's page, the language
switch, keyboard use, a refused record, and the citizen's own page."""

from __future__ import annotations

import re

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from roundtable.testing import PASSWORD

pytestmark = pytest.mark.browser

ALICE = "alice.andersen"
ANNA = "anna.secretperson"


def danish(message: str) -> str:
    """What the server renders for `message` in Danish: the catalogue's translation if it has
    one, the English text if not. Same process, same catalogues, so the test is exact either
    way while the Danish translations are being written."""
    with override("da"):
        return gettext(message)


def test_care_manager_caseload_citizen_language_and_sign_out(page: Page, cast, screenshot):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username").fill(ALICE)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # The caseload: her own citizen, never another team's.
    expect(page).to_have_url(re.compile(r"/citizens/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    expect(page.get_by_role("link", name="Anna Secretperson")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Bent Hiddenname")
    assert "Hiddenname" not in page.content()
    screenshot("caseload")

    # Anna's page: the team is shown, the national id only on request.
    page.get_by_role("link", name="Anna Secretperson").click()
    expect(page).to_have_url(re.compile(rf"/citizens/{cast.anna.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Secretperson")
    expect(page.get_by_role("link", name="Team Alpha")).to_be_visible()
    assert "010190-1234" not in page.content()
    citizen_url = page.url
    with page.expect_request(re.compile(r"/national-id/$")) as reveal:
        page.get_by_role("button", name="Show national id").click()
    assert reveal.value.method == "GET"
    assert reveal.value.headers.get("hx-request") == "true"  # htmx, not a page load
    expect(page.get_by_text("010190-1234")).to_be_visible()
    expect(page.get_by_role("button", name="Show national id")).to_have_count(0)
    assert page.url == citizen_url
    screenshot("citizen")

    # Danish, from the header; the same page comes back in Danish.
    page.get_by_label("Language").select_option(label="Dansk")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert page.url == citizen_url
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Secretperson")
    assert "010190-1234" not in page.content()  # hidden again after the reload

    page.get_by_role("navigation", name=danish("Main")).get_by_role(
        "link", name=danish("Caseload"), exact=True
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    # "Sagsstamme" once the Danish catalogue translates it, "Caseload" until then.
    expect(page.get_by_role("heading", level=1)).to_have_text(danish("Caseload"))
    screenshot("caseload-da")

    # Sign out: back to the login page, and the caseload is closed again.
    page.get_by_role("button", name=danish("Sign out")).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(danish("Sign in to Roundtable"))
    expect(page.get_by_label(danish("Username"))).to_be_visible()
    page.goto("/citizens/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("body")).not_to_contain_text("Anna Secretperson")


def test_first_tab_on_login_page_focuses_skip_link(page: Page, live_server):
    page.goto("/accounts/login/")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    # Short waits: focus moves synchronously.
    expect(skip).to_be_focused(timeout=1_000)
    expect(skip).to_be_in_viewport(timeout=1_000)


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page: Page, cast, sign_in, screenshot):
    sign_in(ALICE)
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).not_to_be_in_viewport()  # off-screen until it has focus
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    screenshot("skip-link-focused")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(skip).not_to_be_in_viewport()
    # The next Tab continues inside the content, not back in the header.
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate(
        "document.querySelector('main').contains(document.activeElement)"
    )
    assert focused_in_main


def test_sign_in_with_keyboard_only(page: Page, cast, screenshot):
    page.goto("/accounts/login/")
    username = page.get_by_label("Username")
    password = page.get_by_label("Password")
    # However the page starts out (skip link first, or the field focused), a keyboard user
    # reaches Username with a few Tabs and no mouse.
    for _ in range(12):
        if page.evaluate("document.activeElement && document.activeElement.id") == "id_login":
            break
        page.keyboard.press("Tab")
    expect(username).to_be_focused()
    page.keyboard.type(ALICE)
    page.keyboard.press("Tab")
    expect(password).to_be_focused()
    page.keyboard.type(PASSWORD)
    screenshot("login-password-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/citizens/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")


def test_other_teams_citizen_by_url_is_not_found(page: Page, cast, sign_in):
    sign_in(ALICE)
    response = page.goto(f"/citizens/{cast.bent.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    text = page.locator("html").inner_text() + page.title()
    for part in ("Bent", "Hiddenname", "020285-5678", "Team Beta"):
        assert part not in text
    assert "Hiddenname" not in page.content()
    # Asking for the national id directly is refused in the same way.
    response = page.goto(f"/citizens/{cast.bent.pk}/national-id/")
    assert response is not None
    assert response.status == 404
    assert "020285-5678" not in page.content()


def test_citizen_sees_own_course_page(page: Page, cast, sign_in):
    sign_in(ANNA)
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Anna")
    expect(page.get_by_text("Alice Andersen")).to_be_visible()
    expect(page.get_by_text("Bob Berg")).to_be_visible()
    expect(page.get_by_text("Team Alpha")).to_be_visible()
    # A citizen has no caseload and no way to other people's records.
    expect(page.get_by_role("link", name="Caseload")).to_have_count(0)
    response = page.goto("/citizens/")
    assert response is not None
    assert response.status == 404
