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
import re
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
MUTED = "#52606d"
ACCENT = "#1d4ed8"
GRID = "#d0d7de"
# Severity bands, lightest trouble first: pale enough that the line and its labels stay clear.
BAND_SHADES = ("#e3f2e6", "#fdf5d7", "#fde7cc", "#fbd9d3", "#f6c9cf")


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[dt.date | float, float]]


def _svg_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    # Text stays text (not outlines): smaller, readable by a screen reader that opens the
    # image, and checkable by the tests ("7. juli 2026", "Uge").
    with matplotlib.rc_context({"svg.fonttype": "none"}):
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


@dataclass(frozen=True)
class Chart:
    """An SVG data: URI with the size it was drawn at, in CSS pixels."""

    uri: str
    width: int
    height: int

    def __str__(self) -> str:
        return self.uri


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    label: str
    level: int  # 0 = least trouble; picks the shade


@dataclass(frozen=True)
class Panel:
    """One instrument's scores on its own scale, with its bands."""

    title: str
    points: tuple[tuple[dt.date, float], ...]
    y_min: float
    y_max: float | None
    bands: tuple[Band, ...] = ()


def date_ticks(days: Sequence[dt.date], label, most: int = 5) -> tuple[tuple[dt.date, str], ...]:
    """Ticks on the days measured (at most `most`, spread evenly), each labelled by `label`
    (a function giving the date in the reader's language)."""
    distinct = sorted(set(days))
    if len(distinct) > most:
        step = (len(distinct) - 1) / (most - 1)
        distinct = [distinct[round(i * step)] for i in range(most)]
    return tuple((d, str(label(d))) for d in distinct)


PANEL_HEIGHT = 1.55
DPI = 96


def panels_chart(
    panels: Sequence[Panel], *, x_ticks: Sequence[tuple[dt.date, str]], width: float = 5.5
) -> Chart:
    """Small multiples: one panel per series, each on its own scale, one shared time axis with
    the dates as the reader writes them (`x_ticks`, made by the caller in their language)."""
    return _panels_chart(tuple(panels), tuple(x_ticks), width, translation.get_language())


@functools.lru_cache(maxsize=CHARTS_KEPT)
def _panels_chart(
    panels: tuple[Panel, ...],
    x_ticks: tuple[tuple[dt.date, str], ...],
    width: float,
    _language: str | None,
) -> Chart:
    from matplotlib.dates import date2num

    height = 0.6 + PANEL_HEIGHT * len(panels)
    figure = plt.figure(figsize=(width, height), dpi=DPI)
    axes_list = figure.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    days = [d for d, _label in x_ticks]
    span = (max(days) - min(days)).days if days else 0
    pad = dt.timedelta(days=max(3, round(span * 0.06)))
    for axes, panel in zip(axes_list, panels, strict=True):
        axes.grid(True, axis="y", color=GRID, linewidth=0.5)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.tick_params(colors=INK, labelsize=7)
        # An instrument of the team's own has no range: a little above its highest score, and
        # never an empty scale when every score is 0.
        top = (
            panel.y_max
            if panel.y_max is not None
            else max(1.0, *(p[1] * 1.15 for p in panel.points))
        )
        for band in panel.bands:
            shade = BAND_SHADES[min(band.level, len(BAND_SHADES) - 1)]
            axes.axhspan(band.low, band.high, color=shade, linewidth=0, zorder=0)
            axes.text(
                1.01,
                (band.low + band.high) / 2,
                band.label,
                transform=axes.get_yaxis_transform(),
                fontsize=6.5,
                color=MUTED,
                va="center",
                ha="left",
            )
        xs = [date2num(p[0]) for p in panel.points]
        ys = [p[1] for p in panel.points]
        axes.plot(xs, ys, color=ACCENT, linewidth=2, marker="o", markersize=5, zorder=3)
        axes.set_ylim(panel.y_min, top)
        axes.set_title(panel.title, loc="left", fontsize=8, color=INK, pad=3)
    if days:
        last = axes_list[-1]
        last.set_xlim(date2num(min(days) - pad), date2num(max(days) + pad))
        last.set_xticks([date2num(d) for d in days], [text for _d, text in x_ticks])
        for text in last.get_xticklabels():
            text.set_rotation(25)
            text.set_horizontalalignment("right")
    figure.tight_layout(h_pad=0.8)
    uri = _svg_uri(figure)
    return Chart(uri, *_svg_size(uri))


def _svg_size(uri: str) -> tuple[int, int]:
    """The drawn size in CSS pixels (the tight box is wider than the figure when the band
    names stand to the right), so the page reserves the right space for the image."""
    head = base64.b64decode(uri.split(",", 1)[1])[:2000].decode("utf-8", "replace")
    found = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', head)
    if not found:
        return 528, 230
    return round(float(found.group(1)) * 96 / 72), round(float(found.group(2)) * 96 / 72)


def week_bars(
    values: Sequence[float],
    *,
    y_label: str,
    x_label: str,
    y_max: float,
    width: float = 5.5,
    height: float = 2.4,
) -> str:
    """One bar per week, weeks numbered from 1; the axis runs from the first week to the last
    and no further (a six-week plan reads 1–6)."""
    return _week_bars(
        tuple(values), str(y_label), str(x_label), y_max, width, height, translation.get_language()
    )


@functools.lru_cache(maxsize=CHARTS_KEPT)
def _week_bars(
    values: tuple[float, ...],
    y_label: str,
    x_label: str,
    y_max: float,
    width: float,
    height: float,
    _language: str | None,
) -> str:
    figure, axes = _figure(width, height)
    axes.grid(False, axis="x")
    weeks = list(range(1, len(values) + 1))
    axes.bar(weeks, values, width=0.8, color=ACCENT)
    axes.set_xlim(0.4, len(values) + 0.6)
    axes.set_xticks(weeks, [str(w) for w in weeks])
    axes.set_ylim(0, y_max)
    axes.set_ylabel(y_label, color=INK, fontsize=8)
    axes.set_xlabel(x_label, color=INK, fontsize=8)
    return _svg_uri(figure)
