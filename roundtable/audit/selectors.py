"""Reads of the audit trail: the citizen's access log (SECURITY.md 21).

The hash chains are verified by ``roundtable.audit.verify``."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import FAMILY_ROLE, Actor
from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_chain_for, audit_record
from roundtable.core.selectors import refused_read
from roundtable.organisations.models import Jurisdiction, Membership, Organisation, Role
from roundtable.organisations.terms import terms_for

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
    # A summary given to someone in your group who has no account (roundtable.network).
    (AuditAction.EXPORT, "summary_share"): _("gave a summary to someone in your group"),
    # A family member the citizen shares with (roundtable.family).
    (AuditAction.READ, "family_page"): _("looked at what you share with them"),
    (AuditAction.LIST, "family_page"): _("looked at what you share with them"),
    (AuditAction.UPDATE, "family_link"): _("said yes to your invitation"),
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
    "family": _("because you share it with them"),
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
    organisations = _organisations(organisation_ids)
    return [
        AccessLogEntry(
            when=when,
            who=_who(names.get(actor_id) or username, role),
            role=_role_label(role, organisations.get(organisation_id, ("", ""))[1]),
            organisation=organisations.get(organisation_id, ("", ""))[0],
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


def _organisations(organisation_ids: set) -> dict:
    """Name and jurisdiction of each organisation, in one query."""
    if not organisation_ids:
        return {}
    rows = Organisation.objects.filter(pk__in=organisation_ids)
    return {pk: (name, j) for pk, name, j in rows.values_list("id", "name", "jurisdiction")}


def _role_label(role: str, jurisdiction: str = "") -> str:
    """The role in the words of the person's own organisation's country (issue 10, 27)."""
    if role == FAMILY_ROLE:
        return str(_("Family member"))
    if role not in Role.values:
        return ""
    return terms_for(jurisdiction or Jurisdiction.DK).role_label(role)


def _what(action: str, object_type: str, outcome: str) -> str:
    if outcome != AuditOutcome.ALLOWED:
        return str(_REFUSED)
    text = _WHAT_BY_OBJECT.get((action, object_type)) or _WHAT_BY_ACTION.get(action, _SOMETHING)
    return str(text)


# --- The overview: the unusual first, routine access by person and day (issue 10, 14) ---------

# How many days of routine access one page shows, and how many unusual events at most.
OVERVIEW_DAYS = 14
OVERVIEW_UNUSUAL = 50
_EMERGENCY_ACTIONS = (AuditAction.BREAK_GLASS_START, AuditAction.BREAK_GLASS_END)


class Unusual:
    OUTSIDE_TEAM = "outside_team"
    EMERGENCY = "emergency"
    REFUSED = "refused"


_UNUSUAL_WHY: dict[str, Promise] = {
    Unusual.REFUSED: _("Someone was stopped."),
    Unusual.EMERGENCY: _("Emergency access."),
    Unusual.OUTSIDE_TEAM: _("Not in your team."),
}


@dataclass(frozen=True)
class UnusualEntry:
    entry: AccessLogEntry
    kind: str

    @property
    def why_unusual(self) -> str:
        return str(_UNUSUAL_WHY[self.kind])


@dataclass(frozen=True)
class RoutineGroup:
    """One person's routine access on one day: what they did, and how often."""

    day: dt.date
    who: str
    role: str
    organisation: str
    done: list[tuple[str, int]]  # (what, how many times), most frequent first

    @property
    def total(self) -> int:
        return sum(n for _what, n in self.done)


@dataclass(frozen=True)
class AccessLogOverview:
    unusual: list[UnusualEntry]
    unusual_total: int
    days: list[tuple[dt.date, list[RoutineGroup]]]
    total: int
    has_older: bool
    day_offset: int


def _team_user_ids(citizen_id: uuid.UUID) -> list:
    """The users of every team the citizen has a course with (Team.courses: the citizens app's
    courses, named by relation so that the ground layer does not import it)."""
    return list(
        Membership.objects.filter(team__courses__citizen_id=citizen_id)
        .values_list("professional__user_id", flat=True)
        .distinct()
    )


def _unusual_filter(team_user_ids: list) -> Q:
    return (
        ~Q(outcome=AuditOutcome.ALLOWED)
        | Q(action__in=_EMERGENCY_ACTIONS)
        | Q(purpose="break_glass")
        | (
            Q(actor_id__isnull=False)
            & ~Q(actor_id__in=team_user_ids)
            & ~Q(actor_role="citizen")
            # The family members the citizen chose: routine, by person and day.
            & ~Q(actor_role=FAMILY_ROLE)
        )
    )


