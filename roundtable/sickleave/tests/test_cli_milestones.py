"""`roundtable sickleave milestones`: JSON shape, the table, and one-line errors for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("sickleave", "milestones", *args, stdout=out)
    return out.getvalue()


def run_json(*args: str) -> list[dict]:
    return json.loads(run(*args, "--json"))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "dk",
            {
                "dk.employer_absence_interview": "2026-03-29",
                "dk.first_followup_due": "2026-04-26",
                "dk.reassessment": "2026-09-30",
            },
        ),
        (
            "se",
            {
                "se.employer_rtw_plan": "2026-03-31",
                "se.day_90": "2026-05-30",
                "se.day_180": "2026-08-28",
                "se.day_365": "2027-03-01",
            },
        ),
        (
            "no",
            {
                "no.followup_plan": "2026-03-29",
                "no.dialogue_meeting_1": "2026-04-19",
                "no.activity_requirement": "2026-04-26",
                "no.dialogue_meeting_2": "2026-08-30",
                "no.max_date": "2027-02-28",
            },
        ),
    ],
)
def test_json_lists_id_date_label_and_legal_ref_sorted_by_date(code, expected):
    rows = run_json("--jurisdiction", code, "--first-absence-day", "2026-03-02")
    assert all(set(row) == {"id", "date", "label", "legal_ref"} for row in rows)
    assert [(r["date"], r["id"]) for r in rows] == sorted((r["date"], r["id"]) for r in rows)
    dates = {row["id"]: row["date"] for row in rows}
    assert expected.items() <= dates.items()
    assert all(row["label"] and row["legal_ref"] for row in rows)


def test_paid_periods_and_as_of_are_used():
    rows = run_json(
        "--jurisdiction=dk",
        "--first-absence-day=2026-03-02",
        "--paid-period=2026-03-02:2026-05-31",
        "--paid-period=2026-07-01:",
        "--as-of=2026-08-01",
    )
    assert {r["id"]: r["date"] for r in rows}["dk.reassessment"] == "2026-10-31"


def test_without_json_a_readable_table():
    text = run("--jurisdiction", "dk", "--first-absence-day", "2026-03-02")
    lines = text.splitlines()
    assert lines[0].split() == ["date", "id", "label", "legal", "reference"]
    assert any(line.startswith("2026-09-30  dk.reassessment") and "§ 24" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jurisdiction", "fi"], "unknown jurisdiction 'fi': choose one of dk, no, se"),
        (["--first-absence-day", "2026-02-30"], "2026-02-30 is not a date that exists"),
        (["--first-absence-day", "2026-13-01"], "2026-13-01 is not a date that exists"),
        (["--first-absence-day", "2 March 2026"], "expected a date as YYYY-MM-DD"),
        (["--first-absence-day", "20260302"], "expected a date as YYYY-MM-DD"),
        (["--as-of", "2026-02-29"], "--as-of: 2026-02-29 is not a date that exists"),
        (["--as-of", "2026-03-01"], "as-of day 2026-03-01 is before the first absence day"),
        (
            ["--paid-period", "2026-05-01:2026-05-31", "--paid-period", "2026-03-02:2026-03-31"],
            "paid periods are out of order",
        ),
        (
            ["--paid-period", "2026-03-02:2026-05-31", "--paid-period", "2026-05-31:2026-06-30"],
            "paid periods overlap",
        ),
        (["--paid-period", "2026-04-30:2026-04-01"], "ends (2026-04-01) before it starts"),
        (["--paid-period", "2026-02-01:2026-03-31"], "starts before the first absence day"),
        (["--paid-period", "2026-03-02"], "expected START:END"),
        (["--paid-period", "2026-03-02:2026-04-31"], "2026-04-31 is not a date that exists"),
    ],
)
def test_bad_input_is_a_command_error_with_one_line(args, message):
    defaults = {"--jurisdiction": "dk", "--first-absence-day": "2026-03-02"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    full = [*(x for k, v in defaults.items() if k not in given for x in (k, v)), *args]
    with pytest.raises(CommandError) as caught:
        run(*full, "--json")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_first_absence_day_before_the_danish_rules_is_refused():
    with pytest.raises(CommandError, match="the dk rules start on 2014-07-01"):
        run("--jurisdiction", "dk", "--first-absence-day", "2010-01-04")


def test_missing_options_are_a_command_error():
    with pytest.raises(CommandError, match="--first-absence-day"):
        run("--jurisdiction", "dk")


@override_settings(SICKLEAVE_RULE_PARAMS={"no": {"employer_period_days": 20}})
def test_rule_parameters_come_from_settings():
    rows = run_json("--jurisdiction", "no", "--first-absence-day", "2026-03-02")
    assert {r["id"]: r["date"] for r in rows}["no.employer_period_end"] == "2026-03-21"


@override_settings(SICKLEAVE_RULE_PARAMS={"no": {"employer_period": 20}})
def test_unknown_rule_parameters_in_settings_are_a_command_error():
    with pytest.raises(CommandError, match="unknown no parameter"):
        run("--jurisdiction", "no", "--first-absence-day", "2026-03-02")


ROUNDTABLE = Path(sys.executable).parent / "roundtable"
REPO = Path(__file__).resolve().parents[3]


def roundtable(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROUNDTABLE), "sickleave", "milestones", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_the_installed_command_exits_non_zero_with_one_line_on_stderr():
    bad = roundtable("--jurisdiction", "dk", "--first-absence-day", "2026-02-30", "--json")
    assert bad.returncode != 0
    assert bad.stdout == ""
    assert bad.stderr.strip().splitlines() == [
        "CommandError: --first-absence-day: 2026-02-30 is not a date that exists"
        " (day is out of range for month)"
    ]
    assert "Traceback" not in bad.stderr

    good = roundtable("--jurisdiction", "se", "--first-absence-day", "2026-03-02", "--json")
    assert good.returncode == 0, good.stderr
    assert [row["id"] for row in json.loads(good.stdout)][:3] == [
        "se.sick_pay_end",
        "se.employer_rtw_plan",
        "se.day_90",
    ]
