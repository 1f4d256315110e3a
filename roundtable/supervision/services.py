"""Writes of a team's reflective supervision: atomic, checked, audited.

Someone who is not a member of the team gets 404 (as for a session that does not exist); a
member who may not do this gets 403 (only the team leader schedules and agrees actions; the team
leader and the supervisors record attendance and themes). Bad input raises ValidationError with
the field's message and saves nothing.

No citizen is named here: a theme's text that contains the name of a citizen of the team, or
something that looks like a national id, is refused.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from roundtable.accounts.actor import Actor
from roundtable.accounts.notices import notice_send, notice_withdraw
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Course
from roundtable.organisations.models import Membership, Professional
from roundtable.supervision.models import (
    ActionFollowUp,
    ActionStatus,
    FollowUpOutcome,
    SupervisionAction,
    SupervisionAttendance,
    SupervisionSession,
    SupervisionTheme,
    ThemeKind,
)
from roundtable.supervision.selectors import may_record, may_schedule, may_see

NOTICE_KEY = "supervision-action:"
# Six digits and four (a Danish CPR, a Swedish personnummer, a Norwegian fødselsnummer's shape).
NATIONAL_ID = re.compile(r"\d{6}\s?[-+]?\s?\d{4,5}|\d{8}\s?[-+]?\s?\d{4}")


def _audit_write(actor: Actor | None, action: str, object_type: str, object_id: object) -> None:
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.ALLOWED,
        object_type=object_type,
        object_id=object_id,
        purpose="supervision",
    )


def _session(actor: Actor | None, session_id: uuid.UUID) -> SupervisionSession:
    session = SupervisionSession.objects.select_for_update().filter(pk=session_id).first()
    if session is None or not may_see(actor, session.team_id):
        raise Http404()
    return session


def _member_ids(team_id: uuid.UUID) -> set[uuid.UUID]:
    return set(Membership.objects.filter(team_id=team_id).values_list("professional_id", flat=True))


def _professional(actor: Actor | None) -> uuid.UUID:
    assert actor is not None and actor.professional_id is not None
    return actor.professional_id


@transaction.atomic
def supervision_session_schedule(
    *,
    actor: Actor | None,
    team_id: uuid.UUID,
    starts_at: dt.datetime,
    place: str = "",
    leader_ids: Iterable[uuid.UUID],
) -> SupervisionSession:
    """The team leader schedules a session, led by members of the team (its supervisors)."""
    if not may_see(actor, team_id):
        raise Http404()
    if not may_schedule(actor, team_id):
        raise PermissionDenied(_("Only the team leader schedules supervision."))
    leaders = set(leader_ids)
    problems: dict[str, list[str]] = {}
    if not leaders:
        problems["leaders"] = [_("Choose who leads the session.")]
    elif not leaders <= _member_ids(team_id):
        problems["leaders"] = [_("Those who lead the session must be members of the team.")]
    if starts_at is None or starts_at.tzinfo is None:
        problems["starts_at"] = [_("Give the date and time of the session.")]
    elif SupervisionSession.objects.filter(team_id=team_id, starts_at=starts_at).exists():
        problems["starts_at"] = [_("The team already has a session at that time.")]
    if problems:
        raise ValidationError(problems)
    session = SupervisionSession.objects.create(
        team_id=team_id,
        starts_at=starts_at,
        place=(place or "").strip()[:200],
        scheduled_by_id=_professional(actor),
    )
    session.leaders.set(Professional.objects.filter(pk__in=leaders))
    _audit_write(actor, AuditAction.CREATE, "supervision_session", session.pk)
    return session


@transaction.atomic
def supervision_attendance_record(
    *, actor: Actor | None, session_id: uuid.UUID, present: Mapping[uuid.UUID, bool]
) -> None:
    """Who was there, of the team's members from both organisations."""
    session = _session(actor, session_id)
    if not may_record(actor, session.team_id):
        raise PermissionDenied(_("Only the team leader and the supervisors record attendance."))
    members = _member_ids(session.team_id)
    if not set(present) <= members:
        raise ValidationError({"present": [_("Only members of the team attend supervision.")]})
    for professional_id, was_there in present.items():
        SupervisionAttendance.objects.update_or_create(
            session=session, professional_id=professional_id, defaults={"present": was_there}
        )
    _audit_write(actor, AuditAction.UPDATE, "supervision_attendance", session.pk)


