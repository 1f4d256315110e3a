"""Another team's professional gets 404 on every meeting page and endpoint, sees none of the
data, changes nothing, and the attempt is audited (SECURITY.md 1)."""

import datetime as dt
import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.meetings import services
from roundtable.meetings.models import Decision, DecisionOption, Meeting, Minutes
from roundtable.meetings.services import OptionData
from roundtable.meetings.testing import actor_of, log_decision, schedule
from roundtable.organisations.models import Role
from roundtable.testing import make_professional

pytestmark = pytest.mark.django_db

PURPOSE = "Anna wants to talk about panic at the bakery."
SECRETS = ("Anna", "Secretperson", "panic at the bakery", "Night shifts", "Less flour dust")


@pytest.fixture
def anna_meeting(cast):
    meeting = schedule(cast.alice, cast.anna, purpose=PURPOSE)
    decision = log_decision(
        cast.alice,
        meeting,
        title="Night shifts or day shifts",
        options=[OptionData("Day shifts", pros="Less flour dust", cons="Less pay")],
    )
    services.minutes_save(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, text="Anna chose day shifts."
    )
    return meeting, decision, decision.options.get()


def _snapshot():
    return (
        list(Meeting.objects.values()),
        list(Decision.objects.values()),
        list(DecisionOption.objects.values()),
        list(Minutes.objects.values()),
    )


def _pages(cast, meeting, decision, option):
    m, d, o, c = meeting.id, decision.id, option.id, cast.anna.id
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    meeting_form = {
        "date": day,
        "start_time": "10:00",
        "end_time": "11:00",
        "place": "Elsewhere",
        "purpose": "Taken over",
    }
    decision_form = {"type": "goals", "title": "Injected", "raised_by": "other", "status": "open"}
    return [
        ("get", reverse("meetings:citizen-list", args=[c]), None),
        ("get", reverse("meetings:new", args=[c]), None),
        ("post", reverse("meetings:new", args=[c]), meeting_form),
        ("get", reverse("meetings:detail", args=[m]), None),
        ("get", reverse("meetings:edit", args=[m]), None),
        ("post", reverse("meetings:edit", args=[m]), meeting_form),
        ("post", reverse("meetings:cancel", args=[m]), {}),
        ("post", reverse("meetings:hold", args=[m]), {}),
        ("get", reverse("meetings:invitation", args=[m]), None),
        ("post", reverse("meetings:minutes", args=[m]), {"text": "Overwritten"}),
        ("post", reverse("meetings:decision-new", args=[m]), decision_form),
        ("get", reverse("meetings:decision-edit", args=[m, d]), None),
        ("post", reverse("meetings:decision-edit", args=[m, d]), decision_form),
        (
            "post",
            reverse("meetings:option-new", args=[m, d]),
            {f"option-{d}-text": "Injected option"},
        ),
        ("get", reverse("meetings:option-edit", args=[m, d, o]), None),
        ("post", reverse("meetings:option-edit", args=[m, d, o]), {"text": "Changed"}),
        ("get", reverse("meetings:my-meeting", args=[m]), None),
        ("get", reverse("meetings:my-preparation", args=[m]), None),
        ("post", reverse("meetings:my-preparation", args=[m]), {"answer_1": "x"}),
    ]


def _endpoints(cast, meeting, decision):
    m, d, c = meeting.id, decision.id, cast.anna.id
    start = timezone.now() + dt.timedelta(days=3)
    return [
        ("get", f"/api/v1/citizens/{c}/meetings", None),
        (
            "post",
            f"/api/v1/citizens/{c}/meetings",
            {
                "starts_at": start.isoformat(),
                "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
                "purpose": "Taken over",
                "place": "Elsewhere",
            },
        ),
        ("get", f"/api/v1/meetings/{m}", None),
        (
            "post",
            f"/api/v1/meetings/{m}/decisions",
            {"type": "goals", "title": "Injected", "raised_by": "other"},
        ),
        ("patch", f"/api/v1/meetings/{m}/decisions/{d}", {"title": "Changed", "status": "made"}),
        ("post", f"/api/v1/meetings/{m}/decisions/{d}/options", {"text": "Injected option"}),
    ]


