"""The care manager's records in the API: writes of symptom scores and sessions (mounted at
the API root), and this app's sections of `GET /citizens/{id}/assessments` (roundtable.
assessments.api). Bad input answers 400 with the reason, a caller who may see the course but
not write this 403, anyone else 404 with no data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.care import selectors, services
from roundtable.care.models import Attendance, SessionKind
from roundtable.care.selectors import CareRecord
from roundtable.core.api import BodyIn, domain_errors
from roundtable.core.data_classes import DataClass
from roundtable.core.directory_link import directory_service_out

router = Router(tags=["assessments"])


class ErrorOut(Schema):
    detail: str


class BudgetOut(Schema):
    budget: int
    used: int
    remaining: int
    state: str = Field(description="ok, nearly, used_up or over")


class SymptomIn(BodyIn):
    instrument: str = Field(max_length=40, description="PHQ-9, GAD-7, WSAS, ... or another name")
    score: Decimal = Field(description="Within the instrument's range; other instruments >= 0")
    measured_on: dt.date


class SymptomOut(Schema):
    id: uuid.UUID
    instrument: str
    score: Decimal
    measured_on: dt.date
    data_class: str


class SessionIn(BodyIn):
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


def budget_out(record: CareRecord) -> dict | None:
    b = record.budget
    if b is None:
        return None
    return {"budget": b.budget, "used": b.used, "remaining": b.remaining, "state": b.state}


def care_sections(record: CareRecord) -> list[dict]:
    """This app's sections of the assessments read, each with its data class. Only what the
    record holds: the selector has already filtered by data class."""
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
                    "service": directory_service_out(s.service),
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
    return out


@router.post(
    "/citizens/{citizen_id}/assessments/symptoms",
    response={201: SymptomOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def symptom_record(request: HttpRequest, citizen_id: uuid.UUID, payload: SymptomIn):
    """Record a symptom score (the care manager)."""
    with domain_errors():
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
    with domain_errors():
        session = services.care_session_record(
            actor=actor,
            citizen_id=citizen_id,
            held_on=payload.held_on,
            kind=payload.kind,
            attendance=payload.attendance,
            step_id=payload.step_id,
            notes=payload.notes,
        )
    record = selectors.care_record_get(actor=actor, citizen_id=citizen_id)
    return Status(
        201,
        {
            "id": session.pk,
            "held_on": session.held_on,
            "kind": session.kind,
            "attendance": session.attendance,
            "step_id": session.step_id,
            "data_class": session.data_class,
            "session_budget": budget_out(record),
        },
    )
