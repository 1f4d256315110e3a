"""Writes of outcomes: the work and benefit history, register imports and trial arms.

Atomic, checked, audited, the only place these models are saved. Bad input raises
ValidationError with every problem found, in words a person can act on, and nothing is saved.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.authored import authored_create
from roundtable.citizens.gate import course_write_access
from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass
from roundtable.core.fields import keyed_digest
from roundtable.core.problems import check_choice, check_length, date_problems, raise_problems
from roundtable.core.services import Refused, service
from roundtable.organisations.models import Role
from roundtable.outcomes.definitions import CATEGORIES, parse_iso_week
from roundtable.outcomes.models import (
    BenefitStatus,
    EmploymentTerms,
    HistoryKind,
    RegisterImport,
    RegisterWeek,
    TrialArm,
    WorkHistoryEntry,
)
from roundtable.outcomes.policies import WRITES_HISTORY

PURPOSE = "outcomes"
IMPORT_BATCH = 5_000


@dataclass(frozen=True)
class HistoryData:
    kind: str
    starts_on: dt.date | None
    ends_on: dt.date | None = None
    employer: str = ""
    job_title: str = ""
    terms: str = ""
    hours_per_week: Decimal | str | None = None
    benefit_status: str = ""
    note: str = ""


def _hours(value: Decimal | str | None, problems: list[str]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or not hours.is_finite() or not Decimal(0) <= hours <= Decimal(80):
        problems.append(_("Give the hours a week as a number from 0 to 80."))
        return None
    return hours


def _problems(data: HistoryData, hours: Decimal | None, problems: list[str]) -> None:
    check_choice(problems, data.kind, HistoryKind, _("what happened"))
    problems += date_problems(data.starts_on, _("the first day"), not_future=True)
    problems += date_problems(data.ends_on, _("the last day"), required=False, not_future=True)
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        problems.append(_("The last day cannot be before the first day."))
    for value, limit, label in (
        (data.employer, 200, _("the employer or school")),
        (data.job_title, 200, _("the job title or course")),
        (data.note, 2000, _("the note")),
    ):
        check_length(problems, value, limit, label)
    if data.kind == HistoryKind.JOB:
        if not data.employer.strip() or not data.job_title.strip():
            problems.append(_("Give the employer and the job title."))
        check_choice(problems, data.terms, EmploymentTerms, _("the terms of the job"))
        if hours is None:
            problems.append(_("Give the hours a week."))
    if data.kind == HistoryKind.OWN_WORKPLACE and hours is None:
        problems.append(_("Give the hours a week."))
    if data.kind == HistoryKind.EDUCATION and not data.job_title.strip():
        problems.append(_("Give the education or course."))
    if data.kind == HistoryKind.BENEFIT:
        check_choice(problems, data.benefit_status, BenefitStatus, _("the benefit status"))


@service(AuditAction.CREATE, purpose=PURPOSE)
def work_history_record(
    *, actor: Actor | None, citizen_id: uuid.UUID, data: HistoryData
) -> WorkHistoryEntry:
    """Record what happened in the course: a job, education, a benefit change, an absence."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="work_history",
        citizen_id=citizen_id,
        require=WRITES_HISTORY,
    )
    problems: list[str] = []
    hours = _hours(data.hours_per_week, problems)
    _problems(data, hours, problems)
    raise_problems(problems)
    assert data.starts_on is not None
    existing = WorkHistoryEntry.objects.filter(course=access.course, kind=data.kind)
    if data.kind == HistoryKind.BENEFIT and existing.filter(starts_on=data.starts_on).exists():
        raise ValidationError(
            _("A benefit status already starts on this day. Two cannot start on the same day.")
        )
    if data.kind == HistoryKind.ABSENCE:
        end = data.ends_on or dt.date.max
        overlapping = existing.filter(starts_on__lte=end).exclude(ends_on__lt=data.starts_on)
        if overlapping.exists():
            raise ValidationError(_("This absence overlaps an absence already recorded."))
    data_class = (
        DataClass.BENEFIT_DECISION if data.kind == HistoryKind.BENEFIT else DataClass.VOCATIONAL
    )
    job_like = data.kind in (HistoryKind.JOB, HistoryKind.OWN_WORKPLACE, HistoryKind.EDUCATION)
    return authored_create(
        access,
        WorkHistoryEntry,
        "work_history",
        kind=data.kind,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        employer=data.employer.strip() if job_like else "",
        job_title=data.job_title.strip() if job_like else "",
        terms=data.terms if data.kind == HistoryKind.JOB else "",
        hours_per_week=hours if data.kind in (HistoryKind.JOB, HistoryKind.OWN_WORKPLACE) else None,
        benefit_status=data.benefit_status if data.kind == HistoryKind.BENEFIT else "",
        note=data.note.strip(),
        data_class=data_class,
    )


