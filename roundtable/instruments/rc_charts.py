"""The relational-coordination heat map: rows are the rating group, columns the group rated, each
cell the dyad score 1-5 written in it; cells without a score (too few respondents) stay blank
grey. An SVG data: URI like every chart (roundtable.core.charts), memoised by its figures and
language; the page shows the same numbers in a table beside it."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.utils import translation

from roundtable.core.charts import CHARTS_KEPT, INK, _svg_uri, plt

BLANK = "#eef1f4"

Cells = tuple[tuple[float | None, ...], ...]


def heat_map(
    rows: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[float | None]], *,
    x_label: str, y_label: str,
) -> str:
    return _heat_map(
        tuple(str(r) for r in rows),
        tuple(str(c) for c in columns),
        tuple(tuple(row) for row in cells),
        str(x_label),
        str(y_label),
        translation.get_language(),
    )


@functools.lru_cache(maxsize=CHARTS_KEPT)
def _heat_map(
    rows: tuple[str, ...],
    columns: tuple[str, ...],
    cells: Cells,
    x_label: str,
    y_label: str,
    _language: str | None,
) -> str:
    import numpy as np
    from matplotlib import colormaps

    figure = plt.figure(figsize=(1.3 + 1.1 * len(columns), 0.9 + 0.55 * len(rows)), dpi=96)
    axes = figure.add_subplot(1, 1, 1)
    values = np.array([[np.nan if v is None else v for v in row] for row in cells], dtype=float)
    cmap = colormaps["RdYlGn"].with_extremes(bad=BLANK)
    axes.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=1, vmax=5, aspect="auto")
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            if value is not None:
                axes.text(j, i, f"{value:.2f}", ha="center", va="center", color=INK, fontsize=9)
    axes.set_xticks(range(len(columns)), labels=columns, fontsize=8, color=INK)
    axes.set_yticks(range(len(rows)), labels=rows, fontsize=8, color=INK)
    axes.xaxis.tick_top()
    axes.xaxis.set_label_position("top")
    axes.set_xlabel(x_label, fontsize=8, color=INK)
    axes.set_ylabel(y_label, fontsize=8, color=INK)
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    plt.setp(axes.get_xticklabels(), rotation=20, ha="left")
    return _svg_uri(figure)
