"""The collective journal (DOMAIN §4): one shared record per citizen and course.

Each professional writes entries of one data class, so each reader sees what consent allows
(roundtable.consent.access). Entries are never edited or deleted: a correction is an addendum,
and the original stays readable (SECURITY.md 23). A citizen who finds an entry wrong opens a
dispute with their own statement; while it is open the entry stays inside the author's
organisation (and with the citizen). The author answers with an addendum and closes the dispute
as corrected or upheld; the other organisations of the team get a notice of the outcome.

Bodies and statements are encrypted at rest (EncryptedTextField; `roundtable keys rotate`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.core.fields import EncryptedTextField
from roundtable.organisations.models import Organisation, Professional

BODY_MAX_LENGTH = 5000
STATEMENT_MAX_LENGTH = 3000


class JournalEntry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="journal_entries")
    author = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    # The organisation the author wrote for, kept as it was then: an open dispute keeps the
    # entry inside this organisation even if the author later moves.
    author_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    # Chosen by the author among the classes their sector writes; set by the service.
    data_class = data_class_field(DataClass.MEETING_MINUTES)
    body = EncryptedTextField(_("text"))
    # A summary for sharing names the therapy-detail entry it was written from; the source
    # itself is never changed or shared by it.
    source = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="summaries"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        indexes = [models.Index(fields=["course", "-created_at"], name="journal_course_newest")]

    def __str__(self) -> str:
        return f"journal entry {self.pk} ({self.data_class})"


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CORRECTED = "corrected", _("Corrected")
    UPHELD = "upheld", _("Upheld")


class JournalDispute(models.Model):
    """The citizen says an entry is wrong, in their own words (rectification)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="disputes")
    data_class = data_class_field(DataClass.MEETING_MINUTES)
    statement = EncryptedTextField(_("your statement"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["raised_at", "id"]
        verbose_name = _("journal dispute")
        verbose_name_plural = _("journal disputes")
        constraints = [
            models.UniqueConstraint(
                fields=["entry"],
                condition=models.Q(status="open"),
                name="journal_one_open_dispute_per_entry",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="open", closed_at__isnull=True)
                    | (~models.Q(status="open") & models.Q(closed_at__isnull=False))
                ),
                name="journal_dispute_closed_at_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"dispute {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == DisputeStatus.OPEN


class JournalAddendum(models.Model):
    """An attributed, dated addition to an entry; append-only. It may answer a dispute."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="addenda")
    dispute = models.ForeignKey(
        JournalDispute, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    author = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    author_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    data_class = data_class_field(DataClass.MEETING_MINUTES)
    body = EncryptedTextField(_("text"))
    # The outcome this addendum gave the dispute it answers; empty for a plain addendum.
    outcome = models.CharField(
        max_length=12,
        blank=True,
        choices=[(DisputeStatus.CORRECTED, _("Corrected")), (DisputeStatus.UPHELD, _("Upheld"))],
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("journal addendum")
        verbose_name_plural = _("journal addenda")

    def __str__(self) -> str:
        return f"addendum {self.pk} to {self.entry_id}"


class NoticeKind(models.TextChoices):
    DISPUTE_OPENED = "dispute_opened", _("The citizen says an entry is wrong")
    DISPUTE_CORRECTED = "dispute_corrected", _("A disputed entry was corrected")
    DISPUTE_UPHELD = "dispute_upheld", _("A disputed entry was kept, with an answer")


class JournalNotice(models.Model):
    """An in-app notice about a dispute: to the author when it opens, to the other
    organisations of the team when it closes. It never holds journal text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_notices"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(JournalEntry, on_delete=models.CASCADE, related_name="+")
    dispute = models.ForeignKey(JournalDispute, on_delete=models.CASCADE, related_name="+")
    data_class = data_class_field(DataClass.MEETING_MINUTES)
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dispute", "kind"], name="journal_notice_once"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="journal_notice_unread")]

    def __str__(self) -> str:
        return f"journal notice {self.kind} for {self.recipient_id}"
