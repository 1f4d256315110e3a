"""Issue 10, findings 4, 6, 10 and 13 in a real browser, in Danish, as the care manager.

The employment consultant asks for medical evidence due in 18 days and schedules a meeting for
next week; the care manager sees both on "Mine frister", and the sick-leave page explains the
reassessment count in staff words, at 1280 and 375 px.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from roundtable.accounts.actor import actor_for_user
from roundtable.meetings.testing import schedule
from roundtable.sickleave import services

pytestmark = pytest.mark.browser

ALICE = "alice.andersen"


@pytest.mark.parametrize("width", [1280, 375])
def test_care_manager_sees_what_was_asked_of_them_in_danish(
    page: Page, cast, sign_in, screenshot, width
):
    cast.alice.user.language = "da"
    cast.alice.user.save()
    today = dt.date.today()
    services.evidence_request_create(
        actor=actor_for_user(cast.bob.user),
        citizen_id=cast.anna.pk,
        question="Hvordan går behandlingen, og hvornår forventes arbejdsevnen tilbage?",
        due_on=today + dt.timedelta(days=18),
    )
    schedule(cast.bob, cast.anna, days_ahead=(7 - today.weekday()) + 2)
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(ALICE)
    page.goto("/deadlines/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine frister")
    body = page.locator("main")
    expect(body).to_contain_text("Du er blevet bedt om lægelige oplysninger")
    expect(body).to_contain_text("Der er planlagt et rundbordsmøde")
    expect(body).to_contain_text("Rundbordsmøde")
    expect(body).to_contain_text("Senere: opgaver til dig")
    expect(body).not_to_contain_text("din arbejdsgiver")
    screenshot(f"da-care-manager-deadlines-{width}")

    page.goto(f"/citizens/{cast.anna.pk}/sick-leave/")
    expect(page.get_by_role("heading", name="Sådan tælles revurderingsdatoen")).to_be_visible()
    expect(body).to_contain_text("Udbetalt af kommunen indtil nu")
    expect(body).to_contain_text("Overskredet: ikke markeret som håndteret")
    expect(body).not_to_contain_text("Passeret")
    screenshot(f"da-care-manager-sickleave-{width}")
