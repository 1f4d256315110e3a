"""Shared decision making after a held meeting: who answers what, when, and how often."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from roundtable.audit.models import AuditEvent
from roundtable.instruments.models import DecisionNoticed, Respondent, SdmResponse
from roundtable.instruments.selectors import sdm_score
from roundtable.instruments.services import sdm_response_answer, sdm_response_decline
from roundtable.instruments.testing import held_meeting
from roundtable.meetings.testing import actor_of, schedule

pytestmark = pytest.mark.django_db

ALL_FIVES = [5] * 9


def test_the_citizen_answers_sdm_q9_with_the_noticed_decisions(cast):
    meeting, decisions = held_meeting(cast)
    response = sdm_response_answer(
        actor=actor_of(cast.anna),
        meeting_id=meeting.pk,
        answers=[5, 4, 3, 2, 1, 0, 5, 4, None],
        noticed={decisions[0].pk: "yes", decisions[1].pk: "not_sure"},
    )
    assert response.respondent == Respondent.CITIZEN
    assert response.instrument == "sdmq9"
    # One item left out: the mean of the eight is imputed (24 + 3 = 27 of 45 -> 60).
    assert sdm_score(response) == 60.0
    assert sorted(DecisionNoticed.objects.values_list("answer", flat=True)) == ["not_sure", "yes"]
    assert not response.shared_with_team
    event = AuditEvent.objects.filter(object_type="sdm_response", action="create").get()
    assert event.citizen_id == cast.anna.pk
    assert set(event.detail) == {"meeting", "instrument", "declined"}  # never an answer


def test_two_items_left_out_give_no_total(cast):
    meeting, _ = held_meeting(cast)
    response = sdm_response_answer(
        actor=actor_of(cast.anna), meeting_id=meeting.pk, answers=[5] * 7 + [None, None]
    )
    assert sdm_score(response) is None


def test_once_per_meeting_and_person(cast):
    meeting, _ = held_meeting(cast)
    sdm_response_answer(actor=actor_of(cast.anna), meeting_id=meeting.pk, answers=ALL_FIVES)
    with pytest.raises(ValidationError, match="already answered"):
        sdm_response_answer(actor=actor_of(cast.anna), meeting_id=meeting.pk, answers=ALL_FIVES)
    with pytest.raises(ValidationError, match="already answered"):
        sdm_response_decline(actor=actor_of(cast.anna), meeting_id=meeting.pk)
    # The professionals each still answer their own, once.
    sdm_response_answer(actor=actor_of(cast.alice), meeting_id=meeting.pk, answers=ALL_FIVES)
    sdm_response_answer(actor=actor_of(cast.bob), meeting_id=meeting.pk, answers=ALL_FIVES)
    with pytest.raises(ValidationError, match="already answered"):
        sdm_response_answer(actor=actor_of(cast.bob), meeting_id=meeting.pk, answers=ALL_FIVES)
    assert SdmResponse.objects.count() == 3


def test_only_after_the_meeting_is_held(cast):
    planned = schedule(cast.alice, cast.anna)
    with pytest.raises(ValidationError, match="has not"):
        sdm_response_answer(actor=actor_of(cast.anna), meeting_id=planned.pk, answers=ALL_FIVES)
    with pytest.raises(ValidationError, match="has not"):
        sdm_response_decline(actor=actor_of(cast.alice), meeting_id=planned.pk)
    assert not SdmResponse.objects.exists()


def test_declining_is_kept_and_the_question_is_not_asked_again(cast):
    meeting, _ = held_meeting(cast)
    response = sdm_response_decline(actor=actor_of(cast.anna), meeting_id=meeting.pk)
    assert response.declined and response.answers == []
    assert sdm_score(response) is None
    with pytest.raises(ValidationError):
        sdm_response_answer(actor=actor_of(cast.anna), meeting_id=meeting.pk, answers=ALL_FIVES)


@pytest.mark.parametrize("bad", [6, -1, "5", 2.5, True])
def test_an_answer_outside_the_scale_is_refused_and_nothing_saved(cast, bad):
    meeting, _ = held_meeting(cast)
    answers = [3] * 9
    answers[4] = bad
    with pytest.raises(ValidationError, match="Question 5"):
        sdm_response_answer(actor=actor_of(cast.alice), meeting_id=meeting.pk, answers=answers)
    assert not SdmResponse.objects.exists()


def test_a_wrong_noticed_answer_or_decision_is_refused(cast):
    meeting, decisions = held_meeting(cast)
    other, other_decisions = held_meeting(cast)
    with pytest.raises(ValidationError):
        sdm_response_answer(
            actor=actor_of(cast.anna),
            meeting_id=meeting.pk,
            answers=ALL_FIVES,
            noticed={decisions[0].pk: "maybe"},
        )
    with pytest.raises(ValidationError):
        sdm_response_answer(
            actor=actor_of(cast.anna),
            meeting_id=meeting.pk,
            answers=ALL_FIVES,
            noticed={other_decisions[0].pk: "yes"},
        )
    assert not SdmResponse.objects.exists()


def test_only_the_courses_care_manager_and_employment_consultant_answer_sdm_q_doc(cast):
    meeting, _ = held_meeting(cast)
    alice = sdm_response_answer(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, answers=ALL_FIVES
    )
    bob = sdm_response_answer(actor=actor_of(cast.bob), meeting_id=meeting.pk, answers=ALL_FIVES)
    assert (alice.respondent, alice.instrument, alice.professional_id) == (
        Respondent.CARE_MANAGER,
        "sdmqdoc",
        cast.alice.pk,
    )
    assert (bob.respondent, bob.professional_id) == (Respondent.EMPLOYMENT_CONSULTANT, cast.bob.pk)
    # The team leader and the supervisor see the meeting but do not answer for it.
    for reader in (cast.tina, cast.sam):
        with pytest.raises(PermissionDenied):
            sdm_response_answer(actor=actor_of(reader), meeting_id=meeting.pk, answers=ALL_FIVES)
    # Another team's professionals do not even learn that the meeting exists.
    for stranger in (cast.carol, cast.dave):
        with pytest.raises(Http404):
            sdm_response_answer(actor=actor_of(stranger), meeting_id=meeting.pk, answers=ALL_FIVES)
        with pytest.raises(Http404):
            sdm_response_decline(actor=actor_of(stranger), meeting_id=meeting.pk)
    assert SdmResponse.objects.count() == 2
    assert AuditEvent.objects.filter(object_type="sdm_response", outcome="denied").count() >= 2


def test_a_professional_cannot_answer_for_the_citizen(cast):
    meeting, decisions = held_meeting(cast)
    with pytest.raises(ValidationError):
        sdm_response_answer(
            actor=actor_of(cast.alice),
            meeting_id=meeting.pk,
            answers=ALL_FIVES,
            noticed={decisions[0].pk: "yes"},
        )


def test_a_sector_denied_the_meetings_decisions_cannot_answer_for_it(cast):
    from roundtable.consent.testing import directive_create

    meeting, _ = held_meeting(cast)
    directive_create(cast.anna, [("deny", "sector", "employment", ["meeting_minutes"])])
    with pytest.raises(PermissionDenied):
        sdm_response_answer(actor=actor_of(cast.bob), meeting_id=meeting.pk, answers=ALL_FIVES)
    assert not SdmResponse.objects.exists()
