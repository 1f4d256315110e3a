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

from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.audit.scope import audited_reads
from roundtable.audit.selectors import access_log_for_export
from roundtable.citizens.gate import citizen_access
from roundtable.citizens.models import Citizen
from roundtable.exports.sections import as_json_ready, course_header, export_sections

EXPORT_FORMATS = ("json", "pdf")
PURPOSE = "access_export"


@dataclass(frozen=True)
class AccessExport:
    citizen_id: uuid.UUID
    citizen_name: str
    data: dict[str, Any]  # JSON-ready


@audited_reads
def access_export_get(*, actor: Actor | None, citizen_id: uuid.UUID, fmt: str) -> AccessExport:
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    action = AuditAction.EXPORT if fmt == "json" else AuditAction.PRINT
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        action=action,
        object_type="access_export",
        note=False,
    )
    citizen = access.citizen
    own = access.actor.is_citizen and access.actor.citizen_id == citizen.pk
    # Oldest course first, as a record is read.
    accesses = sorted(access.courses, key=lambda a: (a.course.referral_date, a.course.created_at))
    sections = export_sections(accesses)
    data: dict[str, Any] = {
        "generated_at": timezone.now(),
        "generated_for": access.actor.username,
        "citizen": {
            "id": citizen.pk,
            "given_name": citizen.given_name,
            "family_name": citizen.family_name,
        },
        "courses": [
            {
                **course_header(a.course, a.visible),
                "sections": {
                    name: found[a.course.pk]
                    for name, found in sections.items()
                    if a.course.pk in found
                },
            }
            for a in accesses
        ],
    }
    if own:
        data["citizen"]["national_id"] = Citizen.objects.values_list("national_id", flat=True).get(
            pk=citizen.pk
        )
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
            for entry in access_log_for_export(citizen_id=citizen.pk, user_id=access.actor.user_id)
        ]
    access.note(
        action=action,
        object_type="access_export",
        object_id=citizen.pk,
        part="export",
        detail={"format": fmt, "courses": len(accesses), "sections": list(sections)},
    )
    return AccessExport(
        citizen_id=citizen.pk, citizen_name=citizen.full_name, data=as_json_ready(data)
    )
