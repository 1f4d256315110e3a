"""The resource types the FHIR door serves, in one list: the views route by it, and the
CapabilityStatement is generated from it, so the statement lists exactly what is served.

Each type names how to find the citizen a resource id belongs to (for a read by id): the model
and the path from it to the citizen. Organization, Practitioner and PractitionerRole are the
directory: not a citizen's record, read by id by any signed-in caller and found by patient as
the people and organisations of that citizen's team.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from roundtable.audit.models import AuditEvent
from roundtable.care.models import SymptomScore
from roundtable.citizens.models import Citizen, Course
from roundtable.consent.models import ConsentDirective
from roundtable.interop import mapping
from roundtable.interop.adapter import FHIR_VERSION, MEDIA_TYPE
from roundtable.meetings.models import Meeting
from roundtable.organisations.models import Organisation, Professional
from roundtable.plans.models import Goal, PlanVersion


@dataclass(frozen=True)
class ServedType:
    name: str
    # Where a resource id is looked up to find its citizen (None: the directory).
    model: type[models.Model] | None
    citizen_path: str = ""
    id_field: str = "pk"
    documentation: str = ""

    @property
    def directory(self) -> bool:
        return self.model is None

    def owner(self, resource_id: str) -> Any:
        """The citizen id the resource belongs to, or None when there is no such record."""
        assert self.model is not None
        try:
            return (
                self.model._default_manager.filter(**{self.id_field: resource_id})
                .values_list(self.citizen_path, flat=True)
                .first()
            )
        except (ValueError, TypeError, ValidationError):
            return None


SERVED: tuple[ServedType, ...] = (
    ServedType(
        "Patient",
        Citizen,
        "pk",
        documentation="The citizen. The national identity number only for the citizen's own "
        "requests. $everything gives every resource below that the caller may read.",
    ),
    ServedType(
        "EpisodeOfCare",
        Course,
        "citizen_id",
        documentation="The integrated course. Its diagnosis group (extension "
        f"{mapping.DIAGNOSIS_GROUP_URL}) only where consent lets the caller see diagnoses.",
    ),
    ServedType(
        "CareTeam",
        Course,
        "citizen_id",
        documentation="The course's team: members of every organisation with their roles; "
        "the same id as its EpisodeOfCare. Where consent lets the caller read contact "
        "details, also the course's responsibility group (role in "
        f"{mapping.GROUP_ROLE_SYSTEM}, period as member): someone with an account as their "
        "Practitioner, someone without one by name only; team members are listed once.",
    ),
    ServedType(
        "Organization",
        None,
        documentation="Organisations of the team's members and of the responsibility "
        "group's members with an account.",
    ),
    ServedType(
        "Practitioner",
        None,
        documentation="The team's professionals and the responsibility group's members with "
        "an account.",
    ),
    ServedType("PractitionerRole", None, documentation="Each professional's role and employer."),
    ServedType(
        "CarePlan",
        PlanVersion,
        "plan__course__citizen_id",
        documentation="Each published joint-plan version (the newest active, earlier ones "
        "revoked and replaced); sector sections as notes (extension "
        f"{mapping.SECTION_KIND_URL}) only of the classes the caller may read; the "
        "return-to-work ramp as activities.",
    ),
    ServedType(
        "Goal",
        Goal,
        "plan__course__citizen_id",
        documentation="Goals of the published plan versions, as the newest version states "
        "them; the kind and owning sector as categories; linked decisions by "
        f"{mapping.GOAL_DECISION_URL}.",
    ),
    ServedType(
        "Encounter",
        Meeting,
        "course__citizen_id",
        documentation="Roundtable meetings. Purpose, guests (contained RelatedPerson) and "
        f"decisions (complex extension {mapping.DECISION_URL}: identifier, type, subtype, "
        "title, status, zone, outcome, revisitOn) only where consent shares the minutes. "
        "Who takes part from the responsibility group (participant type "
        f"{mapping.GROUP_MEMBER_TYPE} in {mapping.PARTICIPANT_TYPE_SYSTEM}, with their role "
        f"in {mapping.GROUP_ROLE_SYSTEM}) only where consent shares contact details.",
    ),
    ServedType(
        "Observation",
        SymptomScore,
        "course__citizen_id",
        documentation="Symptom scores: PHQ-9 total LOINC 44261-6, GAD-7 total LOINC 70274-6, "
        f"every other instrument in {mapping.INSTRUMENT_SYSTEM}.",
    ),
    ServedType(
        "Consent",
        ConsentDirective,
        "citizen_id",
        documentation="Every version of the citizen's consent directive: the base policy as "
        "the root provision, each rule nested with recipient, data classes and period.",
    ),
    ServedType(
        "AuditEvent",
        AuditEvent,
        "citizen_id",
        id_field="event_id",
        documentation="The citizen's access log (IHE Basic Audit Log Patterns), for the "
        "citizen's own requests only.",
    ),
    ServedType(
        "Provenance",
        PlanVersion,
        "plan__course__citizen_id",
        documentation="Who published each joint-plan version, and when; the same id as its "
        "CarePlan.",
    ),
)

BY_NAME = {t.name: t for t in SERVED}

DIRECTORY_MODELS: dict[str, type[models.Model]] = {
    "Organization": Organisation,
    "Practitioner": Professional,
    "PractitionerRole": Professional,
}


def capability_statement(*, base_url: str, published: str) -> dict[str, Any]:
    """What the door serves, generated from `SERVED`."""
    resources = []
    for served in SERVED:
        resource: dict[str, Any] = {
            "type": served.name,
            "documentation": served.documentation,
            "interaction": [{"code": "read"}, {"code": "search-type"}],
            "searchParam": [
                {
                    "name": "patient",
                    "type": "reference",
                    "documentation": "The citizen (Patient id): the resources of this type "
                    "the caller may read of them. Required.",
                }
            ],
        }
        if served.name == "Patient":
            resource["searchParam"] = [
                {"name": "_id", "type": "token", "documentation": "The citizen's id. Required."}
            ]
            resource["operation"] = [
                {
                    "name": "everything",
                    "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                    "documentation": "A searchset Bundle of every resource the caller may read "
                    "of the citizen.",
                }
            ]
        resources.append(resource)
    return {
        "resourceType": "CapabilityStatement",
        "id": "roundtable",
        "status": "active",
        "date": published,
        "kind": "instance",
        "software": {"name": "Roundtable"},
        "implementation": {"description": "Roundtable FHIR door (read-only)", "url": base_url},
        "fhirVersion": FHIR_VERSION,
        "format": [MEDIA_TYPE, "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": "Read-only. The same consent gate as every other way into "
                "Roundtable: forbidden and missing alike answer 404 with an OperationOutcome; "
                "every read is audited.",
                "security": {
                    "description": "The bearer tokens of /api/v1/ (POST /api/v1/auth/token): "
                    "Authorization: Bearer <token>.",
                },
                "resource": resources,
            }
        ],
    }
