"""The citizen page's timeline (issue 3): assessments, sessions and symptom scores, roundtable
meetings and joint-plan versions, newest first, each filtered by what the reader may see.

Each part comes from the app that owns the records (its own `timeline_entries(actor, course)`);
this module only merges them. Every part runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Course
from roundtable.consent.access import visible_data_classes
from roundtable.core.data_classes import DataClass
from roundtable.meetings.models import MeetingStatus
from roundtable.meetings.policies import MeetingPolicy

TIMELINE_LIMIT = 40


@dataclass(frozen=True)
class TimelineItem:
    when: dt.date
    kind: str
    title: str
    url: str | None
    data_class: str


def _meeting_entries(
    actor: Actor | None, course: Course, visible: frozenset[str]
) -> list[TimelineItem]:
    if DataClass.MEETING_MINUTES not in visible:
        return []
    titles = {
        MeetingStatus.PLANNED: _("Roundtable meeting planned"),
        MeetingStatus.HELD: _("Roundtable meeting held"),
        MeetingStatus.CANCELLED: _("Roundtable meeting cancelled"),
    }
    rows = (
        MeetingPolicy.queryset(actor)
        .filter(course=course)
        .order_by("-starts_at")
        .values_list("id", "starts_at", "status")[:TIMELINE_LIMIT]
    )
    return [
        TimelineItem(
            when=timezone.localtime(starts_at).date(),
            kind="meeting",
            title=str(titles.get(status, _("Roundtable meeting"))),
            url=reverse("meetings:detail", kwargs={"meeting_id": meeting_id}),
            data_class=DataClass.MEETING_MINUTES,
        )
        for meeting_id, starts_at, status in rows
    ]


def course_timeline(
    actor: Actor | None, course: Course, visible: frozenset[str] | None = None
) -> list[TimelineItem]:
    """The merged timeline of one course the caller has already been allowed to see;
    `visible` are the data classes already decided for it (asked here when not given)."""
    from roundtable.assessments.timeline import timeline_entries as assessment_entries
    from roundtable.plans.timeline import timeline_entries as plan_entries

    if visible is None:
        visible = visible_data_classes(actor, course)
    items: list[TimelineItem] = _meeting_entries(actor, course, visible)
    for part in (assessment_entries(actor, course), plan_entries(actor, course, visible)):
        items.extend(
            TimelineItem(
                when=e.when, kind=e.kind, title=e.title, url=e.url, data_class=e.data_class
            )
            for e in part
        )
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:TIMELINE_LIMIT]
