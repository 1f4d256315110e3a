"""Choosing an option settles the decision (issue 10, finding 7): an option never shows "chosen"
beside a decision that is still "to be decided" with nothing written under what was decided."""

import pytest
from django.core.exceptions import ValidationError

from roundtable.meetings import services
from roundtable.meetings.models import Decision, DecisionOption
from roundtable.meetings.services import OptionData
from roundtable.meetings.testing import actor_of, log_decision, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(cast):
    return schedule(cast.alice, cast.anna)


def _add(cast, meeting, decision, text, **extra):
    return services.option_add(
        actor=actor_of(cast.alice),
        meeting_id=meeting.pk,
        decision_id=decision.pk,
        text=text,
        **extra,
    )


def _change(cast, meeting, option, **changes):
    return services.option_update(
        actor=actor_of(cast.bob),
        meeting_id=meeting.pk,
        decision_id=option.decision_id,
        option_id=option.pk,
        **changes,
    )


def test_choosing_an_option_marks_the_decision_made_with_the_option_as_its_outcome(cast, meeting):
    decision = log_decision(cast.alice, meeting, title="How do we start?")
    diary = _add(cast, meeting, decision, "Stress diary")
    _add(cast, meeting, decision, "MBSR course")
    assert Decision.objects.get(pk=decision.pk).status == "open"

    _change(cast, meeting, diary, chosen=True)

    decision.refresh_from_db()
    assert decision.status == "made"
    assert decision.outcome == "Stress diary"


def test_an_option_added_as_chosen_settles_the_decision_too(cast, meeting):
    decision = log_decision(cast.alice, meeting)
    _add(cast, meeting, decision, "Three hours a day", chosen=True)
    decision.refresh_from_db()
    assert (decision.status, decision.outcome) == ("made", "Three hours a day")


def test_choosing_another_option_moves_the_choice_and_the_outcome(cast, meeting):
    decision = log_decision(cast.alice, meeting)
    first = _add(cast, meeting, decision, "Stress diary", chosen=True)
    second = _add(cast, meeting, decision, "MBSR course")

    _change(cast, meeting, second, chosen=True)

    assert list(
        DecisionOption.objects.filter(decision=decision, chosen=True).values_list("pk", flat=True)
    ) == [second.pk]
    decision.refresh_from_db()
    assert decision.outcome == "MBSR course"
    first.refresh_from_db()
    assert not first.chosen


def test_an_outcome_written_in_the_teams_own_words_is_kept(cast, meeting):
    decision = log_decision(
        cast.alice, meeting, status="made", outcome="Anna tries the diary for two weeks."
    )
    diary = _add(cast, meeting, decision, "Stress diary")
    _change(cast, meeting, diary, chosen=True)
    decision.refresh_from_db()
    assert decision.outcome == "Anna tries the diary for two weeks."


def test_unchoosing_the_option_opens_the_decision_again(cast, meeting):
    decision = log_decision(cast.alice, meeting)
    diary = _add(cast, meeting, decision, "Stress diary", chosen=True)
    _change(cast, meeting, diary, chosen=False)
    decision.refresh_from_db()
    assert (decision.status, decision.outcome) == ("open", "")


def test_a_decision_set_back_to_be_decided_keeps_no_chosen_option(cast, meeting):
    decision = log_decision(cast.alice, meeting)
    diary = _add(cast, meeting, decision, "Stress diary", chosen=True)
    services.decision_update(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, decision_id=decision.pk, status="open"
    )
    diary.refresh_from_db()
    assert not diary.chosen


def test_a_decision_logged_with_a_chosen_option_is_made(cast, meeting):
    decision = log_decision(
        cast.alice,
        meeting,
        options=[OptionData("Stress diary"), OptionData("MBSR course", chosen=True)],
    )
    assert (decision.status, decision.outcome) == ("made", "MBSR course")


def test_two_chosen_options_or_a_chosen_option_of_a_postponed_decision_are_refused(cast, meeting):
    with pytest.raises(ValidationError, match="Mark one option as chosen"):
        log_decision(
            cast.alice,
            meeting,
            options=[OptionData("A", chosen=True), OptionData("B", chosen=True)],
        )
    with pytest.raises(ValidationError, match="postponed or excluded decision has no chosen"):
        log_decision(
            cast.alice,
            meeting,
            status="postponed",
            revisit_on=meeting.starts_at.date(),
            options=[OptionData("A", chosen=True)],
        )
    assert not Decision.objects.exists()


def test_the_meeting_page_shows_the_chosen_option_as_what_was_decided(client, cast, meeting):
    decision = log_decision(cast.alice, meeting, title="How do we start?")
    client.force_login(cast.alice.user)
    response = client.post(
        f"/meetings/{meeting.pk}/decisions/{decision.pk}/options/",
        {
            f"option-{decision.pk}-text": "Stress diary",
            f"option-{decision.pk}-chosen": "on",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "the decision is marked as made" in page
    article = page.split(f'id="decision-{decision.pk}"')[1].split("</article>")[0]
    assert '<span class="badge badge-made">Made</span>' in article
    assert "What was decided" in article and "Stress diary" in article
    decision.refresh_from_db()
    assert decision.outcome == "Stress diary"
