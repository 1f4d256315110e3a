"""`roundtable backup create` and `restore` (SECURITY.md 29): the restored database equals the
original table by table, its audit chain verifies, its audit table still refuses UPDATE and
DELETE, and a backup whose audit trail was edited is reported as broken.

The original is the test database, filled through the services (committed: transactional_db, so
that pg_dump, a separate process, sees it). Restores run the real command in a subprocess
against a fresh database — a SQLite file, or a scratch PostgreSQL database named after the test
database and dropped afterwards — and the copies are compared through a second Django
connection, so both sides are read with the same type conversions.
"""

from __future__ import annotations

import copy
import importlib
import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.db.utils import load_backend

from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.meetings.testing import actor_of, log_decision, schedule
from roundtable.operations import backup

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
_append_only = importlib.import_module("roundtable.audit.migrations.0002_append_only_triggers")


# --- data and helpers -----------------------------------------------------------------------


@pytest.fixture
def loaded(transactional_db, cast):
    """The cast, meetings with decisions, and audit events in several chains, committed."""
    for days, who in ((3, cast.alice), (10, cast.bob)):
        meeting = schedule(who, cast.anna, days_ahead=days)
        log_decision(cast.alice, meeting)
    schedule(cast.carol, cast.bent)
    for citizen in (cast.anna, cast.bent):
        audit_record(
            actor=actor_of(cast.alice),
            action=AuditAction.READ,
            outcome=AuditOutcome.ALLOWED,
            object_type="citizen",
            object_id=citizen.pk,
            citizen_id=citizen.pk,
            detail={"count": 1, "note": "æøå"},
        )
    assert AuditEvent.objects.count() >= 6
    return cast


def _env(database_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "ROUNDTABLE_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": settings.SECRET_KEY,
        "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
        "NATIONAL_ID_DIGEST_KEY": settings.NATIONAL_ID_DIGEST_KEY,
        **extra,
    }


def _restore(
    path: Path, database_url: str, tmp_path: Path, *args: str, **env: str
) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [str(BIN / "roundtable"), "backup", "restore", str(path), *args],
        cwd=ROOT,
        env=_env(database_url, tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _create(path: Path) -> str:
    out = StringIO()
    call_command("backup", "create", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def second_connection() -> Iterator:
    """A second Django connection (same backend and options as the test database) to another
    database, so that both copies are read with the same conversions."""
    opened = []

    def _open(name: str):
        settings_dict = copy.deepcopy(connection.settings_dict)
        settings_dict["NAME"] = name
        wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
            settings_dict, alias="restored"
        )
        opened.append(wrapper)
        return wrapper

    yield _open
    for wrapper in opened:
        wrapper.close()


def _rows(conn, table: str, order: str) -> list[tuple]:
    quote_name = conn.ops.quote_name
    with conn.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {quote_name(table)} ORDER BY {order}"  # noqa: S608 (known names)
        )
        return cursor.fetchall()


def _assert_same_rows(restored, *, extra_tables: frozenset[str] = frozenset()) -> None:
    tables = set(connection.introspection.table_names())
    assert set(restored.introspection.table_names()) == tables | extra_tables
    compared = 0
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        order = connection.ops.quote_name(opts.pk.column)
        original = _rows(connection, opts.db_table, order)
        assert _rows(restored, opts.db_table, order) == original, opts.db_table
        compared += bool(original)
    assert _rows(restored, "django_migrations", "id") == _rows(
        connection, "django_migrations", "id"
    )
    assert compared >= 10  # users, citizens, courses, meetings, decisions, audit events, ...


def _assert_audit_table_refuses_changes(restored) -> None:
    for statement in (
        "UPDATE audit_auditevent SET actor_username = 'mallory'",
        "DELETE FROM audit_auditevent",
    ):
        with pytest.raises(DatabaseError, match="append-only"), restored.cursor() as cursor:
            cursor.execute(statement)
    assert _rows(restored, "audit_auditevent", "id") == _rows(connection, "audit_auditevent", "id")


def _assert_restore_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr
    assert "Audit triggers in place" in result.stdout
    assert "the current keys open all" in result.stdout
    assert "Audit trail intact" in result.stdout
    assert "FIELD_ENCRYPTION_KEYS" in result.stdout  # the reminder


# --- a fresh database to restore into -----------------------------------------------------


