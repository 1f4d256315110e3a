"""Who may read and write the care manager's records of a course.

- Reading: everyone who may see the course (CoursePolicy) — the course's care manager and
  employment consultant, the team leader and supervisors of its team, the citizen — reads the
  records whose data class `roundtable.consent.access.visible_data_classes` gives them. The
  citizen reads everything about themself except the therapy notes (`therapy_detail`): those
  are the care manager's working notes.
- Writing: the course's care manager writes the mental-health assessment, functional capacity,
  stepped care, sessions and symptom scores, and the therapy notes when they may read therapy
  detail.
- Team leaders and supervisors read; managers, evaluators, administrators and other teams see
  nothing (the selectors answer 404).

One `CourseRecordPolicy` per kind of record pairs the list filter with the instance check, so
the page and the API cannot disagree (tests/test_policies_agree.py); the write predicates take
what the gate decided (`CourseAccess`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.care.models import (
    CareSession,
    CareStep,
    FunctionalCapacity,
    HealthAssessment,
    SessionNote,
    SymptomScore,
)
from roundtable.citizens.gate import CourseAccess, Requirement
from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.core.data_classes import DataClass

# The care manager's working notes: not on the citizen's own page (their data copy has them).
NOT_FOR_THE_CITIZENS_PAGE = frozenset({DataClass.THERAPY_DETAIL})


def _records(model, course_path: str = "course") -> CourseRecordPolicy:
    return CourseRecordPolicy(
        model, course_path=course_path, hidden_from_citizen=NOT_FOR_THE_CITIZENS_PAGE
    )


HEALTH_ASSESSMENTS = _records(HealthAssessment)
FUNCTIONAL_CAPACITIES = _records(FunctionalCapacity)
CARE_STEPS = _records(CareStep)
CARE_SESSIONS = _records(CareSession)
SESSION_NOTES = _records(SessionNote, "session__course")
SYMPTOM_SCORES = _records(SymptomScore)
RECORD_POLICIES = (
    HEALTH_ASSESSMENTS,
    FUNCTIONAL_CAPACITIES,
    CARE_STEPS,
    CARE_SESSIONS,
    SESSION_NOTES,
    SYMPTOM_SCORES,
)


def readable_classes_of(access: CourseAccess) -> frozenset[str]:
    """What the gate decided, less the therapy notes when the citizen reads their own course."""
    if access.is_own:
        return access.visible - NOT_FOR_THE_CITIZENS_PAGE
    return access.visible


class CarePolicy:
    """Write predicates on what the gate decided."""

    @staticmethod
    def can_write_health(access: CourseAccess) -> bool:
        """The course's own care manager, while they may read the health summary."""
        actor, course = access.actor, access.course
        return (
            not access.emergency
            and actor.professional_id is not None
            and actor.professional_id == course.care_manager_id
            and access.may_read(DataClass.HEALTH_SUMMARY)
        )

    @staticmethod
    def can_write_therapy_notes(access: CourseAccess) -> bool:
        return CarePolicy.can_write_health(access) and access.may_read(DataClass.THERAPY_DETAIL)


WRITES_HEALTH = Requirement(
    CarePolicy.can_write_health,
    _("Only the citizen's care manager writes the mental-health assessment and care plan."),
)
