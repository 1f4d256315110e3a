"""Notices: something a professional has to act on, on "My deadlines" and by e-mail at most once.

Any app may send one (an evidence request, a meeting, a citizen's "not yet" to a plan, a dispute
on an entry: issue 10, finding 4). A notice names no citizen and holds no health detail, so the
e-mail is safe to send to any mailbox: it says what kind of thing is waiting and links to
Roundtable, where access is checked again.

Idempotent under several workers, like the reminders (sickleave/reminders.py): one notice per
recipient and key (a unique constraint; repeats are skipped), and each e-mail is claimed by a
conditional UPDATE before it is sent. The e-mail task is enqueued when the sender's transaction
commits, so a rolled-back write sends nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from roundtable.accounts.models import Notice

BATCH = 500


def notice_send(
    *,
    recipient_ids: Iterable[uuid.UUID | None],
    key: str,
    label: str,
    url: str,
    citizen_id: uuid.UUID | None = None,
    due_on: dt.date | None = None,
    already_known_by: uuid.UUID | None = None,
) -> None:
    """Record a notice for each recipient (inside the caller's transaction) and e-mail it once
    the transaction commits. `label` is an English source text marked with gettext_noop, with
    no health detail; `key` says what it is about (a repeat with the same key is skipped).
    `already_known_by` (the person who did it) gets the dated entry on their page, read and
    without an e-mail."""
    now = timezone.now()
    rows = [
        Notice(
            recipient_id=user_id,
            key=key[:120],
            label=label[:200],
            url=url[:300],
            citizen_id=citizen_id,
            due_on=due_on,
            read_at=now if user_id == already_known_by else None,
            emailed_at=now if user_id == already_known_by else None,
        )
        for user_id in dict.fromkeys(recipient_ids)
        if user_id is not None
    ]
    if not rows:
        return
    Notice.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(lambda: notices_email_task.enqueue())


def notice_withdraw(*, key_prefix: str) -> int:
    """Remove the notices whose key starts with `key_prefix` (a moved or cancelled meeting):
    they would point at a date that no longer holds."""
    return Notice.objects.filter(key__startswith=key_prefix).delete()[0]


def dated_notices(
    *, user_id: uuid.UUID, key_prefix: str, start: dt.date, end: dt.date
) -> list[Notice]:
    """The user's notices of one kind dated between `start` and `end`, read or not."""
    return list(
        Notice.objects.filter(
            recipient_id=user_id, key__startswith=key_prefix, due_on__gte=start, due_on__lte=end
        ).order_by("due_on", "id")
    )


def notice_list(
    *,
    user_id: uuid.UUID,
    unread_only: bool = True,
    limit: int = 50,
    also_read: tuple[str, ...] = (),
) -> list[Notice]:
    """The user's notices, soonest date first, then newest. With `unread_only`, the notices
    whose key starts with one of `also_read` come read or not (they stand for open work, and
    their sender withdraws them when it is done)."""
    notices = Notice.objects.filter(recipient_id=user_id)
    if unread_only:
        kept = Q(read_at__isnull=True)
        for prefix in also_read:
            kept |= Q(key__startswith=prefix)
        notices = notices.filter(kept)
    return list(notices.order_by("due_on", "-created_at", "id")[:limit])


@transaction.atomic
def notices_mark_read(*, user_id: uuid.UUID) -> int:
    return Notice.objects.filter(recipient_id=user_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notices_email(*, now: dt.datetime | None = None) -> int:
    """E-mail the notices not yet e-mailed, each at most once, in the recipient's language."""
    now = now or timezone.now()
    sent = 0
    waiting = (
        Notice.objects.filter(emailed_at__isnull=True)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("created_at", "id")
    )
    for notice in waiting.iterator(chunk_size=BATCH):
        claimed = Notice.objects.filter(pk=notice.pk, emailed_at__isnull=True).update(
            emailed_at=now
        )
        if not claimed:
            continue  # another worker has it
        recipient = notice.recipient
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            what = _(notice.label)
            subject = _("Roundtable: %(what)s") % {"what": what}
            if notice.due_on is not None:
                when = formats.date_format(notice.due_on, "DATE_FORMAT")
                body = _(
                    "%(what)s (%(date)s), for one of the people you work with. Open Roundtable"
                    " and look at “My deadlines” to see it."
                ) % {"what": what, "date": when}
            else:
                body = _(
                    "%(what)s, for one of the people you work with. Open Roundtable and look at"
                    " “My deadlines” to see it."
                ) % {"what": what}
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        sent += 1
    return sent


@task()
def notices_email_task() -> int:
    return notices_email()
