"""Which records belong to a course and which data class each holds, found through the app
registry, so that a new app's records are covered without editing this one.

A record is covered when its model has a concrete ``data_class`` column and a chain of
non-nullable forward foreign keys (at most three) to ``citizens.Course``. A few models hold a
class without the column (the sick-leave records are the jobcentre's benefit case): they are named
in ``IMPLIED_CLASSES``. Anything else that hangs off the course (reminders, "handled" marks)
goes with the course itself when its last class goes.

The journal is covered too, but deleted by its own service (``services.journal_records_expunge``)
because its rows PROTECT one another by design.
"""

from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass

from django.apps import apps
from django.db import models

from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass

# Models whose rows all hold one class but have no column saying so.
IMPLIED_CLASSES: dict[str, str] = {
    "sickleave.BenefitPeriod": DataClass.BENEFIT_DECISION,
    "sickleave.BenefitDecision": DataClass.BENEFIT_DECISION,
    "sickleave.EvidenceRequest": DataClass.BENEFIT_DECISION,
}

# Never touched by retention: the audit trail is append-only and holds no clinical content; holds
# are what stops the job.
EXCLUDED_APPS = frozenset({"audit", "retention"})

JOURNAL_APP = "journal"


@dataclass(frozen=True)
class CourseRecord:
    model: type[models.Model]
    course_path: str  # e.g. "session__course"
    implied_class: str | None  # None: the row's own data_class column

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def depth(self) -> int:
        return self.course_path.count("__") + 1


def _course_path(model: type[models.Model], max_depth: int = 3) -> str | None:
    """The shortest chain of non-null forward foreign keys from `model` to Course."""
    queue: deque[tuple[type[models.Model], str, int]] = deque([(model, "", 0)])
    while queue:
        current, prefix, depth = queue.popleft()
        if depth >= max_depth:
            continue
        for field in current._meta.concrete_fields:
            if not field.is_relation or field.null or field.related_model is None:
                continue
            path = f"{prefix}{field.name}"
            if field.related_model is Course:
                return path
            target = field.related_model
            if isinstance(target, type) and target is not current:
                queue.append((target, f"{path}__", depth + 1))
    return None


@functools.cache
def course_records() -> tuple[CourseRecord, ...]:
    """Every covered model, those that point at others first (children before parents)."""
    found: list[CourseRecord] = []
    for model in apps.get_models():
        if model._meta.app_label in EXCLUDED_APPS or model is Course:
            continue
        field_names = {f.name for f in model._meta.concrete_fields}
        implied = IMPLIED_CLASSES.get(model._meta.label)
        if "data_class" not in field_names and implied is None:
            continue
        path = _course_path(model)
        if path is None:
            continue
        found.append(CourseRecord(model, path, implied))
    # Deeper records (a note under a session under the course) go before their parents.
    found.sort(key=lambda r: (-r.depth, r.label))
    return tuple(found)


def generic_records() -> tuple[CourseRecord, ...]:
    return tuple(r for r in course_records() if r.model._meta.app_label != JOURNAL_APP)
