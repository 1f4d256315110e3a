"""Reads for emergency access. Each checks the policy and writes its audit event itself; what a
reader may not see answers 404, missing or forbidden alike."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_chain_for, audit_record
from roundtable.breakglass.models import BreakGlassGrant, BreakGlassNotice
from roundtable.breakglass.policies import (
    OWN_REVIEW_REFUSED,
    REVIEW_REFUSED,
    START_REFUSED,
    GrantPolicy,
    ReviewPolicy,
)
from roundtable.citizens.models import OPEN_STATUSES, Citizen, Course
from roundtable.consent.access import visible_data_classes, visible_data_classes_by_course
from roundtable.core.fields import keyed_digest
from roundtable.organisations.terms import terms_for

# Start and end (explicit or by expiry) have their own audit actions; a review is an update of
# the review record. The event's `detail["event"]` says which (start, end, expire, review).
BREAK_GLASS_ACTION_START: str = AuditAction.BREAK_GLASS_START
BREAK_GLASS_ACTION_END: str = AuditAction.BREAK_GLASS_END
BREAK_GLASS_ACTION_REVIEW: str = AuditAction.UPDATE
PURPOSE = "break_glass"
GRANT = "break_glass_grant"

DEFAULT_MAX_MINUTES = 60
DEFAULT_REASON_MIN_LENGTH = 20
REASON_MAX_LENGTH = 2000
REVIEW_LIST_LIMIT = 50
# Enough for any real emergency; a grant that opened more is itself worth a question.
REVIEW_EVENTS_LIMIT = 500
_DURATIONS = (15, 30, 60, 120, 240, 480)

GRANT_RELATED = ("professional__user", "professional__organisation", "course__citizen")
GRANT_DEFERRED = ("course__citizen__national_id",)


def max_minutes() -> int:
    return max(1, int(getattr(settings, "ROUNDTABLE_BREAK_GLASS_MAX_MINUTES", DEFAULT_MAX_MINUTES)))


def minute_choices() -> list[int]:
    """The time limits a clinician may pick: the usual steps up to the configured maximum."""
    limit = max_minutes()
    choices = [m for m in _DURATIONS if m <= limit]
    if limit not in choices:
        choices.append(limit)
    return choices


def reason_min_length() -> int:
    return int(
        getattr(settings, "ROUNDTABLE_BREAK_GLASS_REASON_MIN_LENGTH", DEFAULT_REASON_MIN_LENGTH)
    )


def needs_second_factor(user: AbstractBaseUser) -> bool:
    """Re-authentication asks for the authenticator code too when the user has one set up."""
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


# --- Finding the one citizen ------------------------------------------------------------------


@dataclass(frozen=True)
class EmergencyTarget:
    citizen_id: uuid.UUID
    course: Course | None  # None: the person has no course to open


def emergency_target_find(*, actor: Actor | None, national_id: str) -> EmergencyTarget | None:
    """The one citizen with this national id, by its keyed digest only, and the course a grant
    would open (the newest open course, else the newest). Never lists or searches citizens.

    For the start service only, which has checked the actor and re-authenticated them, and which
    audits what comes of the look-up (a grant, or a refusal).
    """
    if not GrantPolicy.can_start(actor):
        raise PermissionDenied(str(START_REFUSED))
    digest = keyed_digest(national_id)
    citizen_id = (
        Citizen.objects.filter(national_id_digest=digest).values_list("id", flat=True).first()
    )
    if citizen_id is None:
        return None
    courses = Course.objects.filter(citizen_id=citizen_id)
    course = (
        courses.filter(status__in=OPEN_STATUSES).order_by("-referral_date", "-created_at").first()
        or courses.order_by("-referral_date", "-created_at").first()
    )
    return EmergencyTarget(citizen_id=citizen_id, course=course)


# --- The clinician's own grants ---------------------------------------------------------------


@dataclass(frozen=True)
class ActiveGrant:
    id: uuid.UUID
    citizen_id: uuid.UUID
    expires_at: dt.datetime


def active_grants_among(*, actor: Actor | None, grant_ids: list[str]) -> list[ActiveGrant]:
    """Which of these grants (remembered in the session) are still running, for the banner.

    Ids only, no names: the banner is on every page and is not a read of the record.
    """
    if not grant_ids or not GrantPolicy.can_start(actor):
        return []
    rows = (
        GrantPolicy.own_queryset(actor)
        .active(timezone.now())
        .filter(pk__in=grant_ids)
        .order_by("expires_at")
        .values_list("id", "course__citizen_id", "expires_at")
    )
    return [ActiveGrant(id=i, citizen_id=c, expires_at=e) for i, c, e in rows]


def own_active_grant_list(*, actor: Actor | None) -> list[BreakGlassGrant]:
    """The actor's running grants with the citizens' names (they may open those records now)."""
    if not GrantPolicy.can_start(actor):
        return []
    grants = list(
        GrantPolicy.own_queryset(actor)
        .active(timezone.now())
        .select_related("course__citizen")
        .defer(*GRANT_DEFERRED)
        .order_by("expires_at")
    )
    if grants:
        audit_record(
            actor=actor,
            action=AuditAction.LIST,
            outcome=AuditOutcome.ALLOWED,
            object_type=GRANT,
            purpose=PURPOSE,
            detail={"shown": len(grants)},
        )
    return grants


# --- Review -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewQueue:
    pending: list[BreakGlassGrant]
    reviewed: list[BreakGlassGrant]


def review_list(*, actor: Actor | None) -> ReviewQueue:
    """Grants of the reviewer's organisation: waiting for review (oldest first), then the latest
    reviewed ones. The reviewer's own grants are left out: someone else reviews them."""
    if not ReviewPolicy.can_review(actor):
        audit_record(
            actor=actor,
            action=AuditAction.LIST,
            outcome=AuditOutcome.DENIED,
            object_type="break_glass_review",
            purpose=PURPOSE,
        )
        raise PermissionDenied(str(REVIEW_REFUSED))
    assert actor is not None and actor.professional_id is not None
    grants = (
        ReviewPolicy.queryset(actor)
        .exclude(professional_id=actor.professional_id)
        .select_related(*GRANT_RELATED, "reviewer__user")
        .defer(*GRANT_DEFERRED)
    )
    pending = list(grants.filter(reviewed_at__isnull=True).order_by("started_at", "id"))
    reviewed = list(
        grants.filter(reviewed_at__isnull=False).order_by("-reviewed_at", "id")[:REVIEW_LIST_LIMIT]
    )
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="break_glass_review",
        purpose=PURPOSE,
        detail={"pending": len(pending), "reviewed": len(reviewed)},
    )
    return ReviewQueue(pending=pending, reviewed=reviewed)


