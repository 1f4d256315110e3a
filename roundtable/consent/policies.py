"""Who may read and who may record a citizen's consent.

- Read: the citizen themself, and every professional who may see one of the citizen's courses
  (CoursePolicy) — the team must know what it may share. The consent itself holds no health
  content, only which classes may go where.
- Record (a new version, a withdrawal): the citizen in the portal; the care manager or the
  employment consultant of one of the citizen's open courses, for a consent the citizen gave
  on paper or orally (with a witness). Team leaders and supervisors read but do not record.
"""

from __future__ import annotations

from roundtable.citizens.gate import CitizenAccess


class ConsentPolicy:
    """Reading is the gate's answer (whoever sees one of the citizen's courses); recording:"""

    @staticmethod
    def can_record(access: CitizenAccess) -> bool:
        actor = access.actor
        if actor.is_citizen:
            return actor.citizen_id == access.citizen.pk
        return any(a.assigned and a.course.is_open and not a.emergency for a in access.courses)
