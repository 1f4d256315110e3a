"""Another team's professional gets 404 on the life-situation form, sees none of the mapping,
changes nothing, and the attempt is audited; another citizen writes no wishes of Anna's
(SECURITY.md 1–2)."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.lifesituation.models import LifeArea
from roundtable.lifesituation.testing import fill_life_situation
from roundtable.testing import make_citizen, make_course

pytestmark = pytest.mark.django_db

SECRETS = ("Anna", "Secretperson", "Panic attacks", "Sickness benefit")


def _snapshot(**where):
    return list(
        LifeArea.objects.filter(**where)
        .order_by("pk")
        .values_list("pk", "situation", "citizen_wishes", "updated_at")
    )


def _leaks(response) -> list[str]:
    body = response.content.decode()
    return [s for s in SECRETS if s in body]


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_teams_professional_gets_404_on_the_mapping_form(client, login, cast, who):
    fill_life_situation(cast)
    before = _snapshot()
    login(getattr(cast, who))
    url = reverse("lifesituation:mapping-edit", args=[cast.anna.id])
    posted = {"mental_health-situation": "X", "family-situation": "X"}
    for i, (method, data) in enumerate((("post", posted), ("get", {}))):
        request_id = f"life-page-{i}"
        response = getattr(client, method)(url, data, HTTP_X_REQUEST_ID=request_id)
        assert response.status_code == 404, (method, response.status_code)
        assert _leaks(response) == [], method
        outcomes = list(
            AuditEvent.objects.filter(request_id=request_id).values_list("outcome", flat=True)
        )
        assert outcomes == ["denied"], (method, outcomes)
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["mona", "adam"])
def test_managers_and_administrators_open_no_mapping(client, login, cast, who):
    login(getattr(cast, who))
    url = reverse("lifesituation:mapping-edit", args=[cast.anna.id])
    assert client.get(url).status_code == 404


def test_another_citizen_writes_only_their_own_wishes(client, login, cast):
    fill_life_situation(cast)
    before = _snapshot(course=cast.anna_course)
    other = make_citizen("Olga Other", "030303-0303", login=True)
    olga = make_course(other, cast.alpha, cast.alice, cast.bob)
    login(other.user)
    assert _leaks(client.get(reverse("lifesituation:my-wishes"))) == []
    response = client.post(reverse("lifesituation:my-wishes"), {"mental_health": "Mine"})
    assert response.status_code == 302
    assert _snapshot(course=cast.anna_course) == before
    assert LifeArea.objects.get(course=olga).citizen_wishes == "Mine"


def test_anonymous_is_sent_to_sign_in(client, cast):
    response = client.get(reverse("lifesituation:mapping-edit", args=[cast.anna.id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
