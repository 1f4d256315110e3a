"""Reads for the retention job. No person reads these: the job runs as the system and writes one
audit event per course it deletes from (services.py); nothing here returns record content, only
ids, dates and counts."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Max, Q
from django.utils import timezone

from roundtable.citizens.models import Course, CourseStatus
from roundtable.retention.models import CourseEnd, LegalHold
from roundtable.retention.registry import course_records

ENDED_STATUSES = (CourseStatus.COMPLETED, CourseStatus.DROPPED_OUT)


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def course_end_computed(*, course: Course) -> dt.date:
    """When the course ended, for the schedule. Courses have no end-date column, so: the latest
    of the course's `updated_at` and every date and time on its records (an entry written, a
    session held, a decision's validity). One query per kind of record."""
    latest = _as_date(course.updated_at)
    assert latest is not None
    for record in course_records():
        date_fields = [
            f.name
            for f in record.model._meta.concrete_fields
            if isinstance(f, models.DateField)  # DateTimeField is a DateField too
        ]
        if not date_fields:
            continue
        found = record.model._default_manager.filter(**{record.course_path: course.pk}).aggregate(
            **{f"m_{name}": Max(name) for name in date_fields}
        )
        for value in found.values():
            day = _as_date(value)
            if day is not None and day > latest:
                latest = day
    return latest


def course_end_date(*, course: Course) -> dt.date:
    """The computed end, never earlier than the one recorded before (see CourseEnd)."""
    computed = course_end_computed(course=course)
    recorded = CourseEnd.objects.filter(course=course).values_list("ended_on", flat=True).first()
    return max(computed, recorded) if recorded else computed


def held_course_ids() -> set[uuid.UUID]:
    """Courses under an active legal hold, their own or their citizen's."""
    active = LegalHold.objects.active()
    direct = set(active.filter(course__isnull=False).values_list("course_id", flat=True))
    by_citizen = set(
        Course.objects.filter(
            citizen_id__in=active.filter(citizen__isnull=False).values("citizen_id")
        ).values_list("pk", flat=True)
    )
    return direct | by_citizen


def course_is_held(*, course: Course) -> bool:
    return (
        LegalHold.objects.active()
        .filter(Q(course_id=course.pk) | Q(citizen_id=course.citizen_id))
        .exists()
    )


def ended_courses() -> models.QuerySet[Course]:
    return Course.objects.filter(status__in=ENDED_STATUSES).order_by("referral_date", "pk")
