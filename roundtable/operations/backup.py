"""Backup and restore of the whole database (SECURITY.md 29).

- SQLite (the embedded default): the backup is a copy of the database file made with SQLite's
  online backup API, which reads one consistent snapshot while the app keeps running (WAL lets
  writers go on). The copy is a plain, self-contained SQLite file (journal mode DELETE).
- PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot, taken while the app runs)
  and ``pg_restore`` into an empty database. The dump holds the audit table's append-only
  triggers; pg_restore loads the rows with COPY before it creates triggers (they are in the
  dump's post-data section), so the triggers neither refuse nor re-run anything during the load.

What a backup does not hold, by design: FIELD_ENCRYPTION_KEYS and NATIONAL_ID_DIGEST_KEY (and
SECRET_KEY). They are kept apart from the data, so a stolen backup alone reveals no encrypted
field; they must be backed up separately. ``backup_restore`` therefore checks that the current
keys open a sample of the restored encrypted values, that the audit triggers are in place, and
that the audit hash chains verify; ``RestoreReport.ok`` is False when any of these fails.

Backup files are written with mode 0600 (they hold personal data), first under a temporary
name next to the target and renamed when complete, so a failed backup never leaves a file that
looks like a good one.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection

from roundtable.audit.verify import ChainReport, audit_chain_verify

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
_MAGIC = {SQLITE: b"SQLite format 3\x00", POSTGRESQL: b"PGDMP"}
_FORMAT_NAMES = {SQLITE: "SQLite database file", POSTGRESQL: "pg_dump custom-format archive"}

AUDIT_TABLE = "audit_auditevent"
# The triggers of audit migrations 0002 (append-only) and 0006 (chain head), per database.
AUDIT_TRIGGERS = {
    SQLITE: ("audit_event_no_update", "audit_event_no_delete", "audit_event_moves_chain_head"),
    POSTGRESQL: (
        "audit_event_no_update",
        "audit_event_no_delete",
        "audit_event_no_truncate",
        "audit_event_moves_chain_head",
    ),
}

KEYS_REMINDER = (
    "Reminder: the encryption keys are NOT in this backup, by design. Back up"
    " FIELD_ENCRYPTION_KEYS and NATIONAL_ID_DIGEST_KEY (and SECRET_KEY) separately, and keep them"
    " apart from the backup: without FIELD_ENCRYPTION_KEYS the encrypted fields (national ids,"
    " journal entries) of a restored database cannot be read."
)

# How many encrypted values per column restore tries to open with the current keys.
KEY_SAMPLE_SIZE = 50


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in plain words."""


@dataclass
class BackupResult:
    path: Path
    kind: str
    size: int


@dataclass
class KeyCheck:
    sampled: int = 0
    unreadable: list[str] = field(default_factory=list)  # "model pk column"
    digest_mismatches: list[str] = field(default_factory=list)  # citizens whose digest differs

    @property
    def ok(self) -> bool:
        return not self.unreadable and not self.digest_mismatches


@dataclass
class RestoreReport:
    kind: str
    replaced: bool  # the target was not empty and --force replaced it
    missing_triggers: list[str]
    keys: KeyCheck
    chain: ChainReport

    @property
    def ok(self) -> bool:
        return not self.missing_triggers and self.keys.ok and self.chain.intact


