"""The assessments of a course in the API, with the same policies as the page: each section
the caller may read, with its data class. The sections come from each app (care, vocational,
life situation); the writes are in their routers (roundtable.care.api). A caller who may not
see the citizen gets 404 with no data. Mounted at the API root: api.add_router("/", router).
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.assessments import selectors
from roundtable.care.api import BudgetOut, budget_out, care_sections
from roundtable.lifesituation.api import life_situation_sections
from roundtable.vocational.api import vocational_sections

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


class AssessmentsOut(Schema):
    citizen_id: uuid.UUID
    course_id: uuid.UUID
    is_ips: bool
    session_budget: BudgetOut | None
    sections: list[SectionOut]


@router.get("/citizens/{citizen_id}/assessments", response={200: AssessmentsOut, 404: ErrorOut})
def citizen_assessments(request: HttpRequest, citizen_id: uuid.UUID):
    """The assessments and plans of the citizen's current course: each section the caller may
    read, with its data class."""
    record = selectors.assessment_get(actor=request_actor(request), citizen_id=citizen_id)
    return {
        "citizen_id": record.citizen.pk,
        "course_id": record.course.pk,
        "is_ips": record.work.is_ips,
        "session_budget": budget_out(record.care),
        "sections": (
            care_sections(record.care)
            + vocational_sections(record.work)
            + life_situation_sections(record.life)
        ),
    }
