"""Every app's contribution to the whole record of a citizen, collected once (STYLE.md 15).

The citizen page's timeline, the access export and the retention job read this list. A new app
with records of a course writes its own `parts.py` (roundtable.citizens.record.Part) and adds it
here — nothing else central changes.
"""

from __future__ import annotations

from roundtable.breakglass import parts as breakglass
from roundtable.care import parts as care
from roundtable.citizens.record import Part
from roundtable.consent import parts as consent
from roundtable.family import parts as family
from roundtable.instruments import parts as instruments
from roundtable.journal import parts as journal
from roundtable.lifesituation import parts as lifesituation
from roundtable.meetings import parts as meetings
from roundtable.network import parts as network
from roundtable.outcomes import parts as outcomes
from roundtable.plans import parts as plans
from roundtable.sickleave import parts as sickleave
from roundtable.vocational import parts as vocational

# The order the access export shows its sections in.
PARTS: tuple[Part, ...] = (
    plans.PART,
    meetings.PART,
    instruments.PART,
    care.PART,
    vocational.PART,
    outcomes.PART,
    lifesituation.PART,
    network.PART,
    journal.PART,
    sickleave.PART,
    consent.PART,
    family.PART,
    breakglass.PART,
)
