"""Legal holds in the admin (/config/): placed and lifted there, never deleted."""

from __future__ import annotations

import pytest

from roundtable.audit.models import AuditEvent
from roundtable.retention.models import LegalHold
from roundtable.testing import make_user

pytestmark = pytest.mark.django_db

URL = "/config/retention/legalhold/"


@pytest.fixture
def root(cast):
    return make_user("Root Admin", is_staff=True, is_superuser=True)


def test_an_administrator_places_a_hold_and_it_is_audited(cast, client, root):
    client.force_login(root)
    response = client.post(f"{URL}add/", {"citizen": str(cast.anna.pk), "reason": "Complaint 17"})
    assert response.status_code == 302, response.content[:2000]
    hold = LegalHold.objects.get()
    assert hold.citizen == cast.anna and hold.set_by == root and hold.is_active
    assert AuditEvent.objects.filter(object_type="legal_hold", action="create").count() == 1


def test_a_hold_needs_a_citizen_or_a_course_not_both(cast, client, root):
    client.force_login(root)
    both = {
        "citizen": str(cast.anna.pk),
        "course": str(cast.anna_course.pk),
        "reason": "Complaint 17",
    }
    response = client.post(f"{URL}add/", both)
    assert response.status_code == 200
    assert not LegalHold.objects.exists()


def test_the_lift_action_lifts_and_nothing_deletes(cast, client, root):
    client.force_login(root)
    client.post(f"{URL}add/", {"course": str(cast.anna_course.pk), "reason": "Court"})
    hold = LegalHold.objects.get()
    response = client.post(URL, {"action": "lift", "_selected_action": [str(hold.pk)]})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at is not None and hold.lifted_by == root
    assert client.get(f"{URL}{hold.pk}/delete/").status_code == 403


def test_professionals_do_not_reach_the_holds(cast, client):
    client.force_login(cast.carol.user)
    response = client.get(URL)
    assert response.status_code == 302
    assert "Complaint" not in response.content.decode()
