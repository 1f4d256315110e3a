"""Browser tests: Playwright for Python drives Debian's Chromium against the live server.

One Chromium per test session; each test gets a fresh context (cookies, storage) and page.
Playwright never downloads a browser here: `make browser` installs /usr/bin/chromium with apt-get.

Set ROUNDTABLE_SCREENSHOT_DIR=/some/dir to keep screenshots of the pages the tests visit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

# The sync Playwright API keeps an asyncio event loop in the main thread, so Django's ORM, used
# by the tests in that same thread, would raise SynchronousOnlyOperation. Django documents this
# variable as the way out for tests; the live server's own thread is unaffected.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import axe_check  # noqa: E402  (beside this file: pytest puts tests/browser on the path)
import pytest  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from roundtable.meetings.models import Meeting  # noqa: E402
from roundtable.meetings.services import OptionData  # noqa: E402
from roundtable.meetings.testing import log_decision  # noqa: E402
from roundtable.testing import PASSWORD, Cast, make_cast  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every page here is served from loopback by a local test server, so a wait this long means a
# failure; it is generous because the suite runs on every core (pytest-xdist) beside the
# server's first requests. ROUNDTABLE_BROWSER_TIMEOUT_MS changes it.
TIMEOUT_MS = int(os.environ.get("ROUNDTABLE_BROWSER_TIMEOUT_MS", "15000"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A new page in a fresh browser context, English, pointed at the live server.

    axe-core checks every page the test visits, in English and Danish (axe_check.py): a serious
    or critical accessibility violation fails the test."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = axe_check.watch(page, browser=browser, base_url=live_server.url)
    yield page
    findings = watch.finish()
    context.close()
    if findings:
        pytest.fail(axe_check.report(findings, watch.pages_checked), pytrace=False)


@pytest.fixture
def cast(transactional_db, live_server) -> Cast:
    """The shared test cast, committed so that the live server's thread sees it."""
    return make_cast()


@pytest.fixture
def sign_in(page: Page) -> Callable[[str], None]:
    """Sign in through the real login form, as a person would."""

    def _sign_in(username: str) -> None:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    return _sign_in


@pytest.fixture
def sign_out(page: Page) -> Callable[[], None]:
    """Sign out with the button in the header, and land on the login page."""

    def _sign_out() -> None:
        page.get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(re.compile(r"/accounts/login/"))

    return _sign_out


@pytest.fixture
def htmx_settled(page: Page) -> Callable[[], None]:
    """Wait until htmx has swapped and settled, so the new fields listen for changes."""

    def _htmx_settled() -> None:
        busy = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"
        expect(page.locator(busy)).to_have_count(0)

    return _htmx_settled


def _log_decisions_with_options(
    professional, meeting: Meeting, rows: Iterable[tuple[str, str, str, str]]
) -> None:
    today = timezone.localdate()
    for type_slug, subtype_slug, title, status in rows:
        extra: dict = {}
        if status == "excluded":
            extra = {
                "exclusion_reason": "programme_frame",
                "exclusion_note": "More sessions are outside what the programme offers.",
            }
        if status == "postponed":
            extra = {"revisit_on": today + dt.timedelta(days=30)}
        log_decision(
            professional,
            meeting,
            type_slug=type_slug,
            subtype_slug=subtype_slug,
            title=title,
            status=status,
            outcome=f"Agreed: {title.lower()}" if status == "made" else "",
            options=[
                OptionData("One way", pros="Easy", cons="Slow", chosen=status == "made"),
                OptionData("Another way", pros="Fast", cons="Hard"),
            ],
            **extra,
        )


@pytest.fixture
def log_decisions() -> Callable[..., None]:
    """Log (type, subtype, title, status) rows through the service, each with two options.

    Made decisions get an outcome and a chosen option; postponed ones a date to come back to;
    excluded ones fall outside the programme. Call as log_decisions(professional, meeting, rows).
    """
    return _log_decisions_with_options


@pytest.fixture
def screenshot(page: Page) -> Callable[[str], Path | None]:
    """Save a full-page screenshot when ROUNDTABLE_SCREENSHOT_DIR is set; otherwise a no-op."""
    directory = os.environ.get("ROUNDTABLE_SCREENSHOT_DIR")

    def _screenshot(name: str) -> Path | None:
        if not directory:
            return None
        path = Path(directory) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return _screenshot
