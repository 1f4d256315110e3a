"""Who may see and record what about sickness benefit.

- Everyone who may see a course sees its legal timeline: the care manager, the employment
  consultant, the team leader and supervisors of the team, and the citizen. The point of the
  timeline is that both sectors and the citizen see the same legal clock (DOMAIN §2–3).
- Only the course's employment consultant records benefit periods and decisions, and asks the
  health side for medical evidence: benefit eligibility is the jobcentre's zone by law.
- The care manager the evidence is asked of (or another health professional on the course)
  marks the request done.
- The evidence note (issue 13, 5) is written and sent only by the one it was asked of (the care
  manager, or a psychiatrist or psychologist of the team). Its versions are `functional_capacity`
  records (`EVIDENCE_NOTES`): the health side reads every version; the citizen reads it once it
  is ready for them or sent; the jobcentre reads only the sent version, and only while the
  citizen's consent lets it read the class.
- Any professional on the course may mark a legal deadline as handled.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.citizens.gate import CourseAccess, Requirement
from roundtable.citizens.policies import CoursePolicy, CourseRecordPolicy
from roundtable.organisations.models import EMPLOYMENT_COURSE_ROLES
from roundtable.sickleave.models import EvidenceNote, EvidenceNoteState, EvidenceRequest


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
    def writes_evidence_note(actor: Actor | None, request: EvidenceRequest) -> bool:
        """The one the evidence is asked of, and nobody else."""
        return (
            actor is not None
            and actor.professional_id is not None
            and actor.professional_id == request.assignee_id
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


class EvidenceNotePolicy(CourseRecordPolicy[EvidenceNote]):
    """Consent decides the class (`functional_capacity`); the state decides further: drafts stay
    with the health side, the citizen reads what is ready for them or sent, and everyone else
    (the jobcentre) only what was sent."""

    @staticmethod
    def states(actor: Actor | None) -> frozenset[str] | None:
        """The states of a version the actor may read; None: every state."""
        if actor is not None and actor.is_health_sector:
            return None
        if actor is not None and actor.is_citizen:
            return frozenset({EvidenceNoteState.READY, EvidenceNoteState.SENT})
        return frozenset({EvidenceNoteState.SENT})

    def queryset(self, actor):  # type: ignore[no-untyped-def]
        rows = super().queryset(actor)
        states = self.states(actor)
        return rows if states is None else rows.filter(state__in=sorted(states))

    def allows(self, actor, record, *, course=None):  # type: ignore[no-untyped-def]
        states = self.states(actor)
        return super().allows(actor, record, course=course) and (
            states is None or record.state in states
        )

    def of(self, access):  # type: ignore[no-untyped-def]
        rows = super().of(access)
        states = self.states(access.actor)
        return rows if states is None else rows.filter(state__in=sorted(states))


EVIDENCE_NOTES = EvidenceNotePolicy(EvidenceNote)
RECORD_POLICIES = (EVIDENCE_NOTES,)
