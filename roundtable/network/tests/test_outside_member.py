"""An outside member of the responsibility group (a GP of another organisation, with an
account) sees the course only as far as the citizen's consent names their organisation: with
no such consent, membership opens nothing (404); with it, the gate gives exactly the permitted
classes, read-only; withdrawn, it is gone on the next request."""

import pytest
from django.http import Http404
from django.urls import reverse

from roundtable.accounts.actor import actor_for_user
from roundtable.citizens.gate import course_access
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.services import consent_directive_revoke
from roundtable.core.data_classes import DataClass
from roundtable.network.testing import add_outside_member, make_gp, permit_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def gp(cast):
    gp = make_gp()
    add_outside_member(cast, gp)
    return gp


def test_without_consent_an_outside_member_sees_nothing(cast, gp, client, login):
    actor = actor_for_user(gp.user)
    with pytest.raises(Http404):
        course_access(actor=actor, citizen_id=cast.anna.id, purpose="test")
    assert not CoursePolicy.queryset(actor).exists()
    login(gp)
    assert client.get(reverse("network:page", args=[cast.anna.id])).status_code == 404
    assert client.get(f"/api/v1/citizens/{cast.anna.id}/network").status_code == 404


def test_with_consent_to_their_organisation_they_read_only_the_permitted_classes(
    cast, gp, client, login
):
    permit_organisation(cast, gp.organisation, DataClass.CONTACT_DETAILS, DataClass.JOINT_PLAN)
    actor = actor_for_user(gp.user)
    access = course_access(actor=actor, citizen_id=cast.anna.id, purpose="test")
    # No sector default counts for an outside member: not the health summary, not therapy.
    assert access.visible == {DataClass.CONTACT_DETAILS, DataClass.JOINT_PLAN}
    assert not access.may_write and not access.emergency
    assert list(CoursePolicy.queryset(actor)) == [cast.anna_course]
    login(gp)
    page = client.get(reverse("network:page", args=[cast.anna.id]))
    assert page.status_code == 200
    assert "Gerda" in page.content.decode()
    # Reading is not changing.
    assert client.get(reverse("network:coordinator", args=[cast.anna.id])).status_code == 403


def test_withdrawn_consent_closes_the_course_again(cast, gp):
    directive = permit_organisation(cast, gp.organisation, DataClass.CONTACT_DETAILS)
    actor = actor_for_user(gp.user)
    course_access(actor=actor, citizen_id=cast.anna.id, purpose="test")
    consent_directive_revoke(
        actor=actor_for_user(cast.anna.user),
        citizen_id=cast.anna.id,
        consent_id=directive.pk,
    )
    with pytest.raises(Http404):
        course_access(actor=actor, citizen_id=cast.anna.id, purpose="test")


def test_consent_to_another_organisation_opens_nothing_for_the_member(cast, gp):
    permit_organisation(cast, cast.jobcentre_south, DataClass.CONTACT_DETAILS)
    with pytest.raises(Http404):
        course_access(actor=actor_for_user(gp.user), citizen_id=cast.anna.id, purpose="test")


def test_a_member_who_has_left_sees_nothing_even_with_consent(cast, gp):
    from roundtable.network.models import GroupMember
    from roundtable.network.services import group_member_leave

    permit_organisation(cast, gp.organisation, DataClass.CONTACT_DETAILS)
    member = GroupMember.objects.get(professional=gp)
    group_member_leave(
        actor=actor_for_user(cast.alice.user), member_id=member.pk, left_on=member.joined_on
    )
    with pytest.raises(Http404):
        course_access(actor=actor_for_user(gp.user), citizen_id=cast.anna.id, purpose="test")


def test_the_team_reads_as_before_when_a_member_joins(cast, gp):
    access = course_access(
        actor=actor_for_user(cast.bob.user), citizen_id=cast.anna.id, purpose="t"
    )
    assert DataClass.VOCATIONAL in access.visible and access.may_write