def _unusual_kind(entry: AccessLogEntry, purpose_emergency: bool) -> str:
    if entry.outcome != AuditOutcome.ALLOWED:
        return Unusual.REFUSED
    if entry.action in _EMERGENCY_ACTIONS or purpose_emergency:
        return Unusual.EMERGENCY
    return Unusual.OUTSIDE_TEAM


def access_log_overview(
    *, actor: Actor | None, citizen_id: uuid.UUID | None, day_offset: int = 0
) -> AccessLogOverview:
    """The citizen's access log as they can take it in: first what is unusual (someone outside
    their team, emergency access, someone who was stopped), each on its own line, newest first;
    then routine access by person and day, OVERVIEW_DAYS days a page. The full list stays one
    click away (`access_log_list`). Queries: a fixed number, whatever the size of the log."""
    if actor is None or not actor.is_citizen or actor.citizen_id != citizen_id or not citizen_id:
        raise _access_log_denied(actor=actor, citizen_id=citizen_id)
    day_offset = max(0, day_offset)
    events = _access_log_events(citizen_id=citizen_id, user_id=actor.user_id)
    total = events.count()
    unusual_filter = _unusual_filter(_team_user_ids(citizen_id))
    unusual_events = events.filter(unusual_filter)
    unusual_total = unusual_events.count()
    unusual_rows = list(
        unusual_events.order_by("-sequence").values_list("purpose", flat=True)[:OVERVIEW_UNUSUAL]
    )
    unusual_entries = _access_log_entries(unusual_events.order_by("-sequence")[:OVERVIEW_UNUSUAL])
    unusual = [
        UnusualEntry(entry, _unusual_kind(entry, purpose == "break_glass"))
        for entry, purpose in zip(unusual_entries, unusual_rows, strict=True)
    ]

    routine = events.exclude(unusual_filter).annotate(
        day=TruncDate("occurred_at", tzinfo=timezone.get_current_timezone())
    )
    day_list = list(
        routine.order_by("-day")
        .values_list("day", flat=True)
        .distinct()[day_offset : day_offset + OVERVIEW_DAYS + 1]
    )
    has_older = len(day_list) > OVERVIEW_DAYS
    day_list = day_list[:OVERVIEW_DAYS]
    rows = (
        list(
            routine.filter(day__in=day_list)
            .values_list(
                "day",
                "actor_id",
                "actor_username",
                "actor_role",
                "organisation_id",
                "action",
                "object_type",
                "outcome",
            )
            .annotate(n=Count("id"), last=Max("occurred_at"))
            .order_by()
        )
        if day_list
        else []
    )
    names = _display_names({r[1] for r in rows if r[1] is not None})
    organisations = _organisations({r[4] for r in rows if r[4] is not None})
    groups: dict[tuple, dict] = {}
    for day, actor_id, username, role, org_id, action, object_type, outcome, n, last in rows:
        key = (day, actor_id, username, role, org_id)
        group = groups.setdefault(key, {"last": last, "done": {}})
        group["last"] = max(group["last"], last)
        what = _what(action, object_type, outcome)
        group["done"][what] = group["done"].get(what, 0) + n
    by_day: dict[dt.date, list[tuple[dt.datetime, RoutineGroup]]] = {}
    for (day, actor_id, username, role, org_id), group in groups.items():
        org_name, jurisdiction = organisations.get(org_id, ("", ""))
        by_day.setdefault(day, []).append(
            (
                group["last"],
                RoutineGroup(
                    day=day,
                    who=_who(names.get(actor_id) or username, role),
                    role=_role_label(role, jurisdiction),
                    organisation=org_name,
                    done=sorted(group["done"].items(), key=lambda item: (-item[1], item[0])),
                ),
            )
        )
    days = [
        (day, [g for _last, g in sorted(by_day[day], key=lambda t: t[0], reverse=True)])
        for day in day_list
        if day in by_day
    ]
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="access_log",
        object_id=citizen_id,
        citizen_id=citizen_id,
        detail={"shown": "overview", "unusual": len(unusual), "days": len(days)},
    )
    return AccessLogOverview(
        unusual=unusual,
        unusual_total=unusual_total,
        days=days,
        total=total,
        has_older=has_older,
        day_offset=day_offset,
    )
