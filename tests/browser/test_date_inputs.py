"""Every form with a date or time input, filled and saved in Danish, Swedish and Norwegian
(issue 10: "a Danish citizen cannot save their consent choices").

A browser keeps the value of `<input type="date">` only when it reads `yyyy-mm-dd`. When the
page wrote `02.12.2026`, Chromium showed an empty field and the form came back with "Dette felt
er påkrævet." on a field the person never touched. So for each form this test

1. checks that every date, time and number input the page filled in is still filled in the
   browser (the value the page wrote is the value the browser holds),
2. fills what is still empty the way a person would (dates through the browser's own input),
3. submits, and checks that the form saved: no field marked wrong, no "required" message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from roundtable.accounts.models import User
from roundtable.assessments.testing import fill_everything
from roundtable.care.models import CareStep
from roundtable.consent.models import ConsentDirective
from roundtable.meetings.testing import schedule
from roundtable.testing import PASSWORD

pytestmark = pytest.mark.browser

LOCALES = {"da": "da-DK", "sv": "sv-SE", "nb": "nb-NO"}
REQUIRED = {
    "da": "Dette felt er påkrævet.",
    "sv": "Detta fält måste fyllas i.",
    "nb": "Feltet er påkrevd.",
}

# Inputs whose value a browser throws away unless it is written the ISO way.
STRICT_INPUTS = "input[type=date], input[type=time], input[type=datetime-local], input[type=number]"
DATE_INPUTS = "input[type=date], input[type=time], input[type=datetime-local]"

# The value attribute the page wrote, beside the value the browser kept.
_DROPPED = """form => Array.from(form.querySelectorAll(arguments_selector))
  .filter(el => el.getAttribute('value') && el.value !== el.getAttribute('value'))
  .map(el => `${el.name}: page wrote "${el.getAttribute('value')}", browser holds "${el.value}"`)"""


def _dropped(form: Locator) -> list[str]:
    return form.evaluate(_DROPPED.replace("arguments_selector", repr(STRICT_INPUTS)))


# Fill what a person must fill: required fields left empty (the dates and times are filled
# through the browser's own input first).
_FILL_REST = """form => {
  const named = new Set();
  for (const el of form.querySelectorAll('input, select, textarea')) {
    if (el.disabled || el.type === 'hidden') continue;
    if (el.type === 'radio') {
      if (named.has(el.name)) continue;
      named.add(el.name);
      const group = form.querySelectorAll(`input[type=radio][name="${el.name}"]`);
      if (![...group].some(r => r.checked)) group[0].checked = true;
      continue;
    }
    if (el.type === 'checkbox' || el.value) continue;
    if (el.tagName === 'SELECT') {
      const option = [...el.options].find(o => o.value);
      if (option && el.required) el.value = option.value;
      continue;
    }
    if (!el.required) continue;
    if (el.type === 'number') el.value = el.min || '1';
    else if (el.type === 'email') el.value = 'someone@example.org';
    else if (el.name.includes('national')) el.value = '150385-4321';
    else el.value = 'Noted for the test.';
  }
}"""


def _fill_and_submit(page: Page, form: Locator, language: str, extra: dict[str, str]) -> None:
    # A form folded away in <details> is opened, as a person would.
    form.evaluate(
        "f => { for (let d = f.closest('details'); d; d = d.parentElement.closest('details'))"
        " d.open = true; }"
    )
    assert _dropped(form) == [], f"{page.url}: the browser threw away a value the page wrote"
    today = timezone.localdate()
    times = iter(("10:00", "11:00", "12:00"))
    for field in form.locator(DATE_INPUTS).all():
        if field.input_value() or not field.is_visible() or field.get_attribute("required") is None:
            continue
        kind = field.get_attribute("type")
        if kind == "date":
            field.fill(today.isoformat())
        elif kind == "time":
            field.fill(next(times))
        else:
            field.fill(f"{today.isoformat()}T10:00")
    for name, value in extra.items():
        field = form.locator(f"[name={name}]")
        if field.count() and field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        elif field.count():
            field.fill(value)
    form.evaluate(_FILL_REST)
    with page.expect_navigation():
        form.locator("button[type=submit], button:not([type]), input[type=submit]").last.click()
    page.wait_for_load_state()
    confirm = page.locator("main form input[name=confirm]")
    if confirm.count() and confirm.first.input_value():
        # A change that moves a legal date is shown first and saved when sent again (finding 5).
        again = confirm.first.locator("xpath=ancestor::form")
        with page.expect_navigation():
            again.locator(
                "button[type=submit], button:not([type]), input[type=submit]"
            ).last.click()
        page.wait_for_load_state()
    errors = page.locator(".errorlist, .form-errors").all_inner_texts()
    assert errors == [], f"{page.url}: {errors}"
    assert page.locator("[aria-invalid=true]").count() == 0
    expect(page.get_by_text(REQUIRED[language])).to_have_count(0)


@pytest.fixture
def in_language(browser: Browser, live_server) -> Iterator:
    """A browser page in one language, signed in as `username`, whose account speaks it too."""
    contexts = []

    def _open(username: str, language: str) -> Page:
        User.objects.filter(username=username).update(language=language)
        context = browser.new_context(
            base_url=live_server.url,
            locale=LOCALES[language],
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(8_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.locator("#id_login").fill(username)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button").first.click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        return page

    yield _open
    for context in contexts:
        context.close()


def _forms_with_dates(page: Page) -> Locator:
    return page.locator("main form").filter(has=page.locator(DATE_INPUTS))


def _split(item: str | tuple[str, dict[str, str]]) -> tuple[str, dict[str, str]]:
    return (item, {}) if isinstance(item, str) else item


def _each_form(page: Page, language: str, url: str, extra: dict[str, str]) -> int:
    """Fill and submit every form of the page that has a date or time input, each afresh."""
    page.goto(url)
    count = _forms_with_dates(page).count()
    assert count, f"{url} shows no form with a date or time input"
    for index in range(count):
        page.goto(url)
        _fill_and_submit(page, _forms_with_dates(page).nth(index), language, extra)
    return count


@pytest.mark.parametrize("language", ["da", "sv", "nb"])
def test_professionals_save_every_form_with_a_date(in_language, cast, language):
    fill_everything(cast)
    meeting = schedule(cast.alice, cast.anna)
    anna = cast.anna.id
    alice = in_language("alice.andersen", language)
    pages: list[str | tuple[str, dict[str, str]]] = [
        ("/citizens/new/", {"first_absence_day": timezone.localdate().isoformat()}),
        f"/citizens/{anna}/consent/record/",
        (f"/citizens/{anna}/meetings/new/", {"place": "Jobcentret, lokale 4"}),
        f"/meetings/{meeting.id}/edit/",
        f"/meetings/{meeting.id}/",
        f"/citizens/{anna}/plan/edit/",
        f"/citizens/{anna}/assessments/health/",
        f"/citizens/{anna}/assessments/care-steps/new/",
        f"/citizens/{anna}/assessments/care-steps/{CareStep.objects.first().id}/",
        f"/citizens/{anna}/assessments/sessions/new/",
        f"/citizens/{anna}/assessments/symptoms/new/",
        f"/citizens/{anna}/assessments/life-situation/",
    ]
    saved = sum(_each_form(alice, language, *_split(url)) for url in pages)

    bob = in_language("bob.berg", language)
    pages: list[str | tuple[str, dict[str, str]]] = [
        (f"/citizens/{anna}/sick-leave/", {"kind": "extension", "ground": "1"}),
        f"/citizens/{anna}/assessments/vocational/",
        f"/citizens/{anna}/assessments/vocational-steps/new/",
        f"/citizens/{anna}/assessments/ips/plan/",
        f"/citizens/{anna}/assessments/ips/contacts/new/",
        (
            f"/citizens/{anna}/work-history/",
            {
                "employer": "Bageriet",
                "job_title": "Bager",
                "hours_per_week": "20",
                "terms": "competitive",
            },
        ),
    ]
    saved += sum(_each_form(bob, language, *_split(url)) for url in pages)
    assert saved >= 20, saved  # every form class with a date or time field


@pytest.mark.parametrize("language", ["da", "sv", "nb"])
def test_a_citizen_saves_their_consent_choices_without_touching_the_date(
    in_language, cast, language
):
    before = ConsentDirective.objects.count()
    anna = in_language("anna.secretperson", language)
    anna.goto("/me/consent/")
    form = _forms_with_dates(anna).first
    start = form.locator("input[type=date]").first
    expect(start).to_have_value(timezone.localdate().isoformat())
    assert _dropped(form) == []
    with anna.expect_navigation():
        form.locator("button[type=submit], button:not([type])").last.click()
    expect(anna.locator(".errorlist, .form-errors")).to_have_count(0)
    expect(anna.get_by_text(REQUIRED[language])).to_have_count(0)
    assert ConsentDirective.objects.count() == before + 1
