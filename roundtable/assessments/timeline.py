"""The assessments' part of the citizen page's timeline (issue 3: "assessments, meetings, plan
versions, sessions"): the care manager's and the employment consultant's assessments written and
updated, care steps started, each session, each symptom score, the life situation mapped. Each
links to its section of the assessments page. Already filtered by the reader's data classes;
the citizen page merges these entries with its meetings and plan versions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.assessments.selectors import PURPOSE
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.care.models import (
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
    SymptomScore,
)
from roundtable.care.policies import readable_classes
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.core.data_classes import DataClass
from roundtable.lifesituation.models import LIFE_AREA_CLASS, LifeArea
from roundtable.vocational.models import IpsCareerProfile, IpsJobSearchPlan, VocationalAssessment


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.date
    kind: str
    title: str
    url: str | None
    data_class: str


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


def timeline_entries(actor: Actor | None, course: Course) -> list[TimelineEntry]:
    """The entries of `course` the actor may see, oldest first; [] for a course they may not
    see. One audited list event when something is shown (never the content)."""
    if not CoursePolicy.allows(actor, course):
        return []
    classes = readable_classes(actor, course)
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
    if entries:
        audit_record(
            actor=actor,
            action=AuditAction.LIST,
            outcome=AuditOutcome.ALLOWED,
            object_type="assessment_timeline",
            object_id=course.pk,
            citizen_id=course.citizen_id,
            purpose=PURPOSE,
            detail={"shown": len(entries)},
        )
    return entries
