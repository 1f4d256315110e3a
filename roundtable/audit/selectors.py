"""Reads of the audit trail: the citizen's access log (SECURITY.md 21).

The hash chains are verified by ``roundtable.audit.verify``."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_chain_for, audit_record
from roundtable.core.selectors import refused_read
from roundtable.organisations.models import Organisation, Role

ACCESS_LOG_MAX_LIMIT = 100

# What someone did, in words for the person it was done to. Specific first, then by action.
_WHAT_BY_OBJECT: dict[tuple[str, str], Promise] = {
    (AuditAction.READ, "citizen"): _("looked at your record"),
    (AuditAction.READ, "national_id"): _("looked at your national identity number"),
    (AuditAction.READ, "course"): _("looked at your course"),
    (AuditAction.CREATE, "course"): _("registered your referral and started your course"),
    (AuditAction.UPDATE, "course"): _("changed your course"),
    (AuditAction.CREATE, "benefit_period"): _("wrote down a period of sick pay or benefit"),
    (AuditAction.CREATE, "benefit_decision"): _("wrote down a decision about your benefit"),
    (AuditAction.CREATE, "evidence_request"): _("asked for medical evidence"),
    (AuditAction.UPDATE, "evidence_request"): _("noted that the medical evidence was sent"),
    (AuditAction.UPDATE, "milestone"): _("marked a sick-leave deadline as dealt with"),
    (AuditAction.READ, "meeting"): _("looked at a roundtable meeting"),
    (AuditAction.CREATE, "meeting"): _("planned a roundtable meeting with you"),
    (AuditAction.UPDATE, "meeting"): _("changed a roundtable meeting"),
    (AuditAction.CREATE, "decision"): _("wrote down a decision from a meeting"),
    (AuditAction.UPDATE, "decision"): _("changed a decision from a meeting"),
    (AuditAction.CREATE, "decision_option"): _("wrote down a choice for a decision"),
    (AuditAction.UPDATE, "decision_option"): _("changed a choice for a decision"),
    (AuditAction.UPDATE, "meeting_minutes"): _("wrote the notes from a meeting"),
    (AuditAction.EXPORT, "meeting_invitation"): _("downloaded a meeting invitation"),
    (AuditAction.BREAK_GLASS_START, "break_glass_grant"): _("opened your record in an emergency"),
    (AuditAction.BREAK_GLASS_END, "break_glass_grant"): _("ended emergency access to your record"),
    (AuditAction.UPDATE, "break_glass_review"): _("checked an emergency opening of your record"),
    (AuditAction.EXPORT, "access_export"): _("took a copy of your record"),
    (AuditAction.CONSENT_CHANGE, "consent_directive"): _(
        "wrote down your choices about who may see what"
    ),
    (AuditAction.LIST, "consent_directive"): _("looked at your choices about who may see what"),
    (AuditAction.READ, "consent_directive"): _("looked at your choices about who may see what"),
    (AuditAction.READ, "journal_entry"): _("read an entry in your shared journal"),
    (AuditAction.LIST, "journal_entry"): _("looked at your shared journal"),
    (AuditAction.CREATE, "journal_entry"): _("wrote in your shared journal"),
    (AuditAction.CREATE, "journal_dispute"): _("you said a journal entry is wrong"),
    (AuditAction.UPDATE, "journal_dispute"): _("answered what you said was wrong"),
    (AuditAction.CREATE, "journal_addendum"): _("added to an entry in your shared journal"),
    (AuditAction.PRINT, "access_export"): _("printed a copy of your record"),
}
_WHAT_BY_ACTION: dict[str, Promise] = {
    AuditAction.CONSENT_CHANGE: _("changed what may be shared about you"),
    AuditAction.BREAK_GLASS_START: _("opened your record in an emergency"),
    AuditAction.BREAK_GLASS_END: _("ended emergency access to your record"),
    AuditAction.READ: _("looked at your record"),
    AuditAction.LIST: _("saw you in a list"),
    AuditAction.SEARCH: _("searched for you"),
    AuditAction.CREATE: _("added something to your record"),
    AuditAction.UPDATE: _("changed your record"),
    AuditAction.DELETE: _("removed something from your record"),
    AuditAction.EXPORT: _("took a copy of your record"),
    AuditAction.PRINT: _("printed your record"),
}
_REFUSED = _("was refused access")
_SOMETHING = _("did something with your record")
# Why, when the event says (its purpose).
_WHY: dict[str, Promise] = {
    "sickness_benefit": _("for your sickness benefit"),
    "roundtable_meeting": _("for a roundtable meeting"),
    "break_glass": _("in an emergency"),
    "collective_journal": _("for your shared journal"),
    "consent": _("to know what they may share"),
    # The FHIR door (roundtable.interop): another system read the record through Roundtable.
    "fhir_exchange": _("to share it with another IT system"),
}


@dataclass(frozen=True)
class AccessLogEntry:
    when: dt.datetime
    who: str  # the name as the event stored it, or a neutral word (see _who)
    role: str
    organisation: str
    what: str
    why: str
    action: str
    outcome: str
    # The event's own id (the FHIR AuditEvent's id).
    event_id: uuid.UUID | None = None


@dataclass(frozen=True)
class AccessLogPage:
    entries: list[AccessLogEntry]
    total: int
    limit: int
    offset: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.entries) < self.total


def access_log_list(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID | None,
    limit: int,
    offset: int,
    max_limit: int = ACCESS_LOG_MAX_LIMIT,
) -> AccessLogPage:
    """Who else has read or changed the citizen's record, newest first.

    Only the citizen may read it; anyone else gets the same 404 as for a missing citizen (and
    the attempt is audited). The citizen's own actions and failed sign-ins are left out. The
    organisation names of the page are looked up in one query, so the number of queries does
    not grow with the log.
    """
    if actor is None or not actor.is_citizen or actor.citizen_id != citizen_id or not citizen_id:
        raise _access_log_denied(actor=actor, citizen_id=citizen_id)
    limit = max(1, min(limit, max_limit))
    offset = max(0, offset)
    events = _access_log_events(citizen_id=citizen_id, user_id=actor.user_id)
    total = events.count()
    entries = _access_log_entries(events.order_by("-sequence")[offset : offset + limit])
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="access_log",
        object_id=citizen_id,
        citizen_id=citizen_id,
        detail={"shown": len(entries), "offset": offset},
    )
    return AccessLogPage(entries=entries, total=total, limit=limit, offset=offset)


_ACCESS_LOG_COLUMNS = (
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "organisation_id",
    "action",
    "object_type",
    "outcome",
    "purpose",
    "event_id",
)


def _access_log_events(*, citizen_id: uuid.UUID, user_id: uuid.UUID | None):
    """The citizen's chain without their own actions and failed sign-ins."""
    chain = audit_chain_for(citizen_id=citizen_id)
    return (
        AuditEvent.objects.filter(chain=chain)
        .exclude(actor_id=user_id)
        .exclude(action=AuditAction.LOGIN_FAILED)
    )


