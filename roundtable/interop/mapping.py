"""The citizen's integrated course as FHIR R4 resources: plain functions from the records the gate
let the caller see (`records.CitizenRecords`) to JSON-ready resources.

Nothing here reads the database or asks about access: a builder can only show what it was given.
Local meanings (data classes, goal kinds, decisions) use Roundtable's own code systems and
extensions under `BASE`; they are listed in the CapabilityStatement (`registry.py`).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from roundtable.audit.selectors import AccessLogEntry
from roundtable.consent.models import ConsentDirective, ConsentProvision, RecipientKind
from roundtable.core.data_classes import DataClass
from roundtable.interop.records import CitizenRecords, CourseRecords, MeetingView, PublishedVersion
from roundtable.network.models import GroupMember
from roundtable.organisations.models import Organisation, Professional

BASE = "https://roundtable.example/fhir"
CS = f"{BASE}/CodeSystem"
SD = f"{BASE}/StructureDefinition"

DATA_CLASS_SYSTEM = f"{CS}/data-class"
SECTOR_SYSTEM = f"{CS}/sector"
ROLE_SYSTEM = f"{CS}/role"
# A member's role in the course's responsibility group (network.GroupRole), and the
# participant type that marks someone in an Encounter as taking part from that group.
GROUP_ROLE_SYSTEM = f"{CS}/group-role"
PARTICIPANT_TYPE_SYSTEM = f"{CS}/participant-type"
GROUP_MEMBER_TYPE = "responsibility-group-member"
GOAL_KIND_SYSTEM = f"{CS}/goal-kind"
OWNER_SECTOR_SYSTEM = f"{CS}/goal-owner-sector"
INSTRUMENT_SYSTEM = f"{CS}/symptom-instrument"
DIAGNOSIS_GROUP_SYSTEM = f"{CS}/diagnosis-group"
CARE_TYPE_SYSTEM = f"{CS}/care-type"
DECISION_TYPE_SYSTEM = f"{CS}/decision-type"
DECISION_ID_SYSTEM = "urn:roundtable:decision"
CONSENT_PURPOSE_SYSTEM = f"{CS}/consent-purpose"

DIAGNOSIS_GROUP_URL = f"{SD}/diagnosis-group"
FIRST_ABSENCE_URL = f"{SD}/first-absence-day"
SECTION_KIND_URL = f"{SD}/plan-section"
DAYS_PER_WEEK_URL = f"{SD}/days-per-week"
DECISION_URL = f"{SD}/meeting-decision"
GOAL_DECISION_URL = f"{SD}/goal-decision"
REVIEW_ON_URL = f"{SD}/review-on"

LOINC = "http://loinc.org"
PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
DCM = "http://dicom.nema.org/resources/ontology/DCM"
UCUM = "http://unitsofmeasure.org"

# Total scores with a LOINC code of their own; every other instrument is coded locally.
LOINC_TOTALS = {
    "PHQ9": ("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"),
    "GAD7": ("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"),
}

# National identity numbers: the OIDs each country registers for them.
NATIONAL_ID_SYSTEMS = {
    "dk": "urn:oid:1.2.208.176.1.2",  # CPR
    "se": "urn:oid:1.2.752.129.2.1.3.1",  # personnummer
    "no": "urn:oid:2.16.578.1.12.4.1.4.1",  # fødselsnummer
}

EPISODE_STATUS = {
    "referred": "planned",
    "active": "active",
    "paused": "onhold",
    "completed": "finished",
    "dropped_out": "cancelled",
}
ENCOUNTER_STATUS = {"planned": "planned", "held": "finished", "cancelled": "cancelled"}
GOAL_LIFECYCLE = {
    "not_started": "planned",
    "in_progress": "active",
    "reached": "completed",
    "dropped": "cancelled",
}
GOAL_ACHIEVEMENT = {"in_progress": "in-progress", "reached": "achieved", "dropped": "not-achieved"}
CONSENT_STATUS = {
    "active": "active",
    "inactive": "inactive",
    "rejected": "rejected",
    "entered_in_error": "entered-in-error",
}
# The audit trail's actions as FHIR AuditEvent actions (C, R, U, D, E).
AUDIT_ACTION = {
    "create": "C",
    "update": "U",
    "delete": "D",
    "read": "R",
    "list": "R",
    "search": "R",
    "print": "R",
    "export": "R",
}


def ref(resource_type: str, pk: Any, display: str | None = None) -> dict[str, Any]:
    reference: dict[str, Any] = {"reference": f"{resource_type}/{pk}"}
    if display:
        reference["display"] = display
    return reference


def coding(system: str, code: str, display: Any = None) -> dict[str, Any]:
    found: dict[str, Any] = {"system": system, "code": str(code)}
    if display:
        found["display"] = str(display)
    return found


def concept(system: str, code: str, display: Any = None) -> dict[str, Any]:
    return {"coding": [coding(system, code, display)]}


def _date(value: dt.date | str | None) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else value.isoformat()


def _instant(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _period(start: Any = None, end: Any = None) -> dict[str, str] | None:
    period = {k: v for k, v in (("start", start), ("end", end)) if v}
    return period or None


def _compact(resource: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty elements: FHIR forbids empty arrays, objects and strings."""
    return {k: v for k, v in resource.items() if v not in (None, "", [], {})}


