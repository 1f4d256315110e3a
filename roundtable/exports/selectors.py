"""The access export: everything Roundtable holds about a citizen that the requester may read,
as JSON and as a readable PDF (issue 4; GDPR art. 15 and 20 for the citizen).

- The citizen gets all of their own data, their national identity number, and the complete
  access log (who looked at or changed their record, when and why).
- A professional who may see the citizen gets the same sections filtered by consent
  (roundtable.consent.access), without the national id and without the access log (the access
  log is the citizen's own). Everyone else gets the same 404 as for a missing citizen.
- One audit event per export, with the format (`export` for JSON, `print` for the PDF).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.selectors import access_log_for_export
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Citizen
from roundtable.citizens.policies import CitizenPolicy, CoursePolicy
from roundtable.consent.access import visible_data_classes_by_course
from roundtable.exports.sections import PROVIDERS, as_json_ready, course_header

EXPORT_FORMATS = ("json", "pdf")
COURSE_RELATED = ("citizen", "team", "care_manager__user", "employment_consultant__user")


@dataclass(frozen=True)
class AccessExport:
    citizen_id: uuid.UUID
    citizen_name: str
    data: dict[str, Any]  # JSON-ready


def access_export_get(*, actor: Actor | None, citizen_id: uuid.UUID, fmt: str) -> AccessExport:
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    action = AuditAction.EXPORT if fmt == "json" else AuditAction.PRINT
    own = actor is not None and actor.is_citizen and actor.citizen_id == citizen_id
    citizens = CitizenPolicy.queryset(actor).filter(pk=citizen_id)
    if not own:
        citizens = citizens.defer("national_id")
    citizen = citizens.first()
    if citizen is None:
        exists = Citizen.objects.filter(pk=citizen_id).exists()
        audit_record(
            actor=actor,
            action=action,
            outcome=AuditOutcome.DENIED if exists else AuditOutcome.NOT_FOUND,
            object_type="access_export",
            object_id=citizen_id,
            citizen_id=citizen_id if exists else None,
        )
        raise Http404()
    assert actor is not None
    courses = list(
        CoursePolicy.queryset(actor)
        .filter(citizen_id=citizen.pk)
        .select_related(*COURSE_RELATED)
        .defer("citizen__national_id")
        .order_by("referral_date")
    )
    visible = visible_data_classes_by_course(actor, courses)
    sections = {name: provider(actor, courses, visible) for name, provider in PROVIDERS}
    data: dict[str, Any] = {
        "generated_at": timezone.now(),
        "generated_for": actor.username,
        "citizen": {
            "id": citizen.pk,
            "given_name": citizen.given_name,
            "family_name": citizen.family_name,
        },
        "courses": [
            {
                **course_header(course, visible[course.pk]),
                "sections": {
                    name: found[course.pk] for name, found in sections.items() if course.pk in found
                },
            }
            for course in courses
        ],
    }
    if own:
        data["citizen"]["national_id"] = citizen.national_id
        data["access_log"] = [
            {
                "when": entry.when,
                "who": entry.who,
                "role": entry.role,
                "organisation": entry.organisation,
                "what": entry.what,
                "why": entry.why,
                "outcome": entry.outcome,
            }
            for entry in access_log_for_export(citizen_id=citizen.pk, user_id=actor.user_id)
        ]
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.ALLOWED,
        object_type="access_export",
        object_id=citizen.pk,
        citizen_id=citizen.pk,
        detail={"format": fmt, "courses": len(courses)},
    )
    return AccessExport(
        citizen_id=citizen.pk, citizen_name=citizen.full_name, data=as_json_ready(data)
    )
