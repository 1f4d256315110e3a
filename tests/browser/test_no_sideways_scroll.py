"""No page scrolls sideways on a 320 px screen (issue 10, check 2 and finding 16).

Each role signs in — care manager, employment consultant, team leader, citizen — in English and
in Danish, and visits every page reachable from the navigation, the citizen's page and the
pages it links to (a held meeting with decisions, a published plan with its hours table, the
sick-leave dates, the journal, the access log …): one page of each kind, found by following
links two steps from the start. A page fails if the document is wider than the viewport; the
message names the elements that stick out. axe-core checks every page visited too (conftest).
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from roundtable.accounts.models import User
from roundtable.consent.testing import directive_create
from roundtable.meetings.testing import schedule
from roundtable.plans.testing import held_meeting, publish, save_plan

pytestmark = pytest.mark.browser

WIDTH = 320
ROLES = {
    "care_manager": "alice.andersen",
    "employment_consultant": "bob.berg",
    "team_leader": "tina.thorsen",
    "citizen": "anna.secretperson",
}
# Links that do not lead to a page: files, signing out, the API, the configuration.
SKIP = re.compile(
    r"(\.pdf|\.ics|\.json|\.csv|/export|/logout|/api/|/config/|/static/|/media/|mailto:|tel:)"
)
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")

WIDER_THAN_THE_SCREEN = """
() => {
  const width = document.documentElement.clientWidth;
  const clips = (el) =>
    ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let outermost = true;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (clips(p) || p.getBoundingClientRect().right > width + 0.5) { outermost = false; break; }
    }
    if (outermost) out.push(`${name(el)} (right edge ${Math.round(box.right)} px)`);
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 6)};
}
"""


def _pattern(url: str) -> str:
    parts = urlsplit(url)
    return ID.sub("<id>", parts.path) + ("?" + ID.sub("<n>", parts.query) if parts.query else "")


def _links(page: Page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "header a[href], main a[href]:not([download])", "els => els.map(e => e.href)"
    )
    found = []
    for href in hrefs:
        href = href.split("#")[0]
        if href.startswith(base) and not SKIP.search(href):
            found.append(href)
    return found


@pytest.fixture
def course_with_everything(cast):
    """Anna's course with what makes pages wide: a held meeting with decisions and options, a
    planned one, a published plan with a twelve-week ramp, consent choices."""
    meeting, _ = held_meeting(cast.alice, cast.anna, decisions=3)
    schedule(cast.alice, cast.anna, days_ahead=5, purpose="We look at the plan again.")
    save_plan(cast.alice, cast.anna, meeting_id=meeting.pk)
    publish(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": "Longer days from week four."})
    publish(cast.alice, cast.anna)
    directive_create(
        cast.anna, [("permit", "sector", "employment", ["health_summary", "functional_capacity"])]
    )
    return cast


@pytest.mark.parametrize("language", ["en", "da"])
@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_is_wider_than_a_320_px_screen(
    page: Page, course_with_everything, live_server, sign_in, role, language
):
    cast = course_with_everything
    username = ROLES[role]
    User.objects.filter(username=username).update(language=language)
    sign_in(username)
    page.set_viewport_size({"width": WIDTH, "height": 640})

    base = live_server.url
    start = [page.url, f"{base}/citizens/{cast.anna.pk}/"] if role != "citizen" else [page.url]
    queue = deque((url, 0) for url in start)
    seen: set[str] = set()
    too_wide: list[str] = []
    visited = 0
    while queue:
        url, depth = queue.popleft()
        pattern = _pattern(url)
        if pattern in seen:
            continue
        seen.add(pattern)
        response = page.goto(url)
        if response is None or response.status != 200:
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        visited += 1
        measure = page.evaluate(WIDER_THAN_THE_SCREEN)
        if measure["scroll"] > WIDTH:
            path = url.removeprefix(base)
            too_wide.append(f"{path}: {measure['scroll']} px wide: {', '.join(measure['out'])}")
        if depth < 2:
            queue.extend((link, depth + 1) for link in _links(page, base))
    assert visited >= 5, f"only {visited} pages reached as {role}"
    assert not too_wide, f"Pages wider than {WIDTH} px ({role}, {language}):\n" + "\n".join(
        too_wide
    )
