import pytest
from django.urls import reverse

from roundtable.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_user_picks_a_language_and_keeps_it(client, login, cast):
    login(cast.alice)
    response = client.post(reverse("accounts:language"), {"language": "da", "next": "/citizens/"})
    assert response["Location"] == "/citizens/"
    assert User.objects.get(pk=cast.alice.user_id).language == "da"
    client.cookies.clear()
    login(cast.alice)
    page = client.get(reverse("workspace:caseload")).content.decode()
    assert '<html lang="da">' in page


@pytest.mark.parametrize("language", ["sv", "nb", "en"])
def test_every_wired_language_can_be_chosen(client, login, cast, language):
    login(cast.bob)
    client.post(reverse("accounts:language"), {"language": language, "next": "/"})
    assert f'<html lang="{language}">' in client.get(reverse("workspace:caseload")).content.decode()


def test_an_unknown_language_is_refused_with_a_reason(client, login, cast):
    login(cast.alice)
    response = client.post(reverse("accounts:language"), {"language": "xx"})
    assert response.status_code == 400
    assert "Unknown language" in response.content.decode()


def test_language_switch_never_redirects_off_site(client, cast):
    response = client.post(
        reverse("accounts:language"), {"language": "da", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_anonymous_visitors_can_pick_a_language_on_the_sign_in_page(client, db):
    client.post(reverse("accounts:language"), {"language": "da", "next": "/accounts/login/"})
    assert '<html lang="da">' in client.get(reverse("account_login")).content.decode()
