"""Who may see and answer the shared-decision-making questionnaires of a meeting.

- A response is a record of its course in the meeting's data class (`meeting_minutes`): whoever
  sees the course and may read its meetings' decisions sees that there are responses
  (`SDM_RESPONSES`), as the policy of every course record does.
- Narrower, on the pages (selectors): the citizen sees only their own questionnaire; the team
  (the course's professionals, the team leader, supervisors) sees the three views — the
  citizen's as a score and counts, item by item only when the citizen chose to share them.
  Someone who sees the course only through a break-glass grant sees none of it.
- Answering (services, `ANSWERS_SDM`): the citizen (SDM-Q-9) and the course's care manager and
  employment consultant (SDM-Q-Doc), once per held meeting each.
"""

from __future__ import annotations

from roundtable.citizens.policies import CourseRecordPolicy
from roundtable.instruments.models import SdmResponse

SDM_RESPONSES: CourseRecordPolicy[SdmResponse] = CourseRecordPolicy(SdmResponse)
RECORD_POLICIES = (SDM_RESPONSES,)
