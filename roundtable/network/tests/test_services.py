"""Naming and handing over the coordinator, and the responsibility group's memberships."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditEvent
from roundtable.network.models import Coordination, GroupMember, GroupRole, MemberKind
from roundtable.network.services import (
    coordinator_hand_over,
    group_member_add,
    group_member_leave,
)
from roundtable.network.testing import load_directory

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _name(cast, who, **kwargs):
    values = {"starts_on": TODAY - dt.timedelta(days=10)}
    values.update(kwargs)
    return coordinator_hand_over(actor=actor_for_user(who.user), citizen_id=cast.anna.id, **values)


def test_a_care_manager_names_a_coordinator_from_the_team(cast):
    c = _name(cast, cast.alice, professional_id=cast.bob.pk)
    assert c.professional == cast.bob and c.ended_on is None
    assert AuditEvent.objects.filter(object_type="coordinator", action="create").count() == 1


def test_a_handover_ends_the_current_coordinator_and_keeps_the_history(cast):
    first = _name(cast, cast.alice, professional_id=cast.bob.pk)
    second = _name(
        cast,
        cast.tina,
        professional_id=cast.alice.pk,
        starts_on=TODAY,
        note="Bob moves to another team.",
    )
    first.refresh_from_db()
    assert first.ended_on == TODAY
    assert second.note == "Bob moves to another team." and second.ended_on is None
    rows = list(Coordination.objects.filter(course=cast.anna_course).order_by("starts_on"))
    assert [r.professional for r in rows] == [cast.bob, cast.alice]


def test_a_handover_without_a_note_is_refused_and_nothing_changes(cast):
    _name(cast, cast.alice, professional_id=cast.bob.pk)
    with pytest.raises(ValidationError) as exc:
        _name(cast, cast.alice, professional_id=cast.alice.pk, starts_on=TODAY)
    assert any("handover note" in m for m in exc.value.messages)
    assert Coordination.objects.filter(ended_on__isnull=True).get().professional == cast.bob


def test_a_handover_cannot_go_back_before_the_current_coordinator_started(cast):
    _name(cast, cast.alice, professional_id=cast.bob.pk)
    with pytest.raises(ValidationError):
        _name(
            cast,
            cast.alice,
            professional_id=cast.alice.pk,
            starts_on=TODAY - dt.timedelta(days=30),
            note="x",
        )


def test_a_municipal_coordinator_outside_the_team_needs_an_organisation_and_a_contact(cast):
    with pytest.raises(ValidationError) as exc:
        _name(cast, cast.alice, name="Mette Koordinator")
    text = " ".join(exc.value.messages)
    assert "organisation" in text and "phone number or an e-mail" in text
    c = _name(
        cast,
        cast.alice,
        name="Mette Koordinator",
        organisation_name="Testby Kommune",
        email="mette@testby.example",
    )
    assert c.display_name == "Mette Koordinator" and c.contact_email == "mette@testby.example"


def test_a_coordinator_must_be_on_the_courses_team(cast):
    with pytest.raises(ValidationError):
        _name(cast, cast.alice, professional_id=cast.carol.pk)


def test_a_supervisor_reads_but_does_not_name_a_coordinator(cast):
    with pytest.raises(PermissionDenied):
        _name(cast, cast.sam, professional_id=cast.bob.pk)


def test_another_teams_professional_gets_404_and_it_is_audited(cast):
    with pytest.raises(Http404):
        _name(cast, cast.carol, professional_id=cast.bob.pk)
    assert AuditEvent.objects.filter(object_type="coordinator", outcome="denied").exists()
    assert not Coordination.objects.exists()


def test_members_from_the_directory_take_its_organisation_and_contact(cast):
    services = load_directory()
    member = group_member_add(
        actor=actor_for_user(cast.alice.user),
        citizen_id=cast.anna.id,
        kind=MemberKind.SUMMARY,
        role=GroupRole.HOUSING,
        service_id=services["housing"].pk,
        name="Hans Bolig",
        joined_on=TODAY,
    )
    assert member.organisation_name == "Testby Kommune"
    assert member.phone == "+45 22 22 22 21"
    assert member.responsible_for == "Boligrådgivning"


def test_a_member_who_leaves_stays_in_the_history_with_both_dates(cast):
    member = group_member_add(
        actor=actor_for_user(cast.alice.user),
        citizen_id=cast.anna.id,
        kind=MemberKind.SUMMARY,
        role=GroupRole.UNION,
        name="Ulla Union",
        joined_on=TODAY - dt.timedelta(days=5),
    )
    group_member_leave(actor=actor_for_user(cast.bob.user), member_id=member.pk, left_on=TODAY)
    member.refresh_from_db()
    assert (member.joined_on, member.left_on) == (TODAY - dt.timedelta(days=5), TODAY)
    with pytest.raises(ValidationError):
        group_member_leave(actor=actor_for_user(cast.bob.user), member_id=member.pk, left_on=TODAY)


def test_bad_members_are_refused_with_every_reason(cast):
    with pytest.raises(ValidationError) as exc:
        group_member_add(
            actor=actor_for_user(cast.alice.user),
            citizen_id=cast.anna.id,
            kind="nonsense",
            role="boss",
            email="not-an-address",
            joined_on=None,
        )
    assert len(exc.value.messages) >= 4
    assert not GroupMember.objects.exists()


def test_a_team_member_cannot_be_added_as_an_outside_member_or_twice(cast):
    actor = actor_for_user(cast.alice.user)
    kwargs = {"citizen_id": cast.anna.id, "role": GroupRole.TEAM, "joined_on": TODAY}
    with pytest.raises(ValidationError):
        group_member_add(
            actor=actor, kind=MemberKind.OUTSIDE_USER, professional_id=cast.bob.pk, **kwargs
        )
    group_member_add(actor=actor, kind=MemberKind.TEAM, professional_id=cast.bob.pk, **kwargs)
    with pytest.raises(ValidationError):
        group_member_add(actor=actor, kind=MemberKind.TEAM, professional_id=cast.bob.pk, **kwargs)
