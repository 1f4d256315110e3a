"""`roundtable backup create PATH` and `roundtable backup restore PATH [--force]`.

create: a consistent backup of the database while the app runs — SQLite's online backup API
(the file is a SQLite database), or `pg_dump --format=custom` on PostgreSQL. Written with mode
0600; an existing PATH is kept unless --force.

restore: into the database of DATABASES["default"] (DATABASE_URL), which must be empty unless
--force (SQLite: its whole content is replaced; PostgreSQL: pg_restore --clean drops and
re-creates every object the backup holds). Stop the app while restoring. Afterwards it checks
that the audit triggers are in place, that the current FIELD_ENCRYPTION_KEYS open a sample of
the encrypted values (and NATIONAL_ID_DIGEST_KEY gives the stored digests), and that the audit
hash chains verify; exit status 1 if any check fails (the data stays restored).

The encryption keys are never in a backup: back them up separately
(see roundtable.operations.backup).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.operations.backup import (
    KEYS_REMINDER,
    BackupError,
    RestoreReport,
    backup_create,
    backup_restore,
)

_MAX_LISTED = 10


class Command(BaseCommand):
    help = "Back up the database to a file, or restore it from one."
    # The target of a restore may be empty: no system checks that would read it first.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        create = subcommands.add_parser(
            "create",
            help="Write a consistent backup of the database to PATH (the app may keep running).",
            description=(
                "SQLite: a copy made with the online backup API. PostgreSQL: pg_dump"
                " --format=custom. The file gets mode 0600. The encryption keys are not in it."
            ),
        )
        create.add_argument("path", metavar="PATH")
        create.add_argument("--force", action="store_true", help="Overwrite PATH if it exists.")
        restore = subcommands.add_parser(
            "restore",
            help="Restore PATH into the (empty) database, then verify keys and audit trail.",
            description=(
                "Restore a backup into the database of DATABASE_URL, which must be empty. Then"
                " check the audit triggers, that the current FIELD_ENCRYPTION_KEYS open the"
                " encrypted values, and the audit hash chains. Exit status 1 if a check fails."
            ),
        )
        restore.add_argument("path", metavar="PATH")
        restore.add_argument(
            "--force",
            action="store_true",
            help=(
                "Restore even if the database is not empty. SQLite: its whole content is"
                " replaced. PostgreSQL: every object in the backup is dropped and re-created;"
                " objects not in the backup are left alone."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["subcommand"] == "create":
                self.create(Path(options["path"]), force=options["force"])
            elif options["subcommand"] == "restore":
                self.restore(Path(options["path"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc

    def create(self, path: Path, *, force: bool) -> None:
        result = backup_create(path, overwrite=force)
        self.stdout.write(f"Backup of the {result.kind} database written to {result.path}")
        self.stdout.write(f"({result.size} bytes, mode 0600).")
        self.stdout.write(KEYS_REMINDER)

    def restore(self, path: Path, *, force: bool) -> None:
        self.stdout.write(f"Restoring {path} ...")
        report = backup_restore(path, force=force)
        if report.replaced:
            self.stdout.write("The database was not empty: its content was replaced (--force).")
        self.stdout.write(f"Restored the {report.kind} backup {path}.")
        failures = self._triggers(report) + self._keys(report) + self._chain(report)
        if failures:
            raise CommandError(
                "The backup was restored, but: "
                + "; ".join(failures)
                + ". Do not put this database into service before this is resolved."
            )
        self.stdout.write(
            "All checks passed. If the backup comes from an older release, run"
            " `roundtable migrate` now."
        )
        self.stdout.write(KEYS_REMINDER)

    def _triggers(self, report: RestoreReport) -> list[str]:
        if report.missing_triggers:
            names = ", ".join(report.missing_triggers)
            self.stderr.write(f"Audit triggers missing after restore: {names}")
            return [f"the audit table lacks its triggers ({names})"]
        self.stdout.write("Audit triggers in place (the audit table refuses UPDATE and DELETE).")
        return []

    def _keys(self, report: RestoreReport) -> list[str]:
        keys = report.keys
        failures = []
        if keys.unreadable:
            for where in keys.unreadable[:_MAX_LISTED]:
                self.stderr.write(f"cannot decrypt: {where}")
            failures.append(
                f"{len(keys.unreadable)} of {keys.sampled} sampled encrypted values cannot be"
                " decrypted with the current FIELD_ENCRYPTION_KEYS (set the keys that were in"
                " use when the backup was made)"
            )
        if keys.digest_mismatches:
            for where in keys.digest_mismatches[:_MAX_LISTED]:
                self.stderr.write(f"digest differs: {where}")
            failures.append(
                f"{len(keys.digest_mismatches)} sampled national ids do not match their stored"
                " digest: NATIONAL_ID_DIGEST_KEY is not the one in use when the backup was made"
            )
        if not failures:
            if keys.sampled:
                self.stdout.write(
                    f"Encryption keys: the current keys open all {keys.sampled} sampled"
                    " encrypted values."
                )
            else:
                self.stdout.write("Encryption keys: the backup holds no encrypted values.")
        return failures

    def _chain(self, report: RestoreReport) -> list[str]:
        chain = report.chain
        if chain.intact:
            self.stdout.write(
                f"Audit trail intact: {chain.chains} chains, {chain.events} events verified."
            )
            return []
        for problem in chain.problems:
            self.stderr.write(str(problem))
        return [
            f"its audit trail is broken ({chain.broken_chains} of {chain.chains} chains; first"
            f" bad event: {chain.problems[0]}): the backup was altered or damaged"
        ]