def _leaks(response) -> list[str]:
    body = response.content.decode()
    return [s for s in SECRETS if s in body]


def test_other_teams_professional_gets_404_on_every_meeting_page(client, login, cast, anna_meeting):
    before = _snapshot()
    login(cast.carol)
    for i, (method, url, data) in enumerate(_pages(cast, *anna_meeting)):
        request_id = f"meetings-page-{i}"
        response = getattr(client, method)(url, data or {}, HTTP_X_REQUEST_ID=request_id)
        assert response.status_code == 404, (method, url, response.status_code)
        assert _leaks(response) == [], (method, url)
        events = AuditEvent.objects.filter(request_id=request_id)
        assert [e.outcome for e in events] == ["denied"], (method, url)
        assert events[0].citizen_id == cast.anna.id
    assert _snapshot() == before


def test_other_teams_professional_gets_404_on_every_meeting_endpoint(
    client, login, cast, anna_meeting
):
    meeting, decision, _option = anna_meeting
    before = _snapshot()
    login(cast.dave)
    for i, (method, url, data) in enumerate(_endpoints(cast, meeting, decision)):
        request_id = f"meetings-api-{i}"
        kwargs = {"HTTP_X_REQUEST_ID": request_id}
        if data is not None:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code == 404, (method, url, response.status_code, response.content)
        assert _leaks(response) == [], (method, url)
        events = AuditEvent.objects.filter(request_id=request_id)
        assert [e.outcome for e in events] == ["denied"], (method, url)
    assert _snapshot() == before


def test_forbidden_and_missing_meetings_look_the_same(client, login, cast, anna_meeting):
    meeting = anna_meeting[0]
    login(cast.carol)
    forbidden = client.get(reverse("meetings:detail", args=[meeting.id]))
    missing_id = uuid.uuid4()
    missing = client.get(reverse("meetings:detail", args=[missing_id]))

    def normalised(response, meeting_id) -> str:
        body = response.content.decode().replace(str(meeting_id), "ID")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert forbidden.status_code == missing.status_code == 404
    assert normalised(forbidden, meeting.id) == normalised(missing, missing_id)
    outcomes = list(
        AuditEvent.objects.filter(object_type="meeting", outcome__in=["denied", "not_found"])
        .order_by("id")
        .values_list("outcome", flat=True)
    )
    assert outcomes == ["denied", "not_found"]


@pytest.mark.parametrize("who", ["mona", "adam"])
def test_managers_and_administrators_see_no_meeting(client, login, cast, anna_meeting, who):
    meeting = anna_meeting[0]
    login(getattr(cast, who))
    assert client.get(reverse("meetings:detail", args=[meeting.id])).status_code == 404
    assert client.get(f"/api/v1/meetings/{meeting.id}").status_code == 404
    assert client.get(reverse("meetings:citizen-list", args=[cast.anna.id])).status_code == 404


def test_another_teams_leader_cannot_edit_this_teams_prompts(client, login, cast):
    beta_leader = make_professional("Bea Boss", cast.region, Role.TEAM_LEADER, (cast.beta,))
    login(beta_leader)
    url = reverse("meetings:prompts", args=[cast.alpha.id])
    assert client.get(url, HTTP_X_REQUEST_ID="prompts-deny").status_code == 404
    assert client.post(url, {"questions": "Hijacked?"}).status_code == 404
    assert AuditEvent.objects.get(request_id="prompts-deny").outcome == "denied"
    assert client.get(reverse("meetings:prompts", args=[cast.beta.id])).status_code == 200


def test_anonymous_is_sent_to_sign_in_and_the_api_says_401(client, cast, anna_meeting):
    meeting = anna_meeting[0]
    response = client.get(reverse("meetings:detail", args=[meeting.id]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(f"/api/v1/meetings/{meeting.id}").status_code == 401
