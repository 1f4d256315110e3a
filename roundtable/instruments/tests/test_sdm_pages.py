"""The shared-decision-making pages: the citizen's questionnaire, the team's three views, the
privacy of the citizen's answers, bad input, and another team's 404."""

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.instruments.models import SdmResponse
from roundtable.instruments.services import sdm_response_answer, sdm_response_decline
from roundtable.instruments.testing import held_meeting
from roundtable.meetings.testing import actor_of

pytestmark = pytest.mark.django_db

# Item answers no other number on the page would show: 1 · 0 · 1 ...
CITIZEN_ANSWERS = [1, 0, 1, 0, 1, 0, 1, 0, 1]  # 5 of 45 -> 11.1
ITEMS_SHOWN = "1 · 0 · 1 · 0 · 1 · 0 · 1 · 0 · 1"


def _citizen_answers(cast, meeting, decisions, *, shared: bool):
    sdm_response_answer(
        actor=actor_of(cast.anna),
        meeting_id=meeting.pk,
        answers=CITIZEN_ANSWERS,
        noticed={decisions[0].pk: "no", decisions[1].pk: "yes"},
        shared_with_team=shared,
    )


def _form(answers, **extra):
    data = {f"item_{n}": "" if a is None else str(a) for n, a in enumerate(answers, start=1)}
    data.update(extra)
    return data


def test_the_citizens_meeting_page_offers_the_questionnaire_once_held(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.anna)
    page = client.get(reverse("meetings:my-meeting", args=[meeting.pk]))
    assert "Tell us how the decisions were made" in page.content.decode()
    form = client.get(reverse("instruments:my-sdm", args=[meeting.pk]))
    body = form.content.decode()
    assert form.status_code == 200
    assert "They made clear that a decision had to be made." in body
    assert "Did you notice that a decision was made about “Which tasks at first?”" in body
    assert "our own plain words" in body


def test_the_citizen_answers_through_the_form_leaving_items_out(client, login, cast):
    meeting, decisions = held_meeting(cast)
    login(cast.anna)
    data = _form([5, 5, 5, 5, 5, 5, 5, 5, None], **{f"noticed_{decisions[0].pk}": "not_sure"})
    response = client.post(reverse("instruments:my-sdm", args=[meeting.pk]), data, follow=True)
    body = response.content.decode()
    assert "Thank you" in body
    assert "score of 100 out of 100" in body
    saved = SdmResponse.objects.get()
    assert saved.answers == [5, 5, 5, 5, 5, 5, 5, 5, None]
    assert [n.answer for n in saved.noticed.all()] == ["not_sure"]
    # Once: the form is not offered again.
    again = client.get(reverse("instruments:my-sdm", args=[meeting.pk])).content.decode()
    assert "Send my answers" not in again


def test_too_few_answers_say_not_enough_answers(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.anna)
    response = client.post(
        reverse("instruments:my-sdm", args=[meeting.pk]),
        _form([3, None, None] + [3] * 6),
        follow=True,
    )
    assert "not enough answers" in response.content.decode()
    login(cast.tina)
    team = client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).content.decode()
    assert "not enough answers" in team


def test_an_answer_outside_the_scale_is_shown_beside_its_question(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.anna)
    response = client.post(
        reverse("instruments:my-sdm", args=[meeting.pk]), _form([3, 3, 7, 3, 3, 3, 3, 3, 3])
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_item_3_error"' in body
    assert "from 0 to 5" in body
    login(cast.bob)
    response = client.post(
        reverse("instruments:meeting-sdm", args=[meeting.pk]), _form(["x"] + [3] * 8)
    )
    assert response.status_code == 400
    assert 'id="id_item_1_error"' in response.content.decode()
    assert not SdmResponse.objects.exists()


def test_the_citizen_can_decline(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.anna)
    response = client.post(
        reverse("instruments:my-sdm", args=[meeting.pk]), {"action": "decline"}, follow=True
    )
    assert "We will not ask again" in response.content.decode()
    assert SdmResponse.objects.get().declined
    login(cast.tina)
    team = client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).content.decode()
    assert "chose not to answer" in team


def test_the_team_sees_the_citizens_score_and_counts_but_not_the_answers(client, login, cast):
    meeting, decisions = held_meeting(cast)
    _citizen_answers(cast, meeting, decisions, shared=False)
    for reader in (cast.tina, cast.alice, cast.bob, cast.sam):
        login(reader)
        body = client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).content.decode()
        assert "11.1" in body
        assert ITEMS_SHOWN not in body
        assert "noticed 1, did not notice 1, not sure 0" in body
        # Which decision she did not notice stays hers.
        assert "Which tasks at first?: " not in body
        assert "the citizen has not chosen to share the answers" in body
    event = AuditEvent.objects.filter(object_type="sdm_response", action="read").last()
    assert event.detail["answers"] == "scores"


def test_the_team_sees_the_answers_when_the_citizen_shares_them(client, login, cast):
    meeting, decisions = held_meeting(cast)
    _citizen_answers(cast, meeting, decisions, shared=True)
    login(cast.tina)
    body = client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).content.decode()
    assert ITEMS_SHOWN in body
    assert "How many hours in the first weeks?: No" in body


