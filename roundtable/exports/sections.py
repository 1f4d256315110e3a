"""The sections of an access export, one provider per kind of record.

A provider takes the courses being exported and, per course, the data classes the requester may
read (roundtable.consent.access), and returns, per course id, a JSON-ready value. Providers run
a fixed number of queries whatever the number of courses and records, and leave out every record
whose data class the requester may not read: the export never holds more than the pages show.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db import models
from django.db.models import F, Prefetch
from django.utils import timezone

from roundtable.accounts.actor import Actor
from roundtable.care import models as care_models
from roundtable.citizens.models import Course
from roundtable.consent.models import ConsentDirective, ConsentProvision
from roundtable.core.data_classes import DataClass
from roundtable.journal.selectors import JournalScope, entry_views
from roundtable.lifesituation.models import LifeArea
from roundtable.meetings.models import Decision, DecisionOption, Meeting
from roundtable.organisations.models import Professional
from roundtable.plans.models import PlanVersion
from roundtable.plans.selectors import filtered_snapshot
from roundtable.sickleave.models import BenefitDecision, BenefitPeriod, EvidenceRequest
from roundtable.sickleave.selectors import course_milestones
from roundtable.vocational import models as vocational_models

Visible = dict[uuid.UUID, frozenset[str]]
Provider = Callable[[Actor, Sequence[Course], Visible], dict[uuid.UUID, Any]]


def _name(professional) -> str | None:
    return professional.user.display_name if professional else None


def sick_leave(actor: Actor, courses: Sequence[Course], visible: Visible) -> dict[uuid.UUID, Any]:
    """The legal timeline (law, not anyone's judgement: every reader of the course sees it) and,
    where the requester may read benefit decisions, the periods and decisions."""
    ids = [c.pk for c in courses]
    periods: dict[uuid.UUID, list[BenefitPeriod]] = {i: [] for i in ids}
    for period in BenefitPeriod.objects.filter(course_id__in=ids).order_by("start"):
        periods[period.course_id].append(period)
    decisions: dict[uuid.UUID, list[BenefitDecision]] = {i: [] for i in ids}
    for decision in BenefitDecision.objects.filter(course_id__in=ids).order_by("decided_on"):
        decisions[decision.course_id].append(decision)
    evidence: dict[uuid.UUID, list[EvidenceRequest]] = {i: [] for i in ids}
    for request in EvidenceRequest.objects.filter(course_id__in=ids).order_by("requested_at"):
        evidence[request.course_id].append(request)
    today = timezone.localdate()
    result: dict[uuid.UUID, Any] = {}
    for course in courses:
        # The prefetch cache keeps course_milestones from querying again.
        course._prefetched_objects_cache = {"benefit_periods": periods[course.pk]}  # type: ignore[attr-defined]
        section: dict[str, Any] = {
            "milestones": [
                {
                    "id": m.id,
                    "date": m.date,
                    "label": str(m.label),
                    "legal_reference": m.legal_ref,
                    "explanation": str(m.explanation),
                }
                for m in course_milestones(course, today=today)
            ]
        }
        if DataClass.BENEFIT_DECISION in visible[course.pk]:
            section["benefit_periods"] = [
                {"first_day": p.start, "last_day": p.end, "reduced": p.reduced}
                for p in periods[course.pk]
            ]
            section["benefit_decisions"] = [
                {
                    "decision": d.get_kind_display(),
                    "legal_ground": d.ground,
                    "decided_on": d.decided_on,
                    "valid_until": d.valid_until,
                    "medical_evidence_received": d.evidence_received_on,
                }
                for d in decisions[course.pk]
            ]
            section["medical_evidence_requests"] = [
                {
                    "what_is_needed": r.question,
                    "due": r.due_on,
                    "status": r.get_status_display(),
                }
                for r in evidence[course.pk]
            ]
        result[course.pk] = section
    return result


def meetings(actor: Actor, courses: Sequence[Course], visible: Visible) -> dict[uuid.UUID, Any]:
    """Roundtable meetings with decisions, options, the citizen's preparation and the minutes."""
    allowed = [c.pk for c in courses if DataClass.MEETING_MINUTES in visible[c.pk]]
    rows = (
        Meeting.objects.filter(course_id__in=allowed)
        .select_related("minutes")
        .prefetch_related(
            "guests",
            "answers",
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("type", "subtype").prefetch_related(
                    Prefetch("options", queryset=DecisionOption.objects.order_by("order"))
                ),
            ),
        )
        .order_by("starts_at")
    )
    result: dict[uuid.UUID, Any] = {c.pk: [] for c in courses if c.pk in allowed}
    for meeting in rows:
        minutes = getattr(meeting, "minutes", None)
        result[meeting.course_id].append(
            {
                "starts_at": meeting.starts_at,
                "ends_at": meeting.ends_at,
                "place": meeting.place,
                "video_url": meeting.video_url,
                "status": meeting.get_status_display(),
                "purpose": meeting.purpose,
                "guests": [
                    {"who": g.get_kind_display(), "name": g.name, "relation": g.relation}
                    for g in meeting.guests.all()
                ],
                "preparation": [
                    {"question": a.prompt_text, "answer": a.answer, "answered_at": a.answered_at}
                    for a in meeting.answers.all()
                ],
                "decisions": [
                    {
                        "type": d.type.label,
                        "subtype": d.subtype.label if d.subtype else None,
                        "what_is_to_be_decided": d.title,
                        "raised_by": d.get_raised_by_display(),
                        "zone": d.get_zone_display(),
                        "status": d.get_status_display(),
                        "come_back_on": d.revisit_on,
                        "what_was_decided": d.outcome,
                        "options": [
                            {"option": o.text, "pros": o.pros, "cons": o.cons, "chosen": o.chosen}
                            for o in d.options.all()
                        ],
                    }
                    for d in sorted(meeting.decisions.all(), key=lambda d: d.order)
                ],
                "minutes": minutes.text if minutes else None,
            }
        )
    return result


