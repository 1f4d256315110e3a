"""Serving and loading the demo without harming its database.

Django's development server starts a thread per connection, and each thread opens its own
database connection, kept for `DB_CONN_MAX_AGE` seconds and closed only when the thread's
objects are collected: four browsers held 96 of PostgreSQL's 100 connections. The demo server
therefore closes a request's database connection when the request ends and answers at most
`DEMO_CONCURRENT_REQUESTS` requests at once (the rest wait their turn), so the demo needs at
most that many connections, plus one for the reminder worker. Production runs behind gunicorn
with its own budget (README, "Database connections").

Loading is one transaction (`demo_load`), and `demo_load_lock` lets one process at a time
migrate and load: a second `roundtable demo` or `roundtable demo --users` waits for it and then
finds the demo loaded, instead of loading it a second time.
"""

from __future__ import annotations

import contextlib
import fcntl
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from django.core.management import get_commands, load_command_class
from django.core.servers.basehttp import WSGIServer
from django.db import DatabaseError, connections

# Requests served at once, and so database connections held by the demo server at most.
DEMO_CONCURRENT_REQUESTS = 8
# PostgreSQL advisory-lock key for loading the demo ("rtdemo" in ASCII).
_PG_LOCK_KEY = 0x7274_6465_6D6F


class BoundedApplication:
    """A WSGI application that runs at most `limit` requests of `app` at once and closes the
    database connections of the request's thread when the request ends."""

    def __init__(self, app: Callable, limit: int = DEMO_CONCURRENT_REQUESTS) -> None:
        self.app = app
        self.slots = threading.BoundedSemaphore(limit)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        self.slots.acquire()
        try:
            result = self.app(environ, start_response)
        except BaseException:
            _close_connections()
            self.slots.release()
            raise
        return _Response(result, self.slots.release)


class _Response:
    """The application's response, releasing its slot once the server has closed it."""

    def __init__(self, result: Iterable[bytes], release: Callable[[], Any]) -> None:
        self.result = result
        self._release: Callable[[], Any] | None = release

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.result)

    def close(self) -> None:
        try:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()  # Django's request_finished: its own connection handling first
        finally:
            _close_connections()
            release, self._release = self._release, None
            if release is not None:
                release()


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        connection.close()


class DemoWSGIServer(WSGIServer):
    """The development server, closing a connection thread's database connections when the
    browser's connection ends (a kept-alive connection outlives its requests)."""

    def close_request(self, request: Any) -> None:
        _close_connections()
        super().close_request(request)


def demo_database_for_serving() -> None:
    """Connections opened from now on close at the end of each request (CONN_MAX_AGE 0), and
    the ones the loading opened are closed before the server starts."""
    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0
    _close_connections()


def demo_runserver() -> Any:
    """Django's `runserver` (the static-files one when installed) serving through
    `BoundedApplication` and `DemoWSGIServer`."""
    base = type(load_command_class(get_commands()["runserver"], "runserver"))

    class DemoRunserver(base):  # type: ignore[valid-type, misc]
        server_cls = DemoWSGIServer

        def get_handler(self, *args: Any, **options: Any) -> BoundedApplication:
            return BoundedApplication(super().get_handler(*args, **options))

    return DemoRunserver()


def demo_is_loaded() -> bool:
    """Whether the database has the demo (loading is one transaction, so a load in progress
    does not count). Only reads; False when the tables are not there yet."""
    from roundtable.organisations.models import Organisation

    try:
        return Organisation.objects.exists()
    except DatabaseError:
        return False


def sqlite_lock_path(database_name: str | Path) -> Path:
    """The file a SQLite database's loading is locked on, beside the database."""
    return Path(f"{database_name}.demo-lock")


@contextlib.contextmanager
def demo_load_lock(on_wait: Callable[[], Any] = lambda: None) -> Iterator[None]:
    """Hold the demo's loading lock: one process at a time migrates and loads. Another
    process waits (`on_wait` is called once when it has to). SQLite: an flock on a file beside
    the database; PostgreSQL: an advisory lock held by a transaction of its own."""
    connection = connections["default"]
    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "postgresql":
        # A transaction-level lock on a connection of its own, held while this process migrates
        # and loads on the usual one: nothing outlives the transaction, so a pooled server
        # connection (PgBouncer, transaction pooling) carries no lock to its next client.
        holder = connections.create_connection(connection.alias)
        try:
            holder.set_autocommit(False)
            with holder.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
                if not cursor.fetchone()[0]:
                    on_wait()
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
            yield
        finally:
            holder.rollback()
            holder.close()
    elif connection.vendor == "sqlite" and name and "memory" not in name:
        with open(sqlite_lock_path(name), "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                on_wait()
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    else:
        yield
