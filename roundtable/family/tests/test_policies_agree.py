"""The family link policy's list filter and instance check agree for any actor (STYLE.md 4):
professionals of every role, citizens, family members (real, stopped and unknown), nobody."""

import dataclasses
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.accounts.actor import FAMILY_ROLE, Actor, actor_for_user
from roundtable.family.models import FamilyLink
from roundtable.family.policies import FAMILY_LINKS
from roundtable.family.services import family_stop
from roundtable.family.testing import family_member, invite
from roundtable.meetings.testing import actor_of
from roundtable.testing import make_user
from roundtable.testing.strategies import actors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    cast.bent.user = make_user("bent")
    cast.bent.save(update_fields=["user"])
    maria, _ = family_member(cast.anna)
    stopped, link = family_member(cast.anna, username="jonas", email="jonas@example.com")
    family_stop(actor=actor_of(cast.anna), link_id=link.pk)
    invite(cast.anna, email="waiting@example.com")
    bents, _ = family_member(cast.bent, username="bents", email="b@example.com")
    return cast, [maria, stopped, bents]


def _family_actors(cast, users):
    real = [actor_for_user(u) for u in users]
    # As the Actor was before a link was stopped (a request that started earlier), and made up.
    stale = [
        Actor(
            user_id=u.pk,
            username=u.username,
            role=FAMILY_ROLE,
            family_of=frozenset({cast.anna.pk, cast.bent.pk}),
        )
        for u in users
    ]
    unknown = Actor(
        user_id=uuid.uuid4(), username="x", role=FAMILY_ROLE, family_of=frozenset({cast.anna.pk})
    )
    return st.sampled_from([*real, *stale, unknown])


def test_family_link_policy_queryset_and_instance_check_agree(world):
    cast, users = world
    links = list(FamilyLink.objects.all())
    assert len(links) == 4

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(actors(cast), _family_actors(cast, users)))
    def check(actor):
        listed = set(FAMILY_LINKS.queryset(actor).values_list("id", flat=True))
        allowed = {link.id for link in links if FAMILY_LINKS.allows(actor, link)}
        assert listed == allowed

    check()


def test_a_family_member_sees_only_their_own_links_not_stopped(world):
    cast, (maria, stopped, bents) = world
    assert {link.citizen_id for link in FAMILY_LINKS.queryset(actor_for_user(maria))} == {
        cast.anna.pk
    }
    assert not FAMILY_LINKS.queryset(actor_for_user(stopped)).exists()
    stale = dataclasses.replace(actor_for_user(maria), user_id=stopped.pk)
    assert not FAMILY_LINKS.queryset(stale).exists()
    assert FAMILY_LINKS.queryset(actor_of(cast.anna)).count() == 3
    assert not FAMILY_LINKS.queryset(actor_of(cast.alice)).exists()
