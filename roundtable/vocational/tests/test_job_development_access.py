"""Another team's professional gets 404 on every job-development page — the person's forms and
the team's employer register — changes nothing, and the attempt is audited."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.vocational import models
from roundtable.vocational.testing import days_ago, fill_job_development

pytestmark = pytest.mark.django_db

SECRETS = ("Anna", "Bageriet", "Mette", "First week went well")
MODELS = (
    models.Employer,
    models.JobDevelopmentContact,
    models.ContactAboutPerson,
    models.JobStart,
    models.FollowAlongContact,
    models.BenefitsCounselling,
    models.DisclosureEntry,
)


def _snapshot():
    return [sorted(map(str, m.objects.values_list("pk", flat=True))) for m in MODELS] + [
        list(models.Employer.objects.values_list("name", "updated_at"))
    ]


def _pages(cast, jobdev):
    c, team, day = cast.anna.id, cast.alpha.id, days_ago(1).isoformat()
    employer = str(jobdev["employer"].pk)
    pages = [
        (
            "post",
            reverse("vocational:job-start-new", args=[c]),
            {"employer_id": employer, "job_type": "X", "hours_per_week": "5", "starts_on": day},
        ),
        (
            "post",
            reverse("vocational:follow-along-new", args=[c, jobdev["start"].pk]),
            {"contacted_on": day, "kind": "phone"},
        ),
        (
            "post",
            reverse("vocational:benefits-new", args=[c]),
            {"held_on": day, "counsellor": "X", "topic": "Y"},
        ),
        (
            "post",
            reverse("vocational:disclosure-new", args=[c]),
            {
                "employer_id": employer,
                "told_on": day,
                "category": "other_work",
                "told_by": "person",
            },
        ),
        ("post", reverse("vocational:employer-new", args=[team]), {"name": "X"}),
        (
            "post",
            reverse("vocational:employer-edit", args=[team, employer]),
            {"name": "Changed"},
        ),
        (
            "post",
            reverse("vocational:employer-contact-new", args=[team]),
            {"employer_id": employer, "contacted_on": day, "mode": "phone", "purpose": "placement"},
        ),
    ]
    return (
        pages
        + [("get", url, None) for _m, url, _d in pages]
        + [("get", reverse("vocational:employers", args=[team]), None)]
    )


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_teams_professional_gets_404_on_every_job_development_page(client, login, cast, who):
    jobdev = fill_job_development(cast)
    before = _snapshot()
    login(getattr(cast, who))
    for i, (method, url, data) in enumerate(_pages(cast, jobdev)):
        request_id = f"jobdev-page-{i}"
        response = getattr(client, method)(url, data or {}, HTTP_X_REQUEST_ID=request_id)
        assert response.status_code == 404, (method, url, response.status_code)
        body = response.content.decode()
        assert [s for s in SECRETS if s in body] == [], (method, url)
        outcomes = list(
            AuditEvent.objects.filter(request_id=request_id).values_list("outcome", flat=True)
        )
        assert outcomes == ["denied"], (method, url, outcomes)
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["mona", "adam", "anna"])
def test_managers_administrators_and_citizens_do_not_open_the_employer_register(
    client, login, cast, who
):
    fill_job_development(cast)
    login(getattr(cast, who))
    assert client.get(reverse("vocational:employers", args=[cast.alpha.id])).status_code == 404


def test_a_job_start_of_another_citizen_is_not_found_through_ones_own(client, login, cast):
    jobdev = fill_job_development(cast)
    login(cast.dave)
    url = reverse("vocational:follow-along-new", args=[cast.bent.id, jobdev["start"].pk])
    response = client.get(url, HTTP_X_REQUEST_ID="sub-start")
    assert response.status_code == 404
    event = AuditEvent.objects.get(request_id="sub-start", object_type="job_start")
    assert event.outcome == "denied" and event.citizen_id == cast.anna.id
