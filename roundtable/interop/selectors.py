"""Reads of the FHIR door. Each goes through the gate once (`citizen_access`), loads what the
access lets the caller read (`records.citizen_records`), maps it (`mapping`), validates every
resource (`adapter.validated`) and notes one audited read for the citizen, naming the resource
types served. Forbidden and missing alike raise the gate's audited Http404.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.scope import audited_reads
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CitizenAccess, citizen_access
from roundtable.core.data_classes import DataClass
from roundtable.core.selectors import refused_read
from roundtable.interop import mapping
from roundtable.interop.adapter import validated
from roundtable.interop.records import CitizenRecords, citizen_records
from roundtable.interop.registry import BY_NAME, DIRECTORY_MODELS
from roundtable.organisations.models import Organisation, Professional

PURPOSE = "fhir_exchange"


def _shown_classes(records: CitizenRecords) -> list[str]:
    """The data classes whose content the answer holds (for the audit event)."""
    shown: set[str] = set()
    for course in records.courses:
        if course.versions:
            shown.add(DataClass.JOINT_PLAN)
        if any(v.minutes_shared and (v.decisions or v.meeting.purpose) for v in course.meetings):
            shown.add(DataClass.MEETING_MINUTES)
        shown.update(score.data_class for score in course.scores)
        if course.diagnosis_group:
            shown.add(DataClass.DIAGNOSIS)
        if course.group or any(v.group for v in course.meetings):
            shown.add(DataClass.CONTACT_DETAILS)
        for version in course.versions:
            shown.update(s["data_class"] for s in version.plan.get("sections", ()) if s["text"])
    return sorted(shown)


def _note(
    access: CitizenAccess,
    records: CitizenRecords,
    resources: list[dict[str, Any]],
    *,
    object_type: str,
    object_id: Any,
) -> None:
    counts = Counter(r["resourceType"] for r in resources)
    access.note(
        action=AuditAction.READ,
        object_type=object_type,
        object_id=object_id,
        part="fhir",
        shows=_shown_classes(records),
        detail={"resources": dict(sorted(counts.items()))},
    )


def _citizen_resources(
    actor: Actor | None, citizen_id: uuid.UUID, *, object_type: str, object_id: Any
) -> tuple[CitizenAccess, CitizenRecords, list[dict[str, Any]]]:
    access = citizen_access(
        actor=actor,
        citizen_id=citizen_id,
        purpose=PURPOSE,
        object_type=object_type,
        object_id=object_id,
        note=False,
    )
    records = citizen_records(access)
    return access, records, [validated(r) for r in mapping.everything(records)]


@audited_reads
def fhir_everything(*, actor: Actor | None, citizen_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every resource the caller may read of the citizen, the Patient first."""
    access, records, resources = _citizen_resources(
        actor, citizen_id, object_type="fhir_everything", object_id=citizen_id
    )
    _note(access, records, resources, object_type="fhir_everything", object_id=citizen_id)
    return resources


@audited_reads
def fhir_search(
    *, actor: Actor | None, resource_type: str, citizen_id: uuid.UUID
) -> list[dict[str, Any]]:
    """The resources of one type the caller may read of the citizen (search by patient)."""
    object_type = f"fhir_{resource_type}"
    access, records, resources = _citizen_resources(
        actor, citizen_id, object_type=object_type, object_id=citizen_id
    )
    found = [r for r in resources if r["resourceType"] == resource_type]
    _note(access, records, found, object_type=object_type, object_id=citizen_id)
    return found


def _directory_read(actor: Actor | None, resource_type: str, resource_id: str) -> dict[str, Any]:
    """An Organization, Practitioner or PractitionerRole: no citizen's record, but a read by a
    signed-in caller all the same (audited at once, naming no citizen)."""
    model = DIRECTORY_MODELS[resource_type]
    found: Any = None
    if actor is not None:
        try:
            rows = model._default_manager.filter(pk=uuid.UUID(resource_id))
        except ValueError:
            rows = model._default_manager.none()
        if model is Professional:
            rows = rows.select_related("user", "organisation")
        found = rows.first()
    if found is None:
        raise refused_read(
            actor=actor,
            object_type=f"fhir_{resource_type}",
            object_id=resource_id,
            citizen_id=None,
            purpose=PURPOSE,
            exists=False,
        )
    if isinstance(found, Organisation):
        resource = mapping.organisation(found)
    elif resource_type == "Practitioner":
        resource = mapping.practitioner(found)
    else:
        resource = mapping.practitioner_role(found)
    audit_record(
        actor=actor,
        action=AuditAction.READ,
        outcome=AuditOutcome.ALLOWED,
        object_type=f"fhir_{resource_type}",
        object_id=resource_id,
        purpose=PURPOSE,
    )
    return validated(resource)


@audited_reads
def fhir_read(*, actor: Actor | None, resource_type: str, resource_id: str) -> dict[str, Any]:
    """One resource by its id, when the caller may read it; an audited 404 otherwise."""
    served = BY_NAME[resource_type]
    if served.directory:
        return _directory_read(actor, resource_type, resource_id)
    object_type = f"fhir_{resource_type}"
    owner = served.owner(resource_id)
    if owner is None:
        raise refused_read(
            actor=actor,
            object_type=object_type,
            object_id=resource_id,
            citizen_id=None,
            purpose=PURPOSE,
        )
    access, records, resources = _citizen_resources(
        actor, owner, object_type=object_type, object_id=resource_id
    )
    match = next(
        (r for r in resources if r["resourceType"] == resource_type and r["id"] == resource_id),
        None,
    )
    if match is None:
        # The citizen is visible, this resource is not (consent, the citizen's own log).
        raise refused_read(
            actor=actor,
            object_type=object_type,
            object_id=resource_id,
            citizen_id=owner,
            purpose=PURPOSE,
        )
    _note(access, records, [match], object_type=object_type, object_id=resource_id)
    return match
