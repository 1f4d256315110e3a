"""The sick-leave part of the whole record (roundtable.citizens.record): the legal timeline
and, where the reader may read benefit decisions, the periods, decisions and evidence requests."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import Part, RetainedRecord
from roundtable.core.data_classes import DataClass
from roundtable.sickleave.models import (
    BenefitDecision,
    BenefitPeriod,
    EvidenceNote,
    EvidenceRequest,
)
from roundtable.sickleave.policies import EVIDENCE_NOTES
from roundtable.sickleave.selectors import course_milestones


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    """The legal timeline (law, not anyone's judgement: every reader of the course sees it) and,
    where the requester may read benefit decisions, the periods and decisions."""
    courses = [a.course for a in accesses]
    visible = {a.course.pk: a.visible for a in accesses}
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
        notes = [
            {
                "version": n.version,
                "state": n.get_state_display(),
                "work_capacity": n.get_capacity_display(),
                "hours_per_week": n.hours_per_week,
                "what_the_person_can_and_cannot_do": n.functional_capacity,
                "prognosis": n.get_prognosis_display(),
                "about_the_prognosis": n.prognosis_text,
                "diagnosis": n.diagnosis if DataClass.DIAGNOSIS in visible[course.pk] else "",
                "citizen_comment": n.citizen_comment,
                "saved_at": n.created_at,
            }
            for access in accesses
            if access.course.pk == course.pk
            for n in EVIDENCE_NOTES.of(access).order_by("request_id", "version")
        ]
        if notes:
            section["medical_evidence_notes"] = notes
        result[course.pk] = section
    return result


PART = Part(
    retained=(
        RetainedRecord(BenefitPeriod, implied_class=DataClass.BENEFIT_DECISION),
        RetainedRecord(BenefitDecision, implied_class=DataClass.BENEFIT_DECISION),
        RetainedRecord(EvidenceNote),
        RetainedRecord(EvidenceRequest, implied_class=DataClass.BENEFIT_DECISION),
    ),
    name="sickleave",
    export=(("sick_leave", export),),
)
