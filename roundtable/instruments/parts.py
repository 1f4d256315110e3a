"""The instruments' part of the whole record (roundtable.citizens.record): the citizen's and the
professionals' shared-decision-making questionnaires about the course's meetings.

The access export gives the citizen their own answers item by item; anyone else gets what the
team's page shows: the scores, and the citizen's answers only when the citizen shared them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import Part, RetainedRecord
from roundtable.instruments.models import (
    MEETING_MINUTES,
    DecisionNoticed,
    OptionRating,
    Respondent,
    SdmResponse,
)
from roundtable.instruments.selectors import option_score, sdm_score


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    allowed = {a.course.pk: a for a in accesses if a.may_read(MEETING_MINUTES)}
    result: dict[uuid.UUID, Any] = {pk: [] for pk in allowed}
    rows = (
        SdmResponse.objects.filter(course_id__in=list(allowed))
        .select_related("meeting")
        .prefetch_related("noticed")
        .order_by("answered_at")
    )
    for row in rows:
        access = allowed[row.course_id]
        by_item = row.respondent != Respondent.CITIZEN or access.is_own or row.shared_with_team
        result[row.course_id].append(
            {
                "meeting_on": row.meeting.starts_at,
                "who": row.get_respondent_display(),
                "questionnaire": row.get_instrument_display(),
                "declined": row.declined,
                "score": sdm_score(row),
                "answers": list(row.answers) if by_item else None,
                "noticed": (
                    [
                        {"decision": n.decision_title, "noticed": n.get_answer_display()}
                        for n in row.noticed.all()
                    ]
                    if by_item
                    else None
                ),
                "answered_at": row.answered_at,
            }
        )
    return result


def option_export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    allowed = [a.course.pk for a in accesses if a.may_read(MEETING_MINUTES)]
    result: dict[uuid.UUID, Any] = {pk: [] for pk in allowed}
    rows = (
        OptionRating.objects.filter(course_id__in=allowed)
        .select_related("meeting", "rater__user")
        .order_by("rated_at")
    )
    for row in rows:
        result[row.course_id].append(
            {
                "meeting_on": row.meeting.starts_at,
                "instrument": row.get_instrument_display(),
                "rater": row.rater.name,
                "rated": row.get_source_display(),
                "items": list(row.items),
                "notes": list(row.notes),
                "score": option_score(row),
                "rated_at": row.rated_at,
            }
        )
    return result


PART = Part(
    name="instruments",
    retained=(
        RetainedRecord(SdmResponse),
        RetainedRecord(DecisionNoticed, "response__course"),
        RetainedRecord(OptionRating),
    ),
    export=(("shared_decision_making", export), ("observer_option_ratings", option_export)),
)
