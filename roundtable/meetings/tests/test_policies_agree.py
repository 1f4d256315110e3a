"""The meeting policy's list filter and instance check agree for any actor (STYLE.md 4)."""

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.meetings.models import Meeting
from roundtable.meetings.policies import MEETINGS
from roundtable.meetings.testing import schedule
from roundtable.testing import make_citizen, make_course
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    schedule(cast.alice, cast.anna)
    schedule(cast.carol, cast.bent)
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    schedule(cast.dave, extra)
    return cast


def test_meeting_policy_queryset_and_instance_check_agree(world):
    meetings = list(Meeting.objects.select_related("course"))

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(MEETINGS.queryset(actor).values_list("id", flat=True))
        allowed = {m.id for m in meetings if MEETINGS.allows(actor, m)}
        assert listed == allowed
        # The course's two professionals always see its meetings.
        for meeting in meetings:
            course = meeting.course
            if (
                actor is not None
                and actor.professional_id
                in (
                    course.care_manager_id,
                    course.employment_consultant_id,
                )
                and actor.works_with_citizens
            ):
                assert meeting.id in listed

    check()
