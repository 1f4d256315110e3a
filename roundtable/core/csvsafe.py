"""CSV files that spreadsheets cannot turn into formulas (SECURITY.md: CSV injection).

A cell starting with =, +, -, @, a tab or a carriage return is run as a formula by Excel,
LibreOffice and Numbers. Such cells get a leading apostrophe, which spreadsheets show as text.
A number stays a number: an int, float or Decimal (and text that is nothing but a plain
number, such as "-3" or "-0.5") cannot hold a formula, and an apostrophe would turn it into
text that no spreadsheet sums.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number in the notation a CSV file writes: an optional minus, digits, an optional
# decimal part. Nothing else may follow, so "-2+3" or "-1e3" stay neutralised.
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def neutralise(value: Any) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


def csv_response(
    header: Sequence[str], rows: Iterable[Sequence[Any]], filename: str
) -> HttpResponse:
    # A byte-order mark so that spreadsheet programs read the file as UTF-8 (æ, ø, å).
    response = HttpResponse(
        "\ufeff" + csv_text(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
