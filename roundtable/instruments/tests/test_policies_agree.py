"""The SDM response policy's list filter and instance check agree for any actor (STYLE.md 4)."""

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.instruments.models import SdmResponse
from roundtable.instruments.policies import SDM_RESPONSES
from roundtable.instruments.services import sdm_response_answer, sdm_response_decline
from roundtable.instruments.testing import held_meeting
from roundtable.meetings import services as meeting_services
from roundtable.meetings.testing import actor_of, schedule
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    meeting, _ = held_meeting(cast)
    sdm_response_answer(actor=actor_of(cast.anna), meeting_id=meeting.pk, answers=[3] * 9)
    sdm_response_decline(actor=actor_of(cast.bob), meeting_id=meeting.pk)
    beta = schedule(cast.carol, cast.bent, days_ahead=0, hour=8)
    meeting_services.meeting_hold(actor=actor_of(cast.carol), meeting_id=beta.pk)
    sdm_response_answer(actor=actor_of(cast.dave), meeting_id=beta.pk, answers=[4] * 9)
    return cast


def test_sdm_response_policy_queryset_and_instance_check_agree(world):
    responses = list(SdmResponse.objects.select_related("course"))
    assert len(responses) == 3

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(SDM_RESPONSES.queryset(actor).values_list("id", flat=True))
        allowed = {r.id for r in responses if SDM_RESPONSES.allows(actor, r)}
        assert listed == allowed

    check()