# The record types a reviewer will meet most, in words; others are shown as stored.
_OBJECT_LABELS = {
    "citizen": _("the record's overview"),
    "national_id": _("the national identity number"),
    "course": _("the course"),
    "meeting": _("a roundtable meeting"),
    "decision": _("a decision"),
    "journal_entry": _("a journal entry"),
    "benefit_period": _("a benefit period"),
    "benefit_decision": _("a benefit decision"),
    "evidence_request": _("a request for medical evidence"),
}


@dataclass(frozen=True)
class OpenedEvent:
    when: dt.datetime
    action: str
    object_type: str
    object_id: str
    outcome: str

    @property
    def action_label(self) -> str:
        return (
            str(AuditAction(self.action).label)
            if self.action in AuditAction.values
            else self.action
        )

    @property
    def object_label(self) -> str:
        return str(_OBJECT_LABELS.get(self.object_type, self.object_type))

    @property
    def outcome_label(self) -> str:
        if self.outcome in AuditOutcome.values:
            return str(AuditOutcome(self.outcome).label)
        return self.outcome


@dataclass(frozen=True)
class ReviewRecord:
    grant: BreakGlassGrant
    citizen: Citizen
    reason: str | None  # None: the reviewer may not read it (consent)
    events: list[OpenedEvent]
    events_total: int
    own: bool

    @property
    def can_review(self) -> bool:
        return not self.own and not self.grant.is_reviewed and not self.grant.is_active()


def grant_citizen_id(grant_id: uuid.UUID | str) -> uuid.UUID | None:
    """Whose grant this is, for the audit event of a refused access (None: no such grant)."""
    try:
        return (
            BreakGlassGrant.objects.filter(pk=grant_id)
            .values_list("course__citizen_id", flat=True)
            .first()
        )
    except (ValueError, TypeError):
        return None