def database_kind() -> str:
    if connection.vendor not in _MAGIC:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def backup_kind_of(path: Path) -> str:
    """What kind of backup a file is, from its first bytes."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise BackupError(f"Cannot read {path}: {exc.strerror}.") from exc
    for kind, magic in _MAGIC.items():
        if head.startswith(magic):
            return kind
    raise BackupError(
        f"{path} is not a Roundtable backup (neither a SQLite database file nor a pg_dump"
        " custom-format archive)."
    )


# --- create ---------------------------------------------------------------------------------


def backup_create(path: Path, *, overwrite: bool = False) -> BackupResult:
    """Write a consistent backup of the default database to ``path``."""
    kind = database_kind()
    path = Path(path).absolute()
    if path.exists() and not overwrite:
        raise BackupError(f"{path} already exists; choose another name or use --force.")
    if not path.parent.is_dir():
        raise BackupError(f"The directory {path.parent} does not exist.")
    with _partial_file(path) as partial:
        if kind == SQLITE:
            _sqlite_create(partial)
        else:
            _postgres_create(partial)
    return BackupResult(path=path, kind=kind, size=path.stat().st_size)


@contextmanager
def _partial_file(path: Path) -> Iterator[Path]:
    """A new 0600 file next to ``path``, renamed to ``path`` when the block succeeds."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_create(target: Path) -> None:
    connection.ensure_connection()
    source = connection.connection
    destination = sqlite3.connect(target)
    try:
        # All pages in one step: one read transaction, so one consistent snapshot. In WAL mode
        # the app's writers are not blocked meanwhile.
        source.backup(destination)
        # A self-contained file: no -wal or -shm beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
        check = destination.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The copy failed SQLite's integrity check: {check}")
    finally:
        destination.close()


def _postgres_create(target: Path) -> None:
    # pg_dump reads one snapshot of the whole database; --file writes into our 0600 file.
    _run_pg("pg_dump", ["--format=custom", f"--file={target}"], dbname_flag=False)
    # The archive must at least be readable by pg_restore before we call it a backup.
    _run_pg("pg_restore", ["--list", str(target)], connect=False)


# --- restore --------------------------------------------------------------------------------


def backup_restore(path: Path, *, force: bool = False) -> RestoreReport:
    """Restore ``path`` into the default database, then check triggers, keys and audit chains.

    The target must be empty (no tables) unless ``force``: then SQLite's database is replaced
    page by page by the backup (nothing of the old content remains), and on PostgreSQL
    pg_restore drops every object the backup holds before re-creating it (objects that are not
    in the backup are left alone).
    """
    path = Path(path).absolute()
    kind = backup_kind_of(path)
    target = database_kind()
    if kind != target:
        raise BackupError(
            f"{path} is a {_FORMAT_NAMES[kind]}, but the database to restore into is"
            f" {target}. Restore it into a {kind} database."
        )
    tables = _table_count()
    if tables and not force:
        raise BackupError(
            f"The database to restore into is not empty ({tables} tables); nothing was changed."
            " Restore into an empty database, or use --force to replace its content with the"
            " backup."
        )
    if kind == SQLITE:
        _sqlite_restore(path)
    else:
        _postgres_restore(path, clean=bool(tables))
    return RestoreReport(
        kind=kind,
        replaced=bool(tables),
        missing_triggers=missing_audit_triggers(),
        keys=check_keys(),
        chain=audit_chain_verify(),
    )


def _table_count() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == SQLITE:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%'"
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_catalog.pg_class c"
                " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
                " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                " AND n.nspname NOT LIKE 'pg_toast%%' AND n.nspname NOT LIKE 'pg_temp%%'"
            )
        return int(cursor.fetchone()[0])


def _sqlite_restore(path: Path) -> None:
    if connection.in_atomic_block:
        raise BackupError("Cannot restore inside a transaction.")
    connection.ensure_connection()
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        # Replaces every page of the target database, in one write transaction.
        source.backup(connection.connection)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite could not restore {path}: {exc}") from exc
    finally:
        source.close()
    # Nothing cached about the old schema may survive on this connection.
    connection.close()


def _postgres_restore(path: Path, *, clean: bool) -> None:
    connection.close()
    options = [
        # Objects belong to the role restoring them; grants of the source are not replayed.
        "--no-owner",
        "--no-acl",
        # All or nothing: one transaction, stopped at the first error.
        "--single-transaction",
        "--exit-on-error",
    ]
    if clean:
        options += ["--clean", "--if-exists"]
    _run_pg("pg_restore", [*options, str(path)])