# --- People and organisations ----------------------------------------------------------------


def patient(records: CitizenRecords) -> dict[str, Any]:
    citizen = records.citizen
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": str(citizen.pk),
        "active": True,
        "name": [{"family": citizen.family_name, "given": [citizen.given_name]}],
    }
    system = NATIONAL_ID_SYSTEMS.get(records.jurisdiction)
    if records.national_id and system:
        resource["identifier"] = [
            {"use": "official", "system": system, "value": records.national_id}
        ]
    return resource


def organisation(org: Organisation) -> dict[str, Any]:
    return {
        "resourceType": "Organization",
        "id": str(org.pk),
        "active": True,
        "name": org.name,
        "type": [concept(SECTOR_SYSTEM, org.sector, org.get_sector_display())],
    }


def _professional_name(professional: Professional) -> dict[str, Any]:
    user = professional.user
    name: dict[str, Any] = {"text": professional.name}
    if user.last_name:
        name["family"] = user.last_name
    if user.first_name:
        name["given"] = [user.first_name]
    return name


def practitioner(professional: Professional) -> dict[str, Any]:
    return {
        "resourceType": "Practitioner",
        "id": str(professional.pk),
        "active": professional.user.is_active,
        "name": [_professional_name(professional)],
    }


def practitioner_role(professional: Professional) -> dict[str, Any]:
    return _compact(
        {
            "resourceType": "PractitionerRole",
            "id": str(professional.pk),
            "active": professional.user.is_active,
            "practitioner": ref("Practitioner", professional.pk, professional.name),
            "organization": ref(
                "Organization", professional.organisation_id, professional.organisation.name
            ),
            "code": [
                {
                    **concept(ROLE_SYSTEM, professional.role, professional.get_role_display()),
                    **({"text": professional.title} if professional.title else {}),
                }
            ],
        }
    )


# --- The course -------------------------------------------------------------------------------


def episode_of_care(records: CourseRecords) -> dict[str, Any]:
    course = records.course
    # No extension for a course entered without sick leave (by the person's wish to work).
    extensions: list[dict[str, Any]] = (
        [{"url": FIRST_ABSENCE_URL, "valueDate": course.first_absence_day.isoformat()}]
        if course.first_absence_day is not None
        else []
    )
    if records.diagnosis_group:
        extensions.append(
            {
                "url": DIAGNOSIS_GROUP_URL,
                "valueCoding": coding(
                    DIAGNOSIS_GROUP_SYSTEM,
                    records.diagnosis_group,
                    course.get_diagnosis_group_display(),
                ),
            }
        )
    care_manager = course.care_manager
    return _compact(
        {
            "resourceType": "EpisodeOfCare",
            "id": str(course.pk),
            "extension": extensions,
            "status": EPISODE_STATUS.get(course.status, "active"),
            "type": [concept(CARE_TYPE_SYSTEM, "integrated-rehabilitation")],
            "patient": ref("Patient", course.citizen_id),
            "managingOrganization": (
                ref("Organization", care_manager.organisation_id) if care_manager else None
            ),
            "period": _period(course.referral_date.isoformat()),
            "careManager": ref("Practitioner", care_manager.pk) if care_manager else None,
            "team": [ref("CareTeam", course.pk, course.team.name)],
        }
    )


