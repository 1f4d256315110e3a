"""The retention schedule and `due_for_deletion`: worked examples and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from roundtable.core.data_classes import ALL_CLASSES, DataClass
from roundtable.retention.schedule import (
    DEFAULT_SCHEDULE,
    add_years,
    due_for_deletion,
    retention_schedule,
)

PARAMS = DEFAULT_SCHEDULE
ENDED = dt.date(2014, 6, 30)


@pytest.mark.parametrize(
    ("data_class", "today", "due"),
    [
        # Danish health records: 10 years after the last entry, kept through the anniversary.
        (DataClass.THERAPY_DETAIL, dt.date(2024, 6, 30), False),
        (DataClass.THERAPY_DETAIL, dt.date(2024, 7, 1), True),
        (DataClass.DIAGNOSIS, dt.date(2020, 1, 1), False),
        (DataClass.FAMILY, dt.date(2025, 1, 1), True),
        # Jobcentre case files: 5 years.
        (DataClass.VOCATIONAL, dt.date(2019, 6, 30), False),
        (DataClass.VOCATIONAL, dt.date(2019, 7, 1), True),
        (DataClass.BENEFIT_DECISION, dt.date(2019, 7, 1), True),
        # Joint records: the longer of the two sectors, 10 years.
        (DataClass.MEETING_MINUTES, dt.date(2019, 7, 1), False),
        (DataClass.JOINT_PLAN, dt.date(2024, 7, 1), True),
        (DataClass.CONTACT_DETAILS, dt.date(2024, 6, 30), False),
    ],
)
def test_danish_worked_examples(data_class, today, due):
    assert due_for_deletion(ENDED, data_class, "dk", today, PARAMS) is due


def test_a_hold_keeps_records_long_past_their_time():
    assert not due_for_deletion(
        ENDED, DataClass.VOCATIONAL, "dk", dt.date(2099, 1, 1), PARAMS, held=True
    )


def test_norwegian_health_records_are_never_deleted_by_the_job():
    assert not due_for_deletion(ENDED, DataClass.DIAGNOSIS, "no", dt.date(2200, 1, 1), PARAMS)
    assert not due_for_deletion(ENDED, DataClass.JOINT_PLAN, "no", dt.date(2200, 1, 1), PARAMS)
    assert due_for_deletion(ENDED, DataClass.VOCATIONAL, "no", dt.date(2020, 1, 1), PARAMS)


def test_an_unknown_jurisdiction_keeps_everything():
    assert not due_for_deletion(ENDED, DataClass.VOCATIONAL, "xx", dt.date(2200, 1, 1), PARAMS)


def test_the_29th_of_february_counts_to_the_28th():
    assert add_years(dt.date(2016, 2, 29), 5) == dt.date(2021, 2, 28)
    assert add_years(dt.date(2016, 2, 29), 4) == dt.date(2020, 2, 29)


def test_every_jurisdiction_has_a_rule_with_a_reference_for_every_class():
    for rules in DEFAULT_SCHEDULE.values():
        assert set(rules) == set(ALL_CLASSES)
        assert all(rule.legal_ref for rule in rules.values())


def test_the_setting_overrides_one_rule_and_keeps_the_rest(settings):
    settings.ROUNDTABLE_RETENTION = {"dk": {"vocational": {"years": 7, "legal_ref": "Local rule"}}}
    schedule = retention_schedule()
    assert schedule["dk"]["vocational"].years == 7
    assert schedule["dk"]["vocational"].legal_ref == "Local rule"
    assert schedule["dk"]["diagnosis"].years == 10


@pytest.mark.parametrize(
    "override",
    [
        {"xx": {}},
        {"dk": {"secrets": {"years": 1, "legal_ref": "x"}}},
        {"dk": {"vocational": {"years": -1, "legal_ref": "x"}}},
        {"dk": {"vocational": {"years": "5", "legal_ref": "x"}}},
        {"dk": {"vocational": {"years": 5}}},
    ],
)
def test_a_wrong_override_is_refused_rather_than_guessed(override):
    with pytest.raises(ImproperlyConfigured):
        retention_schedule(override)


dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
classes = st.sampled_from(sorted(ALL_CLASSES))
jurisdictions = st.sampled_from(["dk", "se", "no", "xx"])


@given(end=dates, a=dates, b=dates, data_class=classes, jurisdiction=jurisdictions)
def test_once_due_always_due(end, a, b, data_class, jurisdiction):
    early, late = sorted((a, b))
    if due_for_deletion(end, data_class, jurisdiction, early, PARAMS):
        assert due_for_deletion(end, data_class, jurisdiction, late, PARAMS)


@given(end=dates, today=dates, data_class=classes, jurisdiction=jurisdictions)
def test_never_due_before_the_course_ends(end, today, data_class, jurisdiction):
    if today <= end:
        assert not due_for_deletion(end, data_class, jurisdiction, today, PARAMS)


@given(
    end=dates,
    today=dates,
    data_class=classes,
    jurisdiction=jurisdictions,
    years=st.integers(min_value=0, max_value=30),
)
def test_never_due_before_the_course_ends_even_with_zero_years(
    end, today, data_class, jurisdiction, years
):
    params = retention_schedule({"dk": {data_class: {"years": years, "legal_ref": "x"}}})
    if today <= end:
        assert not due_for_deletion(end, data_class, jurisdiction, today, params)


@given(end=dates, today=dates, data_class=classes, jurisdiction=jurisdictions)
def test_a_hold_always_wins(end, today, data_class, jurisdiction):
    assert not due_for_deletion(end, data_class, jurisdiction, today, PARAMS, held=True)
