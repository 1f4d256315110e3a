"""Browser tests: Playwright for Python drives Debian's Chromium against the live server.

One Chromium per test session; each test gets a fresh context (cookies, storage) and page.
Playwright never downloads a browser here: `make browser` installs /usr/bin/chromium with apt-get.

Set ROUNDTABLE_SCREENSHOT_DIR=/some/dir to keep screenshots of the pages the tests visit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

# The sync Playwright API keeps an asyncio event loop in the main thread, so Django's ORM, used
# by the tests in that same thread, would raise SynchronousOnlyOperation. Django documents this
# variable as the way out for tests; the live server's own thread is unaffected.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from roundtable.core.testing import PASSWORD, Cast, make_cast  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Fail fast: every page here is served from loopback by a local test server.
TIMEOUT_MS = 5_000


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
    """A new page in a fresh browser context, English, pointed at the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


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