# --- checks after restore ---------------------------------------------------------------------


def missing_audit_triggers() -> list[str]:
    """The audit triggers (append-only, chain head) that the restored database lacks."""
    kind = database_kind()
    with connection.cursor() as cursor:
        if kind == SQLITE:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [AUDIT_TABLE],
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_catalog.pg_trigger"
                " WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal AND tgenabled <> 'D'",
                [AUDIT_TABLE],
            )
        present = {row[0] for row in cursor.fetchall()}
    return [name for name in AUDIT_TRIGGERS[kind] if name not in present]


def check_keys(sample: int = KEY_SAMPLE_SIZE) -> KeyCheck:
    """Do the current FIELD_ENCRYPTION_KEYS open a sample of every encrypted column, and does
    NATIONAL_ID_DIGEST_KEY give the stored digests of the sampled national ids?"""
    from roundtable.core.fields import decrypt_text, keyed_digest
    from roundtable.core.management.commands.keys import encrypted_columns

    result = KeyCheck()
    quote = connection.ops.quote_name
    for model, columns in encrypted_columns():
        table = quote(model._meta.db_table)
        pk = quote(model._meta.pk.column)
        digest_column = (
            "national_id_digest"
            if model._meta.label == "citizens.Citizen"
            and any(c.name == "national_id" for c in columns)
            else None
        )
        for column in columns:
            name = quote(column.column)
            extra = (
                f", {quote(digest_column)}"
                if digest_column and column.name == "national_id"
                else ""
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {pk}, {name}{extra} FROM {table}"  # noqa: S608 (quoted names)
                    f" WHERE {name} IS NOT NULL AND {name} <> '' ORDER BY RANDOM() LIMIT %s",
                    [sample],
                )
                rows = cursor.fetchall()
            for row in rows:
                result.sampled += 1
                where = f"{model._meta.label} {row[0]} {column.name}"
                try:
                    plain = decrypt_text(row[1])
                except ValueError:
                    result.unreadable.append(where)
                    continue
                if extra and keyed_digest(plain) != row[2]:
                    result.digest_mismatches.append(where)
    return result


# --- PostgreSQL client programs ---------------------------------------------------------------


def pg_program(name: str) -> str:
    """The path of a PostgreSQL client program: on PATH, else the newest under
    /usr/lib/postgresql/*/bin (Debian and Ubuntu install them there)."""
    found = shutil.which(name)
    if found:
        return found

    def version(candidate: str) -> tuple[int, ...]:
        part = Path(candidate).parts[-3]
        return tuple(int(p) for p in part.split(".") if p.isdigit())

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    if candidates:
        return candidates[-1]
    raise BackupError(
        f"{name} was not found on PATH or under /usr/lib/postgresql/*/bin. Install the"
        " PostgreSQL client programs (Debian: apt-get install postgresql-client) in the same"
        " major version as the server or newer, or add their directory to PATH."
    )


def pg_environment(settings_dict: dict[str, Any] | None = None) -> dict[str, str]:
    """The libpq environment for the client programs, from the default connection's settings
    (DATABASES["default"]). The password goes in the environment, never on a command line."""
    db: dict[str, Any] = dict(settings_dict or connection.settings_dict)
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    options = db.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
        ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    return env


def _run_pg(
    program: str, arguments: list[str], *, connect: bool = True, dbname_flag: bool = True
) -> None:
    db = connection.settings_dict
    command = [pg_program(program), *arguments]
    if connect:
        command.append("--no-password")
        if dbname_flag:
            command.append(f"--dbname={db['NAME']}")
    completed = subprocess.run(  # noqa: S603 (fixed program, no shell)
        command, env=pg_environment(db), capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip()
        raise BackupError(f"{program} failed (exit status {completed.returncode}): {detail}")
