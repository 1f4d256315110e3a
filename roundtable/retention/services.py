"""The retention job and legal holds (SECURITY.md 25).

`retention_run` walks the ended courses. For each, in its own transaction, it deletes the records
of every data class whose time has come (schedule.py), and when every class of the course is gone,
the course, and then the citizen if they have no other course. A course under a legal hold is
skipped whole. A course that fails rolls back whole and the job goes on. Each course the job
deleted anything from gets one audit event (action delete, object type "retention", counts only);
audit events themselves are never deleted.

Deletion never takes a record of a class that is not yet due: each row is deleted through
Django's collector, and a row whose deletion would cascade into (or is protected or restricted by)
a record of a class still kept waits until that class is due too.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.models import User
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Citizen, Course
from roundtable.consent.models import ConsentDirective, ConsentProvision
from roundtable.core.data_classes import ALL_CLASSES
from roundtable.organisations.models import Professional
from roundtable.retention.models import CourseEnd, LegalHold
from roundtable.retention.registry import (
    CourseRecord,
    course_records,
    generic_records,
    own_deletions,
)
from roundtable.retention.schedule import Schedule, due_for_deletion, retention_schedule
from roundtable.retention.selectors import course_end_date, course_is_held, ended_courses

logger = logging.getLogger(__name__)

# Cascades go a few levels deep (a decision's options under a meeting): as many passes as that.
_MAX_PASSES = 5


class _DryRunRollback(Exception):
    """Raised at the end of a dry run's transaction to undo it."""


@dataclass
class CourseOutcome:
    course_id: uuid.UUID
    ended_on: dt.date | None = None
    held: bool = False
    due_classes: list[str] = field(default_factory=list)
    records: Counter[str] = field(default_factory=Counter)
    course_deleted: bool = False
    citizen_deleted: bool = False
    error: str = ""

    @property
    def deleted_anything(self) -> bool:
        return bool(self.records) or self.course_deleted


