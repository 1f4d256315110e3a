"""Which data classes an actor may read for a course: the one question every selector asks.

Selectors, pages, the API, PDFs and exports all call `visible_data_classes` (one course) or
`visible_data_classes_by_course` (a list), and filter records by their `data_class`. Nothing else
decides what crosses a sector.

The answer, in order (``decide`` is the pure function, tested without the database):

1. No actor, a manager, an evaluator or an administrator: nothing (aggregates and configuration
   only). The caller has already checked that the actor may see the course at all.
2. The citizen: everything about themself, always.
3. A professional reads what the deployment's defaults give their sector
   (``roundtable.consent.defaults``: the sector's own classes, those the law requires, and the
   jointly produced ones),
4. plus what the citizen's current consent directive **permits** to their organisation, sector or
   role,
5. minus what it **denies** them — an explicit deny beats every permit and every deniable default;
   only what the law requires (``deniable=False``) survives a deny;
6. minus, on a team that follows the **first-meeting protocol** (``TeamProgramme``
   ``first_meeting_protocol``), the other sector's assessments until the course's first roundtable
   meeting is held — whatever the consent says (issue 13 #7: the two professionals do not
   discuss the citizen before they meet them together). What the law gives a sector stays.

A directive counts only while it is the citizen's current version, ``active``, and today lies in
its period (and in the provision's own period). Nothing is cached between requests: revoking or
expiry takes effect on the very next request (SECURITY.md 5).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.citizens.groups import outside_course_ids
from roundtable.citizens.models import Course
from roundtable.consent.defaults import consent_defaults
from roundtable.consent.models import (
    ConsentDirective,
    ConsentProvision,
    ConsentPurpose,
    ConsentStatus,
    ProvisionType,
    RecipientKind,
)
from roundtable.core.data_classes import (
    ALL_CLASSES,
    CARE_ASSESSMENT_CLASSES,
    EMPLOYMENT_ASSESSMENT_CLASSES,
)
from roundtable.organisations.models import Jurisdiction, Sector, TeamProgramme

PURPOSE = ConsentPurpose.COORDINATED_REHABILITATION

# Each sector's own assessments; the first-meeting protocol keeps the others' from it.
ASSESSMENTS_BY_SECTOR: dict[str, frozenset[str]] = {
    Sector.HEALTH: CARE_ASSESSMENT_CLASSES,
    Sector.EMPLOYMENT: EMPLOYMENT_ASSESSMENT_CLASSES,
}
# roundtable.meetings.models.MeetingStatus.HELD: the meetings app sits above consent, so the
# meeting table is reached by name (apps.get_model), never imported.
_HELD = "held"
# The annotation the gate puts on the courses it loads, so the decision needs no query of its own.
FIRST_MEETING_PENDING = "first_meeting_pending"


def withheld_before_first_meeting(sector: str) -> frozenset[str]:
    """The other sectors' assessments: what a professional of `sector` does not read of a
    course on a first-meeting-protocol team until its first meeting is held."""
    withheld: frozenset[str] = frozenset()
    for other, classes in ASSESSMENTS_BY_SECTOR.items():
        if other != sector:
            withheld |= classes
    return withheld if sector in ASSESSMENTS_BY_SECTOR else frozenset()


def first_meeting_pending_expression() -> ExpressionWrapper:
    """True for a course whose team follows the first-meeting protocol and whose first
    roundtable meeting has not been held: an annotation for a query of courses."""
    meeting = apps.get_model("meetings", "Meeting")
    held = meeting.objects.filter(course_id=OuterRef("pk"), status=_HELD)
    protocol = TeamProgramme.objects.filter(
        team_id=OuterRef("team_id"), first_meeting_protocol=True
    )
    return ExpressionWrapper(Exists(protocol) & ~Exists(held), output_field=BooleanField())


@dataclass(frozen=True)
class ProvisionFacts:
    type: str  # ProvisionType
    recipient_kind: str  # RecipientKind
    recipient: str  # organisation id (as text), sector or role
    data_classes: frozenset[str]
    purpose: str = PURPOSE
    start: dt.date | None = None
    end: dt.date | None = None

    def applies_to(self, actor: Actor, *, today: dt.date, purpose: str) -> bool:
        if self.purpose != purpose:
            return False
        if (self.start and today < self.start) or (self.end and today > self.end):
            return False
        if self.recipient_kind == RecipientKind.ORGANISATION:
            return actor.organisation_id is not None and self.recipient == str(
                actor.organisation_id
            )
        if self.recipient_kind == RecipientKind.SECTOR:
            return bool(actor.sector) and self.recipient == actor.sector
        if self.recipient_kind == RecipientKind.ROLE:
            return self.recipient == actor.role
        return False


@dataclass(frozen=True)
class DirectiveFacts:
    id: uuid.UUID | None
    version: int
    status: str  # ConsentStatus
    base_policy: str = "deny"
    start: dt.date | None = None
    end: dt.date | None = None
    provisions: tuple[ProvisionFacts, ...] = ()

    def in_force(self, today: dt.date) -> bool:
        return (
            self.status == ConsentStatus.ACTIVE
            and (self.start is None or self.start <= today)
            and (self.end is None or today <= self.end)
        )


@dataclass(frozen=True)
class ConsentDecision:
    """What one actor may read of one course, and why (for the audit event)."""

    classes: frozenset[str]
    basis: str  # "citizen", "none", "default:dk", "directive:v3", "expired:v3", "inactive:v3"
    denied_by_directive: frozenset[str] = field(default_factory=frozenset)

    def allows(self, data_class: str) -> bool:
        return data_class in self.classes

    def audit_value(self, *data_classes: str) -> str:
        """A short value for the audit event's ``consent_decision`` column (≤ 60 characters)."""
        parts = [f"{c}={'permit' if c in self.classes else 'deny'}" for c in sorted(data_classes)]
        value = f"{self.basis} {' '.join(parts)}".strip()
        return value[:60]