def _group_member_ref(member: GroupMember) -> dict[str, Any]:
    """A member with an account is their Practitioner; someone without one is named only."""
    if member.professional is not None:
        return ref("Practitioner", member.professional.pk, member.professional.name)
    return {"display": member.name}


def _group_member_organisation(member: GroupMember) -> dict[str, Any] | None:
    if member.professional is not None:
        organisation = member.professional.organisation
        return ref("Organization", organisation.pk, organisation.name)
    name = member.display_organisation
    return {"display": name} if name else None


def _group_participant(member: GroupMember) -> dict[str, Any]:
    return _compact(
        {
            "role": [concept(GROUP_ROLE_SYSTEM, member.role, member.get_role_display())],
            "member": _group_member_ref(member),
            "onBehalfOf": _group_member_organisation(member),
            "period": _period(_date(member.joined_on), _date(member.left_on)),
        }
    )


def care_team(records: CourseRecords) -> dict[str, Any]:
    """The team's members, then the members of the course's responsibility group who are
    not already there as team members (the group only where its contact details were loaded,
    `CourseRecords.group`)."""
    course = records.course
    participants = []
    for membership in records.members:
        professional = membership.professional
        participant = _compact(
            {
                "role": [concept(ROLE_SYSTEM, professional.role, professional.get_role_display())],
                "member": ref("Practitioner", professional.pk, professional.name),
                "onBehalfOf": ref("Organization", professional.organisation_id),
                "period": _period(_date(membership.joined_on)),
            }
        )
        participants.append(participant)
    on_team = {m.professional_id for m in records.members}
    participants += [
        _group_participant(member)
        for member in records.group
        if member.professional_id is None or member.professional_id not in on_team
    ]
    organisations = sorted({str(m.professional.organisation_id) for m in records.members})
    return _compact(
        {
            "resourceType": "CareTeam",
            "id": str(course.pk),
            "status": "active" if course.is_open else "inactive",
            "name": course.team.name,
            "subject": ref("Patient", course.citizen_id),
            "participant": participants,
            "managingOrganization": [ref("Organization", pk) for pk in organisations],
        }
    )


# --- The joint plan ---------------------------------------------------------------------------


def _decision_identifier(decision_id: Any) -> dict[str, str]:
    return {"system": DECISION_ID_SYSTEM, "value": str(decision_id)}


def goal(records: CourseRecords, row: dict[str, Any]) -> dict[str, Any]:
    status = row.get("status", "not_started")
    return _compact(
        {
            "resourceType": "Goal",
            "id": row["id"],
            "extension": [
                {
                    "url": GOAL_DECISION_URL,
                    "valueIdentifier": _decision_identifier(d["id"]),
                }
                for d in row.get("decisions", ())
            ],
            "lifecycleStatus": GOAL_LIFECYCLE.get(status, "planned"),
            "achievementStatus": (
                concept(
                    "http://terminology.hl7.org/CodeSystem/goal-achievement",
                    GOAL_ACHIEVEMENT[status],
                )
                if status in GOAL_ACHIEVEMENT
                else None
            ),
            "category": [
                concept(GOAL_KIND_SYSTEM, row["kind"]),
                concept(OWNER_SECTOR_SYSTEM, row["owner_sector"]),
            ],
            "description": {"text": row["text"]},
            "subject": ref("Patient", records.course.citizen_id),
            "target": [{"dueDate": row["target_date"]}] if row.get("target_date") else None,
        }
    )


def goals(records: CourseRecords) -> list[dict[str, Any]]:
    """Every goal of the published versions the caller may read, as the newest version that
    holds it states it."""
    newest: dict[str, dict[str, Any]] = {}
    for published in records.versions:  # oldest first: later versions overwrite
        for row in published.plan.get("goals", ()):
            newest[row["id"]] = row
    return [goal(records, row) for row in newest.values()]


def _ramp_activity(week: dict[str, Any], start: dt.date | None, number: int) -> dict[str, Any]:
    hours = Decimal(str(week["hours_per_day"]))
    starts = start + dt.timedelta(weeks=number - 1) if start else None
    ends = starts + dt.timedelta(days=6) if starts else None
    detail = _compact(
        {
            "extension": [{"url": DAYS_PER_WEEK_URL, "valueInteger": int(week["days_per_week"])}],
            "code": concept(CARE_TYPE_SYSTEM, "return-to-work-week", f"Week {number}"),
            "status": "scheduled",
            "scheduledPeriod": _period(_date(starts), _date(ends)),
            "dailyAmount": {"value": float(hours), "unit": "h", "system": UCUM, "code": "h"},
            "description": week.get("note") or None,
        }
    )
    return {"detail": detail}