@dataclass
class RunReport:
    dry_run: bool
    today: dt.date
    courses: list[CourseOutcome] = field(default_factory=list)

    @property
    def courses_seen(self) -> int:
        return len(self.courses)

    @property
    def courses_held(self) -> int:
        return sum(1 for c in self.courses if c.held)

    @property
    def courses_touched(self) -> int:
        return sum(1 for c in self.courses if c.deleted_anything)

    @property
    def courses_deleted(self) -> int:
        return sum(1 for c in self.courses if c.course_deleted)

    @property
    def citizens_deleted(self) -> int:
        return sum(1 for c in self.courses if c.citizen_deleted)

    @property
    def failures(self) -> int:
        return sum(1 for c in self.courses if c.error)

    @property
    def records(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for c in self.courses:
            total.update(c.records)
        return total


# --- Legal holds -------------------------------------------------------------------------------


@transaction.atomic
def legal_hold_place(
    *,
    set_by: User,
    reason: str,
    citizen: Citizen | None = None,
    course: Course | None = None,
) -> LegalHold:
    """Keep a citizen's records (every course) or one course's, whatever the schedule says."""
    if (citizen is None) == (course is None):
        raise ValidationError(_("Give either a citizen or a course."))
    if not reason.strip():
        raise ValidationError(_("Say why the records must be kept."))
    hold = LegalHold(citizen=citizen, course=course, reason=reason.strip(), set_by=set_by)
    hold.full_clean()
    hold.save()
    audit_record(
        actor=None,
        username=getattr(set_by, "username", ""),
        action=AuditAction.CREATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="legal_hold",
        object_id=hold.pk,
        citizen_id=citizen.pk if citizen else course.citizen_id if course else None,
        purpose="retention",
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, hold_id: uuid.UUID, lifted_by: User) -> LegalHold:
    """Lift a hold. The row stays; the job may delete the records on its next run."""
    hold = LegalHold.objects.select_for_update().get(pk=hold_id)
    if hold.lifted_at is not None:
        return hold
    hold.lifted_at = timezone.now()
    hold.lifted_by = lifted_by
    hold.save(update_fields=["lifted_at", "lifted_by"])
    audit_record(
        actor=None,
        username=getattr(lifted_by, "username", ""),
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="legal_hold",
        object_id=hold.pk,
        citizen_id=hold.citizen_id
        or Course.objects.filter(pk=hold.course_id).values_list("citizen_id", flat=True).first(),
        purpose="retention",
        detail={"lifted": True},
    )
    return hold


# --- Deletion ----------------------------------------------------------------------------------


def _class_of(obj: models.Model, implied: dict[str, str]) -> str | None:
    return getattr(obj, "data_class", None) or implied.get(obj._meta.label)


def _takes_only_due(collector: Collector, due: frozenset[str], implied: dict[str, str]) -> bool:
    """Whether everything the collector would delete is of a class that is due (or of none)."""
    for instances in collector.data.values():
        for obj in instances:
            data_class = _class_of(obj, implied)
            if data_class is not None and data_class not in due:
                return False
    for qs in collector.fast_deletes:
        model = qs.model
        label = model._meta.label
        has_column = any(f.name == "data_class" for f in model._meta.concrete_fields)
        if label in implied and implied[label] not in due and qs.exists():
            return False
        if has_column and qs.exclude(data_class__in=due).exists():
            return False
    return True


def _delete_rows(
    rows: Iterable[models.Model], due: frozenset[str], implied: dict[str, str]
) -> Counter[str]:
    """Delete each row that takes nothing still kept with it; the counts per model label."""
    deleted: Counter[str] = Counter()
    for obj in rows:
        collector = Collector(using=DEFAULT_DB_ALIAS, origin=obj)
        try:
            collector.collect([obj])
        except (ProtectedError, RestrictedError):
            continue  # something still kept points at it: it waits for that
        if not _takes_only_due(collector, due, implied):
            continue
        _, per_model = collector.delete()
        deleted.update({label: n for label, n in per_model.items() if n})
    return deleted


def _rows_due(record: CourseRecord, course: Course, due: frozenset[str]) -> models.QuerySet:
    rows = record.model._default_manager.filter(**{record.course_path: course.pk})
    if record.implied_class is not None:
        return rows if record.implied_class in due else rows.none()
    return rows.filter(data_class__in=due)


def consent_records_expunge(*, citizen: Citizen) -> Counter[str]:
    """Remove a citizen's consent directives when the citizen goes. Directives are append-only in
    code (`save` and `delete` refuse), and each PROTECTs its predecessor: delete the provisions,
    then the directives newest first. A queryset delete does not call the model's `delete`."""
    deleted: Counter[str] = Counter()
    _, per_model = ConsentProvision.objects.filter(directive__citizen=citizen).delete()
    deleted.update({label: n for label, n in per_model.items() if n})
    directives = ConsentDirective.objects.filter(citizen=citizen)
    while directives.exists():
        newest = directives.filter(next_version__isnull=True)
        if not newest.exists():
            raise RuntimeError("consent versions form a cycle")
        _, per_model = newest.delete()
        deleted.update({label: n for label, n in per_model.items() if n})
    return deleted


def _class_records_delete(course: Course, due: frozenset[str]) -> Counter[str]:
    implied = {r.label: r.implied_class for r in generic_records() if r.implied_class is not None}
    deleted: Counter[str] = Counter()
    for expunge in own_deletions():
        deleted.update(expunge(course=course, data_classes=due))
    for _pass in range(_MAX_PASSES):
        found: Counter[str] = Counter()
        for record in generic_records():
            found.update(_delete_rows(_rows_due(record, course, due), due, implied))
        deleted.update(found)
        if not found:
            break
    return deleted


def _course_remains(course: Course) -> bool:
    """Whether any covered record of the course is still there."""
    return any(
        r.model._default_manager.filter(**{r.course_path: course.pk}).exists()
        for r in course_records()
    )


def _citizen_delete(citizen: Citizen) -> Counter[str]:
    deleted = consent_records_expunge(citizen=citizen)
    LegalHold.objects.filter(citizen=citizen, lifted_at__isnull=False).delete()
    user = citizen.user
    _, per_model = citizen.delete()
    deleted.update({label: n for label, n in per_model.items() if n})
    # The citizen's login holds their name. A professional's account is never touched.
    if user is not None and not Professional.objects.filter(user=user).exists():
        try:
            _, per_model = get_user_model().objects.filter(pk=user.pk).delete()
        except (ProtectedError, RestrictedError):
            logger.warning("retention: citizen login %s kept: still referenced", user.pk)
        else:
            deleted.update({label: n for label, n in per_model.items() if n})
    return deleted


def _course_apply(
    course: Course, today: dt.date, params: Schedule, outcome: CourseOutcome, *, audit: bool
) -> None:
    ended_on = course_end_date(course=course)
    outcome.ended_on = ended_on
    CourseEnd.objects.update_or_create(course=course, defaults={"ended_on": ended_on})
    due = frozenset(
        c for c in ALL_CLASSES if due_for_deletion(ended_on, c, course.jurisdiction, today, params)
    )
    outcome.due_classes = sorted(due)
    if not due:
        return
    outcome.records.update(_class_records_delete(course, due))
    if due == ALL_CLASSES and not _course_remains(course):
        citizen = course.citizen
        LegalHold.objects.filter(course=course, lifted_at__isnull=False).delete()
        _, per_model = Course.objects.filter(pk=course.pk).delete()
        outcome.records.update({label: n for label, n in per_model.items() if n})
        outcome.course_deleted = True
        if not Course.objects.filter(citizen=citizen).exists():
            outcome.records.update(_citizen_delete(citizen))
            outcome.citizen_deleted = True
    if audit and outcome.deleted_anything:
        audit_record(
            actor=None,
            action=AuditAction.DELETE,
            outcome=AuditOutcome.ALLOWED,
            object_type="retention",
            object_id=course.pk,
            citizen_id=course.citizen_id,
            purpose="retention",
            detail={
                "classes": outcome.due_classes,
                "records": dict(sorted(outcome.records.items())),
                "course_deleted": outcome.course_deleted,
                "citizen_deleted": outcome.citizen_deleted,
            },
        )


def retention_course_apply(
    *, course_id: uuid.UUID, today: dt.date, params: Schedule, dry_run: bool = False
) -> CourseOutcome:
    """One course, in one transaction: all of what is due goes, or nothing does. A dry run does
    the same work and rolls it back (so its counts are exact), without an audit event."""
    outcome = CourseOutcome(course_id=course_id)
    try:
        with transaction.atomic():
            course = Course.objects.select_for_update().filter(pk=course_id).first()
            if course is None:
                return outcome
            if course_is_held(course=course):
                outcome.held = True
                return outcome
            # A dry run writes no audit event for work that is undone.
            _course_apply(course, today, params, outcome, audit=not dry_run)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    except Exception as error:  # one course's failure must not stop the others
        logger.exception("retention: course %s left whole", course_id)
        outcome.records.clear()
        outcome.course_deleted = outcome.citizen_deleted = False
        outcome.error = f"{type(error).__name__}: {error}"[:300]
    return outcome


def retention_run(
    *, today: dt.date | None = None, dry_run: bool = False, params: Schedule | None = None
) -> RunReport:
    """Apply the schedule to every ended course. Idempotent: a second run finds nothing due."""
    today = today or timezone.localdate()
    params = params if params is not None else retention_schedule()
    report = RunReport(dry_run=dry_run, today=today)
    for course_id in list(ended_courses().values_list("pk", flat=True)):
        report.courses.append(
            retention_course_apply(course_id=course_id, today=today, params=params, dry_run=dry_run)
        )
    # A course opened again starts over: its recorded end no longer counts.
    if not dry_run:
        CourseEnd.objects.exclude(course__in=ended_courses()).delete()
    return report
