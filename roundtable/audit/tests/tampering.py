"""Helpers for tests that edit the audit table behind the application's back.

Someone with the database in hand can drop the append-only triggers and change rows directly;
these helpers do exactly that, with migration 0002's own reverse and forward, inside the test's
transaction (Django's SQLite schema editor refuses to run inside one, so a minimal stand-in that
only executes SQL is passed to 0002's functions).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

append_only = importlib.import_module("roundtable.audit.migrations.0002_append_only_triggers")


class _SqlOnlyEditor:
    """What 0002's forward and reverse use of a schema editor: its connection and execute()."""

    def __init__(self) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def run_sql(sql: str, params: Sequence[Any] = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))


@contextmanager
def triggers_dropped() -> Iterator[None]:
    """Drop the append-only triggers (0002 reverse), and create them again afterwards."""
    append_only.reverse(None, _SqlOnlyEditor())
    try:
        yield
    finally:
        append_only.forward(None, _SqlOnlyEditor())


def trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger"
                " WHERE tgrelid = 'audit_auditevent'::regclass AND NOT tgisinternal"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'"
            )
        return {name for (name,) in cursor.fetchall()}


def triggers_present() -> bool:
    """0002's append-only triggers are in place."""
    return {"audit_event_no_update", "audit_event_no_delete"} <= trigger_names()
