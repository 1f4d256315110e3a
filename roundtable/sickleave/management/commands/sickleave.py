"""`roundtable sickleave milestones`: the legal clock of one absence, from the pure rules engine.

    roundtable sickleave milestones --jurisdiction {dk,se,no} --first-absence-day YYYY-MM-DD
        [--paid-period START:END ...] [--as-of YYYY-MM-DD] [--json]

Invalid input ends with a one-line CommandError (exit status 1), never a traceback. The command
needs no database; rule parameters may be overridden per jurisdiction in the optional setting
SICKLEAVE_RULE_PARAMS, e.g. {"dk": {"current_followup_rule_from": date(2020, 1, 1)}}.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.sickleave.rules import (
    Milestone,
    PaidPeriod,
    RulesError,
    get_jurisdiction,
    milestones,
)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, option: str) -> dt.date:
    """A YYYY-MM-DD date that exists, or a CommandError naming the option."""
    if not _DAY.fullmatch(text):
        raise CommandError(f"{option}: expected a date as YYYY-MM-DD, got {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{option}: {text} is not a date that exists ({exc})") from None


def parse_period(text: str) -> PaidPeriod:
    """START:END, both inclusive; START: (no end) for a payment that is still running."""
    start, sep, end = text.partition(":")
    if not sep or not start:
        raise CommandError(
            f"--paid-period: expected START:END as YYYY-MM-DD:YYYY-MM-DD, got {text!r}"
        )
    first = parse_day(start, "--paid-period")
    last = parse_day(end, "--paid-period") if end else None
    try:
        return PaidPeriod(first, last)
    except RulesError as exc:
        raise CommandError(f"--paid-period: {exc}") from None


def as_json(items: list[Milestone]) -> str:
    return json.dumps(
        [
            {
                "id": m.id,
                "date": m.date.isoformat(),
                "label": str(m.label),
                "legal_ref": m.legal_ref,
            }
            for m in items
        ],
        ensure_ascii=False,
        indent=2,
    )


def as_table(items: list[Milestone]) -> str:
    rows = [("date", "id", "label", "legal reference")]
    rows += [(m.date.isoformat(), m.id, str(m.label), m.legal_ref) for m in items]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[3]])
        for row in rows
    )


class Command(BaseCommand):
    help = "Sick-leave rules: the legal milestones of an absence (computed, nothing stored)."
    # Pure computation: no database, so no system checks to wait for or fail on.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        sub = subcommands.add_parser(
            "milestones",
            help="List the legal milestones of an absence, sorted by date.",
            description=(
                "The legal milestones of an absence, sorted by date. Without --paid-period the"
                " absence is continuous from the first absence day; with it, the periods are the"
                " payment history (START: for a payment still running)."
            ),
        )
        # Jurisdiction and dates are checked in handle(), so a bad value gives one line.
        sub.add_argument("--jurisdiction", required=True, metavar="{dk,se,no}")
        sub.add_argument("--first-absence-day", required=True, metavar="YYYY-MM-DD")
        sub.add_argument(
            "--paid-period",
            action="append",
            default=[],
            metavar="START:END",
            help="a period with benefit or sick pay paid, both days included; repeat in order",
        )
        sub.add_argument(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="today, for the question: the absence and every period must have begun by then",
        )
        sub.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "milestones":
            self.milestones(options)

    def milestones(self, options: dict[str, Any]) -> None:
        code = options["jurisdiction"]
        try:
            get_jurisdiction(code)
        except RulesError as exc:
            raise CommandError(str(exc)) from None
        first = parse_day(options["first_absence_day"], "--first-absence-day")
        as_of = parse_day(options["as_of"], "--as-of") if options["as_of"] else None
        periods = [parse_period(text) for text in options["paid_period"]]
        params = settings.SICKLEAVE_RULE_PARAMS.get(code)
        try:
            items = milestones(code, first, periods or None, as_of, params)
        except RulesError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(as_json(items) if options["json"] else as_table(items))
