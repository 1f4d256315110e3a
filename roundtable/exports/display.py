"""The access export as a readable document: the JSON tree with labels in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roundtable.core import times

# Labels for the keys of the export, in plain words. A key without a label is shown as written.
LABELS = {
    "generated_at": gettext_lazy("Made on"),
    "generated_for": gettext_lazy("Made for"),
    "citizen": gettext_lazy("About you"),
    "id": gettext_lazy("Number in Roundtable"),
    "given_name": gettext_lazy("Given name"),
    "family_name": gettext_lazy("Family name"),
    "national_id": gettext_lazy("National identity number"),
    "courses": gettext_lazy("Courses"),
    "team": gettext_lazy("Team"),
    "care_manager": gettext_lazy("Care manager"),
    "employment_consultant": gettext_lazy("Employment consultant"),
    "referral_date": gettext_lazy("Referred on"),
    "first_day_of_absence": gettext_lazy("First day of sick leave"),
    "status": gettext_lazy("Status"),
    "diagnosis_group": gettext_lazy("Diagnosis group"),
    "sections": gettext_lazy("What is written"),
    "sick_leave": gettext_lazy("Sick leave"),
    "milestones": gettext_lazy("Dates set by law"),
    "date": gettext_lazy("Date"),
    "label": gettext_lazy("What"),
    "legal_reference": gettext_lazy("Law"),
    "explanation": gettext_lazy("What it means"),
    "benefit_periods": gettext_lazy("Periods with sick pay or benefit"),
    "first_day": gettext_lazy("First day"),
    "last_day": gettext_lazy("Last day"),
    "reduced": gettext_lazy("Reduced"),
    "benefit_decisions": gettext_lazy("Decisions about your benefit"),
    "decision": gettext_lazy("Decision"),
    "legal_ground": gettext_lazy("Legal ground"),
    "decided_on": gettext_lazy("Decided on"),
    "valid_until": gettext_lazy("Valid until"),
    "medical_evidence_received": gettext_lazy("Medical evidence received"),
    "medical_evidence_requests": gettext_lazy("Requests for medical evidence"),
    "what_is_needed": gettext_lazy("What is needed"),
    "due": gettext_lazy("Due"),
    "meetings": gettext_lazy("Roundtable meetings"),
    "starts_at": gettext_lazy("Starts"),
    "ends_at": gettext_lazy("Ends"),
    "place": gettext_lazy("Place"),
    "video_url": gettext_lazy("Video link"),
    "purpose": gettext_lazy("What the meeting is for"),
    "guests": gettext_lazy("Guests"),
    "who": gettext_lazy("Who"),
    "name": gettext_lazy("Name"),
    "relation": gettext_lazy("Relation"),
    "preparation": gettext_lazy("Your preparation"),
    "question": gettext_lazy("Question"),
    "answer": gettext_lazy("Answer"),
    "answered_at": gettext_lazy("Answered"),
    "decisions": gettext_lazy("Decisions"),
    "type": gettext_lazy("Type"),
    "subtype": gettext_lazy("Subject"),
    "what_is_to_be_decided": gettext_lazy("What is to be decided"),
    "raised_by": gettext_lazy("Raised by"),
    "zone": gettext_lazy("Who decides"),
    "come_back_on": gettext_lazy("Come back to it on"),
    "what_was_decided": gettext_lazy("What was decided"),
    "options": gettext_lazy("Options"),
    "option": gettext_lazy("Option"),
    "pros": gettext_lazy("For"),
    "cons": gettext_lazy("Against"),
    "chosen": gettext_lazy("Chosen"),
    "minutes": gettext_lazy("Notes from the meeting"),
    "access_log": gettext_lazy("Who has looked at your record"),
    "when": gettext_lazy("When"),
    "role": gettext_lazy("Role"),
    "organisation": gettext_lazy("Organisation"),
    "what": gettext_lazy("What they did"),
    "why": gettext_lazy("Why"),
    "outcome": gettext_lazy("Result"),
    "joint_plan": gettext_lazy("Joint plan"),
    "version": gettext_lazy("Version"),
    "published_at": gettext_lazy("Published"),
    "published_by": gettext_lazy("Published by"),
    "plan": gettext_lazy("The plan"),
    "goals": gettext_lazy("Goals"),
    "ramp": gettext_lazy("Return-to-work plan, week by week"),
    "answers": gettext_lazy("Answers from the citizen"),
    "agreement": gettext_lazy("Agrees"),
    "comment": gettext_lazy("Comment"),
    "assessments": gettext_lazy("Assessments and plans"),
    "health_assessment": gettext_lazy("Mental-health assessment"),
    "functional_capacity": gettext_lazy("What the citizen can and cannot do at work"),
    "care_steps": gettext_lazy("Care steps"),
    "care_sessions": gettext_lazy("Sessions"),
    "therapy_notes": gettext_lazy("Therapy notes"),
    "symptom_scores": gettext_lazy("Symptom scores"),
    "vocational_assessment": gettext_lazy("Vocational assessment"),
    "employer_contact": gettext_lazy("Employer contact"),
    "vocational_steps": gettext_lazy("Steps towards work"),
    "ips_career_profile": gettext_lazy("IPS career profile"),
    "ips_job_search_plan": gettext_lazy("IPS job-search plan"),
    "ips_planned_contacts": gettext_lazy("Planned employer contacts"),
    "life_areas": gettext_lazy("Life situation"),
    "journal": gettext_lazy("Collective journal"),
    "written_at": gettext_lazy("Written"),
    "author": gettext_lazy("Written by"),
    "kind": gettext_lazy("Kind"),
    "text": gettext_lazy("Text"),
    "disputed": gettext_lazy("Marked as wrong"),
    "disputes": gettext_lazy("Marked as wrong"),
    "raised_at": gettext_lazy("Marked on"),
    "statement": gettext_lazy("Statement"),
    "closed_at": gettext_lazy("Closed"),
    "addenda": gettext_lazy("Additions"),
    "consent": gettext_lazy("Consent: who may see what"),
    "provisions": gettext_lazy("Rules"),
    "data_classes": gettext_lazy("What"),
}


def label(key: str) -> str:
    found = LABELS.get(key)
    if found is None:
        from roundtable.exports.sections import field_labels

        found = field_labels().get(key)
    return (
        str(found)[:1].upper() + str(found)[1:]
        if found is not None
        else key.replace("_", " ").capitalize()
    )


def _scalar(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, str):
        moment = times.parse_iso(value)
        if isinstance(moment, dt.datetime):
            return times.format_datetime(moment)
        if isinstance(moment, dt.date):
            return times.format_date(moment)
    return str(value)


def display_tree(value: Any) -> dict[str, Any]:
    """{'kind': 'map'|'list'|'text', ...} nodes for the recursive template."""
    if isinstance(value, dict):
        return {
            "kind": "map",
            "items": [(label(k), display_tree(v)) for k, v in value.items() if k != "id"],
        }
    if isinstance(value, list):
        return {"kind": "list", "items": [display_tree(v) for v in value]}
    return {"kind": "text", "value": _scalar(value)}
