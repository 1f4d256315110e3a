"""Re-authentication asks for the authenticator code too when the clinician has one."""

from __future__ import annotations

import pytest

from roundtable.accounts.tests.test_mfa import activate_totp, totp_code
from roundtable.breakglass.models import BreakGlassGrant
from roundtable.breakglass.tests.helpers import start_api, start_page

pytestmark = pytest.mark.django_db


def test_a_clinician_with_an_authenticator_must_give_its_code(client, login, cast, password):
    login(cast.carol)
    secret = activate_totp(client, password)
    page = client.get("/break-glass/").content.decode()
    assert 'name="code"' in page
    assert start_page(client, password).status_code == 400
    assert start_api(client, password, code="000000").status_code == 400
    assert not BreakGlassGrant.objects.exists()
    assert start_page(client, password, code=totp_code(secret)).status_code == 302
    assert BreakGlassGrant.objects.count() == 1


def test_without_an_authenticator_no_code_is_asked(client, login, cast):
    login(cast.carol)
    assert 'name="code"' not in client.get("/break-glass/").content.decode()
