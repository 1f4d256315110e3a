"""The Content-Security-Policy in a real browser: our pages, the configuration pages, the API docs
and the two-factor setup all work under it without a single violation, htmx still swaps, and
script injected into a page does not run."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from roundtable.accounts.models import User
from roundtable.core.middleware import CONTENT_SECURITY_POLICY
from roundtable.testing import PASSWORD

pytestmark = pytest.mark.browser


ALICE = "alice.andersen"

# Runs in every document before its own scripts; reports each violation to the test.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`
  );
});
"""


@pytest.fixture
def csp_violations(page: Page) -> Iterator[list[str]]:
    """Every CSP violation the browser reports, from the DOM event and from the console."""
    violations: list[str] = []

    def report(text: str) -> None:
        violations.append(text)

    page.expose_function("reportCspViolation", report)
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield violations


def sign_in_at(page: Page, username: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_pages_keep_the_policy_and_the_national_id_reveal_still_works(
    page: Page, cast, sign_in, csp_violations
):
    sign_in(ALICE)
    response = page.goto(f"/citizens/{cast.anna.pk}/")
    assert response is not None
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Secretperson")

    with page.expect_request(re.compile(r"/national-id/$")) as reveal:
        page.get_by_role("button", name="Show national id").click()
    assert reveal.value.headers.get("hx-request") == "true"
    expect(page.get_by_text("010190-1234")).to_be_visible()

    page.goto("/accounts/2fa/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Two-Factor Authentication")
    page.goto("/citizens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    assert csp_violations == []


def test_script_injected_into_a_page_does_not_run(page: Page, cast, sign_in, csp_violations):
    sign_in(ALICE)
    page.goto(f"/citizens/{cast.anna.pk}/")
    # What a stored-XSS payload would do if escaping ever failed: add an inline script and an
    # inline style. The browser refuses both.
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            const style = document.createElement("style");
            style.textContent = "body { display: none }";
            document.head.append(style);
        }"""
    )
    assert page.evaluate("() => window.injected") is None
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The reports reach the test through the browser's event loop; give them a moment.
    for _ in range(40):
        if any("script-src" in v for v in csp_violations) and any(
            "style-src" in v for v in csp_violations
        ):
            break
        page.wait_for_timeout(50)
    assert any("script-src" in v for v in csp_violations)
    assert any("style-src" in v for v in csp_violations)


def test_the_configuration_pages_work_under_the_policy(page: Page, cast, csp_violations):
    User.objects.filter(pk=cast.adam.user_id).update(is_staff=True, is_superuser=True)
    page.goto("/config/")
    # The configuration pages sign in through the same page as everyone else.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fconfig%2F$"))
    sign_in_at(page, "adam.admin")
    expect(page).to_have_url(re.compile(r"/config/$"))
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.goto("/config/accounts/user/")
    expect(page.get_by_role("link", name="alice.andersen")).to_be_visible()
    page.get_by_role("link", name="alice.andersen").click()
    expect(page.get_by_label("Username:")).to_have_value("alice.andersen")
    # The date widgets are added by the admin's own script files.
    expect(page.get_by_role("link", name="Today").first).to_be_visible()

    # A team: inline rows added by script, and the autocomplete (select2) for a member.
    page.goto(f"/config/organisations/team/{cast.alpha.pk}/change/")
    page.get_by_role("button", name="Add another Team membership").click()
    page.locator(".select2-selection").last.click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.locator(".select2-search__field").fill("Carol")
    expect(page.locator(".select2-results__option", has_text="Carol")).to_be_visible()
    assert csp_violations == []


def test_the_api_docs_render_under_the_policy(page: Page, cast, sign_in, csp_violations):
    sign_in(ALICE)
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", name=re.compile("Roundtable API"))).to_be_visible()
    assert csp_violations == []


def test_the_authenticator_setup_shows_its_qr_code_under_the_policy(
    page: Page, cast, sign_in, csp_violations
):
    sign_in(ALICE)
    page.get_by_role("link", name="Security settings").click()
    page.get_by_role("link", name="Activate").click()
    # Setting up two-factor sign-in asks for the password again.
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    qr = page.locator("img[src^='data:image/svg+xml']")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0
    assert csp_violations == []
