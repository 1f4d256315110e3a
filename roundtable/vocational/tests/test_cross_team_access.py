"""Another team's professional gets 404 on every page of the employment consultant's records,
sees none of the data, changes nothing, and the attempt is audited (SECURITY.md 1–2)."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.vocational import models, services
from roundtable.vocational.testing import VOCATIONAL_SUMMARY, actor_of, days_ago, fill_vocational

pytestmark = pytest.mark.django_db

SECRETS = ("Anna", "Secretperson", VOCATIONAL_SUMMARY, "Mette Manager", "Own café one day")
MODELS = (
    models.VocationalAssessment,
    models.EmployerContact,
    models.VocationalStep,
    models.IpsCareerProfile,
    models.IpsJobSearchPlan,
    models.IpsPlannedContact,
)


def _snapshot():
    return [sorted(map(str, m.objects.values_list("pk", flat=True))) for m in MODELS] + [
        list(models.VocationalAssessment.objects.values_list("summary", "updated_at")),
        list(models.IpsPlannedContact.objects.values_list("done", flat=True)),
    ]


@pytest.fixture
def anna(cast):
    fill_vocational(cast)
    contact = services.ips_planned_contact_add(
        actor=actor_of(cast.bob),
        citizen_id=cast.anna.id,
        planned_on=days_ago(-3),
        employer="Café",
    )
    return {"vocational_step": models.VocationalStep.objects.get().pk, "contact": contact.pk}


def _pages(cast, ids):
    c = cast.anna.id
    day = days_ago(1).isoformat()
    pages = [
        (
            "post",
            reverse("vocational:vocational-edit", args=[c]),
            {"assessed_on": day, "work_capacity_hours": "3", "route": "job_search"},
        ),
        (
            "post",
            reverse("vocational:employer-contact-edit", args=[c]),
            {"employer": "E", "name": "N", "phone": "1"},
        ),
        (
            "post",
            reverse("vocational:vocational-step-new", args=[c]),
            {"text": "T", "due_on": day, "status": "planned"},
        ),
        (
            "post",
            reverse("vocational:vocational-step-edit", args=[c, ids["vocational_step"]]),
            {"text": "T", "due_on": day, "status": "planned"},
        ),
        ("post", reverse("vocational:ips-profile-edit", args=[c]), {"work_goal": "X"}),
        (
            "post",
            reverse("vocational:ips-plan-edit", args=[c]),
            {
                "job_goals": "X",
                "review_on": day,
                "weekly_employer_contacts": 1,
                "disclosure": "none",
            },
        ),
        (
            "post",
            reverse("vocational:ips-contact-new", args=[c]),
            {"planned_on": day, "employer": "X"},
        ),
        (
            "post",
            reverse("vocational:ips-contact-done", args=[c, ids["contact"]]),
            {"done": "1"},
        ),
    ]
    # Every form page's GET too (marking a contact done is a button, not a page).
    return pages + [
        ("get", url, None) for _method, url, _data in pages if not url.endswith("/done/")
    ]


def _leaks(response) -> list[str]:
    body = response.content.decode()
    return [s for s in SECRETS if s in body]


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_teams_professional_gets_404_on_every_vocational_page(client, login, cast, anna, who):
    before = _snapshot()
    login(getattr(cast, who))
    for i, (method, url, data) in enumerate(_pages(cast, anna)):
        request_id = f"vocational-page-{i}"
        response = getattr(client, method)(url, data or {}, HTTP_X_REQUEST_ID=request_id)
        assert response.status_code == 404, (method, url, response.status_code)
        assert _leaks(response) == [], (method, url)
        outcomes = list(
            AuditEvent.objects.filter(request_id=request_id).values_list("outcome", flat=True)
        )
        assert outcomes == ["denied"], (method, url, outcomes)
    assert _snapshot() == before


def test_a_sub_record_through_another_citizens_page_is_not_found(client, login, cast, anna):
    """Dave's own citizen Bent, with Anna's vocational step in the path: denied and audited."""
    login(cast.dave)
    url = reverse("vocational:vocational-step-edit", args=[cast.bent.id, anna["vocational_step"]])
    response = client.get(url, HTTP_X_REQUEST_ID="sub-record")
    assert response.status_code == 404
    event = AuditEvent.objects.get(request_id="sub-record", object_type="vocational_step")
    assert event.outcome == "denied" and event.citizen_id == cast.anna.id


@pytest.mark.parametrize("who", ["mona", "adam"])
def test_managers_and_administrators_open_no_vocational_form(client, login, cast, anna, who):
    login(getattr(cast, who))
    url = reverse("vocational:vocational-edit", args=[cast.anna.id])
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, cast):
    response = client.get(reverse("vocational:vocational-edit", args=[cast.anna.id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
