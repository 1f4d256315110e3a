"""Evidence for the benefit case, in a real browser (issue 13, 5): the employment consultant
asks the team's psychologist — not the care manager — for medical evidence; the psychologist
finds it on "My deadlines", writes the note and sends it (the citizen lets the jobcentre read
what she can do at work); the citizen reads it in Danish."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from roundtable.organisations.models import Role
from roundtable.organisations.terms import terms_for
from roundtable.sickleave.models import EvidenceNote, EvidenceRequest
from roundtable.sickleave.testing import share_capacity
from roundtable.testing import make_professional

pytestmark = pytest.mark.browser

ANNA = "anna.secretperson"
BOB = "bob.berg"
PIA = "pia.poulsen"
QUESTION = "What can she do at work now, and when can she work more hours?"
CAPACITY = "Can do calm, well-defined tasks for two hours at a time."


def danish(message: str) -> str:
    with override("da"):
        return gettext(message)


def test_the_consultant_asks_the_psychologist_who_writes_and_sends_and_the_citizen_reads(
    page: Page, cast, sign_in, sign_out, screenshot
):
    make_professional(
        "Pia Poulsen", cast.region, Role.SUPERVISOR, (cast.alpha,), title="Psychologist"
    )
    share_capacity(cast.anna)

    # The employment consultant asks the psychologist.
    sign_in(BOB)
    page.goto(f"/citizens/{cast.anna.pk}/sick-leave/")
    page.get_by_text("Ask for medical evidence").click()
    page.get_by_label("What should the medical evidence answer?").fill(QUESTION)
    page.get_by_label("Needed by").fill((dt.date.today() + dt.timedelta(days=10)).isoformat())
    page.get_by_label("Whom to ask").select_option(label="Pia Poulsen (Psychologist)")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Medical evidence has been asked for.")).to_be_visible()
    expect(page.get_by_role("link", name=QUESTION)).to_be_visible()
    sign_out()
    request = EvidenceRequest.objects.get()
    assert request.assignee.user.username == PIA

    # The psychologist finds it among her deadlines, writes the note and sends it.
    sign_in(PIA)
    page.goto("/deadlines/")
    page.get_by_role("link", name=QUESTION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence for the benefit case")
    page.get_by_label("Work capacity").select_option("partial")
    page.get_by_label("Hours a week").fill("10")
    page.get_by_label("What the person can and cannot do at work").fill(CAPACITY)
    page.get_by_label("Prognosis", exact=True).select_option("6m")
    page.get_by_role("button", name="Save: ready for the citizen to read").click()
    expect(page.get_by_text("A new version of the note is saved.")).to_be_visible()
    screenshot("evidence-written")
    page.get_by_role("button", name="Send version 1 to the jobcentre").click()
    expect(page.get_by_text("The note is sent.")).to_be_visible()
    sign_out()
    assert [n.state for n in EvidenceNote.objects.order_by("version")] == ["ready", "sent"]
    request.refresh_from_db()
    assert request.status == EvidenceRequest.Status.DONE

    # The citizen reads it, in Danish.
    sign_in(ANNA)
    page.goto("/me/evidence/")
    page.get_by_label("Language").select_option(label="Dansk")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    with override("da"):
        org = terms_for("dk").employment_service.the
    expect(page.get_by_role("heading", level=1)).to_have_text(
        danish("What %(org)s is told about your health") % {"org": org}
    )
    expect(page.get_by_text(CAPACITY)).to_be_visible()
    expect(page.get_by_text(danish("It has been sent to %(org)s.") % {"org": org})).to_be_visible()
    screenshot("evidence-citizen-da")
