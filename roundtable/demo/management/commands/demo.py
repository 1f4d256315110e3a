"""`roundtable demo`: migrate, load the demo into a new database, print the logins, serve."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from roundtable.demo.server import (
    DEMO_CONCURRENT_REQUESTS,
    demo_database_for_serving,
    demo_is_loaded,
    demo_load_lock,
    demo_runserver,
)
from roundtable.demo.setting import demo_load, demo_setting, demo_users
from roundtable.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Serve the Roundtable demo on http://127.0.0.1:8000 (loads demo data into a new database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--users",
            action="store_true",
            help="Print the demo users as JSON and exit (waits while another process loads).",
        )

    def handle(self, *args, port: int, host: str, users: bool, **options):
        people = demo_users(demo_setting())
        # A loaded demo is only read: no migrate, no lock, nothing written.
        if users and demo_is_loaded():
            self.stdout.write(json.dumps(people, ensure_ascii=False, indent=2))
            return
        loaded_now = False
        # One process at a time migrates and loads; another `roundtable demo` waits here and
        # then finds the demo loaded (the load is one transaction: all of it or nothing).
        with demo_load_lock(on_wait=self._waiting):
            call_command("migrate", interactive=False, verbosity=0)
            if not Organisation.objects.exists():
                demo_load(today=timezone.localdate())
                loaded_now = True
        if users:
            self.stdout.write(json.dumps(people, ensure_ascii=False, indent=2))
            return
        if loaded_now:
            self.stdout.write(self.style.SUCCESS("Loaded the demo setting into a new database."))
        self.stdout.write(f"\nDemo logins (password for all: {settings.DEMO_PASSWORD}):")
        for row in people:
            team = f" · {row['team']}" if row["team"] else ""
            org = f" · {row['organisation']}" if row["organisation"] else ""
            self.stdout.write(f"  {row['username']:<24} {row['role']:<22}{org}{team}")
        self.stdout.write(
            f"\nServing on http://{host}:{port}/  (Ctrl-C stops; at most "
            f"{DEMO_CONCURRENT_REQUESTS} requests at once, each with its own database "
            "connection, closed when it ends)\n"
        )
        # The reminder worker runs beside the server: the database is its queue, no broker.
        worker = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "roundtable.cli",
                "worker",
                "--interval",
                "60",
                "--exit-with-parent",
            ]
        )
        # A plain `kill` (SIGTERM) ends the demo like Ctrl-C does, so the worker is stopped too.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        demo_database_for_serving()
        try:
            call_command(demo_runserver(), f"{host}:{port}", use_reloader=False, use_threading=True)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def _waiting(self) -> None:
        self.stderr.write("Another `roundtable demo` is loading the demo; waiting for it…")
