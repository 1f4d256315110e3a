"""The roundtable meetings' part of the whole record (roundtable.citizens.record)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.groups import MEMBER_NAMING
from roundtable.citizens.record import Part, RetainedRecord, TimelineEntry
from roundtable.core.data_classes import DataClass
from roundtable.meetings.models import (
    Decision,
    DecisionOption,
    Meeting,
    MeetingGuest,
    MeetingParticipant,
    MeetingStatus,
    Minutes,
    PreparationAnswer,
)

TIMELINE_LIMIT = 40


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    """Each meeting of the course, planned, held or cancelled (the meeting's minutes class)."""
    if not access.may_read(DataClass.MEETING_MINUTES):
        return []
    titles: dict[str, str] = {
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


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    """Roundtable meetings with decisions, options, the citizen's preparation and the minutes,
    and who took part from the responsibility group where its contact details are readable."""
    allowed = [a.course.pk for a in accesses if a.may_read(DataClass.MEETING_MINUTES)]
    group_readable = {a.course.pk for a in accesses if a.may_read(DataClass.CONTACT_DETAILS)} & set(
        allowed
    )
    rows = (
        Meeting.objects.filter(course_id__in=allowed)
        .select_related("minutes")
        .prefetch_related(
            "guests",
            "answers",
            Prefetch(
                "group_participants",
                queryset=MeetingParticipant.objects.filter(
                    meeting__course_id__in=group_readable
                ).select_related(*(f"member__{path}" for path in MEMBER_NAMING)),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("type", "subtype").prefetch_related(
                    Prefetch("options", queryset=DecisionOption.objects.order_by("order"))
                ),
            ),
        )
        .order_by("starts_at")
    )
    result: dict[uuid.UUID, Any] = {pk: [] for pk in allowed}
    for meeting in rows:
        minutes = getattr(meeting, "minutes", None)
        result[meeting.course_id].append(
            {
                "starts_at": meeting.starts_at,
                "ends_at": meeting.ends_at,
                "place": meeting.place,
                "video_url": meeting.video_url,
                "status": meeting.get_status_display(),
                "purpose": meeting.purpose,
                "guests": [
                    {"who": g.get_kind_display(), "name": g.name, "relation": g.relation}
                    for g in meeting.guests.all()
                ],
                "from_the_group": [
                    {
                        "name": p.member.display_name,
                        "role": p.member.get_role_display(),
                        "organisation": p.member.display_organisation,
                    }
                    for p in meeting.group_participants.all()
                ],
                "preparation": [
                    {"question": a.prompt_text, "answer": a.answer, "answered_at": a.answered_at}
                    for a in meeting.answers.all()
                ],
                "decisions": [
                    {
                        "type": d.type.label,
                        "subtype": d.subtype.label if d.subtype else None,
                        "what_is_to_be_decided": d.title,
                        "raised_by": d.get_raised_by_display(),
                        "zone": d.get_zone_display(),
                        "status": d.get_status_display(),
                        "come_back_on": d.revisit_on,
                        "what_was_decided": d.outcome,
                        "options": [
                            {"option": o.text, "pros": o.pros, "cons": o.cons, "chosen": o.chosen}
                            for o in d.options.all()
                        ],
                    }
                    for d in sorted(meeting.decisions.all(), key=lambda d: d.order)
                ],
                "minutes": minutes.text if minutes else None,
            }
        )
    return result


PART = Part(
    retained=(
        RetainedRecord(Meeting),
        RetainedRecord(Decision, "meeting__course"),
        RetainedRecord(DecisionOption, "decision__meeting__course"),
        RetainedRecord(MeetingGuest, "meeting__course"),
        RetainedRecord(MeetingParticipant, "meeting__course"),
        RetainedRecord(Minutes, "meeting__course"),
        RetainedRecord(PreparationAnswer, "meeting__course"),
    ),
    name="meetings",
    timeline=timeline,
    export=(("meetings", export),),
)
