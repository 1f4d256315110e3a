"""The meeting policy's list filter and instance check agree for any actor (STYLE.md 4)."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.accounts.actor import CITIZEN_ROLE, Actor
from roundtable.core.testing import make_citizen, make_course
from roundtable.meetings.models import Meeting
from roundtable.meetings.policies import MeetingPolicy
from roundtable.meetings.testing import schedule
from roundtable.organisations.models import Role, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    schedule(cast.alice, cast.anna)
    schedule(cast.carol, cast.bent)
    extra = make_citizen("Extra Person", "050505-0505")
    make_course(extra, cast.beta, cast.alice, cast.dave)
    schedule(cast.dave, extra)
    return cast


def actors(world):
    professionals = [world.alice, world.bob, world.tina, world.sam, world.carol, world.dave]
    team_ids = [world.alpha.id, world.beta.id, uuid.uuid4()]
    citizen_ids = [world.anna.id, world.bent.id, uuid.uuid4()]
    professional_actor = st.builds(
        lambda p, role, sector, teams: Actor(
            user_id=uuid.uuid4(),
            username="x",
            role=role,
            sector=sector,
            organisation_id=uuid.uuid4(),
            professional_id=p.id if p is not None else None,
            team_ids=frozenset(teams),
        ),
        st.sampled_from([*professionals, None]),
        st.sampled_from(list(Role)),
        st.sampled_from(list(Sector)),
        st.sets(st.sampled_from(team_ids)),
    )
    citizen_actor = st.builds(
        lambda cid: Actor(user_id=uuid.uuid4(), username="c", role=CITIZEN_ROLE, citizen_id=cid),
        st.sampled_from(citizen_ids),
    )
    return st.one_of(professional_actor, citizen_actor, st.none())


def test_meeting_policy_queryset_and_instance_check_agree(world):
    meetings = list(Meeting.objects.select_related("course"))

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(MeetingPolicy.queryset(actor).values_list("id", flat=True))
        allowed = {m.id for m in meetings if MeetingPolicy.allows(actor, m)}
        assert listed == allowed
        # Whoever may run a meeting may see it.
        for meeting in meetings:
            if MeetingPolicy.can_run(actor, meeting.course):
                assert meeting.id in listed

    check()
