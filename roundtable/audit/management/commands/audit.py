"""`roundtable audit verify [--chain CHAIN]`: recompute the audit hash chains.

Exit status 0 and one summary line when every chain is intact. Otherwise each broken chain's
first bad event goes to stderr, and the command ends with a CommandError (exit status 1) naming
the first of them: event id, chain, sequence, and whether it was changed, is missing (deleted),
was reordered, or the chain was truncated. It reads the table itself, so it also catches edits
made with the append-only triggers dropped.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.audit.verify import audit_chain_verify


class Command(BaseCommand):
    help = "The audit trail: verify its hash chains."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        verify = subcommands.add_parser(
            "verify",
            help="Recompute every hash chain; exit 1 naming the first bad event.",
            description=(
                "Recompute every audit hash chain (or one) from its events, in bounded memory,"
                " and compare each chain's end with its head. Exit status 0 when intact."
            ),
        )
        verify.add_argument(
            "--chain",
            metavar="CHAIN",
            help=(
                'one chain only, e.g. "citizen:<uuid>", "user:<uuid>", "system:3", or one'
                ' written before list events moved to their actor: "organisation:<uuid>", "system"'
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.verify(options)

    def verify(self, options: dict[str, Any]) -> None:
        chain = options.get("chain")
        report = audit_chain_verify(chain=chain)
        if report.intact:
            if chain and report.chains == 0:
                raise CommandError(f"No audit chain is called {chain!r}.")
            scope = f"chain {chain}" if chain else f"{report.chains} chains"
            self.stdout.write(f"Audit trail intact: {scope}, {report.events} events verified.")
            return
        for problem in report.problems:
            self.stderr.write(str(problem))
        if chain:
            broken = f"Audit chain {chain} is broken"
        else:
            broken = f"Audit trail broken: {report.broken_chains} of {report.chains} chains"
        more = report.broken_chains - 1
        raise CommandError(
            f"{broken} ({report.events} events read). First bad event: {report.problems[0]}"
            + (f" (and {more} more broken chains, listed above)" if more > 0 else "")
        )
