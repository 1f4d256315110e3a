"""The employment consultant's records in the API: this app's sections of
`GET /citizens/{id}/assessments` (roundtable.assessments.api). There are no writes of these
records in the API yet."""

from __future__ import annotations

import datetime as dt

from roundtable.core.data_classes import DataClass
from roundtable.core.directory_link import directory_service_out
from roundtable.vocational.selectors import VocationalRecord


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def vocational_sections(record: VocationalRecord) -> list[dict]:
    """This app's sections of the assessments read, each with its data class. Only what the
    record holds: the selector has already filtered by data class."""
    out: list[dict] = []

    def add(name: str, data_class: str, data) -> None:
        out.append({"name": name, "data_class": str(data_class), "data": data})

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
                {
                    "id": str(s.pk),
                    "text": s.text,
                    "due_on": _date(s.due_on),
                    "status": s.status,
                    "service": directory_service_out(s.service),
                }
                for s in record.vocational_steps
            ],
        )
        if record.show_ips:
            p = record.ips_profile
            add(
                "ips_career_profile",
                DataClass.VOCATIONAL,
                {name: getattr(p, name) for name in record.ips_profile_fields} if p else None,
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
    return out
