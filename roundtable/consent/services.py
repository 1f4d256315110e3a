"""Writes of consent: every change is a new version, atomic, checked and audited.

Bad input raises ValidationError with every problem found, and nothing is saved. An actor who may
not see the citizen gets 404; one who may see them but not record their consent (a team leader,
a supervisor) gets PermissionDenied. Both refusals are audited (action ``consent_change``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import citizen_write_access
from roundtable.citizens.models import Citizen
from roundtable.consent.models import (
    BasePolicy,
    ConsentChange,
    ConsentDirective,
    ConsentProvision,
    ConsentPurpose,
    ConsentStatus,
    GivenVia,
    ProvisionType,
    RecipientKind,
)
from roundtable.consent.policies import ConsentPolicy
from roundtable.consent.selectors import OBJECT_TYPE, PURPOSE
from roundtable.core.data_classes import ALL_CLASSES
from roundtable.core.services import Refused, service
from roundtable.organisations.models import Organisation, Role, Sector

MAX_PROVISIONS = 50
WITNESS_MAX_LENGTH = 200
# A consent signed on paper may be recorded some time after it was given, not years after.
MAX_BACKDATE = dt.timedelta(days=366)
MAX_LENGTH = dt.timedelta(days=366 * 10)


@dataclass(frozen=True)
class ProvisionSpec:
    type: str
    recipient_kind: str
    recipient: str  # an organisation id, a Sector or a Role value
    data_classes: tuple[str, ...]
    purpose: str = ConsentPurpose.COORDINATED_REHABILITATION
    period_start: dt.date | None = None
    period_end: dt.date | None = None


RECORD_REFUSED = _(
    "Only the person themself, their care manager or their employment consultant can record "
    "consent."
)


def _check_access(*, actor: Actor | None, citizen_id: uuid.UUID, object_id: object) -> Citizen:
    """The citizen, when the actor may record their consent; refused (404 when they may not
    see the citizen, 403 when they may see but not record), audited after the rollback."""
    access = citizen_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type=OBJECT_TYPE,
        citizen_id=citizen_id,
        object_id=object_id,
        lock=False,
    )
    if not ConsentPolicy.can_record(access):
        raise Refused(
            object_type=OBJECT_TYPE,
            object_id=object_id,
            citizen_id=citizen_id,
            forbidden=str(RECORD_REFUSED),
        )
    return access.citizen


def _how_given(
    actor: Actor, given_via: str | None, witness_name: str, errors: dict[str, list[str]]
) -> tuple[str, str]:
    witness_name = (witness_name or "").strip()
    if actor.is_citizen:
        # The citizen's own choice in the portal; a claimed witness or paper form is ignored.
        return GivenVia.PORTAL, ""
    if given_via not in (GivenVia.PAPER, GivenVia.ORAL):
        errors.setdefault("given_via", []).append(
            _("Say how the person gave their consent: on paper, or orally with a witness.")
        )
        return "", ""
    if given_via == GivenVia.ORAL and not witness_name:
        errors.setdefault("witness_name", []).append(
            _("Consent given orally needs the name of the witness.")
        )
    if len(witness_name) > WITNESS_MAX_LENGTH:
        errors.setdefault("witness_name", []).append(_("The witness's name is too long."))
    if given_via == GivenVia.PAPER:
        witness_name = witness_name[:WITNESS_MAX_LENGTH]
    return given_via, witness_name


def _check_period(
    start: dt.date | None, end: dt.date | None, today: dt.date, errors: dict[str, list[str]]
) -> None:
    if start is None:
        errors.setdefault("period_start", []).append(_("Give the first day the consent applies."))
        return
    if start < today - MAX_BACKDATE:
        errors.setdefault("period_start", []).append(
            _("The first day is more than a year ago. Record a new consent from today.")
        )
    if start > today + MAX_BACKDATE:
        errors.setdefault("period_start", []).append(_("The first day is more than a year ahead."))
    if end is not None:
        if end < start:
            errors.setdefault("period_end", []).append(
                _("The last day cannot be before the first day.")
            )
        elif end < today:
            errors.setdefault("period_end", []).append(_("The last day has already passed."))
        elif end - start > MAX_LENGTH:
            errors.setdefault("period_end", []).append(_("A consent can last ten years at most."))


def _clean_provisions(
    provisions: Sequence[ProvisionSpec],
    start: dt.date,
    end: dt.date | None,
    errors: dict[str, list[str]],
) -> list[dict]:
    if len(provisions) > MAX_PROVISIONS:
        errors.setdefault("provisions", []).append(
            _("A consent can have %(max)d rules at most.") % {"max": MAX_PROVISIONS}
        )
        return []
    org_ids = {p.recipient for p in provisions if p.recipient_kind == RecipientKind.ORGANISATION}
    valid_ids: set[str] = set()
    parsed_ids = []
    for raw in org_ids:
        try:
            parsed_ids.append(uuid.UUID(str(raw)))
        except ValueError:
            continue
    if parsed_ids:
        valid_ids = {
            str(pk)
            for pk in Organisation.objects.filter(pk__in=parsed_ids).values_list("pk", flat=True)
        }
    cleaned = []
    for number, spec in enumerate(provisions, start=1):
        problems: list[str] = []
        if spec.type not in ProvisionType.values:
            problems.append(_("the type must be permit or deny"))
        values: dict[str, object] = {
            "type": spec.type,
            "recipient_kind": spec.recipient_kind,
            "recipient_organisation_id": None,
            "recipient_sector": "",
            "recipient_role": "",
        }
        if spec.recipient_kind == RecipientKind.ORGANISATION:
            if str(spec.recipient) not in valid_ids:
                problems.append(_("there is no such organisation"))
            else:
                values["recipient_organisation_id"] = uuid.UUID(str(spec.recipient))
        elif spec.recipient_kind == RecipientKind.SECTOR:
            if spec.recipient not in Sector.values:
                problems.append(_("there is no such sector"))
            values["recipient_sector"] = spec.recipient
        elif spec.recipient_kind == RecipientKind.ROLE:
            if spec.recipient not in Role.values:
                problems.append(_("there is no such role"))
            values["recipient_role"] = spec.recipient
        else:
            problems.append(_("the recipient must be an organisation, a sector or a role"))
        classes = sorted(set(spec.data_classes))
        if not classes:
            problems.append(_("name at least one kind of information"))
        unknown = [c for c in classes if c not in ALL_CLASSES]
        if unknown:
            problems.append(
                _("unknown kinds of information: %(names)s") % {"names": ", ".join(unknown)}
            )
        if spec.purpose not in ConsentPurpose.values:
            problems.append(_("unknown purpose"))
        p_start, p_end = spec.period_start, spec.period_end
        if p_start and p_end and p_end < p_start:
            problems.append(_("the last day is before the first day"))
        if p_start and p_start < start or (p_end and end and p_end > end):
            problems.append(_("the rule's dates must lie inside the consent's dates"))
        if problems:
            errors.setdefault("provisions", []).append(
                _("Rule %(number)d: %(problems)s.")
                % {"number": number, "problems": "; ".join(problems)}
            )
            continue
        values.update(
            data_classes=classes,
            purpose=spec.purpose,
            period_start=p_start,
            period_end=p_end,
            order=number,
        )
        cleaned.append(values)
    return cleaned


def _check_version(current: ConsentDirective | None, expected_version: int | None) -> None:
    if expected_version is None:
        return
    now = current.version if current else 0
    if expected_version != now:
        raise ValidationError(
            _(
                "The consent was changed by someone else meanwhile (it is now version "
                "%(version)d). Look at it again and then save your choices."
            )
            % {"version": now},
            code="stale",
        )


def _latest(citizen: Citizen) -> ConsentDirective | None:
    # Lock the citizen's row so two writers cannot both take the next version number
    # (the unique constraint catches it on databases without row locks).
    Citizen.objects.select_for_update().filter(pk=citizen.pk).values_list("pk", flat=True).first()
    return (
        ConsentDirective.objects.filter(citizen=citizen)
        .prefetch_related("provisions")
        .order_by("-version")
        .first()
    )


def _write_version(
    *,
    actor: Actor,
    citizen: Citizen,
    previous: ConsentDirective | None,
    values: dict,
    provisions: list[dict],
) -> ConsentDirective:
    try:
        with transaction.atomic():
            directive = ConsentDirective(
                citizen=citizen,
                version=(previous.version if previous else 0) + 1,
                previous=previous,
                recorded_by_id=actor.user_id,
                recorded_by_role=str(actor.role),
                recorded_at=timezone.now(),
                **values,
            )
            directive.save()
            ConsentProvision.objects.bulk_create(
                [ConsentProvision(directive=directive, **p) for p in provisions]
            )
    except IntegrityError:
        raise ValidationError(
            _("The consent was changed by someone else at the same moment. Try again."),
            code="stale",
        ) from None
    permits = sum(1 for p in provisions if p["type"] == ProvisionType.PERMIT)
    audit_record(
        actor=actor,
        action=AuditAction.CONSENT_CHANGE,
        outcome=AuditOutcome.ALLOWED,
        object_type=OBJECT_TYPE,
        object_id=directive.pk,
        citizen_id=citizen.pk,
        purpose=PURPOSE,
        consent_decision=f"v{directive.version} {directive.status} {directive.change}"[:60],
        detail={
            "version": directive.version,
            "change": str(directive.change),
            "given_via": str(directive.given_via),
            "permits": permits,
            "denies": len(provisions) - permits,
        },
    )
    return directive


@service(AuditAction.CONSENT_CHANGE, purpose=PURPOSE)
def consent_directive_record(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    provisions: Sequence[ProvisionSpec],
    period_start: dt.date | None,
    period_end: dt.date | None = None,
    given_via: str | None = None,
    witness_name: str = "",
    base_policy: str = BasePolicy.DENY,
    status: str = ConsentStatus.ACTIVE,
    expected_version: int | None = None,
) -> ConsentDirective:
    """Record the citizen's consent as a new version; the previous version is kept."""
    citizen = _check_access(actor=actor, citizen_id=citizen_id, object_id=citizen_id)
    assert actor is not None
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    given_via, witness_name = _how_given(actor, given_via, witness_name, errors)
    _check_period(period_start, period_end, today, errors)
    if base_policy not in BasePolicy.values:
        errors.setdefault("base_policy", []).append(_("The base policy must be deny or permit."))
    if status not in (ConsentStatus.ACTIVE, ConsentStatus.REJECTED):
        errors.setdefault("status", []).append(
            _("A new consent is either in force (active) or declined (rejected).")
        )
    cleaned = (
        _clean_provisions(provisions, period_start, period_end, errors) if period_start else []
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        previous = _latest(citizen)
        _check_version(previous, expected_version)
        return _write_version(
            actor=actor,
            citizen=citizen,
            previous=previous,
            values={
                "status": status,
                "change": ConsentChange.CHANGED if previous else ConsentChange.CREATED,
                "base_policy": base_policy,
                "period_start": period_start,
                "period_end": period_end,
                "given_via": given_via,
                "witness_name": witness_name,
            },
            provisions=cleaned if status == ConsentStatus.ACTIVE else [],
        )


@service(AuditAction.CONSENT_CHANGE, purpose=PURPOSE)
def consent_directive_revoke(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    consent_id: uuid.UUID,
    provision_id: uuid.UUID | None = None,
    given_via: str | None = None,
    witness_name: str = "",
    expected_version: int | None = None,
) -> ConsentDirective:
    """Withdraw the current consent (or one of its rules) as a new version.

    Takes effect on the very next request: access is decided per request from the current
    version, with no cache.
    """
    citizen = _check_access(actor=actor, citizen_id=citizen_id, object_id=consent_id)
    assert actor is not None
    errors: dict[str, list[str]] = {}
    given_via, witness_name = _how_given(actor, given_via, witness_name, errors)
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    if not ConsentDirective.objects.filter(pk=consent_id, citizen=citizen).exists():
        # A version of another citizen addressed through this one's path: as if missing.
        raise Refused(
            object_type=OBJECT_TYPE, object_id=consent_id, citizen_id=citizen.pk, exists=False
        )
    with transaction.atomic():
        current = _latest(citizen)
        _check_version(current, expected_version)
        assert current is not None
        if consent_id != current.pk:
            raise ValidationError(
                _(
                    "This is an old version. Only the current version (%(version)d) can be "
                    "withdrawn."
                )
                % {"version": current.version},
                code="superseded",
            )
        if current.status != ConsentStatus.ACTIVE:
            raise ValidationError(_("This consent is already withdrawn."), code="not_active")
        if current.is_expired_on(today):
            raise ValidationError(
                _("This consent has already ended. Nothing is shared under it any more."),
                code="expired",
            )
        kept = list(current.provisions.all())
        if provision_id is not None:
            if not any(p.pk == provision_id for p in kept):
                raise ValidationError(
                    _("That rule is not part of the current consent."), code="no_such_rule"
                )
            kept = [p for p in kept if p.pk != provision_id]
            status, change = ConsentStatus.ACTIVE, ConsentChange.PROVISION_REVOKED
        else:
            kept, status, change = [], ConsentStatus.INACTIVE, ConsentChange.REVOKED
        return _write_version(
            actor=actor,
            citizen=citizen,
            previous=current,
            values={
                "status": status,
                "change": change,
                "base_policy": current.base_policy,
                "purpose": current.purpose,
                "scope": current.scope,
                "period_start": current.period_start,
                "period_end": current.period_end,
                "given_via": given_via,
                "witness_name": witness_name,
            },
            provisions=[
                {
                    "type": p.type,
                    "recipient_kind": p.recipient_kind,
                    "recipient_organisation_id": p.recipient_organisation_id,
                    "recipient_sector": p.recipient_sector,
                    "recipient_role": p.recipient_role,
                    "data_classes": list(p.data_classes),
                    "purpose": p.purpose,
                    "period_start": p.period_start,
                    "period_end": p.period_end,
                    "order": p.order,
                }
                for p in kept
            ],
        )
