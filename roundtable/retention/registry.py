"""Which records belong to a course and which data class each holds: what each app's part
declares (``retained`` in its ``parts.py``, collected in ``roundtable.parts.PARTS``).

``discovered_records`` finds, through the app registry, every model with a ``data_class``
column (or an implied class: the sick-leave records are the jobcentre's benefit case) and a
chain of non-nullable foreign keys (at most three) to ``citizens.Course``; a test checks that the
parts declare exactly those, so nothing is forgotten. Anything else that hangs off the course
(reminders, "handled" marks) goes with the course itself when its last class goes.

The journal's rows PROTECT one another by design; its part deletes them itself
(``journal.services.journal_records_expunge``).
"""

from __future__ import annotations

import functools
from collections import deque

from django.apps import apps
from django.db import models

from roundtable.citizens.models import Course
from roundtable.citizens.record import Expunge, RetainedRecord
from roundtable.core.data_classes import DataClass
from roundtable.parts import PARTS

# Models whose rows all hold one class but have no column saying so.
IMPLIED_CLASSES: dict[str, str] = {
    "sickleave.BenefitPeriod": DataClass.BENEFIT_DECISION,
    "sickleave.BenefitDecision": DataClass.BENEFIT_DECISION,
    "sickleave.EvidenceRequest": DataClass.BENEFIT_DECISION,
}

# Never touched by retention: the audit trail is append-only and holds no clinical content; holds
# are what stops the job.
EXCLUDED_APPS = frozenset({"audit", "retention"})


CourseRecord = RetainedRecord


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
def course_records() -> tuple[RetainedRecord, ...]:
    """Every kind of course record the parts declare, deeper ones first (a note under a
    session under the course goes before its parents)."""
    found = [record for part in PARTS for record in part.retained]
    found.sort(key=lambda r: (-r.depth, r.label))
    return tuple(found)


def generic_records() -> tuple[RetainedRecord, ...]:
    """The records the job deletes row by row."""
    return tuple(r for r in course_records() if not r.own_deletion)


def own_deletions() -> tuple[Expunge, ...]:
    """The parts' own deletions (rows that protect one another, such as the journal's)."""
    return tuple(part.expunge for part in PARTS if part.expunge is not None)


def discovered_records() -> dict[str, str]:
    """Label → course path of every model that holds a data class (a `data_class` column, or
    one of IMPLIED_CLASSES) and hangs off a course: what the parts must declare. Checked by a
    test, so a new app's records cannot be forgotten by the retention job."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        if model._meta.app_label in EXCLUDED_APPS or model is Course:
            continue
        field_names = {f.name for f in model._meta.concrete_fields}
        if "data_class" not in field_names and model._meta.label not in IMPLIED_CLASSES:
            continue
        path = _course_path(model)
        if path is not None:
            found[model._meta.label] = path
    return found
