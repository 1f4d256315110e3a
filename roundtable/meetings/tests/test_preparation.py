"""The citizen prepares in plain language and answers prompts; the answers are on the agenda."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.meetings import services
from roundtable.meetings.models import PreparationAnswer, PreparationPrompt
from roundtable.meetings.selectors import prompt_list
from roundtable.meetings.testing import actor_of, log_decision, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(cast):
    meeting = schedule(cast.alice, cast.anna, purpose="We talk about your return to the bakery.")
    log_decision(cast.bob, meeting, title="When could you start again?", is_key=True)
    return meeting


def _prompt(text):
    return PreparationPrompt.objects.get(team__isnull=True, text=text)


def test_the_preparation_page_says_what_is_and_is_not_decided(client, login, cast, meeting):
    login(cast.anna)
    page = client.get(reverse("meetings:my-preparation", args=[meeting.id])).content.decode()
    assert "Get ready for your meeting" in page
    assert "We talk about your return to the bakery." in page
    assert "When could you start again?" in page  # the key decision, named beforehand
    assert "The jobcentre decides that, under the law." in page
    assert "Alice Andersen" in page and "Bob Berg" in page
    assert "What matters most to you right now?" in page
    assert "Is there anything you do not want to talk about at this meeting?" in page


def test_the_citizens_answer_appears_on_the_agenda(client, login, cast, meeting):
    login(cast.anna)
    prompt = _prompt("What matters most to you right now?")
    response = client.post(
        reverse("meetings:my-preparation", args=[meeting.id]),
        {f"answer_{prompt.pk}": "Sleeping through the night."},
    )
    assert response.status_code == 302
    answer = PreparationAnswer.objects.get()
    assert answer.prompt_text == "What matters most to you right now?"
    assert answer.data_class == "meeting_minutes"
    assert AuditEvent.objects.filter(
        object_type="preparation_answer", action="update", citizen_id=cast.anna.id
    ).exists()
    login(cast.alice)
    page = client.get(reverse("meetings:detail", args=[meeting.id])).content.decode()
    assert "Anna's preparation" in page
    assert "Sleeping through the night." in page


def test_an_empty_answer_removes_an_earlier_one(cast, meeting):
    prompt = _prompt("Is there something you want to say about work?")
    actor = actor_of(cast.anna)
    services.preparation_answer_save(actor=actor, meeting_id=meeting.pk, answers={prompt.pk: "Yes"})
    services.preparation_answer_save(actor=actor, meeting_id=meeting.pk, answers={prompt.pk: " "})
    assert not PreparationAnswer.objects.exists()


def test_nothing_answered_at_all_asks_for_an_answer(client, login, cast, meeting):
    login(cast.anna)
    response = client.post(reverse("meetings:my-preparation", args=[meeting.id]), {})
    assert response.status_code == 400
    assert "at least one question" in response.content.decode()


def test_answers_close_when_the_meeting_has_been_held(client, login, cast):
    meeting = schedule(cast.alice, cast.anna, days_ahead=0, hour=0)
    services.meeting_hold(actor=actor_of(cast.alice), meeting_id=meeting.pk)
    prompt = _prompt("What matters most to you right now?")
    with pytest.raises(ValidationError, match="meeting is over"):
        services.preparation_answer_save(
            actor=actor_of(cast.anna), meeting_id=meeting.pk, answers={prompt.pk: "Too late"}
        )
    login(cast.anna)
    page = client.get(reverse("meetings:my-preparation", args=[meeting.id])).content.decode()
    assert "Save my answers" not in page and "See what was decided" in page


def test_only_the_citizen_answers(cast, meeting):
    prompt = _prompt("What matters most to you right now?")
    with pytest.raises(PermissionDenied):
        services.preparation_answer_save(
            actor=actor_of(cast.alice), meeting_id=meeting.pk, answers={prompt.pk: "On her behalf"}
        )
    assert not PreparationAnswer.objects.exists()


def test_an_answer_to_a_question_not_on_the_page_is_refused(cast, meeting):
    with pytest.raises(ValidationError, match="questions changed while you were writing"):
        services.preparation_answer_save(
            actor=actor_of(cast.anna), meeting_id=meeting.pk, answers={999_999: "x"}
        )


def test_a_team_leader_gives_the_team_its_own_questions(client, login, cast, meeting):
    login(cast.tina)
    response = client.get(reverse("meetings:prompt-teams"))
    assert response.status_code == 302  # one team: straight to it
    url = reverse("meetings:prompts", args=[cast.alpha.id])
    assert "Your team uses the default questions." in client.get(url).content.decode()
    response = client.post(
        url,
        {"action": "save", "questions": "What helps you on a bad day?\n\nWho supports you?\n"},
    )
    assert response.status_code == 302
    assert [p.text for p in prompt_list(team_id=cast.alpha.id)] == [
        "What helps you on a bad day?",
        "Who supports you?",
    ]
    # Team Beta keeps the default set.
    assert len(prompt_list(team_id=cast.beta.id)) == 4
    login(cast.anna)
    page = client.get(reverse("meetings:my-preparation", args=[meeting.id])).content.decode()
    assert "What helps you on a bad day?" in page
    assert "What matters most to you right now?" not in page


def test_kept_questions_keep_their_answers_linked(cast, meeting):
    tina = actor_of(cast.tina)
    first, _ = services.prompt_set_save(actor=tina, team_id=cast.alpha.id, texts=["A?", "B?"])
    services.preparation_answer_save(
        actor=actor_of(cast.anna), meeting_id=meeting.pk, answers={first.pk: "Answer A"}
    )
    services.prompt_set_save(actor=tina, team_id=cast.alpha.id, texts=["C?", "A?"])
    assert PreparationAnswer.objects.get().prompt_id == first.pk


def test_the_team_leader_goes_back_to_the_default_questions(client, login, cast):
    services.prompt_set_save(actor=actor_of(cast.tina), team_id=cast.alpha.id, texts=["Own?"])
    login(cast.tina)
    client.post(reverse("meetings:prompts", args=[cast.alpha.id]), {"action": "reset"})
    assert len(prompt_list(team_id=cast.alpha.id)) == 4


def test_bad_question_lists_are_refused(cast):
    tina = actor_of(cast.tina)
    with pytest.raises(ValidationError, match="at least one question"):
        services.prompt_set_save(actor=tina, team_id=cast.alpha.id, texts=["", "  "])
    with pytest.raises(ValidationError, match="at most 12"):
        services.prompt_set_save(
            actor=tina, team_id=cast.alpha.id, texts=[f"Q{i}?" for i in range(13)]
        )
    with pytest.raises(ValidationError, match="under 300"):
        services.prompt_set_save(actor=tina, team_id=cast.alpha.id, texts=["x" * 301])
    assert not PreparationPrompt.objects.filter(team=cast.alpha).exists()


@pytest.mark.parametrize("who", ["alice", "bob", "sam"])
def test_only_team_leaders_edit_questions(client, login, cast, who):
    login(getattr(cast, who))
    assert client.get(reverse("meetings:prompt-teams")).status_code == 404
    assert client.get(reverse("meetings:prompts", args=[cast.alpha.id])).status_code == 404