@service(AuditAction.UPDATE, purpose=PURPOSE)
def trial_arm_set(
    *,
    actor: Actor | None,
    course_id: uuid.UUID,
    arm: str,
    randomised_on: dt.date | None,
) -> TrialArm:
    """An evaluator records the course's trial arm and its randomisation date."""
    evaluator = actor is not None and actor.role == Role.EVALUATOR and actor.professional_id
    course = (
        Course.objects.filter(pk=course_id, team_id__in=actor.team_ids).first()
        if evaluator and actor is not None
        else None
    )
    if course is None or actor is None:
        raise Refused(object_type="trial_arm", object_id=course_id, citizen_id=None)
    problems: list[str] = []
    arm = arm.strip()
    if not arm:
        problems.append(_("Give the trial arm."))
    check_length(problems, arm, 60, _("the trial arm"))
    problems += date_problems(randomised_on, _("the randomisation date"), not_future=True)
    raise_problems(problems)
    record, _created = TrialArm.objects.update_or_create(
        course=course,
        defaults={
            "arm": arm,
            "randomised_on": randomised_on,
            "recorded_by_id": actor.professional_id,
        },
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="trial_arm",
        object_id=course.pk,
        citizen_id=course.citizen_id,
        purpose=PURPOSE,
    )
    return record


# --- Register import ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str

    def __str__(self) -> str:
        return _("line %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


class ImportRefused(ValidationError):
    """The file had rows that cannot be imported: nothing of it was imported."""

    def __init__(self, rejected: list[Rejected]) -> None:
        self.rejected = rejected
        super().__init__([str(r) for r in rejected[:200]])


@dataclass(frozen=True)
class ImportReport:
    rows_read: int
    rows_added: int
    rows_known: int
    people: int


def mapping_file(jurisdiction: str) -> Path:
    """The jurisdiction's mapping: ROUNDTABLE_REGISTER_MAPPINGS/<jurisdiction>.csv, or ours."""
    folder = (
        getattr(settings, "ROUNDTABLE_REGISTER_MAPPINGS", "") or Path(__file__).parent / "mappings"
    )
    return Path(folder) / f"{jurisdiction.lower()}.csv"


def read_mapping_file(path: Path) -> dict[str, str]:
    """A jurisdiction's ``code,category`` mapping (outcomes/mappings/<jurisdiction>.csv)."""
    mapping: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            code, category = (row.get("code") or "").strip(), (row.get("category") or "").strip()
            if code and category in CATEGORIES:
                mapping[code] = category
    return mapping


def _register_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = {name.strip() for name in reader.fieldnames or ()}
        if not {"national_id", "iso_week", "code"} <= header:
            raise ImportRefused([Rejected(1, _("the header must be national_id,iso_week,code"))])
        try:
            for row in reader:
                yield reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items() if k}
        except (csv.Error, UnicodeDecodeError) as error:
            raise ImportRefused([Rejected(reader.line_num, str(error))]) from None