def care_plan(records: CourseRecords, published: PublishedVersion, *, current: bool) -> dict:
    version, plan = published.version, published.plan
    course = records.course
    ramp = plan.get("ramp") or {}
    start = dt.date.fromisoformat(ramp["start"]) if ramp.get("start") else None
    notes = [
        {
            "extension": [{"url": SECTION_KIND_URL, "valueCode": section["kind"]}],
            "text": section["text"],
        }
        for section in plan.get("sections", ())
        if section.get("text")
    ]
    extensions = []
    if plan.get("review_on"):
        extensions.append({"url": REVIEW_ON_URL, "valueDate": plan["review_on"]})
    return _compact(
        {
            "resourceType": "CarePlan",
            "id": str(version.pk),
            "meta": {"versionId": str(version.number)},
            "extension": extensions,
            "identifier": [{"system": "urn:roundtable:plan-version", "value": str(version.number)}],
            "replaces": [ref("CarePlan", published.previous_id)] if published.previous_id else None,
            # A newer version ends an older one's force; nothing in FHIR says "superseded".
            "status": "active" if current else "revoked",
            "intent": "plan",
            "category": [concept(CARE_TYPE_SYSTEM, "joint-plan", "Joint plan")],
            "title": f"Joint plan, version {version.number}",
            "subject": ref("Patient", course.citizen_id),
            "encounter": ref("Encounter", version.meeting_id) if version.meeting_id else None,
            "period": _period(_date(version.published_at.date())),
            "created": _instant(version.published_at),
            "author": ref("Practitioner", version.published_by_id, version.published_by.name),
            "careTeam": [ref("CareTeam", course.pk)],
            "goal": [ref("Goal", row["id"]) for row in plan.get("goals", ())],
            "activity": [
                _ramp_activity(week, start, number)
                for number, week in enumerate(ramp.get("weeks", ()), start=1)
            ],
            "note": notes,
        }
    )


def care_plans(records: CourseRecords) -> list[dict[str, Any]]:
    last = len(records.versions) - 1
    return [care_plan(records, v, current=i == last) for i, v in enumerate(records.versions)]


def provenance(published: PublishedVersion) -> dict[str, Any]:
    version = published.version
    entities = (
        [{"role": "revision", "what": ref("CarePlan", published.previous_id)}]
        if published.previous_id
        else []
    )
    return _compact(
        {
            "resourceType": "Provenance",
            "id": str(version.pk),
            "target": [ref("CarePlan", version.pk)],
            "recorded": _instant(version.published_at),
            "activity": concept(
                "http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create"
            ),
            "agent": [
                {
                    "type": concept(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                        "author",
                        "Author",
                    ),
                    "who": ref("Practitioner", version.published_by_id),
                }
            ],
            "entity": entities,
        }
    )


# --- Meetings ---------------------------------------------------------------------------------


def _decision_extension(decision) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {"url": "identifier", "valueIdentifier": _decision_identifier(decision.pk)},
        {"url": "type", "valueCoding": coding(DECISION_TYPE_SYSTEM, decision.type.slug)},
        {"url": "title", "valueString": decision.title},
        {"url": "status", "valueCode": decision.status},
        {"url": "zone", "valueCode": decision.zone},
    ]
    if decision.subtype is not None:
        parts.append(
            {"url": "subtype", "valueCoding": coding(DECISION_TYPE_SYSTEM, decision.subtype.slug)}
        )
    if decision.outcome:
        parts.append({"url": "outcome", "valueString": decision.outcome})
    if decision.revisit_on:
        parts.append({"url": "revisitOn", "valueDate": decision.revisit_on.isoformat()})
    return {"url": DECISION_URL, "extension": parts}


def _group_member_type() -> dict[str, Any]:
    return concept(PARTICIPANT_TYPE_SYSTEM, GROUP_MEMBER_TYPE, GroupMember._meta.verbose_name)