def decide(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID | None,
    jurisdiction: str,
    directive: DirectiveFacts | None,
    today: dt.date,
    purpose: str = PURPOSE,
    outside: bool = False,
    first_meeting_pending: bool = False,
) -> ConsentDecision:
    """The pure rule: no database, no clock, no settings other than the defaults' override.

    `outside`: the actor sees the course only as a member of its responsibility group, from
    another organisation (roundtable.citizens.groups). Then no default and no base policy
    counts: only what the citizen's directive in force permits to the actor's organisation or
    role, less what it denies them (issue 13: outside members see only their consent's classes).

    `first_meeting_pending`: the course's team follows the first-meeting protocol and the first
    roundtable meeting has not been held — the other sector's assessments do not cross, whatever
    the directive permits (what the law gives the sector stays)."""
    decision = _decide_consent(
        actor=actor,
        citizen_id=citizen_id,
        jurisdiction=jurisdiction,
        directive=directive,
        today=today,
        purpose=purpose,
        outside=outside,
    )
    if not first_meeting_pending or actor is None or actor.is_citizen:
        return decision
    withheld = withheld_before_first_meeting(actor.sector) & decision.classes
    withheld -= consent_defaults(jurisdiction).fixed_for(actor.sector)
    if not withheld:
        return decision
    return ConsentDecision(
        frozenset(decision.classes - withheld),
        f"{decision.basis} before-first-meeting",
        decision.denied_by_directive,
    )


