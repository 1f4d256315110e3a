"""The citizen is told: a notice in their portal in plain words, and the start in their access
log."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.breakglass import banner
from roundtable.breakglass.models import BreakGlassGrant, BreakGlassNotice, ReviewOutcome
from roundtable.breakglass.tests.helpers import REASON, expire, start_page

pytestmark = pytest.mark.django_db

PLAIN = (
    "A doctor or therapist opened your record in an emergency. The reason was recorded and "
    "someone will check it."
)


@pytest.fixture
def grant(client, login, cast, password) -> BreakGlassGrant:
    login(cast.carol)
    start_page(client, password)
    client.logout()
    return BreakGlassGrant.objects.get()


def test_the_citizen_sees_the_notice(client, login, cast, grant):
    login(cast.anna)
    page = client.get(reverse("breakglass:my-notices"))
    assert page.status_code == 200
    body = page.content.decode()
    assert PLAIN in body
    assert "Carol Clausen" in body and "Region Test Psychiatry" in body
    assert REASON in body
    assert "Not yet. Someone will check it." in body
    assert "New" in body


def test_the_citizen_sees_the_outcome_of_the_review(client, login, cast, grant):
    expire(grant)
    login(cast.sam)
    client.post(
        reverse("breakglass:review", args=[grant.id]),
        {"outcome": ReviewOutcome.JUSTIFIED, "note": "Needed."},
    )
    login(cast.anna)
    body = client.get(reverse("breakglass:my-notices")).content.decode()
    assert "It was checked, and it was needed." in body
    assert "Needed." not in body  # the reviewer's note is not for the citizen's page


def test_the_citizen_marks_the_notice_read(client, login, cast, grant, rf):
    login(cast.anna)
    response = client.post(reverse("breakglass:my-notices-read"))
    assert response.status_code == 302
    assert BreakGlassNotice.objects.get().read_at is not None
    body = client.get(reverse("breakglass:my-notices")).content.decode()
    assert "I have read this" not in body


def test_marking_the_notices_read_is_audited(client, login, cast, grant):
    login(cast.anna)
    client.post(reverse("breakglass:my-notices-read"))
    event = AuditEvent.objects.get(object_type="break_glass_notice", action="update")
    assert event.detail == {"read": 1}
    client.post(reverse("breakglass:my-notices-read"))  # nothing left to mark: no event
    assert AuditEvent.objects.filter(object_type="break_glass_notice", action="update").count() == 1


def test_the_portal_home_notice_shows_until_read(client, login, cast, grant, rf):
    request = rf.get("/")
    request.user = cast.anna.user
    request.session = client.session
    html = render_to_string(
        "breakglass/_portal_notice.html", banner.break_glass(request), request=request
    )
    assert PLAIN in html and reverse("breakglass:my-notices") in html
    BreakGlassNotice.objects.update(read_at=grant.started_at)
    html = render_to_string(
        "breakglass/_portal_notice.html", banner.break_glass(request), request=request
    )
    assert html.strip() == ""


def test_the_start_is_in_the_citizens_access_log(client, login, cast, grant):
    login(cast.anna)
    log = client.get(reverse("portal:access-log"))
    assert log.status_code == 200
    assert "Carol Clausen" in log.content.decode()


def test_another_citizen_sees_none_of_it(client, login, cast, grant):
    from roundtable.testing import make_user

    bent_user = make_user("Bent Hiddenname")
    cast.bent.user = bent_user
    cast.bent.save()
    login(bent_user)
    body = client.get(reverse("breakglass:my-notices")).content.decode()
    assert "Nobody has opened your record in an emergency." in body
    assert "Carol" not in body and REASON not in body


@pytest.mark.parametrize("who", ["carol", "sam", "dave"])
def test_staff_do_not_get_the_citizens_page(client, login, cast, grant, who):
    login(getattr(cast, who))
    assert client.get(reverse("breakglass:my-notices")).status_code == 404
    assert client.post(reverse("breakglass:my-notices-read")).status_code == 404
    assert BreakGlassNotice.objects.get().read_at is None
