import pytest
from django.urls import reverse

from roundtable.accounts.models import User

pytestmark = pytest.mark.django_db


def _sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("account_login"), {"login": username, "password": password}, REMOTE_ADDR=address
    )


def test_passwords_are_hashed_with_argon2(cast):
    assert User.objects.get(username="alice.andersen").password.startswith("argon2")


def test_sign_in_gives_a_new_session_id(client, cast, password):
    client.get(reverse("account_login"))
    client.cookies["sessionid"] = "attacker-chosen-session-id"
    response = _sign_in(client, "alice.andersen", password)
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != "attacker-chosen-session-id"


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(client, cast):
    response = _sign_in(client, "alice.andersen", "not-her-password")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    unknown = _sign_in(client, "nobody.at.all", "not-her-password")
    assert "not correct" in unknown.content.decode()


def test_repeated_failures_lock_that_username_from_that_address_only(client, cast, password):
    for _ in range(5):
        _sign_in(client, "alice.andersen", "guess-guess-guess", address="10.6.6.6")
    locked = _sign_in(client, "alice.andersen", password, address="10.6.6.6")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    # The attacker cannot lock Alice out of her own desk.
    client.cookies.clear()
    assert _sign_in(client, "alice.andersen", password, address="10.1.1.1").status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client, login, cast):
    login(cast.alice)
    client.get(reverse("account_logout"))  # shows a confirmation, does not sign out
    assert client.get(reverse("workspace:caseload")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("workspace:caseload")).status_code == 302


def test_a_deactivated_user_is_signed_out_on_the_next_request(client, login, cast):
    login(cast.alice)
    User.objects.filter(pk=cast.alice.user_id).update(is_active=False)
    assert client.get(reverse("workspace:caseload")).status_code == 302


def test_nobody_can_sign_up(client, db):
    response = client.get(reverse("account_signup"))
    assert "Sign Up Closed" in response.content.decode() or response.status_code in (403, 404)
    assert not User.objects.exists()


def test_home_sends_each_role_to_their_start_page(client, login, cast):
    login(cast.alice)
    assert client.get("/")["Location"] == reverse("workspace:caseload")
    login(cast.anna.user)
    assert client.get("/")["Location"] == reverse("portal:home")
    login(cast.mona)
    assert client.get("/")["Location"] == reverse("organisations:team-list")
