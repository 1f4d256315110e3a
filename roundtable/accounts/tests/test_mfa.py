"""Two-factor sign-in with an authenticator app (SECURITY.md 10): available to everyone, and
required for staff when the deployment says so. Codes are computed from the secret the setup
page shows, exactly as the person's phone would."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from roundtable.accounts.models import User
from roundtable.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


SETUP = "/accounts/2fa/totp/activate/"


def totp_code(secret: str, *, offset: int = 0) -> str:
    """The six digits an authenticator app shows now for this secret (RFC 6238, 30 s steps)."""
    # A code read in the last moment of its 30-second step could expire before it is checked.
    if 30 - time.time() % 30 < 1.5:
        time.sleep(30 - time.time() % 30)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def sign_in(client: Client, password: str, username: str = "alice.andersen"):
    return client.post(reverse("account_login"), {"login": username, "password": password})


def is_signed_in(client: Client) -> bool:
    return client.get(reverse("workspace:caseload")).status_code == 200


def activate_totp(client: Client, password: str) -> str:
    """Set up an authenticator app as a person would; returns the secret shown on the page."""
    page = client.get(SETUP)
    if page.status_code == 302 and page["Location"].startswith(reverse("account_reauthenticate")):
        # Setting up a second factor asks for the password again.
        client.post(reverse("account_reauthenticate"), {"password": password})
        page = client.get(SETUP)
    assert page.status_code == 200
    shown = re.search(
        r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page.content.decode(), re.S
    )
    assert shown is not None, "the setup page shows the secret"
    secret = shown.group(1)
    done = client.post(SETUP, {"code": totp_code(secret)})
    assert done.status_code == 302, done.content.decode()
    return secret


class FieldsAndScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict] = []
        self.labels: set[str] = set()
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        label_for = values.get("for")
        if tag == "label" and label_for:
            self.labels.add(label_for)
        if tag in ("input", "textarea", "select") and values.get("type") != "hidden":
            self.inputs.append(values)
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self.inline_scripts += 1


def unlabelled_fields(html: str) -> list[str]:
    parser = FieldsAndScripts()
    parser.feed(html)
    assert parser.inline_scripts == 0
    return [
        str(field.get("name") or field.get("id"))
        for field in parser.inputs
        if field.get("id") not in parser.labels and not field.get("aria-label")
    ]


def test_signing_in_with_two_factor_asks_for_the_code_and_refuses_a_wrong_one(
    client, cast, password
):
    sign_in(client, password)
    secret = activate_totp(client, password)
    client.post(reverse("account_logout"))

    response = sign_in(client, password)
    # The password alone does not sign in: the code is asked for.
    assert response["Location"] == reverse("mfa_authenticate")
    assert not is_signed_in(client)
    page = client.get(reverse("mfa_authenticate"))
    assert 'autocomplete="one-time-code"' in page.content.decode()

    wrong = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, offset=10)})
    assert wrong.status_code == 200
    assert "Incorrect code." in wrong.content.decode()
    assert not is_signed_in(client)
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN_FAILED, object_type="mfa", actor_username="alice.andersen"
    ).exists()

    right = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert right.status_code == 302
    assert is_signed_in(client)


def test_a_code_cannot_be_replayed(client, cast, password):
    sign_in(client, password)
    secret = activate_totp(client, password)
    client.post(reverse("account_logout"))
    code = totp_code(secret)
    sign_in(client, password)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert is_signed_in(client)

    other = Client()
    sign_in(other, password)
    replay = other.post(reverse("mfa_authenticate"), {"code": code})
    assert "Incorrect code." in replay.content.decode()
    assert not is_signed_in(other)


def test_a_recovery_code_signs_in_when_the_phone_is_lost(client, cast, password):
    sign_in(client, password)
    activate_totp(client, password)
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    recovery_code = re.search(r"<textarea[^>]*>\s*(\d{8})", codes_page).group(1)
    client.post(reverse("account_logout"))

    sign_in(client, password)
    client.post(reverse("mfa_authenticate"), {"code": recovery_code})
    assert is_signed_in(client)


def test_the_secret_is_encrypted_at_rest_and_its_setup_audited(
    client, cast, password, django_capture_on_commit_callbacks
):
    sign_in(client, password)
    with django_capture_on_commit_callbacks(execute=True):
        secret = activate_totp(client, password)
    stored = Authenticator.objects.get(user_id=cast.alice.user_id, type="totp").data
    assert secret not in str(stored)
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="authenticator", object_id="totp"
    ).exists()


def test_citizens_can_set_up_two_factor_sign_in_too(client, cast, password):
    sign_in(client, password, username="anna.secretperson")
    activate_totp(client, password)
    assert Authenticator.objects.filter(user_id=cast.anna.user_id, type="totp").exists()


def test_the_two_factor_pages_label_every_field_and_run_no_inline_script(client, cast, password):
    sign_in(client, password)
    index = client.get(reverse("mfa_index"))
    # Our own layout: the header, the skip link and the link back to these settings.
    assert 'class="skip-link"' in index.content.decode()
    assert "Security settings" in index.content.decode()
    assert unlabelled_fields(index.content.decode()) == []
    client.post(reverse("account_reauthenticate"), {"password": password})
    setup = client.get(SETUP)
    assert unlabelled_fields(setup.content.decode()) == []
    assert 'src="data:image/svg+xml;base64,' in setup.content.decode()  # the QR code

    activate_totp(client, password)
    for name in [
        "mfa_index",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_deactivate_totp",
    ]:
        page = client.get(reverse(name))
        assert page.status_code == 200, name
        assert unlabelled_fields(page.content.decode()) == [], name
    client.post(reverse("account_logout"))
    sign_in(client, password)
    code_page = client.get(reverse("mfa_authenticate"))
    assert unlabelled_fields(code_page.content.decode()) == []


@pytest.fixture
def required(settings):
    settings.ROUNDTABLE_MFA_REQUIRED_FOR_STAFF = True


def test_when_required_staff_without_an_authenticator_are_sent_to_set_one_up(
    client, cast, password, required
):
    sign_in(client, password)
    for url in [
        reverse("workspace:caseload"),
        reverse("workspace:citizen", args=[cast.anna.pk]),
        reverse("organisations:team-list"),
        "/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == SETUP, url
    page = client.get(SETUP, follow=True)
    assert "two-factor sign-in" in page.content.decode()


def test_when_required_the_setup_pages_sign_out_static_and_healthz_stay_open(
    client, cast, password, required
):
    sign_in(client, password)
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get("/static/core/roundtable.css").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get(reverse("account_logout")).status_code == 200
    # Reauthentication is part of setting up.
    assert client.post(reverse("account_reauthenticate"), {"password": password}).status_code == 302
    assert client.get(SETUP).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("workspace:caseload"))["Location"].startswith(
        reverse("account_login")
    )


def test_when_required_setting_up_the_authenticator_opens_the_pages(
    client, cast, password, required
):
    sign_in(client, password)
    activate_totp(client, password)
    assert is_signed_in(client)
    # And staff cannot switch it off again while it is required.
    client.post(reverse("account_reauthenticate"), {"password": password})
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user_id=cast.alice.user_id, type="totp").exists()
    assert is_signed_in(client)


def test_when_required_the_api_with_a_session_answers_403_with_a_reason(
    client, cast, password, required
):
    sign_in(client, password)
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_setup_required"
    assert "Two-factor sign-in is required" in response.json()["detail"]


def test_when_required_an_htmx_request_sends_the_whole_page_to_setup(
    client, cast, password, required
):
    sign_in(client, password)
    response = client.get(
        reverse("citizens:national-id", args=[cast.anna.pk]), headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"] == SETUP
    assert "010190-1234" not in response.content.decode()


def test_when_required_the_configuration_pages_need_it_too(client, cast, password, required):
    User.objects.filter(pk=cast.adam.user_id).update(is_staff=True, is_superuser=True)
    sign_in(client, password, username="adam.admin")
    assert client.get("/config/")["Location"] == SETUP


def test_citizens_are_never_forced(client, cast, password, required):
    sign_in(client, password, username="anna.secretperson")
    assert client.get(reverse("portal:home")).status_code == 200


def test_when_not_required_staff_may_work_without_two_factor(client, cast, password, settings):
    settings.ROUNDTABLE_MFA_REQUIRED_FOR_STAFF = False
    sign_in(client, password)
    assert is_signed_in(client)
    assert client.get("/api/v1/me").status_code == 200


def _token(password: str, code: str | None = None):
    body = {"username": "alice.andersen", "password": password}
    if code is not None:
        body["code"] = code
    return Client().post("/api/v1/auth/token", body, content_type="application/json")


def test_api_token_needs_the_authenticator_code_once_it_is_set_up(client, cast, password):
    assert _token(password).status_code == 200
    sign_in(client, password)
    secret = activate_totp(client, password)
    without = _token(password)
    assert without.status_code == 401 and without.json()["mfa_required"] is True
    assert "token" not in without.json()
    assert _token(password, totp_code(secret, offset=10)).status_code == 401
    with_code = _token(password, totp_code(secret, offset=-1))
    assert with_code.status_code == 200 and with_code.json()["token"]


def test_api_token_is_refused_to_staff_without_mfa_where_it_is_required(cast, password, settings):
    settings.ROUNDTABLE_MFA_REQUIRED_FOR_STAFF = True
    refused = _token(password)
    assert refused.status_code == 403 and refused.json()["code"] == "mfa_setup_required"
    citizen = Client().post(
        "/api/v1/auth/token",
        {"username": "anna.secretperson", "password": password},
        content_type="application/json",
    )
    assert citizen.status_code == 200
