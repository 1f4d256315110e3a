"""The assessments' part of the whole record (roundtable.citizens.record): assessments written
and updated, care steps started, each session, each symptom score, the life-situation mapping —
each only where the reader may read its data class."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.assessments.models import (
    LIFE_AREA_CLASS,
    CareSession,
    CareStep,
    EmployerContact,
    FunctionalCapacity,
    HealthAssessment,
    IpsCareerProfile,
    IpsJobSearchPlan,
    IpsPlannedContact,
    LifeArea,
    SessionNote,
    SymptomScore,
    VocationalAssessment,
    VocationalStep,
)
from roundtable.assessments.policies import readable_classes_of
from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.models import Course
from roundtable.citizens.record import Part, RetainedRecord, TimelineEntry, dump_records
from roundtable.core.data_classes import DataClass


def _url(actor: Actor | None, course: Course, anchor: str) -> str:
    if actor is not None and actor.is_citizen:
        base = reverse("assessments:my-page")
    else:
        base = reverse("assessments:page", kwargs={"citizen_id": course.citizen_id})
    return f"{base}#{anchor}"


def _day(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def _written(
    entries: list[TimelineEntry],
    record,
    *,
    kind: str,
    created: str,
    updated: str,
    url: str,
) -> None:
    """One entry when the record was written, and one when it was last changed on a later day."""
    if record is None:
        return
    first, last = _day(record.created_at), _day(record.updated_at)
    entries.append(TimelineEntry(first, f"{kind}_created", created, url, record.data_class))
    if last > first:
        entries.append(TimelineEntry(last, f"{kind}_updated", updated, url, record.data_class))


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    """The entries of the course the reader may see, oldest first."""
    actor, course = access.actor, access.course
    classes = readable_classes_of(access)
    entries: list[TimelineEntry] = []
    health_url = _url(actor, course, "health")
    steps_url = _url(actor, course, "care-steps")
    sessions_url = _url(actor, course, "sessions")
    symptoms_url = _url(actor, course, "symptoms")
    if DataClass.HEALTH_SUMMARY in classes:
        _written(
            entries,
            HealthAssessment.objects.filter(course=course, data_class__in=classes).first(),
            kind="health_assessment",
            created=_("Mental-health assessment written"),
            updated=_("Mental-health assessment updated"),
            url=health_url,
        )
        for step in (
            CareStep.objects.filter(course=course, data_class__in=classes)
            .select_related("treatment")
            .order_by("starts_on")
        ):
            entries.append(
                TimelineEntry(
                    step.starts_on,
                    "care_step",
                    _("Care step starts: %(treatment)s") % {"treatment": step.label},
                    steps_url,
                    step.data_class,
                )
            )
        for session in CareSession.objects.filter(course=course, data_class__in=classes).order_by(
            "held_on"
        ):
            entries.append(
                TimelineEntry(
                    session.held_on,
                    "session",
                    _("Session (%(kind)s): %(attendance)s")
                    % {
                        "kind": session.get_kind_display(),
                        "attendance": session.get_attendance_display(),
                    },
                    sessions_url,
                    session.data_class,
                )
            )
        for score in SymptomScore.objects.filter(course=course, data_class__in=classes).order_by(
            "measured_on"
        ):
            entries.append(
                TimelineEntry(
                    score.measured_on,
                    "symptom_score",
                    _("%(instrument)s score: %(score)s")
                    % {
                        "instrument": score.instrument,
                        "score": number_format(score.score.normalize()),
                    },
                    symptoms_url,
                    score.data_class,
                )
            )
    if DataClass.FUNCTIONAL_CAPACITY in classes:
        _written(
            entries,
            FunctionalCapacity.objects.filter(course=course, data_class__in=classes).first(),
            kind="functional_capacity",
            created=_("Work capacity summary written"),
            updated=_("Work capacity summary updated"),
            url=_url(actor, course, "functional-capacity"),
        )
    if DataClass.VOCATIONAL in classes:
        vocational_url = _url(actor, course, "vocational")
        _written(
            entries,
            VocationalAssessment.objects.filter(course=course, data_class__in=classes).first(),
            kind="vocational_assessment",
            created=_("Vocational assessment written"),
            updated=_("Vocational assessment updated"),
            url=vocational_url,
        )
        _written(
            entries,
            IpsCareerProfile.objects.filter(course=course, data_class__in=classes).first(),
            kind="ips_profile",
            created=_("IPS career profile written"),
            updated=_("IPS career profile updated"),
            url=_url(actor, course, "ips-profile"),
        )
        _written(
            entries,
            IpsJobSearchPlan.objects.filter(course=course, data_class__in=classes).first(),
            kind="ips_plan",
            created=_("IPS job-search plan written"),
            updated=_("IPS job-search plan updated"),
            url=_url(actor, course, "ips-plan"),
        )
    # The mapping: one entry per data class, on the day its areas were last written.
    mapping_days: dict[str, dt.date] = {}
    for area in LifeArea.objects.filter(course=course, data_class__in=classes).only(
        "area", "data_class", "updated_at"
    ):
        day = _day(area.updated_at)
        if LIFE_AREA_CLASS.get(area.area) == area.data_class:
            mapping_days[area.data_class] = max(day, mapping_days.get(area.data_class, day))
    mapping_url = _url(actor, course, "life-situation")
    for data_class, day in sorted(mapping_days.items()):
        entries.append(
            TimelineEntry(
                day,
                "life_situation",
                _("Life situation mapped"),
                mapping_url,
                data_class,
            )
        )
    entries.sort(key=lambda e: (e.when, e.kind))
    return entries


# Assessments and sector plans (roundtable.assessments): (name, model, path to the course).
ASSESSMENT_RECORDS: list[tuple[str, type[models.Model], str]] = [
    ("health_assessment", HealthAssessment, "course"),
    ("functional_capacity", FunctionalCapacity, "course"),
    ("care_steps", CareStep, "course"),
    ("care_sessions", CareSession, "course"),
    ("therapy_notes", SessionNote, "session__course"),
    ("symptom_scores", SymptomScore, "course"),
    ("vocational_assessment", VocationalAssessment, "course"),
    ("employer_contact", EmployerContact, "course"),
    ("vocational_steps", VocationalStep, "course"),
    ("ips_career_profile", IpsCareerProfile, "course"),
    ("ips_job_search_plan", IpsJobSearchPlan, "course"),
    ("ips_planned_contacts", IpsPlannedContact, "plan__course"),
    ("life_areas", LifeArea, "course"),
]


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    # Everything the reader may read: the citizen's copy holds the therapy notes too (GDPR
    # art. 15), though their page leaves out the care manager's working notes.
    found = {name: dump_records(model, path, accesses) for name, model, path in ASSESSMENT_RECORDS}
    return {
        a.course.pk: {name: rows[a.course.pk] for name, rows in found.items() if rows[a.course.pk]}
        for a in accesses
    }


PART = Part(
    retained=(*(RetainedRecord(model, path) for _name, model, path in ASSESSMENT_RECORDS),),
    name="assessments",
    timeline=timeline,
    export=(("assessments", export),),
    labelled=tuple(model for _name, model, _path in ASSESSMENT_RECORDS),
)
