"""Every app's contribution to the whole record of a citizen, collected once (STYLE.md 15).

The citizen page's timeline, the access export and the retention job read this list. A new app
with records of a course writes its own `parts.py` (roundtable.citizens.record.Part) and adds it
here — nothing else central changes.
"""

from __future__ import annotations

from roundtable.assessments import parts as assessments
from roundtable.citizens.record import Part
from roundtable.meetings import parts as meetings
from roundtable.plans import parts as plans

PARTS: tuple[Part, ...] = (
    meetings.PART,
    assessments.PART,
    plans.PART,
)