def encounter(records: CourseRecords, view: MeetingView) -> dict[str, Any]:
    meeting, course = view.meeting, records.course
    participants = [
        {
            "type": [
                concept(
                    PARTICIPATION,
                    "PPRF" if professional_id == course.care_manager_id else "SPRF",
                )
            ],
            "individual": ref("Practitioner", professional_id),
        }
        for professional_id in (course.care_manager_id, course.employment_consultant_id)
        if professional_id
    ]
    core = {course.care_manager_id, course.employment_consultant_id} - {None}
    for taking_part in view.group:  # empty unless the group's contact details are readable
        member = taking_part.member
        if member.professional_id in core:
            continue
        participants.append(
            {
                "type": [
                    _group_member_type(),
                    concept(GROUP_ROLE_SYSTEM, member.role, member.get_role_display()),
                ],
                "individual": _group_member_ref(member),
            }
        )
    contained = []
    if view.minutes_shared:
        for number, guest in enumerate(meeting.guests.all(), start=1):
            local = f"guest-{number}"
            contained.append(
                _compact(
                    {
                        "resourceType": "RelatedPerson",
                        "id": local,
                        "patient": ref("Patient", course.citizen_id),
                        "relationship": [{"text": guest.relation}] if guest.relation else None,
                        "name": [{"text": guest.name}],
                    }
                )
            )
            participants.append(
                {
                    "type": [{"text": guest.get_kind_display()}],
                    "individual": {"reference": f"#{local}"},
                }
            )
    virtual = bool(meeting.video_url)
    return _compact(
        {
            "resourceType": "Encounter",
            "id": str(meeting.pk),
            "contained": contained,
            "extension": [_decision_extension(d) for d in view.decisions],
            "status": ENCOUNTER_STATUS.get(meeting.status, "planned"),
            "class": coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                "VR" if virtual else "AMB",
                "virtual" if virtual else "ambulatory",
            ),
            "type": [concept(CARE_TYPE_SYSTEM, "roundtable-meeting", "Roundtable meeting")],
            "subject": ref("Patient", course.citizen_id),
            "episodeOfCare": [ref("EpisodeOfCare", course.pk)],
            "participant": participants,
            "period": _period(_instant(meeting.starts_at), _instant(meeting.ends_at)),
            "reasonCode": (
                [{"text": meeting.purpose}] if view.minutes_shared and meeting.purpose else None
            ),
        }
    )


# --- Symptom scores ---------------------------------------------------------------------------


def instrument_key(name: str) -> str:
    """PHQ-9, phq9 and "PHQ 9" are the same instrument."""
    return re.sub(r"[^A-Z0-9]", "", name.upper())


def observation(records: CourseRecords, score) -> dict[str, Any]:
    key = instrument_key(score.instrument)
    if key in LOINC_TOTALS:
        code, display = LOINC_TOTALS[key]
        code_concept = {**concept(LOINC, code, display), "text": score.instrument}
    else:
        code_concept = {**concept(INSTRUMENT_SYSTEM, key or "unknown"), "text": score.instrument}
    value = Decimal(score.score).normalize()
    return {
        "resourceType": "Observation",
        "id": str(score.pk),
        "status": "final",
        "category": [
            concept(
                "http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey"
            )
        ],
        "code": code_concept,
        "subject": ref("Patient", records.course.citizen_id),
        "effectiveDateTime": score.measured_on.isoformat(),
        "valueQuantity": {
            "value": float(value),
            "unit": "{score}",
            "system": UCUM,
            "code": "{score}",
        },
    }


# --- Consent ----------------------------------------------------------------------------------


