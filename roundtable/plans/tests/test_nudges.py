"""Nudges for the professionals (pure functions)."""

import datetime as dt

from roundtable.plans.nudges import CopiedGoal, MeetingFacts, plan_nudges

GOOD_MEETING = MeetingFacts(decisions=12, made=10, options_without_pros_or_cons=0)


def _codes(**kwargs):
    values = {
        "shared_goal_texts": ["Anna bakes bread again, four mornings a week."],
        "copied_goals": [],
        "review_on": dt.date(2026, 6, 1),
        "meeting": GOOD_MEETING,
    }
    values.update(kwargs)
    return [n.code for n in plan_nudges(**values)]


def test_a_good_plan_has_no_nudges():
    assert _codes() == []


def test_the_shared_goal_is_missing():
    assert _codes(shared_goal_texts=[]) == ["shared_goal_missing"]
    assert _codes(shared_goal_texts=["   "]) == ["shared_goal_missing"]


def test_a_copied_return_to_work_goal_is_named_with_how_many_plans_share_it():
    nudges = plan_nudges(
        shared_goal_texts=["Return to work."],
        copied_goals=[CopiedGoal("Return to work.", 3)],
        review_on=dt.date(2026, 6, 1),
        meeting=GOOD_MEETING,
    )
    assert [n.code for n in nudges] == ["shared_goal_copied"]
    assert "“Return to work.”" in nudges[0].message and "3 other plans" in nudges[0].message


def test_one_other_plan_reads_in_the_singular():
    nudges = plan_nudges(
        shared_goal_texts=["Return to work."],
        copied_goals=[CopiedGoal("Return to work.", 1)],
        review_on=dt.date(2026, 6, 1),
        meeting=GOOD_MEETING,
    )
    assert "1 other plan." in nudges[0].message


def test_no_decision_made_and_options_without_pros_or_cons():
    meeting = MeetingFacts(decisions=4, made=0, options_without_pros_or_cons=2)
    assert _codes(meeting=meeting) == ["no_decision_made", "options_without_pros_or_cons"]


def test_without_a_linked_meeting_the_meeting_nudges_stay_quiet():
    assert _codes(meeting=None) == []


def test_no_review_date():
    assert _codes(review_on=None) == ["no_review_date"]