def _decide_consent(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID | None,
    jurisdiction: str,
    directive: DirectiveFacts | None,
    today: dt.date,
    purpose: str,
    outside: bool,
) -> ConsentDecision:
    if actor is None:
        return ConsentDecision(frozenset(), "none")
    if actor.is_citizen:
        if actor.citizen_id is not None and actor.citizen_id == citizen_id:
            return ConsentDecision(ALL_CLASSES, "citizen")
        return ConsentDecision(frozenset(), "none")
    if not actor.works_with_citizens:
        return ConsentDecision(frozenset(), "none")
    if outside:
        return _decide_outside(actor, directive, today=today, purpose=purpose)
    defaults = consent_defaults(jurisdiction)
    fixed = defaults.fixed_for(actor.sector)
    default = defaults.default_for(actor.sector)
    if directive is None:
        return ConsentDecision(default, f"default:{jurisdiction}")
    if not directive.in_force(today):
        state = "expired" if directive.end and today > directive.end else directive.status
        return ConsentDecision(default, f"{state}:v{directive.version}"[:20])
    permitted = ALL_CLASSES if directive.base_policy == "permit" else frozenset()
    denied: frozenset[str] = frozenset()
    for provision in directive.provisions:
        if not provision.applies_to(actor, today=today, purpose=purpose):
            continue
        if provision.type == ProvisionType.DENY:
            denied |= provision.data_classes
        else:
            permitted |= provision.data_classes
    classes = fixed | ((default | permitted) - denied)
    return ConsentDecision(
        frozenset(classes), f"directive:v{directive.version}", frozenset(denied - fixed)
    )


def employer_disclosure_permits(
    directive: DirectiveFacts | None, *, days: Iterable[dt.date], purpose: str = PURPOSE
) -> frozenset[str]:
    """The data classes the citizen's consent lets the team tell an employer (the IPS
    disclosure ledger, roundtable.vocational): only what a **permit rule naming the employer
    sector** gives, in force on every one of `days` (the day it was told and today), minus what a
    deny rule for employers takes away.

    Narrower than `decide` on purpose: neither the deployment's defaults nor a directive's base
    policy "permit" count, since the employer is not part of the team and the defaults are about
    the team's two sectors; telling an employer about health needs the citizen to have said so.
    """
    days = list(days)
    if directive is None or not all(directive.in_force(day) for day in days):
        return frozenset()
    permitted: set[str] = set()
    denied: set[str] = set()
    for provision in directive.provisions:
        if (
            provision.recipient_kind != RecipientKind.SECTOR
            or provision.recipient != Sector.EMPLOYER
            or provision.purpose != purpose
        ):
            continue
        if any(
            (provision.start and day < provision.start) or (provision.end and day > provision.end)
            for day in days
        ):
            continue
        if provision.type == ProvisionType.DENY:
            denied |= provision.data_classes
        else:
            permitted |= provision.data_classes
    return frozenset(permitted - denied)


_NAMED_RECIPIENTS = (RecipientKind.ORGANISATION, RecipientKind.ROLE)


def _decide_outside(
    actor: Actor, directive: DirectiveFacts | None, *, today: dt.date, purpose: str
) -> ConsentDecision:
    if directive is None or not directive.in_force(today):
        return ConsentDecision(frozenset(), "outside:none")
    permitted: frozenset[str] = frozenset()
    denied: frozenset[str] = frozenset()
    for provision in directive.provisions:
        if not provision.applies_to(actor, today=today, purpose=purpose):
            continue
        if provision.type == ProvisionType.DENY:
            denied |= provision.data_classes
        elif provision.recipient_kind in _NAMED_RECIPIENTS:
            permitted |= provision.data_classes
    return ConsentDecision(
        frozenset(permitted - denied), f"outside:v{directive.version}"[:20], denied
    )


def base_data_classes(actor: Actor | None, jurisdiction: str = Jurisdiction.DK) -> frozenset[str]:
    """What the actor's sector reads of a course it may see, before any consent directive."""
    if actor is None or actor.is_citizen:
        return ALL_CLASSES if actor is not None else frozenset()
    return decide(
        actor=actor,
        citizen_id=None,
        jurisdiction=jurisdiction,
        directive=None,
        today=timezone.localdate(),
    ).classes


def directive_facts(directive: ConsentDirective) -> DirectiveFacts:
    """A loaded directive (provisions prefetched) as the pure rule takes it."""
    return DirectiveFacts(
        id=directive.pk,
        version=directive.version,
        status=directive.status,
        base_policy=directive.base_policy,
        start=directive.period_start,
        end=directive.period_end,
        provisions=tuple(
            ProvisionFacts(
                type=p.type,
                recipient_kind=p.recipient_kind,
                recipient=p.recipient_value,
                data_classes=frozenset(p.data_classes),
                purpose=p.purpose,
                start=p.period_start,
                end=p.period_end,
            )
            for p in directive.provisions.all()
        ),
    )


