"""`roundtable outcomes compute|survival`: the outcome definitions over files, for other tools.

    roundtable outcomes compute --people PEOPLE.csv --weeks WEEKS.csv [--mapping MAP.csv]
        [--rtw-weeks N] [--relapse-weeks N] [--data-end YYYY-Www] --json
    roundtable outcomes survival (same inputs) [--by group]
    roundtable outcomes import-register FILE --jurisdiction dk [--mapping MAP.csv]

``compute`` prints a JSON list, one object per person: person, group, rtw, weeks_to_rtw,
censored_at_week, in_work_at_52, relapse. ``survival`` prints the Kaplan–Meier curve of time to
return per group and the log-rank p-value. Bad input exits with status 2 and one line naming the
file, the line and the reason. ``import-register`` imports a register file of
``national_id,iso_week,code`` rows into the database, all or nothing (every rejected row is
printed with its line and reason, exit status 2). The files are described in
``roundtable/outcomes/files.py``, the definitions in ``roundtable/outcomes/definitions.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.outcomes.definitions import OutcomeRules, parse_iso_week
from roundtable.outcomes.files import InputError
from roundtable.outcomes.services import (
    ImportRefused,
    mapping_file,
    read_mapping_file,
    register_import,
    trial_arms_import,
)
from roundtable.outcomes.tables import compute_outcomes, outcome_rows, survival_report


def _bad(reason: str) -> CommandError:
    return CommandError(reason, returncode=2)


class Command(BaseCommand):
    help = "Return-to-work outcomes and survival curves from benefit weeks (the trials' way)."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, text in (
            ("compute", "One line of outcomes per person, as JSON."),
            ("survival", "Kaplan–Meier curves of time to return per group, and the log-rank test."),
        ):
            sub = subcommands.add_parser(name, help=text, description=text)
            sub.add_argument("--people", required=True, help="CSV: person,baseline,group")
            sub.add_argument("--weeks", required=True, help="CSV: person,week,code (YYYY-Www)")
            sub.add_argument("--mapping", help="CSV: code,category (default: all health_benefit)")
            sub.add_argument("--rtw-weeks", default="5", help="at-work weeks in a row (5)")
            sub.add_argument("--relapse-weeks", default="9", help="benefit weeks in a row (9)")
            sub.add_argument("--data-end", help="last week with data, YYYY-Www (the file's last)")
            sub.add_argument("--json", action="store_true", help="print JSON (the default)")
            if name == "survival":
                sub.add_argument("--by", default="group", choices=["group"], help="group by")
        register = subcommands.add_parser(
            "import-register",
            help="Import weekly benefit rows from the national register (all or nothing).",
            description=(
                "Import a CSV of national_id,iso_week,code rows; re-importing adds nothing."
            ),
        )
        register.add_argument("file", help="CSV: national_id,iso_week,code")
        register.add_argument("--jurisdiction", required=True, choices=["dk", "se", "no"])
        register.add_argument("--mapping", help="CSV: code,category (default: the jurisdiction's)")
        arms = subcommands.add_parser(
            "import-arms",
            help="Import trial arms: national_id,arm,randomised_on (all or nothing).",
            description="Record each person's trial arm and randomisation date on their course.",
        )
        arms.add_argument("file", help="CSV: national_id,arm,randomised_on")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "import-register":
            self.import_register(options)
            return
        if options["subcommand"] == "import-arms":
            path = Path(options["file"])
            if not path.is_file():
                raise _bad(f"{path}: no such file")
            try:
                count = trial_arms_import(actor=None, path=path)
            except ImportRefused as refused:
                for rejected in refused.rejected:
                    self.stderr.write(f"{path}:{rejected.line}: {rejected.reason}")
                raise _bad(
                    f"{path}: {len(refused.rejected)} rows rejected; nothing imported"
                ) from None
            self.stdout.write(f"{path}: trial arms recorded for {count} courses.")
            return
        rules = self._rules(options)
        data_end = None
        if options["data_end"]:
            try:
                data_end = parse_iso_week(options["data_end"])
            except ValueError as error:
                raise _bad(f"--data-end: {error}") from None
        try:
            outcomes = compute_outcomes(
                people_path=Path(options["people"]),
                weeks_path=Path(options["weeks"]),
                mapping_path=Path(options["mapping"]) if options["mapping"] else None,
                rules=rules,
                data_end=data_end,
            )
        except InputError as error:
            raise _bad(str(error)) from None
        if options["subcommand"] == "compute":
            payload: Any = outcome_rows(outcomes)
        else:
            payload = survival_report(outcomes)
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))

    def import_register(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        mapping_path = (
            Path(options["mapping"])
            if options["mapping"]
            else mapping_file(options["jurisdiction"])
        )
        if not path.is_file():
            raise _bad(f"{path}: no such file")
        if not mapping_path.is_file():
            raise _bad(f"{mapping_path}: no such mapping file")
        try:
            report = register_import(
                actor=None,
                path=path,
                jurisdiction=options["jurisdiction"],
                mapping=read_mapping_file(mapping_path),
            )
        except ImportRefused as refused:
            for rejected in refused.rejected:
                self.stderr.write(f"{path}:{rejected.line}: {rejected.reason}")
            raise _bad(
                f"{path}: {len(refused.rejected)} rows rejected; nothing was imported"
            ) from None
        self.stdout.write(
            f"{path}: {report.rows_read} rows read, {report.rows_added} new,"
            f" {report.rows_known} already imported, {report.people} people."
        )

    def _rules(self, options: dict[str, Any]) -> OutcomeRules:
        values: dict[str, int] = {}
        for option in ("rtw_weeks", "relapse_weeks"):
            text = options[option]
            try:
                values[option] = int(text)
            except ValueError:
                raise _bad(
                    f"--{option.replace('_', '-')}: {text!r} is not a whole number"
                ) from None
            if values[option] < 1:
                raise _bad(f"--{option.replace('_', '-')}: must be at least 1, not {text}")
        return OutcomeRules(rtw_weeks=values["rtw_weeks"], relapse_weeks=values["relapse_weeks"])