# --- Records dumped field by field -------------------------------------------------------------

# Columns that say nothing to the reader (ids, links, bookkeeping).
_SKIPPED_FIELDS = {"id", "course", "data_class", "text_normalised", "order", "session", "plan"}


def _record(obj: models.Model) -> dict[str, Any]:
    """Every meaningful column of a record, choices in words and people by name."""
    values: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in _SKIPPED_FIELDS:
            continue
        if f.is_relation:
            related = getattr(obj, f.name)
            values[f.name] = str(related) if related is not None else None
        elif f.choices:
            values[f.name] = getattr(obj, f"get_{f.name}_display")()
        else:
            values[f.name] = getattr(obj, f.name)
    return values


def _related_for(model: type[models.Model]) -> list[str]:
    related = []
    for f in model._meta.concrete_fields:
        if f.is_relation and f.name not in _SKIPPED_FIELDS:
            target = f.related_model
            related.append(f"{f.name}__user" if target is Professional else f.name)
    return related


def _dump(
    model: type[models.Model], course_path: str, courses: Sequence[Course], visible: Visible
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    """The records of `model` for the courses, left out where the reader may not see their data
    class. One query."""
    result: dict[uuid.UUID, list[dict[str, Any]]] = {c.pk: [] for c in courses}
    rows = (
        model._default_manager.filter(**{f"{course_path}__in": [c.pk for c in courses]})
        .select_related(*_related_for(model))
        .annotate(_course_id=F(course_path))
    )
    for row in rows:
        course_id = row._course_id  # type: ignore[attr-defined]
        if row.data_class not in visible[course_id]:  # type: ignore[attr-defined]
            continue
        result[course_id].append(_record(row))
    return result


# Assessments and sector plans (roundtable.care, roundtable.vocational, roundtable.lifesituation):
# (name, model, path to the course).
ASSESSMENT_RECORDS: list[tuple[str, type[models.Model], str]] = [
    ("health_assessment", care_models.HealthAssessment, "course"),
    ("functional_capacity", care_models.FunctionalCapacity, "course"),
    ("care_steps", care_models.CareStep, "course"),
    ("care_sessions", care_models.CareSession, "course"),
    ("therapy_notes", care_models.SessionNote, "session__course"),
    ("symptom_scores", care_models.SymptomScore, "course"),
    ("vocational_assessment", vocational_models.VocationalAssessment, "course"),
    ("employer_contact", vocational_models.EmployerContact, "course"),
    ("vocational_steps", vocational_models.VocationalStep, "course"),
    ("ips_career_profile", vocational_models.IpsCareerProfile, "course"),
    ("ips_job_search_plan", vocational_models.IpsJobSearchPlan, "course"),
    ("ips_planned_contacts", vocational_models.IpsPlannedContact, "plan__course"),
    ("life_areas", LifeArea, "course"),
]


def assessments(actor: Actor, courses: Sequence[Course], visible: Visible) -> dict[uuid.UUID, Any]:
    parts = {name: _dump(model, path, courses, visible) for name, model, path in ASSESSMENT_RECORDS}
    return {
        c.pk: {name: found[c.pk] for name, found in parts.items() if found[c.pk]} for c in courses
    }


def joint_plan(actor: Actor, courses: Sequence[Course], visible: Visible) -> dict[uuid.UUID, Any]:
    """Every published version as it was published (sections the reader may not see left out)
    and the citizen's answers. The working draft is not a published plan and is left out."""
    ids = [c.pk for c in courses if DataClass.JOINT_PLAN in visible[c.pk]]
    versions = (
        PlanVersion.objects.filter(plan__course_id__in=ids)
        .select_related("published_by__user", "plan")
        .prefetch_related("responses")
        .order_by("number")
    )
    result: dict[uuid.UUID, Any] = {i: [] for i in ids}
    for version in versions:
        course_id = version.plan.course_id
        result[course_id].append(
            {
                "version": version.number,
                "published_at": version.published_at,
                "published_by": str(version.published_by),
                "plan": filtered_snapshot(version.snapshot, visible[course_id]),
                "answers": [
                    {
                        "answered_at": r.created_at,
                        "agreement": r.get_agreement_display(),
                        "comment": r.comment,
                    }
                    for r in version.responses.all()
                    if r.data_class in visible[course_id]
                ],
            }
        )
    return result


def journal(actor: Actor, courses: Sequence[Course], visible: Visible) -> dict[uuid.UUID, Any]:
    """The collective journal as the reader sees it on its page (disputed entries stay with the
    author's organisation while the dispute is open), with disputes and addenda."""
    if not courses:
        return {}
    scope = JournalScope(
        actor=actor,
        citizen=courses[0].citizen,
        courses=list(courses),
        course=None,
        classes_by_course=visible,
    )
    result: dict[uuid.UUID, Any] = {c.pk: [] for c in courses}
    entries = list(scope.entries()[:10_000])
    for view in entry_views(scope, entries):
        entry = view.entry
        result[entry.course_id].append(
            {
                "written_at": entry.created_at,
                "author": str(entry.author),
                "kind": entry.get_data_class_display(),
                "text": entry.body,
                "disputed": view.disputed,
                "disputes": [
                    {
                        "raised_at": d.raised_at,
                        "statement": d.statement,
                        "status": d.get_status_display(),
                        "closed_at": d.closed_at,
                    }
                    for d in view.disputes
                ],
                "addenda": [
                    {"written_at": a.created_at, "author": str(a.author), "text": a.body}
                    for a in view.addenda
                ],
            }
        )
    return result


def consent(actor: Actor, courses: Sequence[Course], visible: Visible) -> dict[uuid.UUID, Any]:
    """The citizen's consent directives, every version (they govern all of the citizen's
    courses, so they are listed under each)."""
    if not courses:
        return {}
    directives = (
        ConsentDirective.objects.filter(citizen_id=courses[0].citizen_id)
        .select_related("recorded_by")
        .prefetch_related("provisions__recipient_organisation")
        .order_by("version")
    )
    rows = [
        {
            **_record(d),
            "provisions": [
                {
                    **_record(p),
                    "data_classes": [str(DataClass(c).label) for c in p.data_classes],
                }
                for p in d.provisions.all()
            ],
        }
        for d in directives
    ]
    for row in rows:
        row.pop("previous", None)
        for provision in row["provisions"]:
            provision.pop("directive", None)
    return {c.pk: rows for c in courses}


# Name → provider, in the order the export shows them. Each app with personal data adds one.
PROVIDERS: list[tuple[str, Provider]] = [
    ("joint_plan", joint_plan),
    ("meetings", meetings),
    ("assessments", assessments),
    ("journal", journal),
    ("sick_leave", sick_leave),
    ("consent", consent),
]


@functools.cache
def field_labels() -> dict[str, Any]:
    """The verbose names of the dumped columns, for the readable document (lazy texts,
    translated when shown; built once per process from the models, which do not change)."""
    labels: dict[str, Any] = {}
    for _name, model, _path in ASSESSMENT_RECORDS:
        for f in model._meta.concrete_fields:
            labels.setdefault(f.name, f.verbose_name)
    for model in (ConsentDirective, ConsentProvision):
        for f in model._meta.concrete_fields:
            labels.setdefault(f.name, f.verbose_name)
    return labels


def course_header(course: Course, visible: frozenset[str]) -> dict[str, Any]:
    return {
        "id": str(course.pk),
        "team": course.team.name,
        "care_manager": _name(course.care_manager),
        "employment_consultant": _name(course.employment_consultant),
        "referral_date": course.referral_date,
        "first_day_of_absence": course.first_absence_day,
        "status": course.get_status_display(),
        "diagnosis_group": (
            course.get_diagnosis_group_display() if DataClass.DIAGNOSIS in visible else None
        ),
    }


def as_json_ready(value: Any) -> Any:
    """Dates as ISO text, lazy text as text, recursively."""
    if isinstance(value, dict):
        return {str(k): as_json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_json_ready(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
