"""axe-core on every page a browser test visits, in English and in Danish (issue 10, check 1).

`AxeWatch` follows one Playwright page. Each time the main frame has loaded a new document,
axe-core (bundled by axe-playwright-python) checks it before the test touches it: the next
`page.get_by_*()`, `page.locator()`, `page.goto()` … call runs the check first, so the page is
checked in the state the test found it in, forms with their errors included. The final state is
checked when the test ends. A document fetched with GET is then fetched once more, in a second
browser context with the same cookies and the signed-in person's language set to Danish for
that one request, and checked again: every page of every journey is checked in both languages
without a test having to know about it.

Any violation of impact "serious" or "critical" fails the test, with the page, the rule and the
elements. `label-content-name-mismatch` (WCAG 2.5.3, a link's visible text missing from its
accessible name) is one of axe's experimental rules, off by default; it is switched on here
because it is the one people ran into (issue 10, finding 18).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import Browser, Error, Page, Response

from roundtable.accounts.models import User

FAILING_IMPACTS = ("serious", "critical")
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}
CHECK_LANGUAGES = ("en", "da")
# Pages whose markup is not Roundtable's: the API's Swagger UI and Django's admin under
# /config/ (its tabular inlines and password widget have unlabelled inputs, its links are
# told apart by colour alone; and axe's probes there trip the admin's CSP test).
NOT_OURS = ("/api/v1/docs", "/config/")
# Page methods after which a test looks at the page: a new document is checked before them.
WATCHED_METHODS = (
    "goto",
    "reload",
    "go_back",
    "go_forward",
    "locator",
    "get_by_role",
    "get_by_text",
    "get_by_label",
    "get_by_placeholder",
    "get_by_alt_text",
    "get_by_title",
    "get_by_test_id",
    "content",
    "screenshot",
    "expect_download",
    "expect_request",
    "expect_navigation",
)

_axe = Axe()


@dataclass
class _Document:
    url: str
    method: str
    status: int
    html: bool


@dataclass
class AxeWatch:
    page: Page
    browser: Browser
    base_url: str
    fresh: bool = False
    busy: bool = False
    document: _Document | None = None
    findings: list[str] = field(default_factory=list)
    pages_checked: int = 0

    # --- following the page ---

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.fresh = True

    def _responded(self, response: Response) -> None:
        request = response.request
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            content_type = response.headers.get("content-type", "")
            self.document = _Document(
                url=response.url,
                method=request.method,
                status=response.status,
                html=content_type.startswith("text/html"),
            )

    def check(self) -> None:
        """Check the current document if it is new since the last check."""
        if not self.fresh or self.busy:
            return
        self.busy = True
        try:
            self._check_current()
        finally:
            self.busy = False

    def _check_current(self) -> None:
        page = self.page
        try:
            page.wait_for_load_state("load")
        except Error:
            return  # still navigating: the next call checks the document it lands on
        self.fresh = False
        document = self.document
        url = page.url
        path = urlsplit(url).path
        if not url.startswith(self.base_url) or path.startswith(NOT_OURS):
            return
        if document is not None and not document.html:
            return
        try:
            results = _axe.run(page, options=AXE_OPTIONS)
        except Error:
            self.fresh = True  # the page moved on while axe ran: check where it landed
            return
        self.pages_checked += 1
        language = page.evaluate("document.documentElement.lang") or "?"
        self._record(language, url, results.response)
        fetched = document is not None and document.method == "GET" and document.url == url
        if fetched and language != "da":
            self._check_in_danish(url)

    def _check_in_danish(self, url: str) -> None:
        cookies = [
            c for c in self.page.context.cookies() if c["name"] != settings.LANGUAGE_COOKIE_NAME
        ]
        user = _signed_in_user(cookies)
        earlier = user.language if user else ""
        context = self.browser.new_context(
            base_url=self.base_url,
            locale="da-DK",
            viewport=self.page.viewport_size,
        )
        try:
            context.add_cookies(cookies)  # type: ignore[arg-type]
            if user is not None:
                User.objects.filter(pk=user.pk).update(language="da")
            danish = context.new_page()
            response = danish.goto(url)
            if response is None or response.status >= 500:
                return
            danish.wait_for_load_state("load")
            results = _axe.run(danish, options=AXE_OPTIONS)
            self._record("da", url, results.response)
        finally:
            if user is not None:
                User.objects.filter(pk=user.pk).update(language=earlier)
            context.close()

    def _record(self, language: str, url: str, response: dict) -> None:
        path = url.removeprefix(self.base_url) or "/"
        for violation in response["violations"]:
            if violation.get("impact") not in FAILING_IMPACTS:
                continue
            nodes = "\n".join(
                f"      {', '.join(map(str, node['target']))}: {node.get('html', '')[:200]}"
                for node in violation["nodes"][:8]
            )
            self.findings.append(
                f"[{language}] {path}: {violation['id']} ({violation['impact']}): "
                f"{violation['help']}\n{nodes}"
            )

    def finish(self) -> list[str]:
        """Check the final state; answer every serious or critical violation seen."""
        with contextlib.suppress(Error):
            self.check()
        return list(dict.fromkeys(self.findings))


def _signed_in_user(cookies: list) -> User | None:
    key = next((c["value"] for c in cookies if c["name"] == settings.SESSION_COOKIE_NAME), None)
    if not key:
        return None
    user_id = SessionStore(session_key=key).get(SESSION_KEY)
    return User.objects.filter(pk=user_id).first() if user_id else None


def _checked_first(name: str) -> Callable:
    original = getattr(Page, name)

    def method(self, *args, **kwargs):
        watch = getattr(self, "_axe_watch", None)
        if watch is not None:
            watch.check()
        return original(self, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = original.__doc__
    return method


class CheckedPage(Page):
    """A Playwright page whose new documents are checked by axe before the test reads them."""


for _name in WATCHED_METHODS:
    setattr(CheckedPage, _name, _checked_first(_name))


def watch(page: Page, *, browser: Browser, base_url: str) -> AxeWatch:
    """Follow `page`: every document it loads is checked; call `.finish()` at the end.
    ROUNDTABLE_AXE=0 switches the checks off, to tell a journey's own failure from axe's."""
    axe_watch = AxeWatch(page=page, browser=browser, base_url=base_url)
    if os.environ.get("ROUNDTABLE_AXE") == "0":
        return axe_watch
    page.on("framenavigated", axe_watch._navigated)
    page.on("response", axe_watch._responded)
    page.__class__ = CheckedPage
    page._axe_watch = axe_watch  # type: ignore[attr-defined]
    return axe_watch


def report(findings: list[str], pages_checked: int) -> str:
    return (
        f"axe-core found {len(findings)} serious or critical accessibility violation(s) "
        f"on the pages this test visited ({pages_checked} checked):\n" + "\n".join(findings)
    )
