"""The one gate to a citizen's record (STYLE.md 3, issue 9).

Every read and write of a citizen's personal data starts here. One call

- looks the citizen's courses up (one indexed query),
- asks the course policy which of them the actor may see (assignment, team, membership of the
  course's responsibility group where consent gives the member a class, a break-glass grant),
- decides, once per course and request, what consent lets the actor read of each
  (roundtable.consent.access, at most two queries),
- and either answers with an access object or refuses: an audited 404 that looks the same
  whether the record is forbidden or missing (Http404 on reads; inside a service, `Refused`,
  which the service decorator audits after its rollback).

What it answers — the course, the data classes the actor may read, whether the actor may write —
is passed down to selectors, timeline parts, export sections, services and API handlers; nobody
below asks the policy or consent again. A read is *noted* (roundtable.audit.scope) and written
as one event per page with every part shown; a refusal is written at once.

Entry points:
- `citizen_access`: all the courses of one citizen the actor sees (the citizen page, the
  journal, meeting lists, the access export), with the current one;
- `course_access`: the current course of a citizen (most pages);
- `record_access`: the course of one record addressed by its own id (a meeting, a journal entry,
  a decision), refused as that record;
- `course_write_access`: inside a service: the course locked for the write, checked by a
  predicate on the access (for instance "may write").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.scope import note_read
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Citizen, Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import (
    FIRST_MEETING_PENDING,
    ConsentDecision,
    consent_decisions_by_course,
    first_meeting_pending_expression,
)
from roundtable.core.data_classes import DataClass
from roundtable.core.request_context import memoised
from roundtable.core.selectors import refused_read
from roundtable.core.services import Refused
from roundtable.organisations.models import Role

COURSE_RELATED = ("citizen", "team", "care_manager__user", "employment_consultant__user")
# The national id is decrypted only when someone asks to see it (citizen_national_id_get).
COURSE_DEFERRED = ("citizen__national_id",)

MEMO_KEY = "gate"


@dataclass(frozen=True, eq=False)
class CourseAccess:
    """One course as one actor may see it, decided once."""

    actor: Actor
    course: Course
    consent: ConsentDecision
    purpose: str
    # Seen only through a break-glass grant: read-only, and said so on the page.
    emergency: bool = False

    @property
    def citizen(self) -> Citizen:
        return self.course.citizen

    @property
    def citizen_id(self) -> uuid.UUID:
        return self.course.citizen_id

    @property
    def visible(self) -> frozenset[str]:
        """The data classes of this course the actor may read."""
        return self.consent.classes

    def may_read(self, data_class: str) -> bool:
        return data_class in self.consent.classes

    @property
    def shows_diagnosis(self) -> bool:
        """Diagnoses stay in the health sector until the citizen shares them (SECURITY.md 3)."""
        return self.may_read(DataClass.DIAGNOSIS)

    @property
    def before_first_meeting(self) -> bool:
        """The course's team follows the first-meeting protocol and its first roundtable meeting
        has not been held: the two sectors have not shared their assessments (issue 13 #7)."""
        return bool(getattr(self.course, FIRST_MEETING_PENDING, False))

    @property
    def is_own(self) -> bool:
        """The citizen reading their own course."""
        return self.actor.is_citizen and self.actor.citizen_id == self.course.citizen_id

    @property
    def assigned(self) -> bool:
        """The course's care manager or employment consultant."""
        professional = self.actor.professional_id
        return professional is not None and professional in (
            self.course.care_manager_id,
            self.course.employment_consultant_id,
        )

    @property
    def works_on(self) -> bool:
        """On the course's team, not only through a break-glass grant (which opens read-only)."""
        if self.actor.is_citizen or self.actor.professional_id is None:
            return False
        return self.assigned or (
            self.actor.sees_team_courses and self.course.team_id in self.actor.team_ids
        )

    @property
    def may_write(self) -> bool:
        """Write what the team writes together (the joint plan, meetings and their decisions):
        the course's care manager and employment consultant, and the team leader of its team.
        Supervisors advise and read; a break-glass grant only reads."""
        if self.emergency or not self.works_on:
            return False
        return self.assigned or (
            self.actor.role == Role.TEAM_LEADER and self.course.team_id in self.actor.team_ids
        )

    def note(
        self,
        *,
        action: str = AuditAction.READ,
        object_type: str,
        object_id: Any = "",
        part: str = "",
        shows: Iterable[str] = (),
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Note what was read of this course; written with the page's other reads."""
        shown = list(shows)
        note_read(
            actor=self.actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            citizen_id=self.course.citizen_id,
            purpose=self.purpose,
            consent_decision=self.consent.audit_value(*shown) if shown else self.consent.basis,
            part=part,
            classes=self.consent.classes,
            detail=detail,
        )

    def audit(
        self,
        *,
        action: str,
        object_type: str,
        object_id: Any = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Write the event of a write to this course now, in the service's transaction (a
        rolled-back write leaves no event)."""
        audit_record(
            actor=self.actor,
            action=action,
            outcome=AuditOutcome.ALLOWED,
            object_type=object_type,
            object_id=object_id,
            citizen_id=self.course.citizen_id,
            purpose=self.purpose,
            detail=detail or None,
        )


@dataclass(frozen=True, eq=False)
class CitizenAccess:
    """A citizen and every course of theirs the actor may see, newest referral first."""

    actor: Actor
    citizen: Citizen
    courses: tuple[CourseAccess, ...]
    purpose: str

    @property
    def current(self) -> CourseAccess | None:
        """The newest open course, else the newest one (as the citizen page shows it)."""
        open_courses = [a for a in self.courses if a.course.is_open]
        candidates = open_courses or list(self.courses)
        return candidates[0] if candidates else None

    def of(self, course_id: uuid.UUID) -> CourseAccess | None:
        return next((a for a in self.courses if a.course.pk == course_id), None)

    @property
    def visible_by_course(self) -> dict[uuid.UUID, frozenset[str]]:
        return {a.course.pk: a.visible for a in self.courses}

    @property
    def course_list(self) -> list[Course]:
        return [a.course for a in self.courses]

    def note(
        self,
        *,
        action: str = AuditAction.READ,
        object_type: str,
        object_id: Any = "",
        part: str = "",
        shows: Iterable[str] = (),
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Note a read of the citizen's record as a whole (on the current course's terms)."""
        current = self.current
        if current is not None:
            current.note(
                action=action,
                object_type=object_type,
                object_id=object_id,
                part=part,
                shows=shows,
                detail=detail,
            )
            return
        # The citizen's own record after every course has gone (retention): still a read.
        note_read(
            actor=self.actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            citizen_id=self.citizen.pk,
            purpose=self.purpose,
            part=part,
            detail=detail,
        )

    def audit(
        self,
        *,
        action: str,
        object_type: str,
        object_id: Any = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Write the event of a write to this citizen's record now, in the service's
        transaction."""
        audit_record(
            actor=self.actor,
            action=action,
            outcome=AuditOutcome.ALLOWED,
            object_type=object_type,
            object_id=object_id,
            citizen_id=self.citizen.pk,
            purpose=self.purpose,
            detail=detail or None,
        )


def _newest_first(courses: Iterable[Course]) -> list[Course]:
    return sorted(courses, key=lambda c: (c.referral_date, c.created_at), reverse=True)


def _decide(
    actor: Actor | None, courses: list[Course], *, purpose: str
) -> tuple[CourseAccess, ...]:
    """The courses the actor may see, each with its consent decision (at most two queries)."""
    if actor is None:
        return ()
    allowed = [c for c in courses if CoursePolicy.allows(actor, c)]
    if not allowed:
        return ()
    decisions = consent_decisions_by_course(actor, allowed)
    # Only a course seen through nothing but a grant is an emergency (read-only); the grants are
    # not looked up at all when every course is the actor's own or their team's.
    through_grant = {
        c.pk
        for c in allowed
        if not CoursePolicy.sees_without_grant(actor, c)
        and not CoursePolicy.sees_through_group(actor, c)
    }
    return tuple(
        CourseAccess(
            actor=actor,
            course=course,
            consent=decisions[course.pk],
            purpose=purpose,
            emergency=course.pk in through_grant,
        )
        for course in _newest_first(allowed)
    )


def _courses_of(citizen_id: uuid.UUID, *, lock: bool) -> list[Course]:
    rows = Course.objects.filter(citizen_id=citizen_id)
    if lock:
        # Writers of one citizen's record queue behind each other (one draft, one numbering).
        rows = rows.select_for_update(of=("self",))
    # Whether the first-meeting protocol still holds the course back: in the same query, so the
    # consent decision asks nothing more.
    rows = rows.annotate(**{FIRST_MEETING_PENDING: first_meeting_pending_expression()})
    return list(rows.select_related(*COURSE_RELATED).defer(*COURSE_DEFERRED))


def _citizen_exists(citizen_id: uuid.UUID, courses: list[Course]) -> bool:
    return bool(courses) or Citizen.objects.filter(pk=citizen_id).exists()


def _load(actor: Actor | None, citizen_id: uuid.UUID, purpose: str) -> tuple[list, tuple]:
    """The citizen's courses and what the actor may see of them, once per request."""

    def compute() -> tuple[list[Course], tuple[CourseAccess, ...]]:
        courses = _courses_of(citizen_id, lock=False)
        return courses, _decide(actor, courses, purpose=purpose)

    if actor is None:
        return compute()
    courses, decided = memoised((MEMO_KEY, actor.user_id, citizen_id), compute)
    # The decision does not depend on the purpose; the audit events do.
    if decided and decided[0].purpose != purpose:
        decided = tuple(
            CourseAccess(
                actor=a.actor,
                course=a.course,
                consent=a.consent,
                purpose=purpose,
                emergency=a.emergency,
            )
            for a in decided
        )
    return courses, decided


def citizen_access(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    purpose: str,
    action: str = AuditAction.READ,
    object_type: str = "citizen",
    object_id: Any = None,
    part: str = "",
    shows: Iterable[str] = (),
    detail: dict[str, Any] | None = None,
    note: bool = True,
) -> CitizenAccess:
    """The citizen and the courses the actor sees; an audited 404 when there are none.

    `note=False` when the caller notes its own, more specific read once it has found it."""
    courses, decided = _load(actor, citizen_id, purpose)
    own = actor is not None and actor.is_citizen and actor.citizen_id == citizen_id
    if not decided and own and not courses:
        # A citizen whose courses have all ended and gone still has a page of their own.
        citizen = Citizen.objects.defer("national_id").filter(pk=citizen_id).first()
        if citizen is not None:
            assert actor is not None
            access = CitizenAccess(actor=actor, citizen=citizen, courses=(), purpose=purpose)
            if note:
                access.note(action=action, object_type=object_type, object_id=citizen_id)
            return access
    if not decided or actor is None:
        raise refused_read(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=citizen_id if object_id is None else object_id,
            citizen_id=citizen_id if _citizen_exists(citizen_id, courses) else None,
            purpose=purpose,
        )
    access = CitizenAccess(
        actor=actor, citizen=decided[0].course.citizen, courses=decided, purpose=purpose
    )
    if note:
        access.note(
            action=action,
            object_type=object_type,
            object_id=citizen_id if object_id is None else object_id,
            part=part,
            shows=shows,
            detail=detail,
        )
    return access


def course_access(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    purpose: str,
    action: str = AuditAction.READ,
    object_type: str = "course",
    object_id: Any = None,
    part: str = "",
    shows: Iterable[str] = (),
    detail: dict[str, Any] | None = None,
    note: bool = True,
) -> CourseAccess:
    """The citizen's current course (the newest open one) as the actor may see it."""
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=purpose,
        action=action,
        object_type=object_type,
        object_id=object_id,
        note=False,
    )
    current = access.current
    if current is None:  # the citizen's own record, with no course left
        raise refused_read(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=citizen_id if object_id is None else object_id,
            citizen_id=None,
            purpose=purpose,
        )
    if note:
        current.note(
            action=action,
            object_type=object_type,
            object_id=citizen_id if object_id is None else object_id,
            part=part,
            shows=shows,
            detail=detail,
        )
    return current


def record_owner(
    model: type[models.Model], record_id: Any, *, course_path: str = "course"
) -> tuple[uuid.UUID, uuid.UUID] | None:
    """(course id, citizen id) of one record, or None when there is no such record."""
    try:
        return (
            model._default_manager.filter(pk=record_id)
            .values_list(f"{course_path}_id", f"{course_path}__citizen_id")
            .first()
        )
    except (ValueError, TypeError, models.ObjectDoesNotExist):
        return None


def record_access(
    *,
    actor: Actor | None,
    model: type[models.Model],
    record_id: Any,
    purpose: str,
    object_type: str,
    action: str = AuditAction.READ,
    course_path: str = "course",
    shows: Iterable[str] = (),
    note: bool = True,
) -> CourseAccess:
    """The course of one record addressed by its own id; refused as that record (404)."""
    owner = record_owner(model, record_id, course_path=course_path)
    found: CourseAccess | None = None
    if owner is not None:
        _courses, decided = _load(actor, owner[1], purpose)
        found = next((a for a in decided if a.course.pk == owner[0]), None)
    if found is None:
        raise refused_read(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=record_id,
            citizen_id=owner[1] if owner else None,
            purpose=purpose,
        )
    if note:
        found.note(action=action, object_type=object_type, object_id=record_id, shows=shows)
    return found


# --- Writes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """What a write needs of the access beyond seeing the course, and what the person is told
    (403) when it is not met: e.g. `Requirement(CarePolicy.can_write_health, _("Only ..."))`."""

    test: Callable[[CourseAccess], bool]
    refusal: Any  # a (lazy) text

    def __call__(self, access: CourseAccess) -> bool:
        return self.test(access)


def citizen_write_access(
    *,
    actor: Actor | None,
    purpose: str,
    object_type: str,
    citizen_id: uuid.UUID | None,
    object_id: Any = None,
    lock: bool = True,
) -> CitizenAccess:
    """Inside a service's transaction: every course of the citizen the actor sees, decided
    afresh (never memoised: a write decides on what is committed now) and locked. Raises
    `Refused` (404), which the service decorator audits after rolling back."""
    refused_id = object_id if object_id is not None else citizen_id
    if citizen_id is None or actor is None:
        raise Refused(object_type=object_type, object_id=refused_id, citizen_id=None)
    courses = _courses_of(citizen_id, lock=lock)
    decided = _decide(actor, courses, purpose=purpose)
    if not decided:
        raise Refused(
            object_type=object_type,
            object_id=refused_id,
            citizen_id=citizen_id if _citizen_exists(citizen_id, courses) else None,
        )
    return CitizenAccess(
        actor=actor, citizen=decided[0].course.citizen, courses=decided, purpose=purpose
    )


def course_write_access(
    *,
    actor: Actor | None,
    purpose: str,
    object_type: str,
    citizen_id: uuid.UUID | None = None,
    course_id: uuid.UUID | None = None,
    object_id: Any = None,
    require: Requirement | None = None,
    lock: bool = True,
) -> CourseAccess:
    """Inside a service's transaction: the course to write to, decided afresh and locked.

    `citizen_id` names the citizen's current course; `course_id` (with the `citizen_id` it
    belongs to, when known) one course. Raises `Refused` — 404 when the actor may not see it,
    403 with the requirement's refusal when they may see it but it is not met — which the
    service decorator audits after rolling the transaction back.
    """
    if citizen_id is None and course_id is not None:
        citizen_id = (
            Course.objects.filter(pk=course_id).values_list("citizen_id", flat=True).first()
        )
    refused_id = object_id if object_id is not None else (citizen_id or course_id)
    access = citizen_write_access(
        actor=actor,
        purpose=purpose,
        object_type=object_type,
        citizen_id=citizen_id,
        object_id=refused_id,
        lock=lock,
    )
    found = access.of(course_id) if course_id is not None else access.current
    if found is None:
        raise Refused(object_type=object_type, object_id=refused_id, citizen_id=citizen_id)
    if require is not None and not require(found):
        raise Refused(
            object_type=object_type,
            object_id=refused_id,
            citizen_id=citizen_id,
            forbidden=str(require.refusal),
        )
    return found


def record_write_access(
    *,
    actor: Actor | None,
    model: type[models.Model],
    record_id: Any,
    purpose: str,
    object_type: str,
    require: Requirement | None = None,
    course_path: str = "course",
) -> CourseAccess:
    """Inside a service's transaction: the course of one record addressed by its own id, decided
    afresh and locked — the write twin of `record_access`; refused as that record."""
    owner = record_owner(model, record_id, course_path=course_path)
    if owner is None:
        raise Refused(object_type=object_type, object_id=record_id, citizen_id=None)
    return course_write_access(
        actor=actor,
        purpose=purpose,
        object_type=object_type,
        object_id=record_id,
        course_id=owner[0],
        citizen_id=owner[1],
        require=require,
    )