def current_directives(citizen_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, ConsentDirective]:
    """Each citizen's highest version with its provisions: two queries for any number."""
    ids = set(citizen_ids)
    if not ids:
        return {}
    latest = (
        ConsentDirective.objects.filter(citizen_id=OuterRef("citizen_id"))
        .order_by("-version")
        .values("version")[:1]
    )
    rows = ConsentDirective.objects.filter(
        citizen_id__in=ids, version=Subquery(latest)
    ).prefetch_related(Prefetch("provisions", ConsentProvision.objects.order_by("order", "id")))
    return {row.citizen_id: row for row in rows}


_DIRECTIVE_COLUMNS = (
    "citizen_id",
    "id",
    "version",
    "status",
    "base_policy",
    "period_start",
    "period_end",
)
_PROVISION_COLUMNS = (
    "provisions__id",
    "provisions__type",
    "provisions__recipient_kind",
    "provisions__recipient_organisation_id",
    "provisions__recipient_sector",
    "provisions__recipient_role",
    "provisions__data_classes",
    "provisions__purpose",
    "provisions__period_start",
    "provisions__period_end",
)


def current_directive_facts(citizen_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, DirectiveFacts]:
    """Each citizen's highest version with its provisions, as the rule takes them: one query for
    any number of citizens (the directive joined with its provisions, a row per provision)."""
    ids = set(citizen_ids)
    if not ids:
        return {}
    latest = (
        ConsentDirective.objects.filter(citizen_id=OuterRef("citizen_id"))
        .order_by("-version")
        .values("version")[:1]
    )
    rows = (
        ConsentDirective.objects.filter(citizen_id__in=ids, version=Subquery(latest))
        .order_by("citizen_id", "provisions__order", "provisions__id")
        .values_list(*_DIRECTIVE_COLUMNS, *_PROVISION_COLUMNS)
    )
    heads: dict[uuid.UUID, tuple] = {}
    provisions: dict[uuid.UUID, list[ProvisionFacts]] = {}
    width = len(_DIRECTIVE_COLUMNS)
    for row in rows:
        citizen_id = row[0]
        heads.setdefault(citizen_id, row[:width])
        found = provisions.setdefault(citizen_id, [])
        (pk, kind, recipient_kind, organisation, sector, role, classes, purpose, start, end) = row[
            width:
        ]
        if pk is None:  # a directive without provisions: the LEFT JOIN's empty row
            continue
        recipient = {
            RecipientKind.ORGANISATION: str(organisation),
            RecipientKind.SECTOR: sector,
        }.get(recipient_kind, role)
        found.append(
            ProvisionFacts(
                type=kind,
                recipient_kind=recipient_kind,
                recipient=recipient,
                data_classes=frozenset(classes or ()),
                purpose=purpose,
                start=start,
                end=end,
            )
        )
    return {
        citizen_id: DirectiveFacts(
            id=head[1],
            version=head[2],
            status=head[3],
            base_policy=head[4],
            start=head[5],
            end=head[6],
            provisions=tuple(provisions[citizen_id]),
        )
        for citizen_id, head in heads.items()
    }