def _access_log_entries(events) -> list[AccessLogEntry]:
    """Rows in words, with names and organisations looked up in one query each."""
    rows = list(events.values_list(*_ACCESS_LOG_COLUMNS))
    organisation_ids = {row[4] for row in rows if row[4] is not None}
    # People are shown by their name, as the citizen knows them, not by their login.
    names = _display_names({row[1] for row in rows if row[1] is not None})
    organisations = (
        dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("id", "name"))
        if organisation_ids
        else {}
    )
    return [
        AccessLogEntry(
            when=when,
            who=_who(names.get(actor_id) or username, role),
            role=_role_label(role),
            organisation=organisations.get(organisation_id, "") if organisation_id else "",
            what=_what(action, object_type, outcome),
            why=str(_WHY.get(purpose, "")),
            action=action,
            outcome=outcome,
            event_id=event_id,
        )
        for (
            when,
            actor_id,
            username,
            role,
            organisation_id,
            action,
            object_type,
            outcome,
            purpose,
            event_id,
        ) in rows
    ]


def access_log_for_export(*, citizen_id: uuid.UUID, user_id: uuid.UUID | None):
    """The whole access log for the citizen's access export, oldest first. The export selector
    checks access and writes the audit event (roundtable.exports.selectors)."""
    events = _access_log_events(citizen_id=citizen_id, user_id=user_id)
    return _access_log_entries(events.order_by("sequence")[:100_000])


def _access_log_denied(*, actor: Actor | None, citizen_id: uuid.UUID | None) -> Http404:
    # Every caller asks for the actor's own log; a refusal is someone who is not that citizen.
    return refused_read(
        actor=actor,
        object_type="access_log",
        object_id=citizen_id or "",
        citizen_id=citizen_id,
        purpose="",
    )


def _display_names(user_ids: set) -> dict:
    if not user_ids:
        return {}
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=user_ids)
    return {
        pk: f"{first} {last}".strip()
        for pk, first, last in users.values_list("pk", "first_name", "last_name")
        if first or last
    }


def _who(username: str, role: str) -> str:
    if role == "citizen":
        # Another citizen's name is theirs to keep: say only that it was someone else.
        return str(_("Another person"))
    if not username:
        return str(_("Roundtable itself"))
    return username


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else ""


def _what(action: str, object_type: str, outcome: str) -> str:
    if outcome != AuditOutcome.ALLOWED:
        return str(_REFUSED)
    text = _WHAT_BY_OBJECT.get((action, object_type)) or _WHAT_BY_ACTION.get(action, _SOMETHING)
    return str(text)
