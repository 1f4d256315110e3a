"""`roundtable retention run [--dry-run] [--today YYYY-MM-DD]` and `roundtable retention schedule`.

`run` applies the retention schedule (roundtable/retention/schedule.py, setting
ROUNDTABLE_RETENTION) to every ended course: it deletes the records whose time has come, and the
course and citizen once nothing of them is left. Legal holds win. Prints counts only, never
names. Exit status 1 if a course failed (it is left whole; the others are done).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.retention.schedule import retention_schedule
from roundtable.retention.services import retention_run


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today: {value!r} is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = "Retention: delete what the schedule says is due; legal holds respected."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        run = subcommands.add_parser(
            "run",
            help="Delete the records whose retention period has run out.",
            description="Delete, per ended course, the records whose retention period has run "
            "out; then the course and the citizen when nothing is left. Holds win.",
        )
        run.add_argument("--dry-run", action="store_true", help="show what would go")
        run.add_argument("--today", metavar="YYYY-MM-DD", help="count to this day")
        subcommands.add_parser("schedule", help="Print the retention schedule in force.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "run":
            self.run(options)
        elif options["subcommand"] == "schedule":
            self.schedule()

    def schedule(self) -> None:
        for jurisdiction, rules in sorted(retention_schedule().items()):
            for data_class, rule in sorted(rules.items()):
                years = "never deleted" if rule.years is None else f"{rule.years} years"
                flag = "" if rule.verified else " [UNVERIFIED]"
                self.stdout.write(f"{jurisdiction} {data_class}: {years} — {rule.legal_ref}{flag}")

    def run(self, options: dict[str, Any]) -> None:
        today = _day(options["today"]) if options.get("today") else None
        report = retention_run(today=today, dry_run=options["dry_run"])
        verb = "would delete" if report.dry_run else "deleted"
        for course in report.courses:
            if course.error:
                self.stderr.write(f"course {course.course_id}: FAILED, left whole ({course.error})")
            elif course.deleted_anything:
                what = ", ".join(f"{label} {n}" for label, n in sorted(course.records.items()))
                end = " (course deleted)" if course.course_deleted else ""
                self.stdout.write(f"course {course.course_id} {verb}: {what}{end}")
        prefix = "DRY RUN: " if report.dry_run else ""
        self.stdout.write(
            f"{prefix}{report.courses_seen} ended courses as of {report.today}: "
            f"{report.courses_held} held, {report.courses_touched} with records {verb}, "
            f"{report.courses_deleted} courses and {report.citizens_deleted} citizens {verb}, "
            f"{sum(report.records.values())} rows {verb}, {report.failures} failed."
        )
        if report.failures:
            raise CommandError(f"{report.failures} courses failed and were left whole.")
