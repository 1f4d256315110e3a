"""Small SVG charts (matplotlib, no display needed) for pages and PDFs.

Charts are returned as `data:image/svg+xml;base64,...` URIs: the page's Content-Security-Policy
allows data: images but no inline style, and matplotlib's SVG is full of style attributes. Every
chart on a page comes with the same figures as a table (its accessible text alternative).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

INK = "#1f2933"
ACCENT = "#1d4ed8"
GRID = "#d0d7de"


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[dt.date | float, float]]


def _svg_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    figure = plt.figure(figsize=(width, height), dpi=96)
    axes = figure.add_subplot(1, 1, 1)
    axes.grid(True, color=GRID, linewidth=0.6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=8)
    return figure, axes


def line_chart(
    series: Sequence[Series],
    *,
    y_label: str,
    y_max: float | None = None,
    step: bool = False,
    width: float = 5.5,
    height: float = 2.4,
) -> str:
    """A line (or step) chart of one or more series; returns a data: URI of an SVG image."""
    figure, axes = _figure(width, height)
    for index, s in enumerate(series):
        xs: list[Any] = [p[0] for p in s.points]
        ys = [p[1] for p in s.points]
        colour = ACCENT if index == 0 else INK
        if step:
            axes.step(xs, ys, where="post", color=colour, linewidth=2, label=s.label)
        else:
            axes.plot(xs, ys, marker="o", markersize=3, color=colour, linewidth=2, label=s.label)
    axes.set_ylabel(y_label, color=INK, fontsize=8)
    axes.set_ylim(bottom=0, top=y_max)
    if len(series) > 1:
        axes.legend(fontsize=7, frameon=False)
    if any(isinstance(p[0], dt.date) for s in series for p in s.points):
        figure.autofmt_xdate()
    return _svg_uri(figure)


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    y_label: str,
    y_max: float | None = None,
    width: float = 5.5,
    height: float = 2.4,
) -> str:
    """Vertical bars, one per label; returns a data: URI of an SVG image."""
    figure, axes = _figure(width, height)
    axes.bar(range(len(values)), values, color=ACCENT)
    axes.set_xticks(range(len(labels)), labels, fontsize=7)
    axes.set_ylabel(y_label, color=INK, fontsize=8)
    axes.set_ylim(bottom=0, top=y_max)
    return _svg_uri(figure)
