"""Assessments in the API, with the same policies as the pages: each section the caller may
read, with its data class; writes of symptom scores and sessions. Bad input answers 400 with
the reason, a caller who may see the course but not write this 403, anyone else 404 with no
data. Mounted at the API root: api.add_router("/", router).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.assessments import selectors, services
from roundtable.assessments.models import Attendance, SessionKind
from roundtable.assessments.selectors import AssessmentRecord
from roundtable.core.api import domain_errors as _domain_errors
from roundtable.core.data_classes import DataClass

router = Router(tags=["assessments"])


class ErrorOut(Schema):
    detail: str


class SectionOut(Schema):
    name: str = Field(
        description="health_assessment, care_steps, sessions, therapy_notes, symptom_scores, "
        "functional_capacity, vocational_assessment, vocational_steps, employer_contact, "
        "ips_career_profile, ips_job_search_plan, life_area"
    )
    data_class: str
    data: dict | list | None


class BudgetOut(Schema):
    budget: int
    used: int
    remaining: int
    state: str = Field(description="ok, nearly, used_up or over")


class AssessmentsOut(Schema):
    citizen_id: uuid.UUID
    course_id: uuid.UUID
    is_ips: bool
    session_budget: BudgetOut | None
    sections: list[SectionOut]


class SymptomIn(Schema):
    instrument: str = Field(max_length=40, description="PHQ-9, GAD-7, WSAS, ... or another name")
    score: Decimal = Field(description="Within the instrument's range; other instruments >= 0")
    measured_on: dt.date


class SymptomOut(Schema):
    id: uuid.UUID
    instrument: str
    score: Decimal
    measured_on: dt.date
    data_class: str


class SessionIn(Schema):
    held_on: dt.date
    kind: SessionKind
    attendance: Attendance
    step_id: uuid.UUID | None = None
    notes: str = Field("", max_length=20000, description="Therapy notes (care manager only)")


class SessionOut(Schema):
    id: uuid.UUID
    held_on: dt.date
    kind: SessionKind
    attendance: Attendance
    step_id: uuid.UUID | None
    data_class: str
    session_budget: BudgetOut


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _budget(record: AssessmentRecord) -> dict | None:
    b = record.budget
    if b is None:
        return None
    return {"budget": b.budget, "used": b.used, "remaining": b.remaining, "state": b.state}


def _sections(record: AssessmentRecord) -> list[dict]:
    """Only what the record holds: the selector has already filtered by data class."""
    out: list[dict] = []

    def add(name: str, data_class: str, data) -> None:
        out.append({"name": name, "data_class": str(data_class), "data": data})

    if record.show_health:
        h = record.health
        add(
            "health_assessment",
            DataClass.HEALTH_SUMMARY,
            {"assessed_on": _date(h.assessed_on), "summary": h.summary} if h else None,
        )
        add(
            "care_steps",
            DataClass.HEALTH_SUMMARY,
            [
                {
                    "id": str(s.pk),
                    "treatment": s.treatment.slug,
                    "treatment_name": s.treatment.label,
                    "description": s.description,
                    "starts_on": _date(s.starts_on),
                    "ends_on": _date(s.ends_on),
                    "status": s.status,
                }
                for s in record.care_steps
            ],
        )
        add(
            "sessions",
            DataClass.HEALTH_SUMMARY,
            [
                {
                    "id": str(s.pk),
                    "held_on": _date(s.held_on),
                    "kind": s.kind,
                    "attendance": s.attendance,
                    "step_id": str(s.step_id) if s.step_id else None,
                }
                for s in record.sessions
            ],
        )
        add(
            "symptom_scores",
            DataClass.HEALTH_SUMMARY,
            [
                {
                    "id": str(s.pk),
                    "instrument": s.instrument,
                    "score": str(s.score.normalize()),
                    "measured_on": _date(s.measured_on),
                }
                for s in record.symptoms
            ],
        )
    if record.show_notes and record.notes:
        add(
            "therapy_notes",
            DataClass.THERAPY_DETAIL,
            [{"session_id": str(pk), "text": text} for pk, text in record.notes.items()],
        )
    if record.show_capacity:
        c = record.capacity
        add(
            "functional_capacity",
            DataClass.FUNCTIONAL_CAPACITY,
            {"summary": c.summary, "updated_at": c.updated_at.isoformat()} if c else None,
        )
    if record.show_vocational:
        v = record.vocational
        add(
            "vocational_assessment",
            DataClass.VOCATIONAL,
            {
                "assessed_on": _date(v.assessed_on),
                "work_capacity_hours": str(v.work_capacity_hours.normalize()),
                "current_job": v.current_job,
                "route": v.route,
                "summary": v.summary,
            }
            if v
            else None,
        )
        add(
            "vocational_steps",
            DataClass.VOCATIONAL,
            [
                {"id": str(s.pk), "text": s.text, "due_on": _date(s.due_on), "status": s.status}
                for s in record.vocational_steps
            ],
        )
        if record.show_ips:
            p = record.ips_profile
            add(
                "ips_career_profile",
                DataClass.VOCATIONAL,
                {name: getattr(p, name) for name in selectors.IPS_PROFILE_FIELDS} if p else None,
            )
            plan = record.ips_plan
            add(
                "ips_job_search_plan",
                DataClass.VOCATIONAL,
                {
                    "job_goals": plan.job_goals,
                    "target_employers": plan.target_employers,
                    "weekly_employer_contacts": plan.weekly_employer_contacts,
                    "disclosure": plan.disclosure,
                    "disclosure_script": plan.disclosure_script,
                    "benefits_planning_referred_on": _date(plan.benefits_planning_referred_on),
                    "supports_needed": plan.supports_needed,
                    "responsibilities": plan.responsibilities,
                    "review_on": _date(plan.review_on),
                    "planned_contacts": [
                        {
                            "id": str(c.pk),
                            "planned_on": _date(c.planned_on),
                            "employer": c.employer,
                            "done": c.done,
                        }
                        for c in record.ips_contacts
                    ],
                }
                if plan
                else None,
            )
    if record.show_contact:
        e = record.employer_contact
        add(
            "employer_contact",
            DataClass.CONTACT_DETAILS,
            {"employer": e.employer, "name": e.name, "phone": e.phone, "email": e.email}
            if e
            else None,
        )
    for row in record.life_areas:
        r = row.record
        add(
            "life_area",
            row.data_class,
            {
                "area": row.area,
                "situation": r.situation if r else "",
                "resources": r.resources if r else "",
                "wishes": r.wishes if r else "",
                "citizen_wishes": r.citizen_wishes if r else "",
                "filled_with_citizen": r.filled_with_citizen if r else False,
                "filled_on": _date(r.filled_on) if r else None,
            },
        )
    return out


@router.get("/citizens/{citizen_id}/assessments", response={200: AssessmentsOut, 404: ErrorOut})
def citizen_assessments(request: HttpRequest, citizen_id: uuid.UUID):
    """The assessments and plans of the citizen's current course: each section the caller may
    read, with its data class."""
    record = selectors.assessment_get(actor=request_actor(request), citizen_id=citizen_id)
    return {
        "citizen_id": record.citizen.pk,
        "course_id": record.course.pk,
        "is_ips": record.is_ips,
        "session_budget": _budget(record),
        "sections": _sections(record),
    }


@router.post(
    "/citizens/{citizen_id}/assessments/symptoms",
    response={201: SymptomOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def symptom_record(request: HttpRequest, citizen_id: uuid.UUID, payload: SymptomIn):
    """Record a symptom score (the care manager)."""
    with _domain_errors():
        score = services.symptom_score_record(
            actor=request_actor(request),
            citizen_id=citizen_id,
            instrument=payload.instrument,
            score=payload.score,
            measured_on=payload.measured_on,
        )
    return Status(
        201,
        {
            "id": score.pk,
            "instrument": score.instrument,
            "score": score.score,
            "measured_on": score.measured_on,
            "data_class": score.data_class,
        },
    )


@router.post(
    "/citizens/{citizen_id}/assessments/sessions",
    response={201: SessionOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def session_record(request: HttpRequest, citizen_id: uuid.UUID, payload: SessionIn):
    """Record a session (the care manager), with therapy notes if any; answers with the
    sessions used against the programme's budget."""
    actor = request_actor(request)
    with _domain_errors():
        session = services.care_session_record(
            actor=actor,
            citizen_id=citizen_id,
            held_on=payload.held_on,
            kind=payload.kind,
            attendance=payload.attendance,
            step_id=payload.step_id,
            notes=payload.notes,
        )
    record = selectors.assessment_get(actor=actor, citizen_id=citizen_id)
    return Status(
        201,
        {
            "id": session.pk,
            "held_on": session.held_on,
            "kind": session.kind,
            "attendance": session.attendance,
            "step_id": session.step_id,
            "data_class": session.data_class,
            "session_budget": _budget(record),
        },
    )
