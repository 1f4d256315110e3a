"""A round trip through the demo: one citizen's Bundle, read back with fhir.resources, has the
same goals, meetings and plan versions as the API gives the same reader."""

import datetime as dt
import json

import pytest

from roundtable.citizens.models import Course
from roundtable.demo.tests.conftest import demo, demo_module  # noqa: F401 (fixtures)
from roundtable.interop.adapter import bundle_read
from roundtable.interop.bundles import unresolved
from roundtable.interop.tests.conftest import fhir_json
from roundtable.plans.models import PlanVersion

pytestmark = pytest.mark.django_db


def _instant(value) -> dt.datetime:
    """To the millisecond, as the API's JSON gives times."""
    found = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return found.replace(microsecond=found.microsecond // 1000 * 1000)


def test_the_demo_citizens_bundle_matches_the_api(demo, client, fhir):  # noqa: F811
    # A citizen with several published versions of their plan, read by their care manager.
    plan_course = (
        PlanVersion.objects.filter(number=2).values_list("plan__course_id", flat=True).first()
    )
    course = Course.objects.select_related("care_manager__user", "citizen").get(pk=plan_course)
    citizen, reader = course.citizen, course.care_manager
    client.force_login(reader.user)
    api_versions = client.get(f"/api/v1/citizens/{citizen.pk}/joint-plan/versions").json()
    api_plan = client.get(f"/api/v1/citizens/{citizen.pk}/joint-plan").json()
    api_meetings = client.get(f"/api/v1/citizens/{citizen.pk}/meetings").json()
    client.logout()

    data = fhir_json(fhir(reader, f"Patient/{citizen.pk}/$everything"))
    assert unresolved(data) == []
    read_back = bundle_read(json.dumps(data))
    resources = [entry.resource for entry in read_back.entry]
    by_type: dict[str, list] = {}
    for resource in resources:
        by_type.setdefault(resource.get_resource_type(), []).append(resource)

    plans = sorted(by_type["CarePlan"], key=lambda p: int(p.identifier[0].value))
    assert [int(p.identifier[0].value) for p in plans] == sorted(v["version"] for v in api_versions)
    published = {v["version"]: _instant(v["published_at"]) for v in api_versions}
    for plan in plans:
        assert _instant(plan.created) == published[int(plan.identifier[0].value)]

    current = next(p for p in plans if p.status == "active")
    goals = {g.id: g for g in by_type["Goal"]}
    current_goals = [goals[ref.reference.removeprefix("Goal/")] for ref in current.goal]
    assert [(g.id, g.description.text) for g in current_goals] == [
        (goal["id"], goal["text"]) for goal in api_plan["goals"]
    ]
    assert [g.category[0].coding[0].code for g in current_goals] == [
        goal["kind"] for goal in api_plan["goals"]
    ]

    encounters = {e.id: e for e in by_type["Encounter"]}
    assert set(encounters) == {m["id"] for m in api_meetings}
    for meeting in api_meetings:
        encounter = encounters[meeting["id"]]
        assert _instant(encounter.period.start) == _instant(meeting["starts_at"])
        expected = {"planned": "planned", "held": "finished", "cancelled": "cancelled"}
        assert encounter.status == expected[meeting["status"]]