@pytest.fixture
def fresh(tmp_path) -> Iterator:
    """A new, empty database of the test database's kind: (name, DATABASE_URL). On PostgreSQL a
    scratch database named after the test database, dropped afterwards."""
    db = connection.settings_dict
    created: list[str] = []
    env = backup.pg_environment(db) if connection.vendor == "postgresql" else {}

    def client(program: str, *args: str) -> None:
        subprocess.run(  # noqa: S603
            [backup.pg_program(program), "--no-password", *args], env=env, check=True
        )

    def _fresh() -> tuple[str, str]:
        if connection.vendor == "sqlite":
            path = tmp_path / f"fresh-{uuid.uuid4().hex[:8]}.sqlite3"
            return str(path), f"sqlite:///{path}"
        name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        client("createdb", name)
        created.append(name)
        auth = quote(db["USER"] or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = db.get("HOST") or "127.0.0.1"
        return name, f"postgres://{auth}@{host}:{db.get('PORT') or 5432}/{name}"

    yield _fresh
    for name in created:
        client("dropdb", "--if-exists", "--force", name)


def _tamper(restored, tmp_path: Path) -> Path:
    """Edit an audit event with the append-only trigger out of the way, put the trigger back
    so that nothing else looks wrong, and return a backup of the result."""
    with restored.cursor() as cursor:
        if restored.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_event_no_update")
        else:
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update")
        cursor.execute(
            "UPDATE audit_auditevent SET actor_username = 'someone.else'"
            " WHERE id = (SELECT min(id) FROM audit_auditevent)"
        )
        if restored.vendor == "sqlite":
            cursor.execute(_append_only.SQLITE_FORWARD[0])
        else:
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_update")
    restored.close()
    tampered = tmp_path / "tampered.backup"
    if restored.vendor == "sqlite":
        source = sqlite3.connect(restored.settings_dict["NAME"])
        copy_ = sqlite3.connect(tampered)
        source.backup(copy_)
        source.close()
        copy_.close()
    else:
        subprocess.run(  # noqa: S603
            [
                backup.pg_program("pg_dump"),
                "--format=custom",
                f"--file={tampered}",
                "--no-password",
            ],
            env={**backup.pg_environment(restored.settings_dict)},
            check=True,
        )
    return tampered


# --- the round trip, on the test database's kind (SQLite or PostgreSQL) ----------------------


def test_round_trip_gives_an_equal_database_whose_audit_chain_verifies(
    loaded, tmp_path, fresh, second_connection
):
    path = tmp_path / "roundtable.backup"
    output = _create(path)
    assert "FIELD_ENCRYPTION_KEYS" in output and "NOT in this backup" in output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert backup.backup_kind_of(path) == connection.vendor

    name, url = fresh()
    _assert_restore_ok(_restore(path, url, tmp_path))

    restored = second_connection(name)
    _assert_same_rows(restored)
    if connection.vendor == "postgresql":
        # The sequences carry on where the original's were, so new rows get fresh ids.
        sequences = "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
        with connection.cursor() as a, restored.cursor() as b:
            a.execute(sequences)
            b.execute(sequences)
            assert b.fetchall() == a.fetchall()
    _assert_audit_table_refuses_changes(restored)

    # A backup whose audit trail was edited restores, but is reported as broken.
    tampered = _tamper(restored, tmp_path)
    _other, other_url = fresh()
    result = _restore(tampered, other_url, tmp_path)
    assert result.returncode == 1
    assert "Audit triggers in place" in result.stdout
    assert "audit trail is broken" in result.stderr
    assert "changed: event" in result.stderr
    assert "Do not put this database into service" in result.stderr


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(
    loaded, tmp_path, fresh, second_connection
):
    path = tmp_path / "roundtable.backup"
    _create(path)
    name, url = fresh()
    target = second_connection(name)
    with target.cursor() as cursor:
        cursor.execute("CREATE TABLE precious (note TEXT)")
        cursor.execute("INSERT INTO precious VALUES ('keep me')")
    target.close()

    refused = _restore(path, url, tmp_path)
    assert refused.returncode == 1
    assert "not empty" in refused.stderr and "nothing was changed" in refused.stderr
    assert _rows(target, "precious", "note") == [("keep me",)]
    assert "audit_auditevent" not in target.introspection.table_names()
    target.close()

    forced = _restore(path, url, tmp_path, "--force")
    _assert_restore_ok(forced)
    assert "content was replaced" in forced.stdout
    if connection.vendor == "sqlite":
        # SQLite: the whole database is replaced by the backup.
        _assert_same_rows(target)
    else:
        # PostgreSQL: what the backup holds is dropped and re-created; the rest stays.
        _assert_same_rows(target, extra_tables=frozenset({"precious"}))


def test_restore_with_other_keys_reports_that_the_values_cannot_be_read(loaded, tmp_path, fresh):
    path = tmp_path / "roundtable.backup"
    _create(path)
    _name, url = fresh()
    result = _restore(path, url, tmp_path, FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode())
    assert result.returncode == 1
    assert "cannot be decrypted with the current FIELD_ENCRYPTION_KEYS" in result.stderr
    assert "cannot decrypt: citizens.Citizen" in result.stderr
    assert "Audit trail intact" in result.stdout  # the data itself is fine


def test_restore_notices_another_national_id_digest_key(loaded, tmp_path, fresh):
    path = tmp_path / "roundtable.backup"
    _create(path)
    _name, url = fresh()
    result = _restore(path, url, tmp_path, NATIONAL_ID_DIGEST_KEY="0" * 64)
    assert result.returncode == 1
    assert "NATIONAL_ID_DIGEST_KEY is not the one in use" in result.stderr


def test_create_keeps_an_existing_file_unless_forced(loaded, tmp_path):
    path = tmp_path / "roundtable.backup"
    path.write_text("an older backup")
    with pytest.raises(CommandError, match="already exists"):
        _create(path)
    assert path.read_text() == "an older backup"
    out = StringIO()
    call_command("backup", "create", str(path), "--force", stdout=out)
    assert backup.backup_kind_of(path) == connection.vendor
    assert not list(tmp_path.glob(".*partial*"))


def test_restore_refuses_a_file_that_is_not_a_backup_or_of_the_other_kind(db, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    with pytest.raises(CommandError, match="not a Roundtable backup"):
        call_command("backup", "restore", str(junk), stdout=StringIO())
    other = tmp_path / "other.backup"
    other_kind = backup.POSTGRESQL if connection.vendor == "sqlite" else backup.SQLITE
    other.write_bytes(backup._MAGIC[other_kind] + b"\0" * 64)
    with pytest.raises(CommandError, match=f"Restore it into a {other_kind} database"):
        call_command("backup", "restore", str(other), stdout=StringIO())


def test_the_postgresql_programs_are_found_or_named_in_a_clear_error():
    try:
        found = backup.pg_program("pg_dump")
    except backup.BackupError as exc:
        assert "postgresql-client" in str(exc)
    else:
        assert Path(found).name == "pg_dump" and os.access(found, os.X_OK)
    with pytest.raises(backup.BackupError, match="was not found on PATH"):
        backup.pg_program("pg_no_such_program")
