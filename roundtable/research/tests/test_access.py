"""Only evaluators export, and only their own teams; everyone else gets the same 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.organisations.models import Role
from roundtable.research.tests.factories import evaluator, more_courses
from roundtable.testing import make_professional

pytestmark = pytest.mark.django_db

PAGE = reverse("research:page")
EXPORT = reverse("research:export")
API = "/api/v1/research/export"


@pytest.mark.parametrize(
    "who", ["alice", "bob", "tina", "sam", "carol", "dave", "mona", "adam", "anna"]
)
def test_no_one_but_an_evaluator_gets_the_page_or_an_export(client, login, cast, who):
    more_courses(cast, 5)
    login(getattr(cast, who))
    for url, params in (
        (PAGE, {}),
        (EXPORT, {"format": "csv"}),
        (EXPORT, {"format": "json"}),
        (EXPORT, {"format": "xlsx"}),
        (API, {"format": "json"}),
    ):
        response = client.get(url, params)
        assert response.status_code == 404, (url, params)
        assert b"Team Alpha" not in response.content


def test_an_evaluator_of_another_team_gets_404_for_alpha(client, login, cast):
    more_courses(cast, 5)
    login(evaluator(cast, cast.beta, name="Vera Beta"))
    for url in (EXPORT, API):
        response = client.get(url, {"format": "json", "team": str(cast.alpha.pk)})
        assert response.status_code == 404
        assert b"Team Alpha" not in response.content
    denied = AuditEvent.objects.filter(object_type="research_export", outcome="denied")
    assert denied.count() == 2


def test_an_evaluator_of_another_team_sees_none_of_alphas_courses(client, login, cast):
    more_courses(cast, 5)
    login(evaluator(cast, cast.beta, name="Vera Beta"))
    body = client.get(EXPORT, {"format": "json"}).json()
    assert body["teams"] == ["Team Beta"]
    assert all(row["team"] != "Team Alpha" for row in body["rows"])
    assert b"Team Alpha" not in client.get(PAGE).content


def test_an_evaluator_without_a_team_gets_404(client, login, cast):
    login(make_professional("Noah Noteam", cast.region, Role.EVALUATOR))
    assert client.get(PAGE).status_code == 404
    assert client.get(API).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, cast):
    assert client.get(PAGE).status_code == 302
    assert client.get(API).status_code == 401
