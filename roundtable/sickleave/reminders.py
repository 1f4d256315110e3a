"""Reminders before legal deadlines: in-app notifications, and e-mail at most once.

Idempotent by construction, so a restarted or duplicated worker never reminds twice:
- one scan per day across all workers (`ReminderRun`, keyed by the day);
- one notification per recipient, course, milestone, date and lead time (a unique constraint;
  rows that exist already are skipped by the insert);
- an e-mail is claimed (a conditional UPDATE that only one worker can win) before it is sent. A
  worker killed between the claim and the send loses that one mail rather than sending it twice.

The e-mail names no citizen and no health detail: it says that there is a deadline and links to
Roundtable, where access is checked.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.sickleave.models import EvidenceRequest, Notification, ReminderRun
from roundtable.sickleave.selectors import (
    HEALTH_RELEVANT,
    benefit_periods_prefetch,
    course_milestones,
    is_duty,
)

logger = logging.getLogger(__name__)
BATCH = 2000


def lead_time(days_until: int, lead_times: list[int]) -> int | None:
    """The nearest lead time that applies: 5 days before with (7, 1) → 7; 1 day before → 1."""
    fitting = [d for d in lead_times if 0 <= days_until <= d]
    return min(fitting) if fitting else None


def _course_notifications(course: Course, today: dt.date, leads: list[int]) -> list[Notification]:
    found = []
    for milestone in course_milestones(course, today=today):
        lead = lead_time((milestone.date - today).days, leads)
        if lead is None or not is_duty(milestone):
            continue
        recipients = []
        if course.employment_consultant is not None:
            recipients.append(course.employment_consultant.user_id)
        if course.care_manager is not None and milestone.id in HEALTH_RELEVANT:
            recipients.append(course.care_manager.user_id)
        with translation.override("en"):
            label = str(milestone.for_staff)
        found += [
            Notification(
                recipient_id=user_id,
                course=course,
                milestone_id=milestone.id,
                label=label,
                due_on=milestone.date,
                days_before=lead,
            )
            for user_id in recipients
        ]
    return found


def reminders_scan(*, today: dt.date) -> int:
    """Create the day's reminders. Safe to run again: existing reminders are left alone."""
    leads = sorted(settings.REMINDER_DAYS_BEFORE)
    courses = (
        Course.objects.filter(status__in=OPEN_STATUSES)
        .select_related("care_manager", "employment_consultant")
        .prefetch_related(benefit_periods_prefetch())
        .order_by("id")
    )
    # Counted once around the scan, not per batch: the count is a figure for the run's record
    # (approximate when several workers insert at once), and COUNT(*) is not free on a big table.
    before = Notification.objects.count()
    pending: list[Notification] = []
    for course in courses.iterator(chunk_size=BATCH):
        pending += _course_notifications(course, today, leads)
        if len(pending) >= BATCH:
            _insert(pending)
            pending = []
    horizon = today + dt.timedelta(days=max(leads, default=0))
    for request in EvidenceRequest.objects.filter(
        status=EvidenceRequest.Status.OPEN, due_on__gte=today, due_on__lte=horizon
    ).select_related("assignee"):
        lead = lead_time((request.due_on - today).days, leads)
        if lead is not None:
            pending.append(
                Notification(
                    recipient_id=request.assignee.user_id,
                    course_id=request.course_id,
                    milestone_id=f"evidence:{request.id}"[:60],
                    label=request.question,
                    due_on=request.due_on,
                    days_before=lead,
                )
            )
    _insert(pending)
    return Notification.objects.count() - before


def _insert(notifications: list[Notification]) -> None:
    """Insert; reminders that exist already are skipped by the unique constraint."""
    if notifications:
        Notification.objects.bulk_create(notifications, ignore_conflicts=True)


def notifications_email(*, now: dt.datetime | None = None) -> int:
    """E-mail the reminders not yet e-mailed, each at most once."""
    now = now or timezone.now()
    sent = 0
    waiting = (
        Notification.objects.filter(emailed_at__isnull=True)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("due_on")
    )
    for notification in waiting.iterator(chunk_size=BATCH):
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=now
        )
        if not claimed:
            continue  # another worker has it
        recipient = notification.recipient
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            subject = _("Roundtable: a deadline on %(date)s") % {
                "date": notification.due_on.isoformat()
            }
            body = _(
                "There is a deadline in Roundtable on %(date)s for one of the people you work "
                "with. Open Roundtable and look at “My deadlines” to see it."
            ) % {"date": notification.due_on.isoformat()}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        sent += 1
    return sent


def reminders_run(*, today: dt.date) -> int | None:
    """Claim today's scan for this worker and run it; None when another worker already has."""
    try:
        with transaction.atomic():
            run = ReminderRun.objects.create(day=today)
    except IntegrityError:
        # A scan that started an hour ago and never finished died with its worker: take it over.
        stale = timezone.now() - dt.timedelta(hours=1)
        taken = ReminderRun.objects.filter(
            day=today, finished_at__isnull=True, started_at__lt=stale
        ).update(started_at=timezone.now())
        if not taken:
            return None
        run = ReminderRun.objects.get(day=today)
    created = reminders_scan(today=today)
    ReminderRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), notifications=created)
    return created


@task()
def notifications_email_task() -> int:
    return notifications_email()


@task()
def reminders_task(day: str) -> int | None:
    created = reminders_run(today=dt.date.fromisoformat(day))
    if created:
        notifications_email_task.enqueue()
    return created
