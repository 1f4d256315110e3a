"""The sections of an access export: each app's part contributes its own (its `parts.py`,
collected in `roundtable.parts.PARTS`).

A section takes the courses being exported as the gate decided them and returns, per course id,
a JSON-ready value. Sections run a fixed number of queries whatever the number of courses and
records, and leave out every record whose data class the requester may not read: the export
never holds more than the pages show.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Sequence
from typing import Any

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass
from roundtable.parts import PARTS


def _name(professional) -> str | None:
    return professional.user.display_name if professional else None


def export_sections(accesses: Sequence[CourseAccess]) -> dict[str, dict[uuid.UUID, Any]]:
    """Every part's sections, in the order of `roundtable.parts.PARTS`."""
    return {name: section(accesses) for part in PARTS for name, section in part.export}


@functools.cache
def field_labels() -> dict[str, Any]:
    """The verbose names of the dumped columns, for the readable document (lazy texts,
    translated when shown; built once per process from the models, which do not change)."""
    labels: dict[str, Any] = {}
    for part in PARTS:
        for model in part.labelled:
            for f in model._meta.concrete_fields:
                labels.setdefault(f.name, f.verbose_name)
    return labels


def course_header(course: Course, visible: frozenset[str]) -> dict[str, Any]:
    return {
        "id": str(course.pk),
        "team": course.team.name,
        "care_manager": _name(course.care_manager),
        "employment_consultant": _name(course.employment_consultant),
        "referral_date": course.referral_date,
        "first_day_of_absence": course.first_absence_day,
        "status": course.get_status_display(),
        "diagnosis_group": (
            course.get_diagnosis_group_display() if DataClass.DIAGNOSIS in visible else None
        ),
    }


def as_json_ready(value: Any) -> Any:
    """Dates as ISO text, lazy text as text, recursively."""
    if isinstance(value, dict):
        return {str(k): as_json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_json_ready(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
