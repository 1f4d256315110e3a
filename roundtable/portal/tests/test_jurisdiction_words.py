"""The citizen's pages name the roles, organisations and decision-makers of their own country,
in their own language (issue 10: findings 11, 26, 27)."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.accounts.actor import actor_for_user
from roundtable.meetings.services import meeting_schedule


def _as(client, citizen, language):
    user = citizen.user
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)


def _meeting(professional, citizen):
    start = (timezone.now() + dt.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    return meeting_schedule(
        actor=actor_for_user(professional.user),
        citizen_id=citizen.id,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        purpose="Planering",
        place="Rum 2",
    )


def _page(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_swedish_citizen_is_told_forsakringskassan_decides_on_sjukpenning(client, nordic_cast):
    meeting = _meeting(nordic_cast.siri, nordic_cast.stina)
    _as(client, nordic_cast.stina, "sv")
    page = _page(client, "meetings:my-preparation", meeting.id)
    assert "Försäkringskassan beslutar det enligt lagen" in page
    assert "sjukpenning" in page
    for foreign in ("jobbcent", "Jobbcent", "arbetskonsulent", "Arbetskonsulent"):
        assert foreign not in page


def test_a_norwegian_citizen_is_told_nav_decides_and_meets_a_nav_veileder(client, nordic_cast):
    meeting = _meeting(nordic_cast.nora, nordic_cast.ola)
    _as(client, nordic_cast.ola, "nb")
    page = _page(client, "meetings:my-preparation", meeting.id)
    assert "Nav avgjør det etter loven" in page
    assert "din Nav-veileder" in page
    for foreign in ("jobbsenter", "Jobbsenter", "jobbkonsulent", "Jobbkonsulent", "NAV "):
        assert foreign not in page


@pytest.mark.parametrize(
    ("who", "language", "expected", "foreign"),
    [
        (
            "stina",
            "sv",
            ["din arbetsspecialist", "din vårdsamordnare", "Deltagare"],
            [
                "jobbcent",
                "Jobbcent",
                "arbetskonsulent",
                "Arbetskonsulent",
                "medborgare",
                "Medborgare",
            ],
        ),
        (
            "ola",
            "nb",
            ["din Nav-veileder", "din koordinator", "Deltaker"],
            [
                "jobbsenter",
                "Jobbsenter",
                "jobbkonsulent",
                "Jobbkonsulent",
                "innbygger",
                "Innbygger",
            ],
        ),
        (
            "stina",
            "en",
            ["your employment specialist", "Participant"],
            ["jobcentre", "employment consultant"],
        ),
    ],
)
def test_home_and_consent_pages_speak_of_the_citizens_own_country(
    client, nordic_cast, who, language, expected, foreign
):
    _as(client, getattr(nordic_cast, who), language)
    pages = _page(client, "portal:home") + _page(client, "consent:mine")
    for word in expected:
        assert word in pages
    for word in foreign:
        assert word not in pages


def test_danish_pages_have_no_english_role_words(client, cast):
    _as(client, cast.anna, "da")
    pages = _page(client, "portal:home") + _page(client, "meetings:my-list")
    assert "care manager" not in pages
    assert "din behandler" in pages and "din jobkonsulent" in pages


def test_the_swedish_consent_page_names_no_law_that_does_not_apply_in_sweden(client, nordic_cast):
    _as(client, nordic_cast.stina, "en")
    page = _page(client, "consent:mine")
    assert "must follow up on your sick leave and your benefit" not in page
    assert "The people who help you with work keep their own record of that help." in page
    assert "The municipality's employment service may see:" in page


def test_the_consent_page_says_each_reason_once(client, cast):
    _as(client, cast.anna, "en")
    page = _page(client, "consent:mine")
    assert page.count("The health service keeps its own record of the care it gives.") == 1


def test_the_language_menu_shows_each_language_in_its_own_name(client, cast):
    _as(client, cast.anna, "sv")
    page = _page(client, "portal:home")
    for name in (
        ">English<",
        ">Dansk<",
        ">Svenska<",
        ">Norsk bokmål<",
    ):
        assert name in page
    assert "Engelska" not in page
