"""Norway: follow-up plan (week 4), dialogue meetings (weeks 7 and 26), activity requirement
(week 8), maximum date (week 52). The end of week N is the first absence day + 7·N − 1 days.
"""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.sickleave.rules import InvalidParams, milestones, no

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("first", "week_4", "week_7", "week_8", "week_26", "week_52"),
    [
        # Monday 2 Mar 2026: week 4 ends +27 = Sun 29 Mar; week 7 +48 = 19 Apr; week 8 +55 =
        # 26 Apr; week 26 +181 = 30 Aug; week 52 +363 = Sun 28 Feb 2027.
        ("2026-03-02", "2026-03-29", "2026-04-19", "2026-04-26", "2026-08-30", "2027-02-28"),
        # Leap year: 1 Feb 2028 + 48 passes 29 Feb.
        ("2028-02-01", "2028-02-28", "2028-03-20", "2028-03-27", "2028-07-31", "2029-01-29"),
        ("2027-02-01", "2027-02-28", "2027-03-21", "2027-03-28", "2027-08-01", "2028-01-30"),
        # Across the year end.
        ("2026-12-28", "2027-01-24", "2027-02-14", "2027-02-21", "2027-06-27", "2027-12-26"),
    ],
)
def test_norwegian_milestones_on_worked_dates(first, week_4, week_7, week_8, week_26, week_52):
    f = D(first)
    assert no.followup_plan(f) == D(week_4)
    assert no.dialogue_meeting_1(f) == D(week_7)
    assert no.activity_requirement(f) == D(week_8)
    assert no.dialogue_meeting_2(f) == D(week_26)
    assert no.max_date(f) == D(week_52)
    found = {m.id: m.date for m in milestones("no", f)}
    assert found["no.followup_plan"] == D(week_4)
    assert found["no.dialogue_meeting_1"] == D(week_7)
    assert found["no.activity_requirement"] == D(week_8)
    assert found["no.dialogue_meeting_2"] == D(week_26)
    assert found["no.max_date"] == D(week_52)
    assert found["no.doctor_information_week_7"] == D(week_7)


def test_nav_asks_the_doctor_at_weeks_7_17_and_39():
    found = {m.id: m.date for m in milestones("no", D("2026-03-02"))}
    assert found["no.doctor_information_week_17"] == D("2026-06-28")  # +118
    assert found["no.doctor_information_week_39"] == D("2026-11-29")  # +272


def test_the_employer_period_is_a_configurable_default():
    first = D("2026-03-02")
    assert no.employer_period_end(first) == D("2026-03-17")  # day 16 = +15
    found = {m.id: m.date for m in milestones("no", first, params={"employer_period_days": 20})}
    assert found["no.employer_period_end"] == D("2026-03-21")
    with pytest.raises(InvalidParams):
        milestones("no", first, params={"employer_period_days": 0})


def test_weeks_count_the_days_inside_the_periods():
    # P1 2–15 Mar = 14 days (2 weeks); P2 from 6 Apr. End of week 4 = day 28 = P2's 14th day,
    # 19 Apr. Day 16 (employer period) = P2's 2nd day, 7 Apr.
    periods = [(D("2026-03-02"), D("2026-03-15")), (D("2026-04-06"), None)]
    found = {m.id: m.date for m in milestones("no", D("2026-03-02"), periods)}
    assert found["no.followup_plan"] == D("2026-04-19")
    assert found["no.employer_period_end"] == D("2026-04-07")


def test_a_short_absence_has_no_late_milestones():
    periods = [(D("2026-03-02"), D("2026-04-12"))]  # 42 days: 6 weeks
    found = {m.id for m in milestones("no", D("2026-03-02"), periods)}
    assert found == {"no.employer_period_end", "no.followup_plan"}


def test_every_norwegian_milestone_cites_a_statute_and_writes_nav_its_own_way():
    """Issue 10, finding 28: Nav's overview is guidance, not a legal basis; "Nav" since 2022."""
    from django.utils import translation

    from roundtable.sickleave.rules import milestones as all_milestones

    with translation.override("en"):
        for m in all_milestones("no", dt.date(2026, 3, 2)):
            assert m.legal_ref.startswith(("Folketrygdloven §", "Arbeidsmiljøloven § 4-6")), m.id
            for text in (m.label, m.explanation, m.for_staff):
                assert "NAV" not in str(text), m.id
    found = {m.id: m for m in all_milestones("no", dt.date(2026, 3, 2))}
    assert found["no.employer_period_end"].legal_ref.startswith("Folketrygdloven § 8-19")
    assert found["no.doctor_information_week_17"].legal_ref == "Folketrygdloven § 21-4"
    # aml § 4-6 (4): within 7 weeks of being fully off work, unless clearly unnecessary.
    meeting = found["no.dialogue_meeting_1"]
    assert meeting.legal_ref == "Arbeidsmiljøloven § 4-6 (4)"
    assert "fully off work" in str(meeting.explanation)
    assert "partly sick-listed" in str(meeting.explanation)
