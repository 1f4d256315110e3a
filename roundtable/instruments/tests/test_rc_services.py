"""Relational coordination rounds: the team leader opens them, every member answers once,
answers are stored without the person."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.instruments.models import RcParticipation, RcResponse
from roundtable.instruments.rc_selectors import rc_rounds_waiting
from roundtable.instruments.rc_services import rc_response_submit, rc_round_open
from roundtable.instruments.testing import rc_colleagues, rc_round
from roundtable.meetings.testing import actor_of

pytestmark = pytest.mark.django_db


def _open(cast, who=None, **extra):
    today = timezone.localdate()
    arguments = {
        "title": "Autumn",
        "opens_on": today,
        "closes_on": today + dt.timedelta(days=14),
        **extra,
    }
    return rc_round_open(actor=actor_of(who or cast.tina), team_id=cast.alpha.pk, **arguments)


def _all(round_, value):
    return {g["key"]: [value] * 7 for g in round_.groups}


def test_the_team_leader_opens_a_round_with_the_four_default_groups(cast):
    round_ = _open(cast)
    assert [g["key"] for g in round_.groups] == [
        "care_manager",
        "employment",
        "team_leader",
        "supervisor",
    ]
    assert round_.item_texts == []


def test_only_the_team_leader_opens_a_round_and_another_team_gets_404(cast):
    with pytest.raises(PermissionDenied):
        _open(cast, cast.alice)
    with pytest.raises(Http404):
        _open(cast, cast.carol)


def test_a_round_cannot_close_before_it_opens_and_licensed_wording_needs_seven_lines(cast):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        _open(cast, closes_on=today - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        _open(cast, item_texts=["one", "two"])
    round_ = _open(cast, item_texts=[f"Licensed item {n}" for n in range(1, 8)])
    assert round_.item_texts[6] == "Licensed item 7"


def test_a_member_answers_once_and_the_answers_are_stored_without_the_person(cast):
    round_ = _open(cast)
    assert round_ in rc_rounds_waiting(actor=actor_of(cast.alice))
    rc_response_submit(actor=actor_of(cast.alice), round_id=round_.pk, ratings=_all(round_, 4))
    assert rc_rounds_waiting(actor=actor_of(cast.alice)) == []
    with pytest.raises(ValidationError):
        rc_response_submit(actor=actor_of(cast.alice), round_id=round_.pk, ratings=_all(round_, 5))
    response = RcResponse.objects.get(round=round_)
    assert response.group == "care_manager"
    assert {f.name for f in RcResponse._meta.get_fields()} == {"id", "round", "group", "ratings"}
    assert RcParticipation.objects.filter(round=round_, professional=cast.alice).exists()
    event = AuditEvent.objects.filter(object_type="rc_participation").latest("id")
    assert "4" not in str(event.detail)


def test_out_of_range_and_missing_answers_are_refused_and_nothing_is_saved(cast):
    round_ = _open(cast)
    bad = _all(round_, 4)
    bad["employment"] = [4, 4, 4, 4, 4, 4, 6]
    with pytest.raises(ValidationError):
        rc_response_submit(actor=actor_of(cast.bob), round_id=round_.pk, ratings=bad)
    partial = _all(round_, 4)
    del partial["supervisor"]
    with pytest.raises(ValidationError):
        rc_response_submit(actor=actor_of(cast.bob), round_id=round_.pk, ratings=partial)
    assert not RcResponse.objects.exists() and not RcParticipation.objects.exists()


def test_another_teams_professional_cannot_answer_and_a_closed_round_takes_no_answers(cast):
    round_ = _open(cast)
    with pytest.raises(Http404):
        rc_response_submit(actor=actor_of(cast.carol), round_id=round_.pk, ratings=_all(round_, 4))
    later = _open(cast, opens_on=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises(ValidationError):
        rc_response_submit(actor=actor_of(cast.alice), round_id=later.pk, ratings=_all(later, 4))


def test_the_test_helper_gives_a_round_with_three_of_each(cast):
    round_ = rc_round(cast, rc_colleagues(cast))
    assert RcResponse.objects.filter(round=round_).count() == 6
