"""Who may see and write the joint plan.

- The draft (`JointPlan`): the course's care manager, its employment consultant and the team
  leader of the course's team edit and publish it (`CourseAccess.may_write`, the gate's answer);
  supervisors of the team read it. The citizen never sees the draft, only what was published.
- Published versions (`PlanVersion`): everyone who may see the course reads them — the citizen
  included — and the citizen answers them (`CourseAccess.is_own`).
- Everyone else sees nothing: the selectors answer 404 for forbidden and missing alike.
- Which sections a reader sees is decided per data class by
  `roundtable.consent.access.visible_data_classes`, in the selectors.
"""

from __future__ import annotations

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.plans.models import JointPlan, PlanVersion


def can_read_draft(access: CourseAccess) -> bool:
    """The working draft: professionals who may see the course; never the citizen."""
    return not access.actor.is_citizen


# The working draft: professionals who may see the course and read the joint-plan class.
JOINT_PLANS: CourseRecordPolicy[JointPlan] = CourseRecordPolicy(JointPlan, citizen_reads=False)
# Published versions: everyone who may see the course, the citizen included.
PLAN_VERSIONS: CourseRecordPolicy[PlanVersion] = CourseRecordPolicy(
    PlanVersion, course_path="plan__course"
)
