"""Reads of consent directives. Each function checks access and writes the audit event itself;
another team's citizen and a missing one answer the same 404."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy
from roundtable.citizens.selectors import current_course  # noqa: F401 (re-exported)
from roundtable.consent.access import DirectiveFacts, directive_facts, sector_shares
from roundtable.consent.defaults import JurisdictionDefaults, consent_defaults
from roundtable.consent.models import ConsentDirective, ConsentProvision
from roundtable.consent.policies import ConsentPolicy
from roundtable.organisations.models import Jurisdiction, Sector

PURPOSE = "consent"
OBJECT_TYPE = "consent_directive"
# The two sectors an integrated course spans; the consent page asks about each.
SHARING_SECTORS = (Sector.EMPLOYMENT, Sector.HEALTH)


def _deny(
    *, actor: Actor | None, citizen_id: uuid.UUID, object_id: uuid.UUID | str, action: str
) -> Http404:
    exists = Citizen.objects.filter(pk=citizen_id).exists()
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.DENIED if exists else AuditOutcome.NOT_FOUND,
        object_type=OBJECT_TYPE,
        object_id=object_id,
        citizen_id=citizen_id if exists else None,
        purpose=PURPOSE,
    )
    return Http404()


def citizen_with_courses(
    *, actor: Actor | None, citizen_id: uuid.UUID
) -> tuple[Citizen, list[Course]] | None:
    """The citizen and the courses the actor may see of them, or None (not theirs / missing)."""
    citizen = CitizenPolicy.queryset(actor).filter(pk=citizen_id).defer("national_id").first()
    if citizen is None:
        return None
    courses = list(
        CoursePolicy.queryset(actor)
        .filter(citizen_id=citizen.pk)
        .select_related("team", "care_manager__user", "employment_consultant__user")
        .order_by("-referral_date")
    )
    return citizen, courses


def _versions(citizen_id: uuid.UUID) -> list[ConsentDirective]:
    return list(
        ConsentDirective.objects.filter(citizen_id=citizen_id)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch(
                "provisions",
                ConsentProvision.objects.select_related("recipient_organisation").order_by(
                    "order", "id"
                ),
            )
        )
        .order_by("-version")
    )


@dataclass
class ConsentHistory:
    """A citizen's consent: every version, newest first, and what is shared today."""

    citizen: Citizen
    courses: list[Course]
    versions: list[ConsentDirective]
    can_record: bool
    today: dt.date
    jurisdiction: str = Jurisdiction.DK
    defaults: JurisdictionDefaults | None = field(default=None)

    @property
    def course(self) -> Course | None:
        return current_course(self.courses)

    @property
    def current(self) -> ConsentDirective | None:
        return self.versions[0] if self.versions else None

    @property
    def current_in_force(self) -> bool:
        return self.current is not None and self.current.in_force_on(self.today)

    @property
    def current_expired(self) -> bool:
        return self.current is not None and self.current.is_expired_on(self.today)

    @property
    def current_facts(self) -> DirectiveFacts | None:
        return directive_facts(self.current) if self.current is not None else None

    def shared_with(self, sector: str) -> frozenset[str]:
        """What a whole sector reads today (defaults and sector rules of the current version)."""
        return sector_shares(self.current_facts, self.jurisdiction, sector, self.today)

    @property
    def other_rules(self) -> list[ConsentProvision]:
        """Rules for one organisation or one role: shown, kept when the citizen saves."""
        if self.current is None or not self.current_in_force:
            return []
        return [p for p in self.current.provisions.all() if p.recipient_kind != "sector"]


def consent_history_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> ConsentHistory:
    """Every version of a citizen's consent; 404 (audited) when not allowed."""
    found = citizen_with_courses(actor=actor, citizen_id=citizen_id)
    if found is None or not ConsentPolicy.can_read(actor, *found):
        raise _deny(
            actor=actor, citizen_id=citizen_id, object_id=citizen_id, action=AuditAction.LIST
        )
    citizen, courses = found
    versions = _versions(citizen.pk)
    course = current_course(courses)
    jurisdiction = course.jurisdiction if course else Jurisdiction.DK
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type=OBJECT_TYPE,
        citizen_id=citizen.pk,
        purpose=PURPOSE,
        detail={"shown": len(versions)},
    )
    return ConsentHistory(
        citizen=citizen,
        courses=courses,
        versions=versions,
        can_record=ConsentPolicy.can_record(actor, citizen, courses),
        today=timezone.localdate(),
        jurisdiction=jurisdiction,
        defaults=consent_defaults(jurisdiction),
    )


@dataclass
class ConsentVersion:
    citizen: Citizen
    directive: ConsentDirective
    is_current: bool
    today: dt.date
    jurisdiction: str = Jurisdiction.DK

    @property
    def in_force(self) -> bool:
        return self.is_current and self.directive.in_force_on(self.today)


def consent_directive_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, consent_id: uuid.UUID
) -> ConsentVersion:
    """One version of a citizen's consent. A version addressed through another citizen's path
    is refused like a missing one (SECURITY.md 2)."""
    found = citizen_with_courses(actor=actor, citizen_id=citizen_id)
    if found is None or not ConsentPolicy.can_read(actor, *found):
        raise _deny(
            actor=actor, citizen_id=citizen_id, object_id=consent_id, action=AuditAction.READ
        )
    citizen, courses = found
    course = current_course(courses)
    directive = (
        ConsentDirective.objects.filter(pk=consent_id, citizen_id=citizen.pk)
        .select_related("recorded_by", "citizen")
        .prefetch_related(
            Prefetch(
                "provisions",
                ConsentProvision.objects.select_related("recipient_organisation").order_by(
                    "order", "id"
                ),
            )
        )
        .first()
    )
    if directive is None:
        audit_record(
            actor=actor,
            action=AuditAction.READ,
            outcome=AuditOutcome.NOT_FOUND,
            object_type=OBJECT_TYPE,
            object_id=consent_id,
            citizen_id=citizen.pk,
            purpose=PURPOSE,
        )
        raise Http404()
    latest = (
        ConsentDirective.objects.filter(citizen_id=citizen.pk)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type=OBJECT_TYPE,
        object_id=directive.pk,
        citizen_id=citizen.pk,
        purpose=PURPOSE,
    )
    return ConsentVersion(
        citizen=citizen,
        directive=directive,
        is_current=directive.version == latest,
        today=timezone.localdate(),
        jurisdiction=course.jurisdiction if course else Jurisdiction.DK,
    )
