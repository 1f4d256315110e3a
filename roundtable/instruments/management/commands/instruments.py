"""`roundtable instruments score INSTRUMENT --answers JSON --json`: score one set of answers.

INSTRUMENT is ips25, option12, option5, sdmq9, sdmqdoc or rc (see roundtable/instruments/
scoring.py). Prints ``{"score": …}`` (with ``"band"`` for ips25 and ``"ties"`` for rc). Invalid
answers (wrong count, out of range, too many missing, not JSON) exit 2 with one line naming the
problem.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.instruments import scoring

INSTRUMENTS = ("ips25", "option12", "option5", "sdmq9", "sdmqdoc", "rc")


class Command(BaseCommand):
    help = "Score integration instruments (IPS-25, OPTION-12/5, SDM-Q-9/Doc, RC)."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        score = subcommands.add_parser("score", help="Score one set of answers, as JSON.")
        score.add_argument("instrument", help=", ".join(INSTRUMENTS))
        score.add_argument("--answers", required=True, help="the answers as JSON")
        score.add_argument("--max-missing", default="1", help="SDM-Q: items that may be missing")
        score.add_argument("--json", action="store_true", help="print JSON (the default)")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = options["instrument"]
        if instrument not in INSTRUMENTS:
            raise CommandError(
                f"unknown instrument {instrument!r}; one of {', '.join(INSTRUMENTS)}", returncode=2
            )
        try:
            answers = json.loads(options["answers"])
        except json.JSONDecodeError as error:
            raise CommandError(f"--answers is not JSON: {error}", returncode=2) from None
        try:
            max_missing = int(options["max_missing"])
            if max_missing < 0:
                raise ValueError
        except ValueError:
            raise CommandError(
                "--max-missing must be a whole number 0 or more", returncode=2
            ) from None
        try:
            result = self.score(instrument, answers, max_missing)
        except scoring.ScoringError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(json.dumps(result))

    @staticmethod
    def score(instrument: str, answers: Any, max_missing: int) -> dict[str, Any]:
        if instrument == "ips25":
            fidelity = scoring.ips25(answers)
            return {"score": fidelity.total, "band": fidelity.band, "sections": fidelity.sections}
        if instrument == "option12":
            return {"score": scoring.option12(answers)}
        if instrument == "option5":
            return {"score": scoring.option5(answers)}
        if instrument in ("sdmq9", "sdmqdoc"):
            return {"score": scoring.sdmq9(answers, max_missing=max_missing, name=instrument)}
        rc = scoring.relational_coordination(answers)
        return {"ties": rc.ties, "score": rc.score}
