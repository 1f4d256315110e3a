"""Another team's professional gets 404 on every joint plan page and endpoint, sees none of the
data, changes nothing, and the attempt is audited (SECURITY.md 1). Managers and administrators
too; a citizen sees only their own plan."""

import json

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.meetings.testing import actor_of
from roundtable.plans import services
from roundtable.plans.models import Goal, JointPlan, PlanResponse, PlanSection, PlanVersion
from roundtable.plans.testing import CARE_MANAGER_SECTION, held_meeting, publish, save_plan

pytestmark = pytest.mark.django_db

SECRETS = ("Anna", "Secretperson", "bakery", "boundary-setting", "Walk the dog", "short days")


@pytest.fixture
def anna_plan(cast):
    meeting, _ = held_meeting(cast.alice, cast.anna)
    save_plan(
        cast.alice,
        cast.anna,
        meeting_id=meeting.pk,
        sections={"overall": "We start with short days.", "care_manager": CARE_MANAGER_SECTION},
    )
    publish(cast.alice, cast.anna)
    services.plan_response_add(
        actor=actor_of(cast.anna), citizen_id=cast.anna.pk, number=1, agreement="agree"
    )
    return meeting


def _snapshot():
    return (
        list(JointPlan.objects.values()),
        list(Goal.objects.values()),
        list(PlanSection.objects.values()),
        list(PlanVersion.objects.values("id")),
        list(PlanResponse.objects.values()),
    )


def _pages(cast, meeting):
    c = cast.anna.pk
    form = {
        "revision": "1",
        "overall": "Taken over",
        "goal-TOTAL_FORMS": "0",
        "goal-INITIAL_FORMS": "0",
        "ramp-TOTAL_FORMS": "0",
        "ramp-INITIAL_FORMS": "0",
    }
    return [
        ("get", reverse("plans:detail", args=[c]), None),
        ("get", reverse("plans:edit", args=[c]), None),
        ("get", reverse("plans:edit", args=[c]) + f"?meeting={meeting.pk}", None),
        ("post", reverse("plans:edit", args=[c]), form),
        ("get", reverse("plans:publish", args=[c]), None),
        ("post", reverse("plans:publish", args=[c]), {"revision": "1"}),
        ("get", reverse("plans:version", args=[c, 1]), None),
        ("get", reverse("plans:compare", args=[c]) + "?old=1&new=1", None),
        ("get", reverse("plans:pdf", args=[c]), None),
    ]


def _endpoints(cast):
    base = f"/api/v1/citizens/{cast.anna.pk}/joint-plan"
    draft = {"overall_plan": "Taken over", "goals": [], "ramp": {"weeks": []}}
    return [
        ("get", base, None),
        ("get", f"{base}/versions", None),
        ("get", f"{base}/versions/1", None),
        ("get", f"{base}/pdf", None),
        ("get", f"{base}/draft", None),
        ("put", f"{base}/draft", draft),
        ("post", f"{base}/publish", {}),
        ("post", f"{base}/versions/1/response", {"agreement": "not_yet", "comment": "x"}),
    ]


def _leaks(response) -> list[str]:
    body = response.content.decode(errors="replace")
    return [s for s in SECRETS if s in body]


@pytest.mark.parametrize("who", ["carol", "dave", "mona", "adam"])
def test_others_get_404_on_every_plan_page(client, login, cast, anna_plan, who):
    before = _snapshot()
    login(getattr(cast, who))
    for method, url, data in _pages(cast, anna_plan):
        response = (
            getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        )
        assert response.status_code == 404, (url, response.status_code)
        assert _leaks(response) == [], url
    assert _snapshot() == before
    assert AuditEvent.objects.filter(
        citizen_id=cast.anna.pk,
        outcome__in=["denied", "not_found"],
        actor_username=getattr(cast, who).user.username,
    ).exists()


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_others_get_404_on_every_plan_endpoint(client, login, cast, anna_plan, who):
    before = _snapshot()
    login(getattr(cast, who))
    for method, url, data in _endpoints(cast):
        kwargs = {"HTTP_IF_MATCH": '"1"'} if method in ("put", "post") else {}
        if data is None:
            response = getattr(client, method)(url, **kwargs)
        else:
            response = getattr(client, method)(
                url, data=json.dumps(data), content_type="application/json", **kwargs
            )
        assert response.status_code == 404, (url, response.status_code, response.content)
        assert _leaks(response) == [], url
    # Without If-Match too: 404, not 428 (which would tell that the plan exists).
    response = client.put(
        f"/api/v1/citizens/{cast.anna.pk}/joint-plan/draft",
        data="{}",
        content_type="application/json",
    )
    assert response.status_code == 404
    assert _snapshot() == before


def test_a_citizen_sees_only_their_own_plan(client, login, cast, anna_plan):
    save_plan(cast.carol, cast.bent)
    publish(cast.carol, cast.bent)
    login(cast.anna)
    for url in (
        f"/api/v1/citizens/{cast.bent.pk}/joint-plan",
        f"/api/v1/citizens/{cast.bent.pk}/joint-plan/versions",
        f"/api/v1/citizens/{cast.bent.pk}/joint-plan/pdf",
        reverse("plans:version", args=[cast.bent.pk, 1]),
        reverse("plans:pdf", args=[cast.bent.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (404, 302), url
        assert "Bent" not in response.content.decode(errors="replace")


def test_a_goal_cannot_link_another_citizens_decision_through_the_form(
    client, login, cast, anna_plan
):
    _meeting, bent_decisions = held_meeting(cast.carol, cast.bent)
    login(cast.alice)
    from roundtable.plans.tests.helpers import form_post

    data = form_post(client.get(reverse("plans:edit", args=[cast.anna.pk])))
    data["goal-0-decisions"] = [str(bent_decisions[0].pk)]
    response = client.post(reverse("plans:edit", args=[cast.anna.pk]), data)
    assert response.status_code == 400
    assert "Link only decisions made at this citizen" in response.content.decode()
    assert not Goal.objects.filter(decisions__in=bent_decisions).exists()
