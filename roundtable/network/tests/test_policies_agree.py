"""The coordinators' and group members' list filter and instance check agree for any actor
(STYLE.md 4) — with an outside member whose organisation the citizen's consent names, so that
group membership is exercised as a way to see the course."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings

from roundtable.accounts.actor import actor_for_user
from roundtable.core.data_classes import DataClass
from roundtable.network.models import (
    Coordination,
    GroupMember,
    GroupRole,
    MemberKind,
    SummaryShare,
)
from roundtable.network.policies import COORDINATIONS, GROUP_MEMBERS, SUMMARY_SHARES
from roundtable.network.services import (
    coordinator_hand_over,
    group_member_add,
    summary_share_create,
)
from roundtable.network.testing import permit_organisation
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    today = dt.date.today()
    for cm, citizen in ((cast.alice, cast.anna), (cast.carol, cast.bent)):
        coordinator_hand_over(
            actor=actor_for_user(cm.user),
            citizen_id=citizen.id,
            professional_id=cm.pk,
            starts_on=today,
        )
    # Dave (Jobcentre South, team Beta) is an outside member of Anna's group, and Anna's
    # consent names his organisation.
    group_member_add(
        actor=actor_for_user(cast.alice.user),
        citizen_id=cast.anna.id,
        kind=MemberKind.OUTSIDE_USER,
        role=GroupRole.EMPLOYER,
        professional_id=cast.dave.pk,
        joined_on=today,
    )
    # Each citizen's GP has no account and was given a summary.
    for cm, citizen in ((cast.alice, cast.anna), (cast.carol, cast.bent)):
        gp = group_member_add(
            actor=actor_for_user(cm.user),
            citizen_id=citizen.id,
            kind=MemberKind.SUMMARY,
            role=GroupRole.GP,
            name="Dr. Summary",
            joined_on=today,
        )
        summary_share_create(
            actor=actor_for_user(cm.user),
            citizen_id=citizen.id,
            member_id=gp.pk,
            parts=["group"],
            channel="post",
            citizen_agreed=True,
            shared_on=today,
        )
    permit_organisation(cast, cast.jobcentre_south, DataClass.CONTACT_DETAILS)
    return cast


@pytest.mark.parametrize(
    ("policy", "model"),
    [
        (COORDINATIONS, Coordination),
        (GROUP_MEMBERS, GroupMember),
        (SUMMARY_SHARES, SummaryShare),
    ],
)
def test_record_policy_queryset_and_instance_check_agree(world, policy, model):
    rows = list(model.objects.select_related("course"))
    assert len(rows) >= 2

    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actors(world))
    def check(actor):
        listed = set(policy.queryset(actor).values_list("pk", flat=True))
        allowed = {r.pk for r in rows if policy.allows(actor, r, course=r.course)}
        assert listed == allowed

    check()


def test_the_outside_member_with_consent_lists_the_group_they_are_in(world):
    dave = actor_for_user(world.dave.user)
    courses = {m.course_id for m in GROUP_MEMBERS.queryset(dave)}
    assert courses == {world.anna_course.pk, world.bent_course.pk}
