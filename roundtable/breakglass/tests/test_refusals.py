"""Only health clinicians may open a record in an emergency (SECURITY.md 9). Everyone else is
refused with a plain reason, before any national id is looked up, so a refusal never tells
whether a person exists; the attempt is audited."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent, AuditOutcome
from roundtable.breakglass.models import BreakGlassGrant
from roundtable.breakglass.tests.helpers import ANNA_NATIONAL_ID, start_api, start_page

pytestmark = pytest.mark.django_db

NOT_CLINICIANS = ["dave", "bob", "mona", "adam"]


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.mark.parametrize("who", NOT_CLINICIANS)
def test_staff_who_are_not_health_clinicians_are_refused_the_page(client, login, cast, who):
    login(getattr(cast, who))
    response = client.get(reverse("breakglass:start"))
    assert response.status_code == 403
    assert "only for health professionals" in response.content.decode()
    assert 'name="national_id"' not in response.content.decode()


@pytest.mark.parametrize("who", NOT_CLINICIANS)
def test_staff_who_are_not_health_clinicians_cannot_start_it(client, login, cast, password, who):
    login(getattr(cast, who))
    known = start_page(client, password)
    unknown = start_page(client, password, national_id="999999-0000")
    assert known.status_code == unknown.status_code == 403
    # The same answer for a person who exists and one who does not.
    assert _without_csrf(known) == _without_csrf(unknown)
    assert ANNA_NATIONAL_ID not in known.content.decode()
    assert not BreakGlassGrant.objects.exists()
    refusals = AuditEvent.objects.filter(
        object_type="break_glass_grant", outcome=AuditOutcome.DENIED
    )
    assert refusals.count() == 2
    assert all(e.citizen_id is None for e in refusals)


def test_the_employment_consultant_is_refused_in_the_api(client, login, cast, password):
    login(cast.dave)
    response = start_api(client, password)
    assert response.status_code == 403
    assert "only for health professionals" in response.json()["detail"]
    assert not BreakGlassGrant.objects.exists()


def test_a_citizen_cannot_start_emergency_access(client, login, cast, password):
    login(cast.anna)
    assert start_page(client, password).status_code == 403
    assert start_api(client, password).status_code == 403
    assert not BreakGlassGrant.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("breakglass:start"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
