"""`roundtable breakglass expire`: record (and audit) the expiry of emergency access whose time
has run out. Access itself stops at the time limit on the very next request whatever this does;
this puts the end on record for grants nobody has looked at since. Safe to run often (cron, or
beside the worker): each expiry is recorded once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from roundtable.breakglass.services import grants_expire


class Command(BaseCommand):
    help = "Emergency access (break-glass): record expired grants."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        subcommands.add_parser("expire", help="Record and audit the expiry of ended grants.")

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        while True:
            done = grants_expire()
            total += done
            if done == 0:
                break
        self.stdout.write(f"{total} expired emergency access grant(s) recorded.")
