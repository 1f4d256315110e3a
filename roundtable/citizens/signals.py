"""What other apps may add to a step of the citizens app without the records layer importing
them (the layers: ARCHITECTURE.md).

`course_referred`: sent by the referral page once a referral is registered, with `actor`,
`course` and `coordinator` (the professional chosen as the course's coordinator, or None).
roundtable.network names the coordinator; a receiver answers with a text to show the person
when it could not do its part, or None.
"""

from __future__ import annotations

from django.dispatch import Signal

course_referred = Signal()
