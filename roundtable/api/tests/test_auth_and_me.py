import datetime as dt

import pytest
from django.utils import timezone

from roundtable.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _token(client, username, password):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_token_for_a_right_password_works_as_bearer(client, cast, password):
    response = _token(client, "alice.andersen", password)
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert me["username"] == "alice.andersen"
    assert me["role"] == "care_manager"
    assert me["organisation"] == "Region Test Psychiatry"
    assert me["citizen_id"] is None


def test_only_the_digest_of_a_token_is_stored(client, cast, password):
    token = _token(client, "alice.andersen", password).json()["token"]
    assert not ApiToken.objects.filter(digest=token).exists()
    assert ApiToken.objects.count() == 1


def test_wrong_password_gets_401_with_a_reason(client, cast):
    response = _token(client, "alice.andersen", "nope-nope-nope")
    assert response.status_code == 401
    assert "Wrong username or password" in response.json()["detail"]


def test_missing_fields_get_a_4xx_with_a_reason(client, db):
    response = client.post("/api/v1/auth/token", {"username": "x"}, content_type="application/json")
    assert response.status_code == 422
    assert "password" in response.content.decode()


def test_an_expired_or_made_up_token_gets_401(client, cast, password):
    token = _token(client, "alice.andersen", password).json()["token"]
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer made-up").status_code == 401


def test_a_citizen_user_gets_their_citizen_id(client, cast, password):
    token = _token(client, "anna.secretperson", password).json()["token"]
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert (me["role"], me["citizen_id"]) == ("citizen", str(cast.anna.id))


def test_openapi_document_describes_the_contract(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for path in (
        "/api/v1/auth/token",
        "/api/v1/me",
        "/api/v1/citizens",
        "/api/v1/citizens/{citizen_id}",
        "/api/v1/citizens/{citizen_id}/sickleave/milestones",
        "/api/v1/me/deadlines",
    ):
        assert path in document["paths"]


def test_a_malformed_id_gets_a_4xx_not_a_500(client, login, cast):
    login(cast.alice)
    assert client.get("/api/v1/citizens/not-a-uuid").status_code in (404, 422)


def test_an_unknown_status_filter_gets_422_with_a_reason(client, login, cast):
    login(cast.alice)
    response = client.get("/api/v1/citizens?status=sleeping")
    assert response.status_code == 422
    assert "status" in response.content.decode()


def test_session_api_writes_need_csrf(cast, password):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.alice.user)
    # Token issuance is the only write so far and takes no session; reads need no token.
    assert strict.get("/api/v1/me").status_code == 200


def test_token_guessing_is_throttled_per_username_and_address(client, cast, password):
    for _ in range(5):
        client.post(
            "/api/v1/auth/token",
            {"username": "alice.andersen", "password": "guess-guess"},
            content_type="application/json",
            REMOTE_ADDR="10.9.9.9",
        )
    locked = client.post(
        "/api/v1/auth/token",
        {"username": "alice.andersen", "password": password},
        content_type="application/json",
        REMOTE_ADDR="10.9.9.9",
    )
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.json()["detail"]
    assert locked["Retry-After"] == "2"
    elsewhere = client.post(
        "/api/v1/auth/token",
        {"username": "alice.andersen", "password": password},
        content_type="application/json",
        REMOTE_ADDR="10.2.2.2",
    )
    assert elsewhere.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/citizens?offset=999999999999999999",
        "/api/v1/me/access-log?offset=999999999999999999",
    ],
)
def test_an_absurd_offset_gets_a_reason_not_a_500(client, login, cast, url):
    login(cast.anna.user)
    response = client.get(url)
    assert response.status_code == 422
    assert "offset" in response.content.decode()


def test_an_absurd_access_log_page_shows_a_page_not_an_error(client, login, cast):
    login(cast.anna.user)
    assert client.get("/me/access-log/?page=999999999999999999").status_code == 200


def test_a_new_password_ends_the_api_tokens(client, cast, password):
    token = _token(client, "alice.andersen", password).json()["token"]
    user = cast.alice.user
    user.set_password("a-completely-new-passphrase")
    user.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert not ApiToken.objects.filter(user=user).exists()


def test_a_deactivated_account_loses_its_api_tokens(client, cast, password):
    token = _token(client, "bob.berg", password).json()["token"]
    user = cast.bob.user
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert not ApiToken.objects.filter(user=user).exists()


def test_other_changes_to_the_user_keep_the_tokens(client, cast, password):
    token = _token(client, "alice.andersen", password).json()["token"]
    user = cast.alice.user
    user.language = "da"
    user.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
