"""The evaluator's pseudonymised bulk variant: NDJSON per resource type, under the research
export's rules (roundtable.research).

It is built from the research export itself (`research_export_get`: the evaluator's teams only,
keyed pseudonyms, k-anonymity with stepwise suppression, one audit event), so it can hold no
more than that export: categories and counts, never names, national ids, free text or exact
dates. Each released course becomes

- a Patient and an EpisodeOfCare, both with the course's pseudonym as id; the episode carries
  the released row's categories and counts (generalised ones as "*") in the extension
  `research-facts`;
- one Encounter per held roundtable meeting and one CarePlan per published plan version,
  with no date and no text.

Courses the research export withholds (a group smaller than k even when fully generalised)
are left out entirely.
"""

from __future__ import annotations

from typing import Any

from roundtable.accounts.actor import Actor
from roundtable.interop import mapping
from roundtable.interop.adapter import validated
from roundtable.research.selectors import research_export_get

RESEARCH_FACTS_URL = f"{mapping.SD}/research-facts"
# The research row's status is the course's status code.
BULK_TYPES = ("Patient", "EpisodeOfCare", "Encounter", "CarePlan")


def _facts(row: dict[str, Any]) -> dict[str, Any]:
    parts = []
    for name, value in row.items():
        if name == "pseudonym" or value is None or value == "":
            continue  # FHIR has no empty values: a fact not known is left out
        if isinstance(value, bool):
            parts.append({"url": name, "valueBoolean": value})
        elif isinstance(value, int):
            parts.append({"url": name, "valueInteger": value})
        else:
            parts.append({"url": name, "valueString": str(value)})
    return {"url": RESEARCH_FACTS_URL, "extension": parts}


def _course_resources(row: dict[str, Any]) -> list[dict[str, Any]]:
    pseudonym = row["pseudonym"]
    patient = mapping.ref("Patient", pseudonym)
    episode = mapping.ref("EpisodeOfCare", pseudonym)
    resources: list[dict[str, Any]] = [
        {"resourceType": "Patient", "id": pseudonym},
        {
            "resourceType": "EpisodeOfCare",
            "id": pseudonym,
            "extension": [_facts(row)],
            "status": mapping.EPISODE_STATUS.get(row.get("status", ""), "active"),
            "type": [mapping.concept(mapping.CARE_TYPE_SYSTEM, "integrated-rehabilitation")],
            "patient": patient,
        },
    ]
    for number in range(1, int(row.get("held_meetings") or 0) + 1):
        resources.append(
            {
                "resourceType": "Encounter",
                "id": f"{pseudonym}-m{number}",
                "status": "finished",
                "class": mapping.coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"
                ),
                "type": [mapping.concept(mapping.CARE_TYPE_SYSTEM, "roundtable-meeting")],
                "subject": patient,
                "episodeOfCare": [episode],
            }
        )
    versions = int(row.get("plan_versions") or 0)
    for number in range(1, versions + 1):
        resources.append(
            {
                "resourceType": "CarePlan",
                "id": f"{pseudonym}-v{number}",
                "status": "active" if number == versions else "revoked",
                "intent": "plan",
                "category": [mapping.concept(mapping.CARE_TYPE_SYSTEM, "joint-plan")],
                "subject": patient,
            }
        )
    return resources


def fhir_bulk_get(*, actor: Actor | None, team_id=None) -> dict[str, list[dict[str, Any]]]:
    """Per resource type, the pseudonymised resources of the evaluator's teams (or one team).
    Anyone but an evaluator gets the research export's audited 404."""
    export = research_export_get(actor=actor, fmt="json", team_id=team_id)
    by_type: dict[str, list[dict[str, Any]]] = {name: [] for name in BULK_TYPES}
    for row in export.table.rows:
        for resource in _course_resources(row):
            by_type[resource["resourceType"]].append(validated(resource))
    return by_type
