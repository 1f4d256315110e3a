"""The relational-coordination heat map: rows are the rating group, columns the group rated, each
cell the dyad score 1-5 written in it and shaded by its band (weak, moderate, strong: the
configured thresholds); cells without a score stay blank grey. An SVG data: URI like every chart
(roundtable.core.charts), memoised by its figures and language; the page shows the same numbers
in a table beside it."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.utils import formats, translation

from roundtable.core.charts import BAND_SHADES, CHARTS_KEPT, INK, _svg_uri, plt

BLANK = "#eef1f4"
# Pale shades, so the number in each cell stays readable: weak, moderate, strong.
SHADES = (BAND_SHADES[3], BAND_SHADES[1], BAND_SHADES[0])

Cells = tuple[tuple[float | None, ...], ...]


def heat_map(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[float | None]],
    *,
    thresholds: tuple[float, float],
    x_label: str,
    y_label: str,
) -> str:
    return _heat_map(
        tuple(str(r) for r in rows),
        tuple(str(c) for c in columns),
        tuple(tuple(row) for row in cells),
        tuple(thresholds),
        str(x_label),
        str(y_label),
        translation.get_language(),
    )


@functools.lru_cache(maxsize=CHARTS_KEPT)
def _heat_map(
    rows: tuple[str, ...],
    columns: tuple[str, ...],
    cells: Cells,
    thresholds: tuple[float, float],
    x_label: str,
    y_label: str,
    _language: str | None,
) -> str:
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap

    strong, moderate = thresholds
    figure = plt.figure(figsize=(1.6 + 1.2 * len(columns), 1.0 + 0.6 * len(rows)), dpi=96)
    axes = figure.add_subplot(1, 1, 1)
    values = np.array([[np.nan if v is None else v for v in row] for row in cells], dtype=float)
    # Strong is above its threshold (a score of exactly `strong` is moderate).
    cmap = ListedColormap(list(SHADES)).with_extremes(bad=BLANK)
    norm = BoundaryNorm([0.0, moderate, np.nextafter(strong, 6.0), 6.0], cmap.N)
    axes.imshow(np.ma.masked_invalid(values), cmap=cmap, norm=norm, aspect="auto")
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if value is not None:
                text = formats.number_format(value, 2)
                axes.text(j, i, text, ha="center", va="center", color=INK, fontsize=10)
    axes.set_xticks(range(len(columns)), labels=columns, fontsize=8, color=INK)
    axes.set_yticks(range(len(rows)), labels=rows, fontsize=8, color=INK)
    axes.xaxis.tick_top()
    axes.xaxis.set_label_position("top")
    axes.set_xlabel(x_label, fontsize=8, color=INK)
    axes.set_ylabel(y_label, fontsize=8, color=INK)
    axes.tick_params(length=0)
    axes.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    axes.set_yticks(np.arange(-0.5, len(rows)), minor=True)
    axes.grid(which="minor", color="white", linewidth=2)
    axes.tick_params(which="minor", length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    plt.setp(axes.get_xticklabels(), rotation=20, ha="left")
    return _svg_uri(figure)
