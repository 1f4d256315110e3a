"""Who may see and record what about sickness benefit.

- Everyone who may see a course sees its legal timeline: the care manager, the employment
  consultant, the team leader and supervisors of the team, and the citizen. The point of the
  timeline is that both sectors and the citizen see the same legal clock (DOMAIN §2–3).
- Only the course's employment consultant records benefit periods and decisions, and asks the
  health side for medical evidence: benefit eligibility is the jobcentre's zone by law.
- The care manager the evidence is asked of (or another health professional on the course)
  marks the request done.
- Any professional on the course may mark a legal deadline as handled.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.citizens.gate import CourseAccess, Requirement
from roundtable.citizens.policies import CoursePolicy
from roundtable.organisations.models import EMPLOYMENT_COURSE_ROLES
from roundtable.sickleave.models import EvidenceRequest


class SickleavePolicy:
    """Everyone the gate lets see a course sees its legal timeline; what they may do:"""

    @staticmethod
    def can_record(access: CourseAccess) -> bool:
        """Benefit periods and decisions, requests for medical evidence: the course's own
        employment consultant (benefit eligibility is the jobcentre's zone by law)."""
        actor = access.actor
        return (
            actor.role in EMPLOYMENT_COURSE_ROLES
            and actor.professional_id is not None
            and actor.professional_id == access.course.employment_consultant_id
        )

    @staticmethod
    def can_complete_evidence(actor: Actor | None, request: EvidenceRequest) -> bool:
        return (
            actor is not None
            and actor.professional_id is not None
            and (
                actor.professional_id == request.assignee_id
                or (actor.is_health_sector and CoursePolicy.allows(actor, request.course))
            )
        )

    @staticmethod
    def can_mark_handled(access: CourseAccess) -> bool:
        """Any professional working on the course (not through emergency access)."""
        return access.works_on


RECORDS_PERIODS = Requirement(
    SickleavePolicy.can_record, _("Only the employment consultant records benefit periods.")
)
RECORDS_DECISIONS = Requirement(
    SickleavePolicy.can_record, _("Only the employment consultant records benefit decisions.")
)
ASKS_FOR_EVIDENCE = Requirement(
    SickleavePolicy.can_record, _("Only the employment consultant asks for medical evidence.")
)
MARKS_HANDLED = Requirement(
    SickleavePolicy.can_mark_handled, _("Only the professionals on the course mark deadlines.")
)
