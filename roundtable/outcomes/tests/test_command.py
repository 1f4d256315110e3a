"""The command contract: `roundtable outcomes compute|survival` over CSV files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from lifelines import KaplanMeierFitter
from lifelines.statistics import logrank_test

PEOPLE = """person,baseline,group
p1,2026-01-05,integrated
p2,2026-01-07,integrated
p3,2026-01-05,usual
p4,2026-01-09,usual
p5,2026-01-05,usual
"""

# p1: benefit weeks 0–5, back from week 6. p2: back from week 0, then a 9-week relapse.
# p3: benefit all along (censored). p4: at work 5–8 only (four weeks), then benefit again.
# p5: education grant (other benefit) weeks 0–2, in work from week 3.
WEEKS = "person,week,code\n" + "".join(
    [f"p1,2026-W{w:02d},SDP\n" for w in range(2, 8)]
    + [f"p2,2026-W{w:02d},SDP\n" for w in range(20, 29)]
    + [f"p3,2026-W{w:02d},SDP\n" for w in range(2, 30)]
    + [f"p4,2026-W{w:02d},SDP\n" for w in (2, 3, 4, 5, 6)]
    + [f"p4,2026-W{w:02d},JAF\n" for w in range(11, 30)]
    + [f"p5,2026-W{w:02d},SU\n" for w in range(2, 5)]
)

MAPPING = "code,category\nSDP,health_benefit\nJAF,health_benefit\nSU,other_benefit\nFLX,work\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (("people", PEOPLE), ("weeks", WEEKS), ("mapping", MAPPING)):
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def run(capsys, *args: str) -> object:
    call_command("outcomes", *args)
    return json.loads(capsys.readouterr().out)


def test_compute_prints_one_object_per_person(files, capsys):
    rows = run(
        capsys,
        "compute",
        f"--people={files['people']}",
        f"--weeks={files['weeks']}",
        f"--mapping={files['mapping']}",
        "--json",
    )
    by_person = {row["person"]: row for row in rows}
    assert by_person["p1"] == {
        "person": "p1",
        "group": "integrated",
        "rtw": True,
        "weeks_to_rtw": 6,
        "censored_at_week": None,
        "in_work_at_52": None,
        "relapse": False,
    }
    assert (by_person["p2"]["weeks_to_rtw"], by_person["p2"]["relapse"]) == (0, True)
    # The file's last week is 2026-W29: week 27 for p3 (baseline in W02).
    assert by_person["p3"] == {**by_person["p3"], "rtw": False, "censored_at_week": 27}
    assert (by_person["p4"]["rtw"], by_person["p4"]["censored_at_week"]) == (False, 27)
    assert by_person["p5"]["weeks_to_rtw"] == 3


def test_without_a_mapping_every_code_is_a_health_benefit(files, capsys):
    rows = run(capsys, "compute", f"--people={files['people']}", f"--weeks={files['weeks']}")
    assert {r["person"]: r["weeks_to_rtw"] for r in rows}["p5"] == 3  # same: W05 on is free
    rows = run(
        capsys,
        "compute",
        f"--people={files['people']}",
        f"--weeks={files['weeks']}",
        "--rtw-weeks=30",
    )
    assert not any(r["rtw"] for r in rows)


def test_survival_agrees_with_lifelines_run_directly(files, capsys):
    report = run(
        capsys,
        "survival",
        f"--people={files['people']}",
        f"--weeks={files['weeks']}",
        f"--mapping={files['mapping']}",
        "--by=group",
    )
    # The same people by hand: (duration, returned) from the worked comments above.
    integrated = ([6, 0], [True, True])
    usual = ([27, 27, 3], [False, False, True])
    for label, (durations, events) in (("integrated", integrated), ("usual", usual)):
        fitter = KaplanMeierFitter().fit(durations, events)
        group = report["groups"][label]
        assert group["n"] == len(durations)
        assert group["events"] == sum(events)
        for step in group["timeline"]:
            assert step["survival"] == pytest.approx(fitter.predict(step["week"]))
            assert step["at_risk"] == int(fitter.event_table.loc[step["week"], "at_risk"])
    assert report["groups"]["integrated"]["median_weeks"] == pytest.approx(0.0)
    assert report["groups"]["usual"]["median_weeks"] is None
    direct = logrank_test(integrated[0], usual[0], integrated[1], usual[1])
    assert report["logrank_p"] == pytest.approx(direct.p_value)


@pytest.mark.parametrize(
    ("file", "text", "reason"),
    [
        (
            "people",
            "person,baseline,group\np1,31-01-2026,a\n",
            "people.csv:2: baseline '31-01-2026'",
        ),
        ("weeks", "person,week,code\nzz,2026-W03,SDP\n", "weeks.csv:2: unknown person 'zz'"),
        ("weeks", "person,week,code\np1,2026-W60,SDP\n", "weeks.csv:2: 2026 has no week 60"),
        ("weeks", "person,week,code\np1,2026-03,SDP\n", "weeks.csv:2: '2026-03' is not an ISO"),
        ("weeks", "person,week,code\np1,2026-W03,XXX\n", "weeks.csv:2: unknown code 'XXX'"),
        ("mapping", "code,category\nSDP,sick\n", "mapping.csv:2: category 'sick'"),
        ("people", "who,baseline\n", "people.csv:1: the header lacks the column(s) person, group"),
    ],
)
def test_bad_input_exits_2_naming_file_line_and_reason(files, file, text, reason):
    files[file].write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command(
            "outcomes",
            "compute",
            f"--people={files['people']}",
            f"--weeks={files['weeks']}",
            f"--mapping={files['mapping']}",
        )
    assert raised.value.returncode == 2
    assert reason in str(raised.value)


@pytest.mark.parametrize("option", ["--rtw-weeks=-1", "--relapse-weeks=0", "--rtw-weeks=five"])
def test_negative_or_non_numeric_weeks_exit_2(files, option):
    with pytest.raises(CommandError) as raised:
        call_command(
            "outcomes",
            "compute",
            f"--people={files['people']}",
            f"--weeks={files['weeks']}",
            option,
        )
    assert raised.value.returncode == 2


def test_the_installed_command_exits_2_with_one_line(files):
    files["people"].write_text("person,baseline,group\np1,yesterday,a\n", encoding="utf-8")
    command = Path(sys.executable).parent / "roundtable"
    done = subprocess.run(
        [
            str(command),
            "outcomes",
            "compute",
            "--people",
            str(files["people"]),
            "--weeks",
            str(files["weeks"]),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "people.csv:2:" in lines[0]


@pytest.mark.django_db
def test_trial_arms_import_all_or_nothing_naming_every_bad_line(cast, tmp_path, settings):
    from roundtable.outcomes.models import TrialArm

    settings.ROUNDTABLE_TRIAL_ARMS = ["Integrated", "Mental-health care only", "Usual care"]
    path = tmp_path / "arms.csv"
    path.write_text(
        "national_id,arm,randomised_on\n010190-1234,Integrated,2026-03-02\n"
        "020285-5678,Placebo,2026-03-02\n999999-9999,Usual care,2026-03-02\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as raised:
        call_command("outcomes", "import-arms", str(path))
    assert raised.value.returncode == 2
    assert not TrialArm.objects.exists()
    path.write_text(
        "national_id,arm,randomised_on\n010190-1234,Integrated,2026-03-02\n"
        "020285-5678,Usual care,2026-03-04\n",
        encoding="utf-8",
    )
    call_command("outcomes", "import-arms", str(path))
    assert dict(TrialArm.objects.values_list("course_id", "arm")) == {
        cast.anna_course.pk: "Integrated",
        cast.bent_course.pk: "Usual care",
    }


@pytest.mark.django_db
def test_register_import_command_reports_counts_and_refuses_bad_files(cast, tmp_path, capsys):
    path = tmp_path / "dream.csv"
    path.write_text("national_id,iso_week,code\n010190-1234,2026-W10,SDP\n", encoding="utf-8")
    call_command("outcomes", "import-register", str(path), "--jurisdiction=dk")
    assert "1 rows read, 1 new" in capsys.readouterr().out
    path.write_text("national_id,iso_week,code\n010190-1234,2026-W10,NOPE\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("outcomes", "import-register", str(path), "--jurisdiction=dk")
    assert raised.value.returncode == 2
    assert "unknown code 'NOPE'" in capsys.readouterr().err
