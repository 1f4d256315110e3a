"""A decision or option addressed through another meeting's URL is refused like a missing one,
even between two meetings of the same citizen, and the attempt is audited (SECURITY.md 2)."""

import json

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.meetings.models import Decision, DecisionOption
from roundtable.meetings.services import OptionData
from roundtable.meetings.testing import log_decision, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_meetings(cast):
    first = schedule(cast.alice, cast.anna, days_ahead=3)
    second = schedule(cast.alice, cast.anna, days_ahead=10)
    decision = log_decision(
        cast.alice, second, title="Kept apart", options=[OptionData("Only here")]
    )
    return first, second, decision, decision.options.get()


def test_decision_of_another_meeting_is_404_on_the_pages(client, login, cast, two_meetings):
    first, _second, decision, option = two_meetings
    login(cast.alice)
    urls = [
        ("get", reverse("meetings:decision-edit", args=[first.id, decision.id])),
        ("post", reverse("meetings:decision-edit", args=[first.id, decision.id])),
        ("post", reverse("meetings:option-new", args=[first.id, decision.id])),
        ("get", reverse("meetings:option-edit", args=[first.id, decision.id, option.id])),
        ("post", reverse("meetings:option-edit", args=[first.id, decision.id, option.id])),
    ]
    for i, (method, url) in enumerate(urls):
        data = {
            "type": "goals",
            "title": "Moved",
            "raised_by": "other",
            "status": "made",
            "text": "Changed",
            f"option-{decision.id}-text": "Added",
        }
        response = getattr(client, method)(url, data, HTTP_X_REQUEST_ID=f"other-meeting-{i}")
        assert response.status_code == 404, (method, url)
        assert "Kept apart" not in response.content.decode()
        event = AuditEvent.objects.filter(request_id=f"other-meeting-{i}", outcome="denied").get()
        assert event.object_type in ("decision", "decision_option")
    decision.refresh_from_db()
    assert decision.title == "Kept apart" and decision.meeting_id != first.id
    assert DecisionOption.objects.count() == 1


def test_decision_of_another_meeting_is_404_in_the_api(client, login, cast, two_meetings):
    first, _second, decision, _option = two_meetings
    login(cast.bob)
    patch = client.patch(
        f"/api/v1/meetings/{first.id}/decisions/{decision.id}",
        data=json.dumps({"title": "Moved"}),
        content_type="application/json",
    )
    option = client.post(
        f"/api/v1/meetings/{first.id}/decisions/{decision.id}/options",
        data=json.dumps({"text": "Added"}),
        content_type="application/json",
    )
    assert patch.status_code == option.status_code == 404
    assert Decision.objects.get(pk=decision.pk).title == "Kept apart"
    assert DecisionOption.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="decision", outcome="denied").count() == 2


def test_option_of_another_decision_cannot_be_changed(client, login, cast, two_meetings):
    _first, second, decision, option = two_meetings
    other = log_decision(cast.alice, second, title="Another decision")
    login(cast.alice)
    url = reverse("meetings:option-edit", args=[second.id, other.id, option.id])
    assert client.post(url, {"text": "Changed"}).status_code == 404
    option.refresh_from_db()
    assert option.text == "Only here" and option.decision_id == decision.id
