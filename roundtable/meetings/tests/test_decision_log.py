"""Logging decisions: the typology, the zone, the status and the fields each status needs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roundtable.audit.models import AuditEvent
from roundtable.meetings import services
from roundtable.meetings.models import Decision, DecisionOption
from roundtable.meetings.services import OptionData
from roundtable.meetings.testing import actor_of, log_decision, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(cast):
    return schedule(cast.alice, cast.anna)


def _update(cast, meeting, decision, **changes):
    return services.decision_update(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, decision_id=decision.pk, **changes
    )


def test_the_zone_comes_from_the_type_unless_given(cast, meeting):
    joint = log_decision(cast.alice, meeting)
    assert joint.zone == "joint"
    benefit = log_decision(
        cast.bob, meeting, type_slug="return_to_work", subtype_slug="fitness_for_duty"
    )
    assert benefit.zone == "employment_consultant"
    treatment = log_decision(cast.alice, meeting, zone="care_manager")
    assert treatment.zone == "care_manager"


def test_decisions_take_their_place_on_the_agenda_in_order(cast, meeting):
    orders = [log_decision(cast.alice, meeting, title=f"Decision {i}").order for i in range(3)]
    assert orders == [1, 2, 3]


def test_a_decision_without_a_type_is_refused(cast, meeting):
    with pytest.raises(ValidationError, match="Choose the type of decision."):
        log_decision(cast.alice, meeting, type_slug=None, subtype_slug=None)
    with pytest.raises(ValidationError, match="decision types on the list"):
        log_decision(cast.alice, meeting, type_slug="no_such_type", subtype_slug=None)
    assert not Decision.objects.exists()


def test_a_subtype_of_another_type_is_refused(cast, meeting):
    with pytest.raises(ValidationError, match="is not part of “Course content”"):
        log_decision(
            cast.alice, meeting, type_slug="course_content", subtype_slug="temporary_goals"
        )
    assert not Decision.objects.exists()


def test_postponed_needs_a_date_to_come_back_to_it(cast, meeting):
    with pytest.raises(ValidationError, match="needs a date to come back to it"):
        log_decision(cast.alice, meeting, status="postponed")
    with pytest.raises(ValidationError, match="cannot be before the meeting"):
        log_decision(
            cast.alice, meeting, status="postponed", revisit_on=dt.date.today() - dt.timedelta(1)
        )
    later = dt.date.today() + dt.timedelta(days=30)
    decision = log_decision(cast.alice, meeting, status="postponed", revisit_on=later)
    assert decision.revisit_on == later


def test_excluded_needs_a_reason_and_an_explanation(cast, meeting):
    with pytest.raises(ValidationError) as caught:
        log_decision(cast.alice, meeting, status="excluded")
    assert len(caught.value.messages) == 2
    assert "the law, the programme's frame" in caught.value.messages[0]
    decision = log_decision(
        cast.bob,
        meeting,
        type_slug="excluded",
        subtype_slug="outside_the_framework",
        title="Longer sickness benefit",
        status="excluded",
        exclusion_reason="law",
        exclusion_note="The jobcentre decides extensions under the law, not the meeting.",
    )
    assert decision.exclusion_reason == "law"


def test_status_transitions_clear_what_no_longer_applies(cast, meeting):
    later = dt.date.today() + dt.timedelta(days=14)
    decision = log_decision(cast.alice, meeting, status="postponed", revisit_on=later)
    made = _update(cast, meeting, decision, status="made", outcome="Start the stress diary.")
    assert (made.status, made.revisit_on, made.outcome) == ("made", None, "Start the stress diary.")
    excluded = _update(
        cast,
        meeting,
        decision,
        status="excluded",
        exclusion_reason="programme_frame",
        exclusion_note="More sessions are outside the programme.",
    )
    assert excluded.exclusion_reason == "programme_frame"
    reopened = _update(cast, meeting, decision, status="open")
    assert (reopened.exclusion_reason, reopened.exclusion_note) == ("", "")


def test_a_bad_transition_changes_nothing(cast, meeting):
    decision = log_decision(cast.alice, meeting, title="Keep me")
    with pytest.raises(ValidationError, match="needs a date"):
        _update(cast, meeting, decision, status="postponed", title="Changed")
    decision.refresh_from_db()
    assert (decision.status, decision.title) == ("open", "Keep me")


def test_changing_the_type_drops_a_subtype_of_the_old_type(cast, meeting):
    decision = log_decision(cast.alice, meeting)
    changed = _update(cast, meeting, decision, type_slug="goals")
    assert changed.type.slug == "goals" and changed.subtype is None
    with pytest.raises(ValidationError, match="is not part of"):
        _update(cast, meeting, decision, subtype_slug="activities")


def test_options_with_pros_and_cons_are_logged_with_the_decision(cast, meeting):
    decision = log_decision(
        cast.alice,
        meeting,
        options=[
            OptionData("Stress diary", pros="Cheap, at home", cons="Needs discipline"),
            OptionData("MBSR course", pros="Group support", cons="Eight weeks", chosen=True),
        ],
    )
    options = list(decision.options.order_by("order"))
    assert [o.text for o in options] == ["Stress diary", "MBSR course"]
    assert options[1].chosen and options[0].cons == "Needs discipline"


def test_an_option_without_text_saves_neither_option_nor_decision(cast, meeting):
    with pytest.raises(ValidationError, match="Describe each option"):
        log_decision(cast.alice, meeting, options=[OptionData("  ", pros="x")])
    assert not Decision.objects.exists() and not DecisionOption.objects.exists()


def test_options_are_added_and_changed_later(cast, meeting):
    decision = log_decision(cast.alice, meeting)
    actor = actor_of(cast.bob)
    option = services.option_add(
        actor=actor, meeting_id=meeting.pk, decision_id=decision.pk, text="Talk to the employer"
    )
    changed = services.option_update(
        actor=actor,
        meeting_id=meeting.pk,
        decision_id=decision.pk,
        option_id=option.pk,
        cons="Anna is worried about it",
        chosen=True,
    )
    assert changed.chosen and changed.text == "Talk to the employer"
    with pytest.raises(ValidationError):
        services.option_update(
            actor=actor,
            meeting_id=meeting.pk,
            decision_id=decision.pk,
            option_id=option.pk,
            text="",
        )


def test_every_write_is_audited_with_the_citizen(cast, meeting):
    decision = log_decision(cast.alice, meeting)
    _update(cast, meeting, decision, status="made")
    services.option_add(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, decision_id=decision.pk, text="A"
    )
    events = AuditEvent.objects.filter(citizen_id=cast.anna.id, outcome="allowed")
    assert set(events.values_list("object_type", "action")) >= {
        ("meeting", "create"),
        ("decision", "create"),
        ("decision", "update"),
        ("decision_option", "create"),
    }
