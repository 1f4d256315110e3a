"""The roundtable meetings' part of the whole record (roundtable.citizens.record)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import Part, TimelineEntry
from roundtable.core.data_classes import DataClass
from roundtable.meetings.models import Meeting, MeetingStatus

TIMELINE_LIMIT = 40


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    """Each meeting of the course, planned, held or cancelled (the meeting's minutes class)."""
    if not access.may_read(DataClass.MEETING_MINUTES):
        return []
    titles = {
        MeetingStatus.PLANNED: _("Roundtable meeting planned"),
        MeetingStatus.HELD: _("Roundtable meeting held"),
        MeetingStatus.CANCELLED: _("Roundtable meeting cancelled"),
    }
    rows = (
        Meeting.objects.filter(course=access.course)
        .order_by("-starts_at")
        .values_list("id", "starts_at", "status")[:TIMELINE_LIMIT]
    )
    own = access.is_own
    return [
        TimelineEntry(
            when=timezone.localtime(starts_at).date(),
            kind="meeting",
            title=str(titles.get(status, _("Roundtable meeting"))),
            url=reverse(
                "meetings:my-meeting" if own else "meetings:detail",
                kwargs={"meeting_id": meeting_id},
            ),
            data_class=DataClass.MEETING_MINUTES,
        )
        for meeting_id, starts_at, status in rows
    ]


PART = Part(name="meetings", timeline=timeline)
