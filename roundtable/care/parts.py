"""The care manager's part of the whole record (roundtable.citizens.record): the mental-health
assessment, care steps, sessions, symptom scores and the functional-capacity summary — each only
where the reader may read its data class."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from roundtable.care.models import (
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
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
    course, classes = access.course, readable_classes_of(access)
    entries: list[TimelineEntry] = []
    if DataClass.HEALTH_SUMMARY in classes:
        entries += written_entries(
            HealthAssessment.objects.filter(course=course, data_class__in=classes).first(),
            kind="health_assessment",
            created=_("Mental-health assessment written"),
            updated=_("Mental-health assessment updated"),
            url=_url(access, "health"),
        )
        steps_url = _url(access, "care-steps")
        for step in (
            CareStep.objects.filter(course=course, data_class__in=classes)
            .select_related("treatment")
            .order_by("starts_on")
        ):
            title = _("Care step starts: %(treatment)s") % {"treatment": step.label}
            entries.append(
                TimelineEntry(step.starts_on, "care_step", title, steps_url, step.data_class)
            )
        sessions_url = _url(access, "sessions")
        for session in CareSession.objects.filter(course=course, data_class__in=classes).order_by(
            "held_on"
        ):
            title = _("Session (%(kind)s): %(attendance)s") % {
                "kind": session.get_kind_display(),
                "attendance": session.get_attendance_display(),
            }
            entries.append(
                TimelineEntry(session.held_on, "session", title, sessions_url, session.data_class)
            )
        symptoms_url = _url(access, "symptoms")
        for score in SymptomScore.objects.filter(course=course, data_class__in=classes).order_by(
            "measured_on"
        ):
            title = _("%(instrument)s score: %(score)s") % {
                "instrument": score.instrument,
                "score": number_format(score.score.normalize()),
            }
            entries.append(
                TimelineEntry(
                    score.measured_on, "symptom_score", title, symptoms_url, score.data_class
                )
            )
    if DataClass.FUNCTIONAL_CAPACITY in classes:
        entries += written_entries(
            FunctionalCapacity.objects.filter(course=course, data_class__in=classes).first(),
            kind="functional_capacity",
            created=_("Work capacity summary written"),
            updated=_("Work capacity summary updated"),
            url=_url(access, "functional-capacity"),
        )
    return entries


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
