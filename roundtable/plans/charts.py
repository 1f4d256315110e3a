"""The ramp chart: weekly hours of the stepped return to work, as a step chart (SVG data URI).
The page and the PDF always show the same figures in a table too."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from roundtable.core.charts import week_bars
from roundtable.plans.content import RampWeek


def ramp_chart(weeks: Sequence[RampWeek], *, max_weekly: Decimal) -> str | None:
    """One bar per week of the plan, weeks 1 to the last and no further (a six-week plan reads
    1–6), under the axis label "Week"; the scale reaches full time at least."""
    if not weeks:
        return None
    hours = [float(w.weekly_hours) for w in weeks]
    top = max(float(max_weekly), max(hours))
    return week_bars(hours, y_label=_("Hours a week"), x_label=_("Week"), y_max=top * 1.1)
