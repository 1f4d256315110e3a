"""English and Danish complete; Swedish and Norwegian Bokmål wired (and complete today)."""

import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = ["da", "sv", "nb"]


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    catalogue = _catalogue(language)
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    for entry in _catalogue(language).translated_entries():
        expected = sorted(re.findall(r"%\(\w+\)s", entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(set(re.findall(r"%\(\w+\)s", text))) == sorted(set(expected)), entry.msgid


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_main_pages_in_danish_show_no_english_interface_text(client, cast):
    """Every catalogue string that differs in Danish must not appear in English on the page."""
    english = [
        e.msgid
        for e in _catalogue("da").translated_entries()
        if len(e.msgid) >= 10 and e.msgstr != e.msgid and "%(" not in e.msgid
    ]
    client.post(reverse("accounts:language"), {"language": "da"})
    pages = {"login": client.get(reverse("account_login"))}
    client.force_login(cast.alice.user)
    pages["caseload"] = client.get(reverse("workspace:caseload"))
    pages["citizen"] = client.get(reverse("workspace:citizen", args=[cast.anna.id]))
    pages["team"] = client.get(reverse("workspace:team", args=[cast.alpha.id]))
    pages["referral"] = client.get(reverse("citizens:referral-new"))
    pages["sick-leave"] = client.get(reverse("sickleave:citizen", args=[cast.anna.id]))
    client.force_login(cast.bob.user)
    pages["deadlines"] = client.get(reverse("sickleave:deadlines"))
    pages["sick-leave-consultant"] = client.get(reverse("sickleave:citizen", args=[cast.anna.id]))
    client.force_login(cast.tina.user)
    pages["team-risks"] = client.get(reverse("sickleave:team-risks"))
    client.force_login(cast.anna.user)
    pages["portal"] = client.get(reverse("portal:home"))
    pages["my-timeline"] = client.get(reverse("sickleave:my-timeline"))
    pages["access-log"] = client.get(reverse("portal:access-log"))
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = _visible_text(response.content.decode())
        assert '<html lang="da">' in response.content.decode(), name
        leftovers = [msgid for msgid in english if msgid in text]
        assert leftovers == [], f"{name}: {leftovers}"
    assert "Sagsstamme" in _visible_text(pages["caseload"].content.decode())
