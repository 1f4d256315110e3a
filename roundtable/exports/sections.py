"""The sections of an access export, one provider per kind of record.

A provider takes the courses being exported and, per course, the data classes the requester may
read (roundtable.consent.access), and returns, per course id, a JSON-ready value. Providers run
a fixed number of queries whatever the number of courses and records, and leave out every record
whose data class the requester may not read: the export never holds more than the pages show.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass
from roundtable.meetings.models import Decision, DecisionOption, Meeting
from roundtable.sickleave.models import BenefitDecision, BenefitPeriod, EvidenceRequest
from roundtable.sickleave.selectors import course_milestones

Visible = dict[uuid.UUID, frozenset[str]]
Provider = Callable[[Sequence[Course], Visible], dict[uuid.UUID, Any]]


def _name(professional) -> str | None:
    return professional.user.display_name if professional else None


def sick_leave(courses: Sequence[Course], visible: Visible) -> dict[uuid.UUID, Any]:
    """The legal timeline (law, not anyone's judgement: every reader of the course sees it) and,
    where the requester may read benefit decisions, the periods and decisions."""
    ids = [c.pk for c in courses]
    periods: dict[uuid.UUID, list[BenefitPeriod]] = {i: [] for i in ids}
    for period in BenefitPeriod.objects.filter(course_id__in=ids).order_by("start"):
        periods[period.course_id].append(period)
    decisions: dict[uuid.UUID, list[BenefitDecision]] = {i: [] for i in ids}
    for decision in BenefitDecision.objects.filter(course_id__in=ids).order_by("decided_on"):
        decisions[decision.course_id].append(decision)
    evidence: dict[uuid.UUID, list[EvidenceRequest]] = {i: [] for i in ids}
    for request in EvidenceRequest.objects.filter(course_id__in=ids).order_by("requested_at"):
        evidence[request.course_id].append(request)
    today = timezone.localdate()
    result: dict[uuid.UUID, Any] = {}
    for course in courses:
        # The prefetch cache keeps course_milestones from querying again.
        course._prefetched_objects_cache = {"benefit_periods": periods[course.pk]}  # type: ignore[attr-defined]
        section: dict[str, Any] = {
            "milestones": [
                {
                    "id": m.id,
                    "date": m.date,
                    "label": str(m.label),
                    "legal_reference": m.legal_ref,
                    "explanation": str(m.explanation),
                }
                for m in course_milestones(course, today=today)
            ]
        }
        if DataClass.BENEFIT_DECISION in visible[course.pk]:
            section["benefit_periods"] = [
                {"first_day": p.start, "last_day": p.end, "reduced": p.reduced}
                for p in periods[course.pk]
            ]
            section["benefit_decisions"] = [
                {
                    "decision": d.get_kind_display(),
                    "legal_ground": d.ground,
                    "decided_on": d.decided_on,
                    "valid_until": d.valid_until,
                    "medical_evidence_received": d.evidence_received_on,
                }
                for d in decisions[course.pk]
            ]
            section["medical_evidence_requests"] = [
                {
                    "what_is_needed": r.question,
                    "due": r.due_on,
                    "status": r.get_status_display(),
                }
                for r in evidence[course.pk]
            ]
        result[course.pk] = section
    return result


def meetings(courses: Sequence[Course], visible: Visible) -> dict[uuid.UUID, Any]:
    """Roundtable meetings with decisions, options, the citizen's preparation and the minutes."""
    allowed = [c.pk for c in courses if DataClass.MEETING_MINUTES in visible[c.pk]]
    rows = (
        Meeting.objects.filter(course_id__in=allowed)
        .select_related("minutes")
        .prefetch_related(
            "guests",
            "answers",
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("type", "subtype").prefetch_related(
                    Prefetch("options", queryset=DecisionOption.objects.order_by("order"))
                ),
            ),
        )
        .order_by("starts_at")
    )
    result: dict[uuid.UUID, Any] = {c.pk: [] for c in courses if c.pk in allowed}
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


# Name → provider, in the order the export shows them. Each app with personal data adds one.
PROVIDERS: list[tuple[str, Provider]] = [
    ("sick_leave", sick_leave),
    ("meetings", meetings),
]


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