def _citizen_names(team_id: uuid.UUID) -> list[tuple[str, str]]:
    """The given and family names of the team's citizens (never shown; only checked against)."""
    return list(
        Course.objects.filter(team_id=team_id)
        .values_list("citizen__given_name", "citizen__family_name")
        .distinct()
    )


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def _names_a_citizen(text: str, names: list[tuple[str, str]], *, short: bool) -> bool:
    """The text holds a citizen's full name or family name; in a short field (the pseudonym),
    their given name alone is enough."""
    folded = " ".join(re.findall(r"\w+", text)).casefold()
    words = _words(text)
    for given, family in names:
        full = " ".join(re.findall(r"\w+", f"{given} {family}")).casefold()
        if full and full in folded:
            return True
        if family and family.casefold() in words:
            return True
        if short and given and given.casefold() in words:
            return True
    return False


def _theme_problems(
    team_id: uuid.UUID, *, kind: str, title: str, pseudonym: str, notes: str
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if kind not in ThemeKind.values:
        problems["kind"] = [_("Choose what kind of theme this is.")]
    if not title:
        problems["title"] = [_("Give the theme a short title.")]
    elif len(title) > 200:
        problems["title"] = [_("Keep the title under 200 characters.")]
    if kind == ThemeKind.HARD_CASE and not pseudonym:
        problems["pseudonym"] = [_("Name a hard case by a pseudonym.")]
    if len(pseudonym) > 60:
        problems["pseudonym"] = [_("Keep the pseudonym under 60 characters.")]
    if len(notes) > 4000:
        problems["notes"] = [_("Keep the notes under 4000 characters.")]
    names = _citizen_names(team_id)
    refusal = _("Do not name the citizen. Use a pseudonym, and leave out names and ids.")
    for name, value in (("title", title), ("pseudonym", pseudonym), ("notes", notes)):
        if name in problems or not value:
            continue
        if NATIONAL_ID.search(value) or _names_a_citizen(value, names, short=name == "pseudonym"):
            problems[name] = [refusal]
    return problems


@transaction.atomic
def supervision_theme_add(
    *,
    actor: Actor | None,
    session_id: uuid.UUID,
    kind: str,
    title: str,
    pseudonym: str = "",
    notes: str = "",
) -> SupervisionTheme:
    """A theme of the session: a norm, a decision zone, a goal hierarchy, a hard case (by a
    pseudonym)."""
    session = _session(actor, session_id)
    if not may_record(actor, session.team_id):
        raise PermissionDenied(_("Only the team leader and the supervisors record themes."))
    title, pseudonym, notes = (
        (title or "").strip(),
        (pseudonym or "").strip(),
        (notes or "").strip(),
    )
    problems = _theme_problems(
        session.team_id, kind=kind, title=title, pseudonym=pseudonym, notes=notes
    )
    if problems:
        raise ValidationError(problems)
    theme = SupervisionTheme.objects.create(
        session=session,
        kind=kind,
        title=title,
        pseudonym=pseudonym,
        notes=notes,
        created_by_id=_professional(actor),
    )
    _audit_write(actor, AuditAction.CREATE, "supervision_theme", theme.pk)
    return theme


def _action_notice(action: SupervisionAction, session: SupervisionSession, actor: Actor) -> None:
    owner_user = Professional.objects.filter(pk=action.owner_id).values_list("user_id", flat=True)
    notice_send(
        recipient_ids=list(owner_user),
        key=f"{NOTICE_KEY}{action.pk}",
        label=gettext_noop("An action from supervision is due"),
        url=reverse("supervision:session", args=[session.pk]),
        due_on=action.due_on,
        already_known_by=actor.user_id,
    )


@transaction.atomic
def supervision_action_add(
    *,
    actor: Actor | None,
    session_id: uuid.UUID,
    text: str,
    owner_id: uuid.UUID | None,
    due_on: dt.date | None,
) -> SupervisionAction:
    """An action agreed at the session, with an owner from the team and a due date."""
    session = _session(actor, session_id)
    if not may_schedule(actor, session.team_id):
        raise PermissionDenied(_("Only the team leader records the actions agreed."))
    text = (text or "").strip()
    problems: dict[str, list[str]] = {}
    if not text:
        problems["text"] = [_("Say what was agreed.")]
    elif len(text) > 500:
        problems["text"] = [_("Keep it under 500 characters.")]
    elif NATIONAL_ID.search(text) or _names_a_citizen(
        text, _citizen_names(session.team_id), short=False
    ):
        problems["text"] = [
            _("Do not name the citizen. Use a pseudonym, and leave out names and ids.")
        ]
    if owner_id is None or owner_id not in _member_ids(session.team_id):
        problems["owner"] = [_("Choose who owns the action: a member of the team.")]
    if due_on is None:
        problems["due_on"] = [_("Give the date the action is due.")]
    elif due_on < session.starts_at.date():
        problems["due_on"] = [_("The due date cannot be before the session.")]
    if problems or owner_id is None or due_on is None:
        raise ValidationError(problems)
    action = SupervisionAction.objects.create(
        session=session, text=text, owner_id=owner_id, due_on=due_on
    )
    assert actor is not None
    _action_notice(action, session, actor)
    _audit_write(actor, AuditAction.CREATE, "supervision_action", action.pk)
    return action


@transaction.atomic
def supervision_action_follow_up(
    *,
    actor: Actor | None,
    session_id: uuid.UUID,
    action_id: uuid.UUID,
    outcome: str,
    note: str = "",
) -> ActionFollowUp:
    """A later session follows an open action up: done, continued (it stays open) or dropped."""
    session = _session(actor, session_id)
    if not may_schedule(actor, session.team_id):
        raise PermissionDenied(_("Only the team leader follows the actions up."))
    action = (
        SupervisionAction.objects.select_for_update()
        .filter(
            pk=action_id,
            session__team_id=session.team_id,
            session__starts_at__lt=session.starts_at,
        )
        .first()
    )
    if action is None:
        raise Http404()
    note = (note or "").strip()
    problems: dict[str, list[str]] = {}
    if outcome not in FollowUpOutcome.values:
        problems["outcome"] = [_("Choose done, continued or dropped.")]
    if len(note) > 500:
        problems["note"] = [_("Keep the note under 500 characters.")]
    elif note and (
        NATIONAL_ID.search(note)
        or _names_a_citizen(note, _citizen_names(session.team_id), short=False)
    ):
        problems["note"] = [
            _("Do not name the citizen. Use a pseudonym, and leave out names and ids.")
        ]
    if action.status != ActionStatus.OPEN:
        problems["outcome"] = [_("This action has already been closed.")]
    elif ActionFollowUp.objects.filter(action=action, session=session).exists():
        problems["outcome"] = [_("This session has already followed the action up.")]
    if problems:
        raise ValidationError(problems)
    follow_up = ActionFollowUp.objects.create(
        action=action,
        session=session,
        outcome=outcome,
        note=note,
        created_by_id=_professional(actor),
    )
    if outcome != FollowUpOutcome.CONTINUED:
        action.status = (
            ActionStatus.DONE if outcome == FollowUpOutcome.DONE else ActionStatus.DROPPED
        )
        action.save(update_fields=["status"])
        notice_withdraw(key_prefix=f"{NOTICE_KEY}{action.pk}")
    _audit_write(actor, AuditAction.UPDATE, "supervision_action", action.pk)
    return follow_up
