import json
from unittest import mock

import pytest
from django.urls import reverse

from roundtable.accounts import throttling
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


def test_repeated_failures_slow_that_username_from_that_address_only(client, cast, password):
    for _ in range(5):
        _sign_in(client, "alice.andersen", "guess-guess-guess", address="10.6.6.6")
    slowed = _sign_in(client, "alice.andersen", password, address="10.6.6.6")
    assert slowed.status_code == 429
    assert "Too many attempts" in slowed.content.decode()
    assert int(slowed["Retry-After"]) >= 1
    # The attacker cannot lock Alice out of her own desk.
    client.cookies.clear()
    assert _sign_in(client, "alice.andersen", password, address="10.1.1.1").status_code == 302


def _api_token(client, username, password, address):
    return client.post(
        "/api/v1/auth/token",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
        REMOTE_ADDR=address,
    )


@pytest.mark.parametrize("how", ["page", "api"])
def test_nobody_can_lock_a_person_out_with_wrong_passwords(client, cast, password, how):
    """Issue 10 #22: five wrong passwords made the right one answer 429 for a quarter of an
    hour, on the page and on the API, for any username anyone knew."""
    clock = [1_000_000.0]

    def attempt(secret, address="10.6.6.6"):
        with mock.patch.object(throttling, "_now", lambda: clock[0]):
            client.cookies.clear()
            if how == "page":
                return _sign_in(client, "alice.andersen", secret, address=address)
            return _api_token(client, "alice.andersen", secret, address)

    ok = 302 if how == "page" else 200
    for _ in range(5):
        assert attempt("guess-guess-guess").status_code in (200, 401)
    # Throttled from the attacker's address: even the right password waits, unchecked...
    throttled = attempt(password)
    assert throttled.status_code == 429
    assert throttled["Retry-After"] == "2"
    # ...while Alice signs in from her own address at once.
    assert attempt(password, address="10.1.1.1").status_code == ok
    # The guesser waits longer with every wrong try, up to a minute...
    waits = []
    for _ in range(8):
        clock[0] += 61
        assert attempt("guess-guess-guess").status_code in (200, 401)
        waits.append(int(attempt(password)["Retry-After"]))
    assert waits == [4, 8, 16, 32, 60, 60, 60, 60]
    # ...and a try inside the delay does not lengthen it.
    clock[0] += 30
    assert attempt(password)["Retry-After"] == "30"
    # Never a lock: once the delay has passed, the right password signs in, from there too.
    clock[0] += 30
    assert attempt(password).status_code == ok
    # Unknown usernames are slowed down the same way (nothing tells them apart).
    for _ in range(6):
        with mock.patch.object(throttling, "_now", lambda: clock[0]):
            _sign_in(client, "nobody.at.all", "guess-guess-guess", address="10.6.6.6")
    with mock.patch.object(throttling, "_now", lambda: clock[0]):
        assert _sign_in(client, "nobody.at.all", "x", address="10.6.6.6").status_code == 429


def test_the_delay_doubles_from_the_first_free_failures_up_to_the_cap():
    delays = [throttling.delay_after(n, free=5, first=2, cap=60) for n in range(13)]
    assert delays == [0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 60, 60, 60]


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
