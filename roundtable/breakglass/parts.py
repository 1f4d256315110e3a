"""Emergency access's part of the whole record (roundtable.citizens.record): its grants and the
citizen's notices go with the course when the retention schedule says so."""

from __future__ import annotations

from roundtable.breakglass.models import BreakGlassGrant, BreakGlassNotice
from roundtable.citizens.record import Part, RetainedRecord

PART = Part(
    name="breakglass",
    retained=(
        RetainedRecord(BreakGlassGrant),
        RetainedRecord(BreakGlassNotice, "grant__course"),
    ),
)
