"""Every sick-leave page and endpoint: another team's professional gets 404 and sees nothing."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

SECRETS = ("Bent", "Hiddenname")


def _clean(response) -> bool:
    body = response.content.decode()
    return not any(s in body for s in SECRETS)


@pytest.mark.parametrize(
    "url_name",
    ["sickleave:citizen"],
)
def test_other_teams_professional_gets_404_on_the_timeline_page(client, login, cast, url_name):
    login(cast.alice)
    response = client.get(reverse(url_name, args=[cast.bent.id]), HTTP_X_REQUEST_ID="sick-deny-1")
    assert response.status_code == 404 and _clean(response)
    assert AuditEvent.objects.get(request_id="sick-deny-1").outcome == "denied"


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("sickleave:period-new", {"start": "2026-01-01"}),
        ("sickleave:decision-new", {"kind": "job_clarification", "decided_on": "2026-01-01"}),
        ("sickleave:evidence-new", {"question": "x", "due_on": "2099-01-01"}),
        (
            "sickleave:milestone-handled",
            {"milestone_id": "dk.reassessment", "due_on": "2026-01-01"},
        ),
    ],
)
def test_other_teams_consultant_cannot_write_and_gets_404(client, login, cast, url_name, data):
    login(cast.bob)
    response = client.post(reverse(url_name, args=[cast.bent.id]), data)
    assert response.status_code == 404 and _clean(response)


def test_api_milestones_of_another_teams_citizen_is_404(client, login, cast):
    login(cast.alice)
    response = client.get(f"/api/v1/citizens/{cast.bent.id}/sickleave/milestones")
    assert response.status_code == 404 and _clean(response)


def test_deadlines_never_show_another_teams_citizens(client, login, cast):
    login(cast.carol)
    assert "Anna" not in client.get(reverse("sickleave:deadlines")).content.decode()
    assert "Anna" not in client.get("/api/v1/me/deadlines").content.decode()


def test_evidence_task_of_another_team_cannot_be_closed(client, login, cast):
    from roundtable.sickleave.models import EvidenceRequest

    request = EvidenceRequest.objects.create(
        course=cast.bent_course,
        requested_by=cast.dave,
        assignee=cast.carol,
        question="q",
        due_on="2099-01-01",
    )
    login(cast.alice)
    response = client.post(reverse("sickleave:evidence-done", args=[request.id]))
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "open"


@pytest.mark.parametrize("who", ["mona", "adam"])
def test_managers_and_administrators_have_no_deadline_pages(client, login, cast, who):
    login(getattr(cast, who))
    assert client.get(reverse("sickleave:deadlines")).status_code == 404
    assert client.get(reverse("sickleave:team-risks")).status_code == 404
    assert client.get(reverse("sickleave:citizen", args=[cast.anna.id])).status_code == 404


def test_citizen_sees_only_their_own_timeline(client, login, cast):
    login(cast.anna.user)
    assert client.get(reverse("sickleave:my-timeline")).status_code == 200
    assert client.get(reverse("sickleave:citizen", args=[cast.anna.id])).status_code == 404
    assert client.get(f"/api/v1/citizens/{cast.bent.id}/sickleave/milestones").status_code == 404
    own = client.get(f"/api/v1/citizens/{cast.anna.id}/sickleave/milestones")
    assert own.status_code == 200


def test_professionals_have_no_citizen_timeline_page(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("sickleave:my-timeline")).status_code == 404


def test_anonymous_is_sent_to_sign_in_and_api_says_401(client, cast):
    assert client.get(reverse("sickleave:deadlines")).status_code == 302
    assert client.get("/api/v1/me/deadlines").status_code == 401
