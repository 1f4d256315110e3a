"""Reads of citizens and courses. Every function checks access through the policies and writes
the audit event itself, so a page or endpoint cannot forget either."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.models import OPEN_STATUSES, Citizen, Course
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy  # noqa: F401 (re-exported)
from roundtable.consent.access import consent_decisions_by_course
from roundtable.core.data_classes import DataClass

COURSE_RELATED = ("citizen", "team", "care_manager__user", "employment_consultant__user")
# The national id is decrypted only when someone asks to see it (citizen_national_id_get).
COURSE_DEFERRED = ("citizen__national_id",)


def current_course(courses: list[Course]) -> Course | None:
    """The newest open course, else the newest one (as the citizen page shows it)."""
    ordered = sorted(courses, key=lambda c: (c.referral_date, c.created_at), reverse=True)
    open_courses = [c for c in ordered if c.is_open]
    candidates = open_courses or ordered
    return candidates[0] if candidates else None


def _deny(*, actor: Actor | None, object_type: str, object_id: uuid.UUID | str) -> Http404:
    """Audit a refused or missing read and build the 404 that hides which one it was."""
    exists = Citizen.objects.filter(pk=object_id).exists() if object_type == "citizen" else False
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.DENIED if exists else AuditOutcome.NOT_FOUND,
        object_type=object_type,
        object_id=object_id,
        citizen_id=uuid.UUID(str(object_id)) if exists else None,
    )
    return Http404()


def course_list(
    *,
    actor: Actor | None,
    mine_only: bool = True,
    statuses: tuple[str, ...] = tuple(OPEN_STATUSES),
) -> QuerySet[Course]:
    """The caseload: courses the actor may see, mine only or the whole team's.

    Returned lazily so the caller can paginate; audit it with `course_list_audit` once the
    page of rows is known.
    """
    courses = CoursePolicy.queryset(actor)
    if actor is not None and mine_only and not actor.is_citizen:
        courses = courses.filter(
            Q(care_manager_id=actor.professional_id)
            | Q(employment_consultant_id=actor.professional_id)
        )
    return (
        courses.filter(status__in=statuses)
        .select_related(*COURSE_RELATED)
        .defer(*COURSE_DEFERRED)
        .order_by("citizen__family_name", "citizen__given_name", "id")
    )


def course_list_audit(*, actor: Actor | None, shown: int, detail: dict) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="course",
        detail={"shown": shown, **detail},
    )


def citizen_list(*, actor: Actor | None) -> QuerySet[Citizen]:
    """Citizens the actor may see, ordered by name; audit with `citizen_list_audit`."""
    return (
        CitizenPolicy.queryset(actor)
        .defer("national_id")
        .order_by("family_name", "given_name", "id")
    )


def citizen_list_audit(
    *, actor: Actor | None, shown: int, detail: dict, consent_decision: str = ""
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        consent_decision=consent_decision[:60],
        detail={"shown": shown, **detail},
    )


@dataclass(frozen=True)
class CitizenRecord:
    citizen: Citizen
    courses: list[Course]
    show_diagnosis: bool  # for the current course
    # What the actor may read of each course, decided by consent when the record was read.
    visible: dict[uuid.UUID, frozenset[str]] = field(default_factory=dict)

    @property
    def current_course(self) -> Course | None:
        return current_course(self.courses)

    def may_read(self, course: Course, data_class: str) -> bool:
        return data_class in self.visible.get(course.pk, frozenset())

    def shows_diagnosis(self, course: Course) -> bool:
        return self.may_read(course, DataClass.DIAGNOSIS)

    @property
    def current_visible(self) -> frozenset[str]:
        course = self.current_course
        return self.visible.get(course.pk, frozenset()) if course else frozenset()


def citizen_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> CitizenRecord:
    """One citizen with the courses the actor may see; 404 for forbidden and missing alike."""
    citizen = CitizenPolicy.queryset(actor).filter(pk=citizen_id).defer("national_id").first()
    if citizen is None:
        raise _deny(actor=actor, object_type="citizen", object_id=citizen_id)
    courses = list(
        CoursePolicy.queryset(actor)
        .filter(citizen_id=citizen.pk)
        .select_related(*COURSE_RELATED)
        .defer(*COURSE_DEFERRED)
        .order_by("-referral_date")
    )
    decisions = consent_decisions_by_course(actor, courses)
    current = CitizenRecord(citizen=citizen, courses=courses, show_diagnosis=False).current_course
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="citizen",
        object_id=citizen.pk,
        citizen_id=citizen.pk,
        consent_decision=(
            decisions[current.pk].audit_value(DataClass.DIAGNOSIS) if current else ""
        ),
    )
    visible = {pk: d.classes for pk, d in decisions.items()}
    return CitizenRecord(
        citizen=citizen,
        courses=courses,
        show_diagnosis=current is not None
        and CoursePolicy.can_see_diagnosis(actor, current, classes=visible[current.pk]),
        visible=visible,
    )


def citizen_national_id_get(*, actor: Actor | None, citizen_id: uuid.UUID) -> str:
    """The national id, shown on request only and audited as its own read."""
    citizen = CitizenPolicy.queryset(actor).filter(pk=citizen_id).only("id", "national_id").first()
    if citizen is None:
        raise _deny(actor=actor, object_type="citizen", object_id=citizen_id)
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type="national_id",
        object_id=citizen.pk,
        citizen_id=citizen.pk,
    )
    return citizen.national_id
