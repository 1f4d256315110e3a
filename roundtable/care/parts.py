"""The care manager's part of the whole record (roundtable.citizens.record): the mental-health
assessment, care steps, sessions, symptom scores and the functional-capacity summary — each only
where the reader may read its data class."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from roundtable.care.models import (
    Attendance,
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
    SessionKind,
    SessionNote,
    SymptomScore,
)
from roundtable.care.policies import readable_classes_of
from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import (
    Part,
    RetainedRecord,
    TimelineEntry,
    dump_records,
    record_page_url,
    written_entries,
)
from roundtable.core.data_classes import DataClass


def _url(access: CourseAccess, anchor: str) -> str:
    return record_page_url(
        access, staff="assessments:page", own="assessments:my-page", anchor=anchor
    )


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    """Plain values, not model objects: a long history costs rows, not objects."""
    course, classes = access.course, readable_classes_of(access)
    entries: list[TimelineEntry] = []
    if DataClass.HEALTH_SUMMARY in classes:
        entries += _written(
            access,
            HealthAssessment,
            classes,
            kind="health_assessment",
            created=_("Mental-health assessment written"),
            updated=_("Mental-health assessment updated"),
            anchor="health",
        )
        steps_url = _url(access, "care-steps")
        for starts_on, description, name, data_class in (
            CareStep.objects.filter(course=course, data_class__in=classes)
            .order_by("starts_on")
            .values_list("starts_on", "description", "treatment__name", "data_class")
        ):
            title = _("Care step starts: %(treatment)s") % {
                "treatment": description or gettext(name)
            }
            entries.append(TimelineEntry(starts_on, "care_step", title, steps_url, data_class))
        sessions_url = _url(access, "sessions")
        kinds, attendances = dict(SessionKind.choices), dict(Attendance.choices)
        for held_on, kind, attendance, data_class in (
            CareSession.objects.filter(course=course, data_class__in=classes)
            .order_by("held_on")
            .values_list("held_on", "kind", "attendance", "data_class")
        ):
            title = _("Session (%(kind)s): %(attendance)s") % {
                "kind": kinds.get(kind, kind),
                "attendance": attendances.get(attendance, attendance),
            }
            entries.append(TimelineEntry(held_on, "session", title, sessions_url, data_class))
        symptoms_url = _url(access, "symptoms")
        for measured_on, instrument, score, data_class in (
            SymptomScore.objects.filter(course=course, data_class__in=classes)
            .order_by("measured_on")
            .values_list("measured_on", "instrument", "score", "data_class")
        ):
            title = _("%(instrument)s score: %(score)s") % {
                "instrument": instrument,
                "score": number_format(score.normalize()),
            }
            entries.append(
                TimelineEntry(measured_on, "symptom_score", title, symptoms_url, data_class)
            )
    if DataClass.FUNCTIONAL_CAPACITY in classes:
        entries += _written(
            access,
            FunctionalCapacity,
            classes,
            kind="functional_capacity",
            created=_("Work capacity summary written"),
            updated=_("Work capacity summary updated"),
            anchor="functional-capacity",
        )
    return entries


def _written(
    access: CourseAccess,
    model: type[models.Model],
    classes: frozenset[str],
    *,
    kind: str,
    created: str,
    updated: str,
    anchor: str,
) -> list[TimelineEntry]:
    row = (
        model._default_manager.filter(course=access.course, data_class__in=classes)
        .values("created_at", "updated_at", "data_class")
        .first()
    )
    if row is None:
        return []
    return written_entries(
        SimpleNamespace(**row),
        kind=kind,
        created=created,
        updated=updated,
        url=_url(access, anchor),
    )


# (export name, model, path to the course)
RECORDS = (
    ("health_assessment", HealthAssessment, "course"),
    ("functional_capacity", FunctionalCapacity, "course"),
    ("care_steps", CareStep, "course"),
    ("care_sessions", CareSession, "course"),
    ("therapy_notes", SessionNote, "session__course"),
    ("symptom_scores", SymptomScore, "course"),
)


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    """Everything the reader may read: the citizen's copy holds the therapy notes too (GDPR
    art. 15), though their page leaves out the care manager's working notes."""
    found = {name: dump_records(model, path, accesses) for name, model, path in RECORDS}
    return {
        a.course.pk: {name: rows[a.course.pk] for name, rows in found.items() if rows[a.course.pk]}
        for a in accesses
    }


PART = Part(
    name="care",
    timeline=timeline,
    export=(("care", export),),
    retained=tuple(RetainedRecord(model, path) for _name, model, path in RECORDS),
    labelled=tuple(model for _name, model, _path in RECORDS),
)
