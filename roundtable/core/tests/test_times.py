"""Every time a person reads is in the deployment's time zone (issue 10, finding 3): the access
export's PDF said "Published … 06:19" where the page said 07:19."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from roundtable.core import times
from roundtable.exports.document import value_text

SUMMER_UTC = dt.datetime(2026, 7, 7, 5, 19, tzinfo=dt.UTC)  # 07:19 in Copenhagen (CEST)
WINTER_UTC = dt.datetime(2026, 12, 2, 6, 30, tzinfo=dt.UTC)  # 07:30 in Copenhagen (CET)


def test_a_time_is_shown_in_copenhagen_summer_and_winter():
    with translation.override("en"):
        assert times.format_datetime(SUMMER_UTC) == "7 July 2026, 07:19"
        assert times.format_datetime(WINTER_UTC) == "2 December 2026, 07:30"
        assert times.format_time(WINTER_UTC) == "07:30"


@override_settings(TIME_ZONE="Europe/Oslo")
def test_the_deployment_setting_chooses_the_zone():
    assert times.local(WINTER_UTC).utcoffset() == dt.timedelta(hours=1)
    assert times.spreadsheet_datetime(WINTER_UTC) == "2026-12-02 07:30"


def test_each_nordic_jurisdiction_has_its_zone():
    assert str(times.jurisdiction_zone("SE")) == "Europe/Stockholm"
    assert str(times.jurisdiction_zone("NO")) == "Europe/Oslo"
    assert str(times.jurisdiction_zone("DK")) == "Europe/Copenhagen"


def test_a_moment_just_after_midnight_is_on_the_local_day():
    late = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)  # 00:30 on 2 December in Copenhagen
    with translation.override("en"):
        assert times.format_date(late) == "2 December 2026"


def test_the_export_document_shows_published_and_made_on_in_local_time():
    """The PDF is built from the JSON copy, whose times are UTC with their offset."""
    with translation.override("da"):
        published = value_text("2026-07-07T05:19:00+00:00")
        made = value_text(WINTER_UTC.isoformat())
    assert "07:19" in published and "06:19" not in published
    assert "07:30" in made and "06:30" not in made


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_the_local_time_is_the_same_moment(naive_utc):
    moment = naive_utc.replace(tzinfo=dt.UTC)
    local = times.local(moment)
    # Compared as instants: Python never calls an ambiguous wall time (the hour repeated when
    # summer time ends) equal to a moment in another zone, even the very moment it is (PEP 495).
    assert local.timestamp() == moment.timestamp()
    assert local.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))


@pytest.mark.parametrize("text", ["2026-13-01", "not a date", "2026-12", "1234567890"])
def test_text_that_only_looks_like_a_date_stays_text(text):
    assert times.parse_iso(text) is None