def consent_decisions_by_course(
    actor: Actor | None, courses: Iterable[Course], *, today: dt.date | None = None
) -> dict[uuid.UUID, ConsentDecision]:
    """The decision for each course, loading the citizens' directives in one query.

    The first-meeting protocol costs no query when the courses come from the gate (annotated
    with `FIRST_MEETING_PENDING`), and at most one more otherwise — only when some course's
    decision would let the other sector's assessments cross."""
    courses = list(courses)
    today = today or timezone.localdate()
    needs_directives = (
        actor is not None and not actor.is_citizen and actor.works_with_citizens and courses
    )
    directives = current_directive_facts(c.citizen_id for c in courses) if needs_directives else {}
    outside = outside_course_ids(actor, courses) if needs_directives else frozenset()
    decisions = {
        course.pk: decide(
            actor=actor,
            citizen_id=course.citizen_id,
            jurisdiction=course.jurisdiction,
            directive=directives.get(course.citizen_id),
            today=today,
            outside=course.pk in outside,
        )
        for course in courses
    }
    if not needs_directives or actor is None:
        return decisions
    withheld = withheld_before_first_meeting(actor.sector)
    crossing = [c for c in courses if decisions[c.pk].classes & withheld]
    if not crossing:
        return decisions
    pending = _first_meeting_pending(crossing)
    for course in crossing:
        if course.pk in pending:
            decisions[course.pk] = decide(
                actor=actor,
                citizen_id=course.citizen_id,
                jurisdiction=course.jurisdiction,
                directive=directives.get(course.citizen_id),
                today=today,
                outside=course.pk in outside,
                first_meeting_pending=True,
            )
    return decisions


def _first_meeting_pending(courses: list[Course]) -> set[uuid.UUID]:
    """The courses still before their first meeting on a protocol team: read from the gate's
    annotation where it is there, else one query for the rest."""
    pending: set[uuid.UUID] = set()
    unknown: list[uuid.UUID] = []
    for course in courses:
        known = getattr(course, FIRST_MEETING_PENDING, None)
        if known is None and not hasattr(course, FIRST_MEETING_PENDING):
            unknown.append(course.pk)
        elif known:
            pending.add(course.pk)
    if unknown:
        pending.update(
            Course.objects.filter(pk__in=unknown)
            .annotate(**{FIRST_MEETING_PENDING: first_meeting_pending_expression()})
            .filter(**{FIRST_MEETING_PENDING: True})
            .values_list("pk", flat=True)
        )
    return pending


def first_meeting_pending(course: Course) -> bool:
    """Whether the course is still before its first meeting on a first-meeting-protocol team
    (the citizen's preparation page says so)."""
    return course.pk in _first_meeting_pending([course])


def consent_decision(actor: Actor | None, course: Course) -> ConsentDecision:
    return consent_decisions_by_course(actor, [course])[course.pk]


def visible_data_classes(actor: Actor | None, course: Course) -> frozenset[str]:
    """The data classes of `course` that `actor` may read (the caller has checked the course)."""
    return visible_data_classes_by_course(actor, [course])[course.pk]


def visible_data_classes_by_course(
    actor: Actor | None, courses: Iterable[Course]
) -> dict[uuid.UUID, frozenset[str]]:
    """The same for many courses, in a bounded number of queries (two, whatever the count)."""
    return {pk: d.classes for pk, d in consent_decisions_by_course(actor, courses).items()}


def sector_shares(
    directive: DirectiveFacts | None, jurisdiction: str, sector: str, today: dt.date
) -> frozenset[str]:
    """What the directive gives a whole sector (organisation- and role-specific rules left out):
    what the citizen's consent page shows as "yes"."""
    if directive is not None:
        directive = DirectiveFacts(
            id=directive.id,
            version=directive.version,
            status=directive.status,
            base_policy=directive.base_policy,
            start=directive.start,
            end=directive.end,
            provisions=tuple(
                p for p in directive.provisions if p.recipient_kind == RecipientKind.SECTOR
            ),
        )
    probe = Actor(
        user_id=uuid.UUID(int=0),
        username="",
        role="care_manager" if sector == "health" else "employment_consultant",
        sector=sector,
    )
    return decide(
        actor=probe, citizen_id=None, jurisdiction=jurisdiction, directive=directive, today=today
    ).classes


__all__: Sequence[str] = (
    "ConsentDecision",
    "DirectiveFacts",
    "ProvisionFacts",
    "base_data_classes",
    "consent_decision",
    "consent_decisions_by_course",
    "current_directive_facts",
    "current_directives",
    "decide",
    "employer_disclosure_permits",
    "first_meeting_pending",
    "first_meeting_pending_expression",
    "visible_data_classes",
    "visible_data_classes_by_course",
)
