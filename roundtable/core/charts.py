"""Small SVG charts (matplotlib, no display needed) for pages and PDFs.

Charts are returned as `data:image/svg+xml;base64,...` URIs: the page's Content-Security-Policy
allows data: images but no inline style, and matplotlib's SVG is full of style attributes. Every
chart on a page comes with the same figures as a table (its accessible text alternative).

Drawing with matplotlib costs tens of milliseconds, more than the rest of a page (issue 9), and a
chart is a pure function of its figures, labels and language. So each worker keeps the charts it
drew last, keyed by exactly those inputs: the same plan at the same revision is drawn once, a
changed figure or language draws a new one, and memory stays bounded (least recently used go).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib
from django.utils import translation

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


CHARTS_KEPT = 256


def line_chart(
    series: Sequence[Series],
    *,
    y_label: str,
    y_max: float | None = None,
    step: bool = False,
    width: float = 5.5,
    height: float = 2.4,
    x_label: str = "",
    x_ticks: Sequence[float] | None = None,
) -> str:
    """A line (or step) chart of one or more series; returns a data: URI of an SVG image."""
    return _line_chart(
        tuple((str(s.label), tuple(s.points)) for s in series),
        str(y_label),
        y_max,
        step,
        width,
        height,
        str(x_label),
        tuple(x_ticks) if x_ticks is not None else None,
        translation.get_language(),
    )


@functools.lru_cache(maxsize=CHARTS_KEPT)
def _line_chart(
    series: tuple[tuple[str, tuple[tuple[dt.date | float, float], ...]], ...],
    y_label: str,
    y_max: float | None,
    step: bool,
    width: float,
    height: float,
    x_label: str,
    x_ticks: tuple[float, ...] | None,
    _language: str | None,
) -> str:
    figure, axes = _figure(width, height)
    for index, (label, points) in enumerate(series):
        xs: list[Any] = [p[0] for p in points]
        ys = [p[1] for p in points]
        colour = ACCENT if index == 0 else INK
        if step:
            axes.step(xs, ys, where="post", color=colour, linewidth=2, label=label)
        else:
            axes.plot(xs, ys, marker="o", markersize=3, color=colour, linewidth=2, label=label)
    axes.set_ylabel(y_label, color=INK, fontsize=8)
    axes.set_ylim(bottom=0, top=y_max)
    if x_label:
        axes.set_xlabel(x_label, color=INK, fontsize=8)
    if x_ticks is not None:
        axes.set_xticks(list(x_ticks))
    if len(series) > 1:
        axes.legend(fontsize=7, frameon=False)
    if any(isinstance(p[0], dt.date) for _label, points in series for p in points):
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
