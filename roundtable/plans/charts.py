"""The ramp chart: weekly hours of the stepped return to work, as a step chart (SVG data URI).
The page and the PDF always show the same figures in a table too."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from roundtable.core.charts import Series, line_chart
from roundtable.plans.content import RampWeek


def ramp_chart(weeks: Sequence[RampWeek], *, max_weekly: Decimal) -> str | None:
    """Week 1 to the last week, each drawn as a step of its own width; ticks on the weeks only
    (a six-week plan reads 1–6, not 1–7)."""
    if not weeks:
        return None
    points = [(float(w.week), float(w.weekly_hours)) for w in weeks]
    # One more point so the last week is drawn as a step of its own width.
    points.append((float(weeks[-1].week + 1), float(weeks[-1].weekly_hours)))
    top = max(float(max_weekly), max(p[1] for p in points))
    label = _("Hours a week")
    return line_chart(
        [Series(label, points)],
        y_label=label,
        y_max=top * 1.1,
        step=True,
        x_label=_("Week"),
        x_ticks=[float(w.week) for w in weeks],
    )
