"""A consent version as a FHIR R5 Consent resource, built and validated with fhir.resources.

The one place that imports fhir.resources for consent (STYLE.md 14: one adapter per heavy
dependency). R5 semantics: ``decision`` is the base policy, each top-level ``provision`` is an
exception to it, and nested provisions are exceptions to their parent. With the usual base
"deny", our permits are the top-level provisions and our denies are nested inside every permit
whose data classes they touch (an explicit deny beats a permit). A deny that touches no permit
narrows the deployment's defaults (named in ``policyBasis``) rather than this resource's permits;
it is kept as a top-level provision. Every provision also carries the extension
``provision-type`` (permit/deny), so no reader has to infer it from the nesting.
"""

from __future__ import annotations

from typing import Any

from fhir.resources.consent import Consent

from roundtable.consent.defaults import consent_defaults
from roundtable.consent.models import (
    FHIR_STATUS,
    ConsentDirective,
    ConsentProvision,
    GivenVia,
    ProvisionType,
    RecipientKind,
)
from roundtable.core import times
from roundtable.core.data_classes import DataClass

BASE = "https://roundtable.example/fhir"
DATA_CLASS_SYSTEM = f"{BASE}/CodeSystem/data-class"
SECTOR_SYSTEM = f"{BASE}/CodeSystem/sector"
ROLE_SYSTEM = f"{BASE}/CodeSystem/role"
PURPOSE_SYSTEM = f"{BASE}/CodeSystem/consent-purpose"
GIVEN_VIA_SYSTEM = f"{BASE}/CodeSystem/consent-given-via"
PROVISION_TYPE_URL = f"{BASE}/StructureDefinition/provision-type"
GIVEN_VIA_URL = f"{BASE}/StructureDefinition/consent-given-via"
IDENTIFIER_SYSTEM = "urn:roundtable:consent"


def _actor(provision: ConsentProvision) -> dict[str, Any]:
    role = {
        "coding": [
            {
                "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                "code": "IRCP",
                "display": "information recipient",
            }
        ]
    }
    reference: dict[str, Any]
    if provision.recipient_kind == RecipientKind.ORGANISATION:
        organisation = provision.recipient_organisation
        reference = {
            "reference": f"Organization/{provision.recipient_organisation_id}",
            "display": organisation.name if organisation else "",
        }
    elif provision.recipient_kind == RecipientKind.SECTOR:
        reference = {
            "identifier": {"system": SECTOR_SYSTEM, "value": provision.recipient_sector},
            "display": str(provision.get_recipient_sector_display()),
        }
    else:
        reference = {
            "type": "PractitionerRole",
            "identifier": {"system": ROLE_SYSTEM, "value": provision.recipient_role},
            "display": str(provision.get_recipient_role_display()),
        }
    return {"role": role, "reference": reference}


def _period(start, end) -> dict[str, str] | None:
    if start is None and end is None:
        return None
    period = {}
    if start is not None:
        period["start"] = start.isoformat()
    if end is not None:
        period["end"] = end.isoformat()
    return period


def _provision(provision: ConsentProvision, nested: list[dict] | None = None) -> dict[str, Any]:
    labels = dict(DataClass.choices)
    element: dict[str, Any] = {
        "extension": [{"url": PROVISION_TYPE_URL, "valueCode": provision.type}],
        "actor": [_actor(provision)],
        "action": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/consentaction",
                        "code": "access",
                    }
                ]
            }
        ],
        "purpose": [
            {
                "system": PURPOSE_SYSTEM,
                "code": provision.purpose,
                "display": str(provision.get_purpose_display()),
            }
        ],
        "code": [
            {"coding": [{"system": DATA_CLASS_SYSTEM, "code": c, "display": str(labels.get(c, c))}]}
            for c in provision.data_classes
        ],
    }
    period = _period(provision.period_start, provision.period_end)
    if period:
        element["period"] = period
    if nested:
        element["provision"] = nested
    return element


def consent_as_fhir(directive: ConsentDirective, *, jurisdiction: str) -> dict[str, Any]:
    """The version as a validated FHIR R5 Consent, as JSON-ready data. `jurisdiction` names
    the defaults the consent narrows or widens (the course's jurisdiction)."""
    provisions = list(directive.provisions.all())
    if directive.base_policy == ProvisionType.DENY:
        denies = [p for p in provisions if p.type == ProvisionType.DENY]
        rendered = []
        nested_somewhere: set = set()
        for permit in (p for p in provisions if p.type == ProvisionType.PERMIT):
            touching = [d for d in denies if set(d.data_classes) & set(permit.data_classes)]
            nested_somewhere.update(d.pk for d in touching)
            rendered.append(_provision(permit, [_provision(d) for d in touching]))
        rendered += [_provision(d) for d in denies if d.pk not in nested_somewhere]
    else:
        rendered = [_provision(p) for p in provisions]
    defaults = consent_defaults(jurisdiction)
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": str(directive.pk),
        "meta": {"versionId": str(directive.version)},
        "identifier": [
            {"system": IDENTIFIER_SYSTEM, "value": f"{directive.citizen_id}/{directive.version}"}
        ],
        "status": FHIR_STATUS[directive.status],
        "category": [
            {
                "coding": [
                    {
                        "system": "http://loinc.org",
                        "code": "59284-0",
                        "display": "Patient Consent",
                    }
                ]
            },
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/consentscope",
                        "code": directive.scope,
                    }
                ]
            },
        ],
        "subject": {"reference": f"Patient/{directive.citizen_id}"},
        "date": times.local(directive.recorded_at).date().isoformat(),
        "period": _period(directive.period_start, directive.period_end),
        "grantor": [{"reference": f"Patient/{directive.citizen_id}"}],
        "policyBasis": {"url": f"{BASE}/consent-defaults/{defaults.jurisdiction}"},
        "regulatoryBasis": [{"text": exception.legal_ref} for exception in defaults.exceptions],
        "extension": [
            {
                "url": GIVEN_VIA_URL,
                "valueCoding": {"system": GIVEN_VIA_SYSTEM, "code": directive.given_via},
            }
        ],
        "decision": directive.base_policy,
    }
    if directive.given_via == GivenVia.ORAL and directive.witness_name:
        resource["verification"] = [
            {
                "verified": True,
                "verificationType": {"text": "Oral consent, witnessed"},
                "verifiedBy": {"display": directive.witness_name},
                "verificationDate": [directive.recorded_at.isoformat()],
            }
        ]
    if rendered:
        resource["provision"] = rendered
    # Validates every element against the R5 structure; raises on anything malformed.
    return Consent.model_validate(resource).model_dump(mode="json", exclude_none=True)
