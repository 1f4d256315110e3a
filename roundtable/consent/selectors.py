"""Reads of consent directives. Each function checks access and writes the audit event itself;
another team's citizen and a missing one answer the same 404."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.audit.scope import audited_reads
from roundtable.citizens.gate import CitizenAccess, citizen_access
from roundtable.citizens.models import Citizen, Course
from roundtable.consent.access import DirectiveFacts, directive_facts, sector_shares
from roundtable.consent.defaults import JurisdictionDefaults, consent_defaults
from roundtable.consent.models import ConsentDirective, ConsentProvision
from roundtable.consent.policies import ConsentPolicy
from roundtable.core.selectors import refused_read
from roundtable.organisations.models import Jurisdiction, Sector

PURPOSE = "consent"
OBJECT_TYPE = "consent_directive"
# The two sectors an integrated course spans; the consent page asks about each.
SHARING_SECTORS = (Sector.EMPLOYMENT, Sector.HEALTH)


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

    access: CitizenAccess
    versions: list[ConsentDirective]
    can_record: bool
    today: dt.date
    jurisdiction: str = Jurisdiction.DK
    defaults: JurisdictionDefaults | None = field(default=None)

    @property
    def citizen(self) -> Citizen:
        return self.access.citizen

    @property
    def courses(self) -> list[Course]:
        return self.access.course_list

    @property
    def course(self) -> Course | None:
        return self.access.current.course if self.access.current else None

    @property
    def current(self) -> ConsentDirective | None:
        return self.versions[0] if self.versions else None

    @property
    def current_in_force(self) -> bool:
        return self.current is not None and self.current.in_force_on(self.today)

    @property
    def version_records(self) -> list[ConsentVersion]:
        """Every version as a record of its own (the API lists them), the first the current."""
        return [
            ConsentVersion(
                citizen=self.citizen,
                directive=directive,
                is_current=number == 0,
                today=self.today,
                jurisdiction=self.jurisdiction,
            )
            for number, directive in enumerate(self.versions)
        ]

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
        """Rules for one organisation or one role, or for a sector the sharing form does not ask
        about (employers, for the IPS disclosure ledger): shown, kept when the citizen saves."""
        if self.current is None or not self.current_in_force:
            return []
        return [
            p
            for p in self.current.provisions.all()
            if p.recipient_kind != "sector" or p.recipient_sector not in SHARING_SECTORS
        ]


@audited_reads
def consent_history_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> ConsentHistory:
    """Every version of a citizen's consent; 404 (audited) when not allowed."""
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        action=AuditAction.LIST,
        object_type=OBJECT_TYPE,
        note=False,
    )
    versions = _versions(access.citizen.pk)
    course = access.current.course if access.current else None
    jurisdiction = course.jurisdiction if course else Jurisdiction.DK
    access.note(
        action=AuditAction.LIST,
        object_type=OBJECT_TYPE,
        part="consent",
        detail={"shown": len(versions)},
    )
    return ConsentHistory(
        access=access,
        versions=versions,
        can_record=ConsentPolicy.can_record(access),
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


@audited_reads
def consent_directive_get(
    *, actor: Actor | None, citizen_id: uuid.UUID, consent_id: uuid.UUID
) -> ConsentVersion:
    """One version of a citizen's consent. A version addressed through another citizen's path
    is refused like a missing one (SECURITY.md 2)."""
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        object_type=OBJECT_TYPE,
        object_id=consent_id,
        note=False,
    )
    citizen = access.citizen
    course = access.current.course if access.current else None
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
        raise refused_read(
            actor=actor,
            object_type=OBJECT_TYPE,
            object_id=consent_id,
            citizen_id=citizen.pk,
            purpose=PURPOSE,
            exists=False,
        )
    latest = (
        ConsentDirective.objects.filter(citizen_id=citizen.pk)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    access.note(object_type=OBJECT_TYPE, object_id=directive.pk, part="consent_version")
    return ConsentVersion(
        citizen=citizen,
        directive=directive,
        is_current=directive.version == latest,
        today=timezone.localdate(),
        jurisdiction=course.jurisdiction if course else Jurisdiction.DK,
    )
