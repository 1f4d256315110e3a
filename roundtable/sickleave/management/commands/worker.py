"""`roundtable worker`: the background worker (reminders), on the database task queue.

Each round it enqueues the day's reminder scan (once a day across all workers) and the e-mail
of pending reminders, then runs every ready task. Several workers may run at once.
"""

from __future__ import annotations

import os
import time
import uuid

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from roundtable.accounts.models import Notice
from roundtable.accounts.notices import notices_email_task
from roundtable.breakglass.services import grants_expire
from roundtable.sickleave.models import Notification, ReminderRun
from roundtable.sickleave.reminders import notifications_email_task, reminders_task


def worker_round(worker_id: str) -> None:
    today = timezone.localdate()
    # Emergency access ends at its time limit on the next request anyway; this puts the end on
    # record (and in the audit trail) for grants nobody has looked at since. Idempotent.
    while grants_expire():
        pass
    if not ReminderRun.objects.filter(day=today, finished_at__isnull=False).exists():
        reminders_task.enqueue(today.isoformat())
    if Notification.objects.filter(emailed_at__isnull=True).exclude(recipient__email="").exists():
        notifications_email_task.enqueue()
    if Notice.objects.filter(emailed_at__isnull=True).exclude(recipient__email="").exists():
        notices_email_task.enqueue()
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


class Command(BaseCommand):
    help = (
        "Run the background worker: reminders before legal deadlines, their e-mails, and the "
        "record of expired emergency access."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run one round and exit.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between rounds.")
        parser.add_argument(
            "--exit-with-parent",
            action="store_true",
            help="Stop when the process that started the worker is gone (used by `demo`).",
        )

    def handle(self, *args, once: bool, interval: float, exit_with_parent: bool, **options):
        worker_id = f"roundtable-{uuid.uuid4().hex[:12]}"
        parent = os.getppid()
        while True:
            worker_round(worker_id)
            if once:
                return
            # Sleep in short steps so an orphaned demo worker stops within a second or two.
            for _ in range(max(1, int(interval))):
                if exit_with_parent and os.getppid() != parent:
                    return
                time.sleep(min(1.0, interval))
