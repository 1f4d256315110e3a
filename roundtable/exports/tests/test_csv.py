"""Spreadsheet files never carry formulas (CSV injection, SECURITY.md)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from roundtable.core.csvsafe import csv_text, neutralise


@pytest.mark.parametrize(
    "value, shown",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Ole Hansen", "Ole Hansen"),
        (None, ""),
        (12, "12"),
        # Numbers stay numbers: a spreadsheet sums them, and no formula hides in them.
        (-3, "-3"),
        ("-3", "-3"),
        ("-0.5", "-0.5"),
        (Decimal("-2.50"), "-2.50"),
        ("-3 weeks", "'-3 weeks"),
        ("-1e3", "'-1e3"),
        ("-3\n=1+1", "'-3\n=1+1"),
    ],
)
def test_cells_that_would_be_formulas_are_text(value, shown):
    assert neutralise(value) == shown


@given(st.lists(st.lists(st.text(), min_size=1, max_size=4), max_size=5))
def test_no_cell_of_a_file_starts_a_formula(rows):
    text = csv_text(["a", "b", "c", "d"], rows)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            plain_number = re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell)
            assert plain_number or not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.django_db
def test_the_access_log_file_neutralises_a_hostile_name(client, login, cast):
    cast.alice.user.first_name = "=cmd|' /C calc'!A0"
    cast.alice.user.save()
    login(cast.alice)
    client.get(reverse("workspace:citizen", args=[cast.anna.pk]))
    login(cast.anna)
    response = client.get(reverse("exports:access-log-csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "When"
    names = [row[1] for row in rows[1:]]
    assert any(name.startswith("'=cmd") for name in names)


@pytest.mark.django_db
def test_only_the_citizen_gets_their_access_log_file(client, login, cast):
    login(cast.alice)
    assert client.get(reverse("exports:access-log-csv")).status_code == 404