def test_the_access_export_gives_the_team_scores_only(client, login, cast):
    from roundtable.citizens.gate import citizen_access
    from roundtable.instruments.parts import export

    meeting, decisions = held_meeting(cast)
    _citizen_answers(cast, meeting, decisions, shared=False)
    team = citizen_access(actor=actor_of(cast.alice), citizen_id=cast.anna.pk, purpose="t")
    own = citizen_access(actor=actor_of(cast.anna), citizen_id=cast.anna.pk, purpose="t")
    [team_row] = export(team.courses)[cast.anna_course.pk]
    [own_row] = export(own.courses)[cast.anna_course.pk]
    assert team_row["score"] == own_row["score"] == 11.11
    assert team_row["answers"] is None and team_row["noticed"] is None
    assert own_row["answers"] == CITIZEN_ANSWERS


def test_the_three_views_side_by_side_say_where_they_differ(client, login, cast):
    meeting, decisions = held_meeting(cast)
    _citizen_answers(cast, meeting, decisions, shared=False)
    sdm_response_answer(actor=actor_of(cast.alice), meeting_id=meeting.pk, answers=[5] * 9)
    sdm_response_answer(actor=actor_of(cast.bob), meeting_id=meeting.pk, answers=[4] * 9)
    login(cast.tina)
    body = client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).content.decode()
    assert "100.0" in body and "80.0" in body and "11.1" in body
    assert "Care manager and Citizen see it differently: 100 against 11, 89 points apart." in body
    assert "Employment consultant and Citizen see it differently: 80 against 11" in body
    # Care manager and employment consultant differ by exactly 20: said too.
    assert "Care manager and Employment consultant see it differently: 100 against 80" in body
    # The team leader reads; there is no form for her.
    assert "Save my answers" not in body


def test_the_care_manager_answers_sdm_q_doc_on_the_meeting_page(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.alice)
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("instruments:meeting-sdm", args=[meeting.pk]) in detail
    page = client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).content.decode()
    assert "I made clear to the person that a decision had to be made." in page
    response = client.post(
        reverse("instruments:meeting-sdm", args=[meeting.pk]), _form([4] * 9), follow=True
    )
    assert "You have given your view of this meeting." in response.content.decode()
    assert SdmResponse.objects.get().respondent == "care_manager"


def test_the_team_leader_cannot_post_an_answer(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.tina)
    response = client.post(reverse("instruments:meeting-sdm", args=[meeting.pk]), _form([4] * 9))
    assert response.status_code == 403
    assert not SdmResponse.objects.exists()


def test_another_teams_professional_gets_404_on_every_page(client, login, cast):
    meeting, decisions = held_meeting(cast)
    _citizen_answers(cast, meeting, decisions, shared=True)
    pages = [
        ("get", reverse("instruments:meeting-sdm", args=[meeting.pk]), None),
        ("post", reverse("instruments:meeting-sdm", args=[meeting.pk]), _form([4] * 9)),
        ("post", reverse("instruments:meeting-sdm", args=[meeting.pk]), {"action": "decline"}),
        ("get", reverse("instruments:my-sdm", args=[meeting.pk]), None),
        ("post", reverse("instruments:my-sdm", args=[meeting.pk]), _form([4] * 9)),
    ]
    for stranger in (cast.carol, cast.dave, cast.mona):
        login(stranger)
        for i, (method, url, data) in enumerate(pages):
            request_id = f"sdm-{stranger.pk}-{i}"
            response = getattr(client, method)(url, data or {}, HTTP_X_REQUEST_ID=request_id)
            assert response.status_code == 404, (stranger, method, url, response.status_code)
            body = response.content.decode()
            assert "Secretperson" not in body and "11.1" not in body
            assert AuditEvent.objects.filter(request_id=request_id, outcome="denied").exists()
    assert SdmResponse.objects.count() == 1


def test_the_citizens_own_page_is_hers_alone(client, login, cast):
    """Another citizen's login cannot open Anna's questionnaire."""
    from roundtable.testing import make_citizen, make_course

    other = make_citizen("Olga Other", "030303-0303", login=True)
    make_course(other, cast.alpha, cast.alice, cast.bob)
    meeting, _ = held_meeting(cast)
    login(other.user)
    assert client.get(reverse("instruments:my-sdm", args=[meeting.pk])).status_code == 404
    sdm_response_decline(actor=actor_of(cast.anna), meeting_id=meeting.pk)


def test_the_citizen_and_the_team_each_have_their_own_page(client, login, cast):
    meeting, _ = held_meeting(cast)
    login(cast.anna)
    assert client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).status_code == 404
    login(cast.alice)
    assert client.get(reverse("instruments:my-sdm", args=[meeting.pk])).status_code == 404


def test_a_sector_the_citizen_keeps_the_meetings_decisions_from_sees_no_scores(client, login, cast):
    from roundtable.consent.testing import directive_create

    meeting, decisions = held_meeting(cast)
    _citizen_answers(cast, meeting, decisions, shared=True)
    directive_create(cast.anna, [("deny", "sector", "employment", ["meeting_minutes"])])
    login(cast.bob)
    assert client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).status_code == 404
    response = client.post(reverse("instruments:meeting-sdm", args=[meeting.pk]), _form([4] * 9))
    assert response.status_code == 404
    # The health side still sees them.
    login(cast.alice)
    assert client.get(reverse("instruments:meeting-sdm", args=[meeting.pk])).status_code == 200
    assert SdmResponse.objects.count() == 1


def test_the_citizens_home_offers_the_questionnaire_until_answered(client, login, cast):
    meeting, _ = held_meeting(cast)
    offer = reverse("instruments:my-sdm", args=[meeting.pk])
    login(cast.anna)
    assert offer in client.get(reverse("portal:home")).content.decode()
    sdm_response_decline(actor=actor_of(cast.anna), meeting_id=meeting.pk)
    assert offer not in client.get(reverse("portal:home")).content.decode()
