"""One word per role in the header, the caseload, the person page and the meeting form (issue 10,
27: Swedish "Arbetsspecialist" in the header but "Arbetskonsulent" in the caseload)."""

import html

from django.urls import reverse


def _page(client, who, language, url):
    who.user.language = language
    who.user.save(update_fields=["language"])
    client.force_login(who.user)
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_swedish_team_reads_arbetsspecialist_everywhere(client, nordic_cast):
    stina = nordic_cast.stina
    pages = "".join(
        _page(client, nordic_cast.sven, "sv", url)
        for url in (
            reverse("workspace:caseload"),
            reverse("workspace:citizen", args=[stina.id]),
            reverse("meetings:new", args=[stina.id]),
        )
    )
    assert "Sven Strand · Arbetsspecialist" in pages
    assert '<th scope="col">Arbetsspecialist</th>' in pages
    assert "arbetskonsulent" not in pages.lower()
    assert "Deltagare" in pages and "medborgare" not in pages.lower()


def test_a_norwegian_nav_team_reads_veileder_not_jobbkonsulent(client, nordic_cast):
    pages = _page(client, nordic_cast.nils, "nb", reverse("workspace:caseload")) + _page(
        client, nordic_cast.nora, "nb", reverse("workspace:citizen", args=[nordic_cast.ola.id])
    )
    assert "Nils Nygaard · Nav-veileder" in pages
    assert "jobbkonsulent" not in pages.lower() and "jobbspesialist" not in pages.lower()
