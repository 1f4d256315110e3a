"""The demo's consent states load through the services and mean what the demo says."""

from __future__ import annotations

import pytest
from django.utils import timezone

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditEvent
from roundtable.citizens.models import Course
from roundtable.consent.access import visible_data_classes
from roundtable.consent.models import ConsentDirective
from roundtable.demo.consent import demo_consent_load
from roundtable.demo.setting import demo_load

pytestmark = pytest.mark.django_db


def test_demo_consent_load_gives_citizens_different_states():
    today = timezone.localdate()
    demo_load(today=today)
    demo_consent_load(today=today)
    courses = {
        c.citizen.user.username: c
        for c in Course.objects.filter(citizen__user__isnull=False).select_related(
            "citizen__user", "employment_consultant__user"
        )
    }
    seen = {}
    for username, course in courses.items():
        ec = actor_for_user(course.employment_consultant.user)
        seen[username] = visible_data_classes(ec, course)
    shared = [u for u, v in seen.items() if {"health_summary", "functional_capacity"} <= v]
    therapy = [u for u, v in seen.items() if "therapy_detail" in v]
    assert len(shared) >= 2 and len(therapy) == 1
    assert any("health_summary" not in v for v in seen.values())
    latest = {}
    for d in ConsentDirective.objects.order_by("version"):
        latest[d.citizen_id] = d
    assert sum(d.status == "inactive" for d in latest.values()) == 1
    assert ConsentDirective.objects.filter(given_via="paper").exists()
    assert ConsentDirective.objects.filter(given_via="oral").exclude(witness_name="").exists()
    assert (
        AuditEvent.objects.filter(action="consent_change").count()
        == ConsentDirective.objects.count()
    )
