"""Writes for emergency access: start, end, expiry, review, and the citizen's notice.

Each write is atomic and audited in the same transaction. A refusal is audited on its own (after
any rollback), so the attempt is on record while nothing else of it is kept. The reason and the
review note are never put in an audit event, only their length (SECURITY.md 19).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.breakglass.access import MEMO_KEY as GRANTS_MEMO_KEY
from roundtable.breakglass.models import (
    BreakGlassGrant,
    BreakGlassNotice,
    EndReason,
    ReviewOutcome,
)
from roundtable.breakglass.policies import (
    OWN_REVIEW_REFUSED,
    REVIEW_REFUSED,
    START_REFUSED,
    GrantPolicy,
    ReviewPolicy,
)
from roundtable.breakglass.selectors import (
    BREAK_GLASS_ACTION_END,
    BREAK_GLASS_ACTION_REVIEW,
    BREAK_GLASS_ACTION_START,
    GRANT,
    PURPOSE,
    REASON_MAX_LENGTH,
    emergency_target_find,
    grant_citizen_id,
    minute_choices,
    reason_min_length,
)
from roundtable.citizens.policies import CoursePolicy
from roundtable.core.request_context import memo_forget

NATIONAL_ID_MAX_LENGTH = 32
REVIEW_NOTE_MAX_LENGTH = 2000


def _local_time(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "TIME_FORMAT")


def _refuse(actor: Actor | None, *, why: str, outcome: str = AuditOutcome.DENIED, **kw) -> None:
    audit_record(
        actor=actor,
        action=BREAK_GLASS_ACTION_START,
        outcome=outcome,
        object_type=GRANT,
        purpose=PURPOSE,
        detail={"event": "start", "why": why},
        **kw,
    )


# --- Start ------------------------------------------------------------------------------------


def start_refused(actor: Actor | None) -> None:
    """Someone who may not use emergency access opened its page: on record."""
    _refuse(actor, why="not_a_health_clinician")


@dataclass(frozen=True)
class StartInput:
    national_id: str
    reason: str
    minutes: int


def start_input_clean(*, national_id: str, reason: str, minutes: int | str | None) -> StartInput:
    """Every problem with the input at once, by field; nothing is looked up yet."""
    errors: dict[str, str] = {}
    national_id = (national_id or "").strip()
    if not national_id:
        errors["national_id"] = _("Enter the person's national identity number.")
    elif len(national_id) > NATIONAL_ID_MAX_LENGTH:
        errors["national_id"] = _("This is not a national identity number. Check it.")
    reason = (reason or "").strip()
    minimum = reason_min_length()
    if len(reason) < minimum:
        errors["reason"] = ngettext(
            "Write why you need the record now, in at least %(count)d character.",
            "Write why you need the record now, in at least %(count)d characters.",
            minimum,
        ) % {"count": minimum}
    elif len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = ngettext(
            "Keep the reason under %(count)d character.",
            "Keep the reason under %(count)d characters.",
            REASON_MAX_LENGTH,
        ) % {"count": REASON_MAX_LENGTH}
    choices = minute_choices()
    try:
        minutes_value = int(minutes) if minutes is not None else 0
    except (TypeError, ValueError):
        minutes_value = 0
    if minutes_value not in choices:
        errors["minutes"] = _("Choose a time limit of %(choices)s minutes.") % {
            "choices": ", ".join(str(c) for c in choices)
        }
    if errors:
        raise ValidationError(errors)
    return StartInput(national_id=national_id, reason=reason, minutes=minutes_value)


def _second_factor_ok(user: AbstractBaseUser, code: str | None) -> bool:
    authenticator = Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.TOTP
    ).first()
    if authenticator is None:
        return True
    return bool(code) and authenticator.wrap().validate_code((code or "").strip())


def grant_start(
    *,
    actor: Actor | None,
    user: AbstractBaseUser | AnonymousUser,
    request: HttpRequest,
    national_id: str,
    reason: str,
    minutes: int | str | None,
    password: str,
    code: str | None = None,
) -> BreakGlassGrant:
    """Open one citizen's record for a health clinician, for a reason and a time limit.

    Refused (PermissionDenied) for anyone but a health clinician, before anything is looked up.
    The password (and the authenticator code, if the user has one) is checked again, outside any
    transaction so that django-axes counts a wrong one and it is audited as a failed sign-in;
    only then is the national id looked up. A grant, the citizen's notice and the start event
    are written together or not at all.
    """
    if not GrantPolicy.can_start(actor) or actor is None:
        _refuse(actor, why="not_a_health_clinician")
        raise PermissionDenied(str(START_REFUSED))
    if not user.is_authenticated or user.pk != actor.user_id:
        raise PermissionDenied(str(START_REFUSED))
    cleaned = start_input_clean(national_id=national_id, reason=reason, minutes=minutes)

    authenticated = authenticate(request, username=user.get_username(), password=password or "")
    if authenticated is None or authenticated.pk != user.pk:
        _refuse(actor, why="reauthentication")
        raise ValidationError({"password": _("The password is wrong. Nothing was opened.")})
    if not _second_factor_ok(user, code):
        _refuse(actor, why="second_factor")
        raise ValidationError(
            {"code": _("The code from your authenticator app is wrong or missing.")}
        )

    target = emergency_target_find(actor=actor, national_id=cleaned.national_id)
    if target is None or target.course is None:
        _refuse(
            actor,
            why="no_such_person" if target is None else "no_course",
            outcome=AuditOutcome.NOT_FOUND,
            citizen_id=target.citizen_id if target else None,
        )
        raise ValidationError(
            {
                "national_id": _(
                    "No record can be opened for this national identity number. Check the number."
                )
            }
        )
    course = target.course
    grants_expire(professional_id=actor.professional_id)
    running = GrantPolicy.own_queryset(actor).active(timezone.now()).filter(course=course).first()
    if running is not None:
        raise ValidationError(
            _("You already have emergency access to this record until %(time)s.")
            % {"time": _local_time(running.expires_at)}
        )
    if CoursePolicy.allows(actor, course):
        raise ValidationError(
            _("You can already open this record. Emergency access is not needed.")
        )
    grant = _grant_create(actor=actor, course=course, cleaned=cleaned)
    memo_forget(GRANTS_MEMO_KEY)  # the rest of this request sees the new grant
    return grant


@transaction.atomic
def _grant_create(*, actor: Actor, course, cleaned: StartInput) -> BreakGlassGrant:
    assert actor.professional_id is not None
    now = timezone.now()
    grant = BreakGlassGrant.objects.create(
        professional_id=actor.professional_id,
        course=course,
        reason=cleaned.reason,
        started_at=now,
        expires_at=now + dt.timedelta(minutes=cleaned.minutes),
    )
    BreakGlassNotice.objects.create(grant=grant, citizen_id=course.citizen_id, created_at=now)
    audit_record(
        actor=actor,
        action=BREAK_GLASS_ACTION_START,
        outcome=AuditOutcome.ALLOWED,
        object_type=GRANT,
        object_id=grant.pk,
        citizen_id=course.citizen_id,
        purpose=PURPOSE,
        detail={
            "event": "start",
            "minutes": cleaned.minutes,
            "reason_length": len(cleaned.reason),
            "course_id": str(course.pk),
        },
    )
    return grant


# --- End and expiry ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EndResult:
    grant: BreakGlassGrant
    already_ended: bool


def grant_end(*, actor: Actor | None, grant_id: uuid.UUID) -> EndResult:
    """End one's own grant now. Someone else's, or none: 404. Ending twice changes nothing."""
    result = _grant_end(actor=actor, grant_id=grant_id)
    if result is None:
        citizen_id = grant_citizen_id(grant_id)
        audit_record(
            actor=actor,
            action=BREAK_GLASS_ACTION_END,
            outcome=AuditOutcome.DENIED if citizen_id else AuditOutcome.NOT_FOUND,
            object_type=GRANT,
            object_id=grant_id,
            citizen_id=citizen_id,
            purpose=PURPOSE,
            detail={"event": "end"},
        )
        raise Http404()
    memo_forget(GRANTS_MEMO_KEY)
    return result


@transaction.atomic
def _grant_end(*, actor: Actor | None, grant_id: uuid.UUID) -> EndResult | None:
    grant = (
        GrantPolicy.own_queryset(actor)
        .select_for_update(of=("self",))
        .select_related("course")
        .filter(pk=grant_id)
        .first()
    )
    if grant is None:
        return None
    now = timezone.now()
    if grant.ended_at is not None:
        return EndResult(grant=grant, already_ended=True)
    if grant.expires_at <= now:
        _expire(grant)
        return EndResult(grant=grant, already_ended=True)
    grant.ended_at = now
    grant.end_reason = EndReason.ENDED
    grant.save(update_fields=["ended_at", "end_reason"])
    audit_record(
        actor=actor,
        action=BREAK_GLASS_ACTION_END,
        outcome=AuditOutcome.ALLOWED,
        object_type=GRANT,
        object_id=grant.pk,
        citizen_id=grant.course.citizen_id,
        purpose=PURPOSE,
        detail={"event": "end", "used_minutes": grant.used_minutes},
    )
    return EndResult(grant=grant, already_ended=False)


def _expire(grant: BreakGlassGrant) -> None:
    grant.ended_at = grant.expires_at
    grant.end_reason = EndReason.EXPIRED
    grant.save(update_fields=["ended_at", "end_reason"])
    # Roundtable itself ended it, not the clinician: no actor, as for other system events.
    audit_record(
        actor=None,
        action=BREAK_GLASS_ACTION_END,
        outcome=AuditOutcome.ALLOWED,
        object_type=GRANT,
        object_id=grant.pk,
        citizen_id=grant.course.citizen_id,
        purpose=PURPOSE,
        detail={
            "event": "expire",
            "professional_id": str(grant.professional_id),
            "expired_at": grant.expires_at.isoformat(),
        },
    )


def grants_expire(
    *,
    professional_id: uuid.UUID | None = None,
    organisation_id: uuid.UUID | None = None,
    grant_ids: list | None = None,
) -> int:
    """Record (and audit) the expiry of grants whose time has run out. Idempotent: a grant's
    expiry is recorded once, whoever looks first (the clinician's next page, the review queue,
    or `roundtable breakglass expire`). Access itself stops at `expires_at` regardless."""
    expired = BreakGlassGrant.objects.expired_unrecorded(timezone.now())
    if professional_id is not None:
        expired = expired.filter(professional_id=professional_id)
    if organisation_id is not None:
        expired = expired.filter(professional__organisation_id=organisation_id)
    if grant_ids is not None:
        expired = expired.filter(pk__in=grant_ids)
    ids = list(expired.values_list("id", flat=True)[:500])
    count = 0
    for grant_id in ids:
        with transaction.atomic():
            grant = (
                BreakGlassGrant.objects.expired_unrecorded(timezone.now())
                .select_for_update(of=("self",))
                .select_related("course")
                .filter(pk=grant_id)
                .first()
            )
            if grant is not None:  # another process may have recorded it meanwhile
                _expire(grant)
                count += 1
    return count


# --- Review -----------------------------------------------------------------------------------


def grant_review(
    *, actor: Actor | None, grant_id: uuid.UUID, outcome: str, note: str
) -> BreakGlassGrant:
    """A supervisor or team leader of the clinician's organisation judges the grant once it has
    ended: justified or not, with a note. Never one's own grant."""
    if not ReviewPolicy.can_review(actor):
        _review_refused(actor, grant_id, citizen_id=None, why="not_a_reviewer")
        raise PermissionDenied(str(REVIEW_REFUSED))
    errors: dict[str, str] = {}
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = _("Choose whether the emergency access was justified.")
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Write a short note about your judgement.")
    elif len(note) > REVIEW_NOTE_MAX_LENGTH:
        errors["note"] = ngettext(
            "Keep the note under %(count)d character.",
            "Keep the note under %(count)d characters.",
            REVIEW_NOTE_MAX_LENGTH,
        ) % {"count": REVIEW_NOTE_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    grants_expire(grant_ids=[grant_id])
    try:
        return _grant_review(actor=actor, grant_id=grant_id, outcome=outcome, note=note)
    except _ReviewRefused as refused:
        _review_refused(actor, grant_id, citizen_id=refused.citizen_id, why=refused.why)
        if refused.why == "own_grant":
            raise PermissionDenied(str(OWN_REVIEW_REFUSED)) from None
        raise Http404() from None


class _ReviewRefused(Exception):
    def __init__(self, why: str, citizen_id: uuid.UUID | None):
        super().__init__(why)
        self.why = why
        self.citizen_id = citizen_id


@transaction.atomic
def _grant_review(
    *, actor: Actor | None, grant_id: uuid.UUID, outcome: str, note: str
) -> BreakGlassGrant:
    assert actor is not None
    grant = (
        ReviewPolicy.queryset(actor)
        .select_for_update(of=("self",))
        .select_related("course", "professional")
        .filter(pk=grant_id)
        .first()
    )
    if grant is None:
        raise _ReviewRefused("not_found", grant_citizen_id(grant_id))
    if ReviewPolicy.is_own(actor, grant):
        raise _ReviewRefused("own_grant", grant.course.citizen_id)
    if grant.is_active():
        raise ValidationError(
            _("The emergency access runs until %(time)s. Review it when it has ended.")
            % {"time": _local_time(grant.expires_at)}
        )
    if grant.is_reviewed:
        raise ValidationError(_("This emergency access has already been reviewed."))
    grant.reviewer_id = actor.professional_id
    grant.reviewed_at = timezone.now()
    grant.review_outcome = outcome
    grant.review_note = note
    grant.save(update_fields=["reviewer", "reviewed_at", "review_outcome", "review_note"])
    audit_record(
        actor=actor,
        action=BREAK_GLASS_ACTION_REVIEW,
        outcome=AuditOutcome.ALLOWED,
        object_type="break_glass_review",
        object_id=grant.pk,
        citizen_id=grant.course.citizen_id,
        purpose=PURPOSE,
        detail={"event": "review", "outcome": outcome, "note_length": len(note)},
    )
    return grant


def _review_refused(
    actor: Actor | None, grant_id, *, citizen_id: uuid.UUID | None, why: str
) -> None:
    audit_record(
        actor=actor,
        action=BREAK_GLASS_ACTION_REVIEW,
        outcome=AuditOutcome.DENIED if citizen_id or why != "not_found" else AuditOutcome.NOT_FOUND,
        object_type="break_glass_review",
        object_id=grant_id,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        detail={"event": "review", "why": why},
    )


# --- The citizen's notices --------------------------------------------------------------------


@transaction.atomic
def notices_mark_read(*, actor: Actor | None) -> int:
    """The citizen has read their emergency-access notices. Anyone else: 404."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    count = BreakGlassNotice.objects.filter(
        citizen_id=actor.citizen_id, read_at__isnull=True
    ).update(read_at=timezone.now())
    if count:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.ALLOWED,
            object_type="break_glass_notice",
            citizen_id=actor.citizen_id,
            purpose=PURPOSE,
            detail={"read": count},
        )
    return count