def _batches(
    rows: Iterable[tuple[int, dict[str, str]]],
) -> Iterator[list[tuple[int, dict[str, str]]]]:
    batch: list[tuple[int, dict[str, str]]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == IMPORT_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def register_import(
    *,
    actor: Actor | None,
    path: Path,
    jurisdiction: str,
    mapping: dict[str, str],
) -> ImportReport:
    """Import a register file of ``national_id,iso_week,code`` rows, all or nothing.

    Matched through the national id's keyed digest (never decrypted); codes mapped to categories
    by the jurisdiction's mapping. Re-importing the same file adds nothing. Any rejected row
    (unknown person, bad week, unknown code) refuses the whole file with every reason, by line.
    Memory stays bounded: rows go in batches. Audited as one import with counts, no row content.
    """
    if actor is not None and actor.role not in (Role.EVALUATOR, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only an evaluator or an administrator imports register data."))
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    rejected: list[Rejected] = []
    read = added = 0
    people: set[int | uuid.UUID] = set()
    with transaction.atomic():
        source = RegisterImport.objects.create(
            jurisdiction=jurisdiction,
            file_digest=digest.hexdigest(),
            imported_by_id=actor.professional_id if actor else None,
        )
        for batch in _batches(_register_rows(path)):
            digests = {
                keyed_digest(row["national_id"]) for _line, row in batch if row["national_id"]
            }
            citizens = dict(
                Citizen.objects.filter(national_id_digest__in=digests).values_list(
                    "national_id_digest", "id"
                )
            )
            new: list[RegisterWeek] = []
            for line, row in batch:
                read += 1
                citizen_id = (
                    citizens.get(keyed_digest(row["national_id"])) if row["national_id"] else None
                )
                if citizen_id is None:
                    rejected.append(Rejected(line, _("unknown person")))
                    continue
                try:
                    week = parse_iso_week(row["iso_week"])
                except ValueError:
                    rejected.append(
                        Rejected(line, _("bad week %(week)r") % {"week": row["iso_week"]})
                    )
                    continue
                category = mapping.get(row["code"])
                if category is None:
                    rejected.append(
                        Rejected(line, _("unknown code %(code)r") % {"code": row["code"]})
                    )
                    continue
                people.add(citizen_id)
                new.append(
                    RegisterWeek(
                        citizen_id=citizen_id,
                        week=week,
                        code=row["code"],
                        category=category,
                        source=source,
                    )
                )
            if not rejected and new:
                before = RegisterWeek.objects.filter(source=source).count()
                RegisterWeek.objects.bulk_create(
                    new, ignore_conflicts=True, batch_size=IMPORT_BATCH
                )
                added += RegisterWeek.objects.filter(source=source).count() - before
        if rejected:
            transaction.set_rollback(True)
        else:
            RegisterImport.objects.filter(pk=source.pk).update(
                rows_read=read, rows_added=added, rows_known=read - added
            )
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                outcome=AuditOutcome.ALLOWED,
                object_type="register_import",
                object_id=source.pk,
                purpose=PURPOSE,
                detail={"rows_read": read, "rows_added": added, "people": len(people)},
            )
    if rejected:
        raise ImportRefused(rejected)
    return ImportReport(
        rows_read=read, rows_added=added, rows_known=read - added, people=len(people)
    )


def trial_arms_import(*, actor: Actor | None, path: Path) -> int:
    """Import trial arms, ``national_id,arm,randomised_on`` per row, onto each person's newest
    course; all or nothing, every rejected row named by line. Arm names must be among
    ``ROUNDTABLE_TRIAL_ARMS`` when that setting lists them. Audited with counts only."""
    if actor is not None and actor.role not in (Role.EVALUATOR, Role.ADMINISTRATOR):
        raise PermissionDenied(_("Only an evaluator or an administrator imports trial arms."))
    allowed = tuple(getattr(settings, "ROUNDTABLE_TRIAL_ARMS", ()) or ())
    rejected: list[Rejected] = []
    arms: dict[uuid.UUID, tuple[str, dt.date]] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if not {"national_id", "arm", "randomised_on"} <= set(reader.fieldnames or ()):
            raise ImportRefused(
                [Rejected(1, _("the header must be national_id,arm,randomised_on"))]
            )
        rows = [(reader.line_num, row) for row in reader]
    digests = {keyed_digest(row.get("national_id") or "-") for _line, row in rows}
    newest: dict[str, uuid.UUID] = {}
    for digest, course_id in (
        Course.objects.filter(citizen__national_id_digest__in=digests)
        .order_by("referral_date", "created_at")
        .values_list("citizen__national_id_digest", "id")
    ):
        newest[digest] = course_id
    for line, row in rows:
        found = newest.get(keyed_digest(row.get("national_id") or "-"))
        arm = (row.get("arm") or "").strip()
        if found is None:
            rejected.append(Rejected(line, _("unknown person")))
            continue
        if not arm or len(arm) > 60 or (allowed and arm not in allowed):
            rejected.append(Rejected(line, _("unknown arm %(arm)r") % {"arm": arm}))
            continue
        try:
            randomised_on = dt.date.fromisoformat((row.get("randomised_on") or "").strip())
        except ValueError:
            rejected.append(Rejected(line, _("the randomisation date is not a date")))
            continue
        arms[found] = (arm, randomised_on)
    if rejected:
        raise ImportRefused(rejected)
    with transaction.atomic():
        for course_id, (arm, randomised_on) in arms.items():
            TrialArm.objects.update_or_create(
                course_id=course_id,
                defaults={
                    "arm": arm,
                    "randomised_on": randomised_on,
                    "recorded_by_id": actor.professional_id if actor else None,
                },
            )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.ALLOWED,
            object_type="trial_arm_import",
            purpose=PURPOSE,
            detail={"courses": len(arms)},
        )
    return len(arms)
