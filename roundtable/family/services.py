"""Writes of the family's records (issue 13 §4): the citizen invites, the family member accepts,
the citizen stops sharing. Atomic and audited in the citizen's chain; bad input raises
ValidationError with a message for the field and saves nothing."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.accounts.models import User
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CitizenAccess, citizen_write_access
from roundtable.core.request_context import memo_forget
from roundtable.core.services import Refused, service
from roundtable.family.access import MEMO_KEY, PURPOSE
from roundtable.family.models import FamilyLink
from roundtable.family.selectors import invitation_get, token_digest

# How long an invitation may wait to be used.
INVITATION_DAYS = 7


def _own_record(actor: Actor | None, object_type: str, object_id=None) -> CitizenAccess:
    """Only the citizen themself invites and stops: anyone else gets 404."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Refused(object_type=object_type, object_id=object_id or "", citizen_id=None)
    return citizen_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type=object_type,
        citizen_id=actor.citizen_id,
        object_id=object_id,
    )


def _checked_email(email: str, actor: Actor) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("Write an e-mail address like name@example.com.")}
        ) from None
    own = User.objects.filter(pk=actor.user_id).values_list("email", flat=True).first() or ""
    if own and own.casefold() == email.casefold():
        raise ValidationError(
            {"email": _("This is your own e-mail. Invite someone close to you instead.")}
        )
    return email


def _invitation_email(link: FamilyLink, token: str, citizen_name: str, base_url: str) -> None:
    """The invitation, in the invitee's language if the citizen chose one. Plain words; no
    health detail, only who invites and the link."""
    url = base_url.rstrip("/") + reverse("family:accept", args=[token])
    with translation.override(link.language or settings.LANGUAGE_CODE):
        subject = _("%(name)s invites you to Roundtable") % {"name": citizen_name}
        body = _(
            "Hello %(them)s,\n\n"
            "%(name)s wants to share a few things with you in Roundtable.\n"
            "Open this link to make your own login. The link works for %(days)d days, "
            "and only once.\n\n%(url)s\n\n"
            "If you do not know %(name)s, you can delete this e-mail."
        ) % {"them": link.name, "name": citizen_name, "days": INVITATION_DAYS, "url": url}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [link.email])


@dataclass(frozen=True)
class Invited:
    link: FamilyLink
    # Shown to nobody: it is e-mailed, and only its digest is kept.
    token: str


@service(AuditAction.CREATE, purpose=PURPOSE)
def family_invite(
    *,
    actor: Actor | None,
    name: str,
    email: str,
    relation: str,
    language: str = "",
    shares_meetings: bool = False,
    shares_plan: bool = False,
    shares_health: bool = False,
    base_url: str = "",
    send_email: bool = True,
    now: dt.datetime | None = None,
) -> Invited:
    """The citizen invites a family member; the e-mail goes when the invitation is saved.
    `base_url`: where this Roundtable is reached (the link in the e-mail starts with it)."""
    access = _own_record(actor, "family_link")
    assert actor is not None
    problems: dict[str, str] = {}
    name, relation = (name or "").strip(), (relation or "").strip()
    if not name:
        problems["name"] = _("Write their name.")
    if not relation:
        problems["relation"] = _("Write who they are to you, for example your sister.")
    if language and language not in dict(settings.LANGUAGES):
        problems["language"] = _("Choose one of the languages in the list.")
    if not (shares_meetings or shares_plan or shares_health):
        problems["shares"] = _("Tick at least one thing to share.")
    try:
        email = _checked_email(email, actor)
    except ValidationError as error:
        problems.update({k: v[0] for k, v in error.message_dict.items()})
    if problems:
        raise ValidationError(problems)
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    link = FamilyLink.objects.create(
        citizen=access.citizen,
        name=name[:150],
        email=email,
        relation=relation[:100],
        language=language,
        shares_meetings=shares_meetings,
        shares_plan=shares_plan,
        shares_health=shares_health,
        token_digest=token_digest(token),
        token_expires_at=now + dt.timedelta(days=INVITATION_DAYS),
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="family_link",
        object_id=link.pk,
        detail={
            "meetings": shares_meetings,
            "plan": shares_plan,
            "health": shares_health,
        },
    )
    citizen_name = access.citizen.given_name
    if send_email:
        transaction.on_commit(lambda: _invitation_email(link, token, citizen_name, base_url))
    return Invited(link=link, token=token)


@transaction.atomic
def family_accept(
    *,
    token: str,
    username: str,
    password: str,
    now: dt.datetime | None = None,
) -> User:
    """The family member uses the invitation once: an account of their own, linked to the
    citizen. An unknown, used, stopped or expired token is refused with the reason."""
    now = now or timezone.now()
    found = invitation_get(token=token, now=now)
    if not found.usable or found.link is None:
        raise ValidationError({"token": found.problem})
    # Locked, so two uses at once make one account.
    link = FamilyLink.objects.select_for_update().get(pk=found.link.pk)
    if link.accepted_at is not None or link.revoked_at is not None:
        raise ValidationError({"token": _("This link has been used. Sign in with your user name.")})
    username = (username or "").strip()
    problems: dict[str, str] = {}
    if not username:
        problems["username"] = _("Choose a user name.")
    elif len(username) > 150:
        problems["username"] = _("Choose a shorter user name.")
    elif User.objects.filter(username__iexact=username).exists():
        problems["username"] = _("This user name is taken. Choose another.")
    user = User(username=username, email=link.email, first_name=link.name[:150])
    user.language = link.language
    try:
        validate_password(password or "", user)
    except ValidationError as error:
        problems["password"] = " ".join(error.messages)
    if problems:
        raise ValidationError(problems)
    user.set_password(password)
    user.save()
    link.user = user
    link.accepted_at = now
    link.save(update_fields=["user", "accepted_at"])
    audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="family_link",
        object_id=link.pk,
        citizen_id=link.citizen_id,
        purpose=PURPOSE,
        detail={"accepted": True, "user": str(user.pk)},
    )
    return user


@service(AuditAction.UPDATE, purpose=PURPOSE)
def family_stop(
    *, actor: Actor | None, link_id: uuid.UUID, now: dt.datetime | None = None
) -> FamilyLink:
    """The citizen stops sharing with a family member (or takes back an invitation not used
    yet), at once: the family member's next request sees nothing."""
    access = _own_record(actor, "family_link", link_id)
    link = (
        FamilyLink.objects.select_for_update()
        .filter(pk=link_id, citizen_id=access.citizen.pk)
        .first()
    )
    if link is None:
        raise Refused(object_type="family_link", object_id=link_id, citizen_id=None, exists=False)
    if link.revoked_at is None:
        link.revoked_at = now or timezone.now()
        link.save(update_fields=["revoked_at"])
        access.audit(
            action=AuditAction.UPDATE,
            object_type="family_link",
            object_id=link.pk,
            detail={"stopped": True},
        )
        memo_forget(MEMO_KEY)
    return link
