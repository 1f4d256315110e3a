"""One word per role, language and jurisdiction, replaceable per deployment (issue 10: 11, 27)."""

import pytest

from roundtable.organisations.models import Role
from roundtable.organisations.terms import KEYS, LANGUAGES, term, terms_for


def test_danish_pages_name_the_care_manager_in_danish():
    assert term("care_manager", jurisdiction="dk", language="da").one == "behandler"


def test_swedish_employment_side_is_the_arbetsspecialist_whatever_the_role_is_called():
    se = terms_for("se", language="sv")
    assert se.employment.one == "arbetsspecialist"
    assert se.role_label(Role.EMPLOYMENT_SPECIALIST) == "Arbetsspecialist"
    assert se.role_label(Role.EMPLOYMENT_CONSULTANT) == "Arbetsspecialist"


def test_norwegian_nav_consultant_is_a_veileder_and_the_ips_role_a_jobbspesialist():
    no = terms_for("no", language="nb")
    assert no.role_label(Role.EMPLOYMENT_CONSULTANT) == "Nav-veileder"
    assert no.role_label(Role.EMPLOYMENT_SPECIALIST) == "Jobbspesialist"
    assert (
        terms_for("no", employment_role=Role.EMPLOYMENT_SPECIALIST, language="nb").employment.one
        == "jobbspesialist"
    )


@pytest.mark.parametrize(
    ("jurisdiction", "language", "person"),
    [
        ("dk", "da", "borger"),
        ("se", "sv", "deltagare"),
        ("no", "nb", "deltaker"),
        ("dk", "en", "citizen"),
    ],
)
def test_the_person_is_called_what_each_service_calls_them(jurisdiction, language, person):
    assert terms_for(jurisdiction, language=language).citizen.one == person


@pytest.mark.parametrize(
    ("jurisdiction", "decider"),
    [("dk", "The jobcentre"), ("se", "Försäkringskassan"), ("no", "Nav")],
)
def test_who_decides_on_the_benefit_follows_the_law_of_the_jurisdiction(jurisdiction, decider):
    assert terms_for(jurisdiction, language="en").benefit_decider.The == decider


def test_only_the_danish_consultant_and_navs_veileder_decide_on_the_benefit():
    assert terms_for("dk").employment_decides_benefit
    assert terms_for("no").employment_decides_benefit
    assert not terms_for("se").employment_decides_benefit
    assert not terms_for(
        "no", employment_role=Role.EMPLOYMENT_SPECIALIST
    ).employment_decides_benefit


def test_every_term_has_three_forms_in_every_language_and_jurisdiction():
    for key in KEYS:
        for jurisdiction in ("dk", "se", "no"):
            for language in LANGUAGES:
                found = term(key, jurisdiction=jurisdiction, language=language)
                assert found.one and found.the and found.many


def test_a_deployment_replaces_a_term_for_one_jurisdiction_and_language(settings):
    settings.ROUNDTABLE_TERMS = {
        "dk": {"da": {"care_manager": ["care manager", "care manageren", "care managere"]}}
    }
    assert term("care_manager", jurisdiction="dk", language="da").the == "care manageren"
    assert term("care_manager", jurisdiction="se", language="da").one == "behandler"
    assert term("care_manager", jurisdiction="dk", language="sv").one == "vårdsamordnare"


def test_norwegian_bokmal_and_regional_codes_find_their_language():
    assert term("citizen", jurisdiction="no", language="nb").one == "deltaker"
    assert term("citizen", jurisdiction="dk", language="da-dk").one == "borger"
    assert term("citizen", jurisdiction="dk", language="fi").one == "citizen"


@pytest.mark.parametrize(
    ("language", "foreign"),
    [
        ("da", ("care manager",)),
        ("sv", ("arbetskonsulent", "medborgare")),
        ("nb", ("jobbkonsulent", "innbygger")),
    ],
)
def test_no_translated_text_uses_a_role_word_the_language_does_not(language, foreign):
    """One term per role and language (finding 27): the catalogues say what the terms say."""
    from pathlib import Path

    import polib
    from django.conf import settings
    from django.utils import translation

    po = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
    )
    found = []
    with translation.override(language):
        for entry in po:
            if entry.obsolete or entry.msgid_plural or entry.msgctxt:
                continue
            text = translation.gettext(entry.msgid).lower()
            found += [entry.msgid for word in foreign if word in text]
    assert found == []