def _consent_actor(provision: ConsentProvision) -> dict[str, Any]:
    role = concept(
        PARTICIPATION,
        "IRCP",
        "information recipient",
    )
    if provision.recipient_kind == RecipientKind.ORGANISATION:
        organisation = provision.recipient_organisation
        reference: dict[str, Any] = {
            "type": "Organization",
            "identifier": {
                "system": "urn:roundtable:organisation",
                "value": str(provision.recipient_organisation_id),
            },
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
    return {"role": role, "reference": _compact(reference)}


def _consent_provision(provision: ConsentProvision) -> dict[str, Any]:
    labels = dict(DataClass.choices)
    return _compact(
        {
            "type": provision.type,
            "period": _period(_date(provision.period_start), _date(provision.period_end)),
            "actor": [_consent_actor(provision)],
            "action": [concept("http://terminology.hl7.org/CodeSystem/consentaction", "access")],
            "purpose": [
                coding(CONSENT_PURPOSE_SYSTEM, provision.purpose, provision.get_purpose_display())
            ],
            "code": [
                concept(DATA_CLASS_SYSTEM, c, labels.get(c, c)) for c in provision.data_classes
            ],
        }
    )


def consent(records: CitizenRecords, directive: ConsentDirective) -> dict[str, Any]:
    """R4 shape: the base policy is the root provision (OPTIN: nothing shared unless permitted,
    OPTOUT: everything unless denied); each rule is a nested provision with its own type,
    recipient, data classes (as codes) and period."""
    optin = directive.base_policy == "deny"
    return _compact(
        {
            "resourceType": "Consent",
            "id": str(directive.pk),
            "meta": {"versionId": str(directive.version)},
            "identifier": [
                {
                    "system": "urn:roundtable:consent",
                    "value": f"{directive.citizen_id}/{directive.version}",
                }
            ],
            "status": CONSENT_STATUS.get(directive.status, "inactive"),
            "scope": concept(
                "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"
            ),
            "category": [concept(LOINC, "59284-0", "Patient Consent")],
            "patient": ref("Patient", directive.citizen_id),
            "dateTime": _instant(directive.recorded_at),
            "policyRule": concept(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN" if optin else "OPTOUT"
            ),
            "provision": _compact(
                {
                    "type": directive.base_policy,
                    "period": _period(_date(directive.period_start), _date(directive.period_end)),
                    "provision": [_consent_provision(p) for p in directive.provisions.all()],
                }
            ),
        }
    )


# --- The access log ---------------------------------------------------------------------------


def audit_event(records: CitizenRecords, entry: AccessLogEntry) -> dict[str, Any]:
    """One line of the citizen's access log, shaped after IHE Basic Audit Log Patterns (a
    patient-record access: DICOM 110110, the patient as the entity)."""
    who = ", ".join(part for part in (entry.who, entry.organisation) if part)
    return _compact(
        {
            "resourceType": "AuditEvent",
            "id": str(entry.event_id or uuid.uuid5(uuid.NAMESPACE_URL, f"{entry.when}{who}")),
            "type": coding(
                "http://dicom.nema.org/resources/ontology/DCM", "110110", "Patient Record"
            ),
            "action": AUDIT_ACTION.get(entry.action, "E"),
            "recorded": _instant(entry.when),
            "outcome": "0" if entry.outcome == "allowed" else "4",
            "outcomeDesc": entry.what,
            "purposeOfEvent": [{"text": entry.why}] if entry.why else None,
            "agent": [
                _compact(
                    {
                        "type": concept(
                            PARTICIPATION,
                            "IRCP",
                            "information recipient",
                        ),
                        "role": [{"text": entry.role}] if entry.role else None,
                        "who": {"display": who or "Roundtable"},
                        "requestor": True,
                    }
                )
            ],
            "source": {"observer": {"display": "Roundtable"}},
            "entity": [
                {
                    "what": ref("Patient", records.citizen.pk),
                    "type": coding(
                        "http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"
                    ),
                    "role": coding(
                        "http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"
                    ),
                }
            ],
        }
    )


# --- Everything ---------------------------------------------------------------------------------


def _directory(records: CitizenRecords) -> Iterable[dict[str, Any]]:
    for org in sorted(records.organisations.values(), key=lambda o: o.name):
        yield organisation(org)
    people = sorted(records.professionals.values(), key=lambda p: (p.name, str(p.pk)))
    for professional in people:
        yield practitioner(professional)
    for professional in people:
        yield practitioner_role(professional)


def everything(records: CitizenRecords) -> list[dict[str, Any]]:
    """Every resource the caller may read of the citizen, the Patient first."""
    resources = [patient(records)]
    for course in records.courses:
        resources.append(episode_of_care(course))
        resources.append(care_team(course))
    resources += _directory(records)
    for course in records.courses:
        resources += [encounter(course, view) for view in course.meetings]
        resources += care_plans(course)
        resources += [provenance(v) for v in course.versions]
        resources += goals(course)
        resources += [observation(course, score) for score in course.scores]
    resources += [consent(records, d) for d in records.consents]
    resources += [audit_event(records, entry) for entry in records.access_log]
    return resources
