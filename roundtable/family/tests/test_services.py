"""Inviting, accepting and stopping: the token is single use, expires and is stored only as a
digest; bad input is refused with a message; only the citizen themself invites and stops."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from roundtable.accounts.actor import FAMILY_ROLE, actor_for_user
from roundtable.audit.models import AuditEvent
from roundtable.family.models import FamilyLink
from roundtable.family.selectors import token_digest
from roundtable.family.services import family_accept, family_stop
from roundtable.family.testing import PASSWORD, family_member, invite
from roundtable.meetings.testing import actor_of
from roundtable.testing import make_user

pytestmark = pytest.mark.django_db


def bent_with_login(cast):
    cast.bent.user = make_user("bent")
    cast.bent.save(update_fields=["user"])
    return cast.bent


def test_an_invitation_keeps_only_the_digest_of_its_token_and_expires_in_a_week(cast):
    invited = invite(cast.anna)
    link = FamilyLink.objects.get()
    assert link.token_digest == token_digest(invited.token) != invited.token
    assert invited.token not in str(FamilyLink.objects.values().get())
    week = link.token_expires_at - link.created_at
    assert dt.timedelta(days=6, hours=23) < week <= dt.timedelta(days=7, seconds=1)
    event = AuditEvent.objects.get(object_type="family_link", action="create")
    assert event.citizen_id == cast.anna.pk and invited.token not in str(event.detail)


def test_the_invitation_is_emailed_on_commit_in_the_chosen_language(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invited = invite(cast.anna, language="da", base_url="https://rt.example/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sister@example.com"]
    assert f"https://rt.example/family/join/{invited.token}/" in message.body
    assert "Anna" in message.body and "Secretperson" not in message.body
    assert "Hej Maria" in message.body  # Danish


def test_nothing_is_emailed_when_the_invitation_is_not_saved(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        invite(cast.anna, email="not an e-mail")
    assert mail.outbox == [] and not FamilyLink.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"email": "not an e-mail"}, "email"),
        ({"email": ""}, "email"),
        ({"name": "  "}, "name"),
        ({"relation": ""}, "relation"),
        ({"shares_meetings": False, "shares_plan": False}, "shares"),
        ({"language": "xx"}, "language"),
    ],
)
def test_bad_input_is_refused_with_a_message_for_its_field(cast, extra, field):
    with pytest.raises(ValidationError) as error:
        invite(cast.anna, **extra)
    assert field in error.value.message_dict
    assert not FamilyLink.objects.exists()


def test_the_citizen_cannot_invite_themself(cast):
    cast.anna.user.email = "Anna@Example.com"
    cast.anna.user.save(update_fields=["email"])
    with pytest.raises(ValidationError) as error:
        invite(cast.anna, email="anna@example.com")
    assert "your own e-mail" in error.value.message_dict["email"][0]


def test_only_the_citizen_invites_a_professional_gets_404(cast):
    from roundtable.family.services import family_invite

    with pytest.raises(Http404):
        family_invite(
            actor=actor_of(cast.alice),
            name="M",
            email="m@example.com",
            relation="sister",
            shares_plan=True,
        )
    assert not FamilyLink.objects.exists()


def test_accepting_makes_an_account_of_their_own_that_is_a_family_member(cast):
    user, link = family_member(cast.anna)
    assert user.check_password(PASSWORD) and user.email == "sister@example.com"
    assert link.user_id == user.pk and link.accepted_at is not None
    actor = actor_for_user(user)
    assert actor.role == FAMILY_ROLE and actor.is_family_member
    assert actor.family_of == frozenset({cast.anna.pk})
    assert actor.citizen_id is None and actor.professional_id is None
    event = AuditEvent.objects.get(object_type="family_link", action="update")
    assert event.citizen_id == cast.anna.pk


def test_a_token_works_only_once(cast):
    invited = invite(cast.anna)
    family_accept(token=invited.token, username="maria", password=PASSWORD)
    with pytest.raises(ValidationError) as error:
        family_accept(token=invited.token, username="maria2", password=PASSWORD)
    assert "has been used" in error.value.message_dict["token"][0]
    assert FamilyLink.objects.get().user.username == "maria"


def test_an_expired_token_is_refused(cast):
    invited = invite(cast.anna)
    later = timezone.now() + dt.timedelta(days=8)
    with pytest.raises(ValidationError) as error:
        family_accept(token=invited.token, username="maria", password=PASSWORD, now=later)
    assert "too old" in error.value.message_dict["token"][0]
    assert FamilyLink.objects.get().user is None


def test_an_unknown_token_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        family_accept(token="made-up", username="maria", password=PASSWORD)
    assert "does not work" in error.value.message_dict["token"][0]


def test_a_taken_user_name_and_a_weak_password_are_refused_beside_their_fields(cast):
    invited = invite(cast.anna)
    with pytest.raises(ValidationError) as error:
        family_accept(token=invited.token, username=cast.alice.user.username, password="123")
    assert set(error.value.message_dict) == {"username", "password"}
    assert FamilyLink.objects.get().accepted_at is None


def test_stopping_takes_effect_at_once_and_the_invitation_cannot_be_used_after(cast):
    user, link = family_member(cast.anna)
    family_stop(actor=actor_of(cast.anna), link_id=link.pk)
    actor = actor_for_user(user)
    assert not actor.is_family_member and actor.family_of == frozenset()
    waiting = invite(cast.anna, email="brother@example.com")
    family_stop(actor=actor_of(cast.anna), link_id=waiting.link.pk)
    with pytest.raises(ValidationError) as error:
        family_accept(token=waiting.token, username="bro", password=PASSWORD)
    assert "taken back" in error.value.message_dict["token"][0]


def test_another_citizen_cannot_stop_a_link_that_is_not_theirs(cast):
    _user, link = family_member(cast.anna)
    with pytest.raises(Http404):
        family_stop(actor=actor_of(bent_with_login(cast)), link_id=link.pk)
    link.refresh_from_db()
    assert link.revoked_at is None
