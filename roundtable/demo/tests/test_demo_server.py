"""The demo server does not exhaust its database (issue 10, finding 23): four browsers against
`roundtable demo` held 96 of PostgreSQL's 100 connections, because the development server opens
one per connection thread and kept it for DB_CONN_MAX_AGE=60 seconds. Now each request's
connection closes when the request ends, and at most DEMO_CONCURRENT_REQUESTS run at once.
And a load never leaves half a demo behind (finding 24; two processes: test_demo_setting)."""

from __future__ import annotations

import datetime as dt
import http.client
import socketserver
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.db import connections
from django.db.backends.signals import connection_created

from roundtable.citizens.models import Citizen
from roundtable.demo.server import (
    DEMO_CONCURRENT_REQUESTS,
    BoundedApplication,
    DemoWSGIServer,
    demo_database_for_serving,
    demo_runserver,
)
from roundtable.demo.setting import demo_load
from roundtable.organisations.models import Organisation


def _serve(app) -> tuple[socketserver.BaseServer, int]:
    """The demo's server class, threaded the way `runserver` builds it."""
    server_cls = type("WSGIServer", (socketserver.ThreadingMixIn, DemoWSGIServer), {})
    httpd = server_cls(("127.0.0.1", 0), WSGIRequestHandler)
    httpd.daemon_threads = True
    httpd.set_app(app)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, httpd.server_port


def test_the_demo_runs_at_most_a_bounded_number_of_requests_at_once():
    running, most = 0, 0
    lock = threading.Lock()

    def slow(environ, start_response):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    app = BoundedApplication(slow, limit=3)

    def call(_):
        body = app({}, lambda *a: None)
        try:
            return b"".join(body)
        finally:
            body.close()

    with ThreadPoolExecutor(max_workers=12) as pool:
        assert list(pool.map(call, range(24))) == [b"ok"] * 24
    assert most == 3


def test_a_failing_request_gives_its_slot_back():
    def broken(environ, start_response):
        raise RuntimeError("boom")

    app = BoundedApplication(broken, limit=1)
    with pytest.raises(RuntimeError):
        app({}, lambda *a: None)
    assert app.slots.acquire(blocking=False)  # the next request gets in


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """A SQLite file database of its own (the test database lives in memory, and Django never
    closes an in-memory database's connection)."""
    alias = "demo_server_test"
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    configured = connections.configure_settings({"default": {}, alias: sqlite})
    connections.settings[alias] = configured[alias]
    with django_db_blocker.unblock():
        yield alias
    connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


def test_each_requests_database_connection_closes_while_the_browser_keeps_its_connection(
    file_database,
):
    """A kept-alive browser connection keeps its server thread; the thread's database
    connection must not outlive the request."""
    opened: list = []

    def track(sender, connection, **kwargs):
        if connection.alias == file_database:
            opened.append(connection)

    def query(environ, start_response):
        with connections[file_database].cursor() as cursor:
            cursor.execute("SELECT 1")
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]

    connection_created.connect(track)
    httpd, port = _serve(BoundedApplication(query, limit=DEMO_CONCURRENT_REQUESTS))
    browsers = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(6)]
    try:

        def browse(browser):
            for _ in range(2):
                browser.request("GET", "/")
                response = browser.getresponse()
                assert response.status == 200 and response.read() == b"ok"
                assert response.getheader("Connection") != "close"  # still kept alive

        with ThreadPoolExecutor(max_workers=6) as pool:
            list(pool.map(browse, browsers))
        assert len(opened) >= 6
        # Every browser connection is still open, and no database connection is.
        assert [c for c in opened if c.connection is not None] == []
    finally:
        for browser in browsers:
            browser.close()
        httpd.shutdown()
        httpd.server_close()
        connection_created.disconnect(track)


def test_serving_the_demo_closes_connections_at_the_end_of_each_request():
    saved = {alias: connections.settings[alias]["CONN_MAX_AGE"] for alias in connections}
    try:
        for alias in connections:
            connections.settings[alias]["CONN_MAX_AGE"] = 60  # the deployment default
        demo_database_for_serving()
        assert all(connections.settings[alias]["CONN_MAX_AGE"] == 0 for alias in connections)
    finally:
        for alias, value in saved.items():
            connections.settings[alias]["CONN_MAX_AGE"] = value


def test_the_demo_command_serves_through_the_bounded_server():
    command = demo_runserver()
    assert command.server_cls is DemoWSGIServer
    handler = command.get_handler(use_static_handler=True, insecure_serving=False)
    assert isinstance(handler, BoundedApplication)


def test_a_demo_load_that_fails_leaves_nothing_behind(db, monkeypatch):
    from roundtable.accounts.models import User

    def broken(**_):
        raise RuntimeError("the load was cut off")

    monkeypatch.setattr("roundtable.demo.meetings.demo_meetings_load", broken)
    with pytest.raises(RuntimeError):
        demo_load(today=dt.date(2026, 11, 23))
    assert not Organisation.objects.exists()
    assert not User.objects.exists() and not Citizen.objects.exists()