def opened_during(grant: BreakGlassGrant) -> tuple[list[OpenedEvent], int]:
    """What the clinician did in the citizen's record while the grant ran: the audit events of
    the citizen's chain by that user between the start and the end (or now)."""
    citizen_id = grant.course.citizen_id
    until = min(grant.closes_at, timezone.now())
    events = AuditEvent.objects.filter(
        chain=audit_chain_for(citizen_id=citizen_id),
        actor_id=grant.professional.user_id,
        occurred_at__gte=grant.started_at,
        occurred_at__lte=until,
    ).exclude(object_type__startswith="break_glass")  # the start and end themselves
    total = events.count()
    rows = events.order_by("sequence").values_list(
        "occurred_at", "action", "object_type", "object_id", "outcome"
    )[:REVIEW_EVENTS_LIMIT]
    return [OpenedEvent(*row) for row in rows], total


def review_get(*, actor: Actor | None, grant_id: uuid.UUID) -> ReviewRecord:
    """One grant for review: who, whom, when, how long, the reason and what was opened."""
    if not ReviewPolicy.can_review(actor):
        audit_record(
            actor=actor,
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED,
            object_type=GRANT,
            object_id=grant_id,
            purpose=PURPOSE,
        )
        raise PermissionDenied(str(REVIEW_REFUSED))
    grant = (
        ReviewPolicy.queryset(actor)
        .select_related(*GRANT_RELATED, "reviewer__user")
        .defer(*GRANT_DEFERRED)
        .filter(pk=grant_id)
        .first()
    )
    if grant is None:
        citizen_id = grant_citizen_id(grant_id)
        audit_record(
            actor=actor,
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED if citizen_id else AuditOutcome.NOT_FOUND,
            object_type=GRANT,
            object_id=grant_id,
            citizen_id=citizen_id,
            purpose=PURPOSE,
        )
        raise Http404()
    own = ReviewPolicy.is_own(actor, grant)
    citizen_id = grant.course.citizen_id
    if own:
        audit_record(
            actor=actor,
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED,
            object_type=GRANT,
            object_id=grant.pk,
            citizen_id=citizen_id,
            purpose=PURPOSE,
            detail={"why": "own_grant"},
        )
        raise PermissionDenied(str(OWN_REVIEW_REFUSED))
    readable = grant.data_class in visible_data_classes(actor, grant.course)
    events, total = opened_during(grant)
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type=GRANT,
        object_id=grant.pk,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        detail={"events_shown": len(events)},
    )
    return ReviewRecord(
        grant=grant,
        citizen=grant.course.citizen,
        reason=grant.reason if readable else None,
        events=events,
        events_total=total,
        own=own,
    )


def review_reason_visible(*, actor: Actor | None, grants: list[BreakGlassGrant]) -> set:
    """Ids of the grants whose reason the reviewer may read (a list, bounded queries)."""
    visible = visible_data_classes_by_course(actor, [g.course for g in grants])
    return {g.pk for g in grants if g.data_class in visible.get(g.course_id, frozenset())}


# --- What the citizen is told -----------------------------------------------------------------


@dataclass(frozen=True)
class NoticeItem:
    notice: BreakGlassNotice
    grant: BreakGlassGrant
    who: str
    role: str
    organisation: str
    reason: str | None


def notice_list(*, actor: Actor | None) -> list[NoticeItem]:
    """The citizen's own emergency-access notices, newest first. Anyone else: 404."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        audit_record(
            actor=actor,
            action=AuditAction.READ,
            outcome=AuditOutcome.DENIED,
            object_type="break_glass_notice",
            purpose=PURPOSE,
        )
        raise Http404()
    notices = list(
        BreakGlassNotice.objects.filter(citizen_id=actor.citizen_id)
        .select_related(
            "grant__professional__user", "grant__professional__organisation", "grant__course"
        )
        .order_by("-created_at", "id")
    )
    visible = visible_data_classes_by_course(actor, [n.grant.course for n in notices])
    items = [
        NoticeItem(
            notice=n,
            grant=n.grant,
            who=n.grant.professional.user.get_full_name() or n.grant.professional.user.username,
            role=terms_for(n.grant.professional.organisation.jurisdiction).role_label(
                n.grant.professional.role
            ),
            organisation=n.grant.professional.organisation.name,
            reason=(
                n.grant.reason
                if n.grant.data_class in visible.get(n.grant.course_id, frozenset())
                else None
            ),
        )
        for n in notices
    ]
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="break_glass_notice",
        citizen_id=actor.citizen_id,
        purpose=PURPOSE,
        detail={"shown": len(items)},
    )
    return items


def unread_notice_count(*, actor: Actor | None) -> int:
    """For a line on the portal's home page; a count of the citizen's own notices, no content."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        return 0
    return BreakGlassNotice.objects.filter(
        Q(citizen_id=actor.citizen_id) & Q(read_at__isnull=True)
    ).count()
