"""The return-to-work chart: the share back at work by week since baseline, per group, with the
95 % band — 1 − the Kaplan–Meier curve, so it rises as people go back.

An SVG data: URI like the other charts (roundtable.core.charts), memoised per worker by its
figures and language; the page shows the same figures in a table beside it.
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Sequence

import matplotlib
from django.utils import translation

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402

from roundtable.outcomes.survival import Curve  # noqa: E402

COLOURS = ("#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#1f2933")
INK = "#1f2933"
GRID = "#d0d7de"

Points = tuple[tuple[int, float, float, float], ...]


def _points(curve: Curve) -> Points:
    start = ((0, 0.0, 0.0, 0.0),) if not curve.steps or curve.steps[0].week > 0 else ()
    return start + tuple((s.week, 1 - s.survival, 1 - s.upper, 1 - s.lower) for s in curve.steps)


def return_chart(
    curves: Sequence[tuple[str, Curve]], *, x_label: str, y_label: str, horizon: int = 104
) -> str:
    return _draw(
        tuple((str(label), _points(curve)) for label, curve in curves),
        str(x_label),
        str(y_label),
        horizon,
        translation.get_language(),
    )


@functools.lru_cache(maxsize=64)
def _draw(
    series: tuple[tuple[str, Points], ...],
    x_label: str,
    y_label: str,
    horizon: int,
    _language: str | None,
) -> str:
    figure = plt.figure(figsize=(6.0, 3.0), dpi=96)
    axes = figure.add_subplot(1, 1, 1)
    axes.grid(True, color=GRID, linewidth=0.6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=8)
    last = 0
    for index, (label, points) in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        weeks = [p[0] for p in points]
        last = max(last, *weeks)
        axes.step(
            weeks, [p[1] for p in points], where="post", color=colour, linewidth=2, label=label
        )
        axes.fill_between(
            weeks,
            [p[2] for p in points],
            [p[3] for p in points],
            step="post",
            color=colour,
            alpha=0.15,
            linewidth=0,
        )
    axes.set_xlim(0, max(min(last, horizon), 13))
    axes.set_ylim(0, 1)
    axes.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(xmax=1))
    axes.set_xticks([w for w in (0, 13, 26, 39, 52, 65, 78, 91, 104) if w <= max(last, 13)])
    axes.set_xlabel(x_label, color=INK, fontsize=8)
    axes.set_ylabel(y_label, color=INK, fontsize=8)
    if len(series) > 1:
        axes.legend(fontsize=7, frameon=False, loc="upper left")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
