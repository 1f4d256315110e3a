"""Who may read and write the life-situation mapping of a course.

- Reading: everyone who may see the course (CoursePolicy) — the course's care manager and
  employment consultant, the team leader and supervisors of its team, the citizen — reads the
  life areas whose data class `roundtable.consent.access.visible_data_classes` gives them.
- Writing: the course's care manager and employment consultant write the mapping, each the
  areas whose data class they may read (so nobody overwrites what they cannot see). The citizen
  adds their own wishes per life area.
- Team leaders and supervisors read; managers, evaluators, administrators and other teams see
  nothing (the selectors answer 404).

`LIFE_AREAS` (a `CourseRecordPolicy`) pairs the list filter with the instance check, so the page
and the API cannot disagree (tests/test_policies_agree.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from roundtable.citizens.gate import CourseAccess, Requirement
from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.lifesituation.models import LifeArea

LIFE_AREAS = CourseRecordPolicy(LifeArea)


class LifeSituationPolicy:
    """Write predicates on what the gate decided."""

    @staticmethod
    def mapping_classes(access: CourseAccess) -> frozenset[str]:
        """The life-area data classes the actor may write: none unless they are the course's
        care manager or employment consultant; then those they may read."""
        if access.emergency or not access.assigned:
            return frozenset()
        return access.visible

    @staticmethod
    def can_add_citizen_wishes(access: CourseAccess) -> bool:
        return access.is_own


MAPS = Requirement(
    lambda access: bool(LifeSituationPolicy.mapping_classes(access)),
    _("Only the citizen's care manager and employment consultant write the mapping."),
)
WRITES_OWN_WISHES = Requirement(
    LifeSituationPolicy.can_add_citizen_wishes, _("Only you can write your own wishes.")
)
