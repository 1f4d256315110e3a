"""What the employment consultant records about sickness benefit, and the reminders it drives.

The legal dates themselves are never stored: they are computed by the pure rules in
`roundtable/sickleave/rules/` from the first absence day and these benefit periods, so a change in
the law (a new rule version) changes every date at once.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.organisations.models import Professional


class BenefitPeriod(models.Model):
    """A period in which sickness benefit (or the employer's sick pay) was paid.

    Reduced benefit counts in full towards the Danish 22 weeks (legislation.md 6a), so it is
    recorded but does not change the count. An open period (no end) runs until today.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="benefit_periods")
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"), null=True, blank=True)
    reduced = models.BooleanField(_("reduced benefit"), default=False)
    # The absence ended with this period. Otherwise a past last period of a course still open
    # is followed by the assumed continuation of the absence (rules.with_assumed_continuation).
    back_at_work = models.BooleanField(_("back at work after the last day"), default=False)
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="benefit_period_end_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end or '…'}"


class DecisionKind(models.TextChoices):
    EXTENSION = "extension", _("Extension of sickness benefit")
    JOB_CLARIFICATION = "job_clarification", _("Transfer to the job-clarification programme")
    BENEFIT_ENDS = "benefit_ends", _("Sickness benefit ends")


class BenefitDecision(models.Model):
    """A decision the employment consultant makes under the sickness-benefit law (their zone)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="benefit_decisions")
    kind = models.CharField(_("decision"), max_length=24, choices=DecisionKind.choices)
    # Danish § 27 stk. 1 ground, 1–7; empty for other kinds.
    ground = models.PositiveSmallIntegerField(_("legal ground"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    evidence_received_on = models.DateField(_("medical evidence received"), null=True, blank=True)
    decided_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="extension", ground__gte=1, ground__lte=7)
                    | (~models.Q(kind="extension") & models.Q(ground__isnull=True))
                ),
                name="benefit_decision_ground_only_for_extensions",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.decided_on}"


class EvidenceRequest(models.Model):
    """The jobcentre asks the health side for medical evidence: a task for the care manager."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="evidence_requests")
    requested_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="evidence_tasks"
    )
    ground = models.PositiveSmallIntegerField(_("for legal ground"), null=True, blank=True)
    question = models.CharField(_("what is needed"), max_length=500)
    due_on = models.DateField(_("due"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    requested_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        indexes = [models.Index(fields=["assignee", "status", "due_on"], name="evidence_assignee")]

    def __str__(self) -> str:
        return f"evidence for {self.course_id} due {self.due_on}"


class EvidenceNoteState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready for the person to read")
    SENT = "sent", _("Sent")


class WorkCapacity(models.TextChoices):
    NONE = "none", _("Cannot work at present")
    PARTIAL = "partial", _("Can work some hours a week")
    FULL = "full", _("Can work full time")


class Prognosis(models.TextChoices):
    WITHIN_3_MONTHS = "3m", _("Expected back at work within 3 months")
    WITHIN_6_MONTHS = "6m", _("Expected back at work within 6 months")
    LONGER = "longer", _("Longer than 6 months")
    UNCLEAR = "unclear", _("Cannot be said yet")


class EvidenceNoteImmutable(Exception):
    """A version of an evidence note was changed after it was written."""


class EvidenceNote(models.Model):
    """One version of the health side's answer to an evidence request, written in the app.

    Append-only: every save is a new version (numbered per request), the citizen's comment too,
    and sending is the last version. So what was sent to the jobcentre never changes, and the
    history shows who changed what (issue 13, 5). Functional capacity and prognosis, not the
    diagnosis: `diagnosis` is filled only while the citizen lets the jobcentre read it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.ForeignKey(EvidenceRequest, on_delete=models.CASCADE, related_name="notes")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveSmallIntegerField()
    state = models.CharField(
        _("state"), max_length=8, choices=EvidenceNoteState.choices, default=EvidenceNoteState.DRAFT
    )
    capacity = models.CharField(_("work capacity"), max_length=8, choices=WorkCapacity.choices)
    hours_per_week = models.PositiveSmallIntegerField(_("hours a week"), null=True, blank=True)
    functional_capacity = models.TextField(_("what the person can and cannot do"))
    prognosis = models.CharField(_("prognosis"), max_length=8, choices=Prognosis.choices)
    prognosis_text = models.TextField(_("about the prognosis"), blank=True)
    diagnosis = models.CharField(_("diagnosis"), max_length=200, blank=True)
    citizen_comment = models.TextField(_("comment from the person it is about"), blank=True)
    # Empty when the citizen wrote the version (their comment).
    written_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    data_class = data_class_field(DataClass.FUNCTIONAL_CAPACITY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "version"]
        constraints = [
            models.UniqueConstraint(fields=["request", "version"], name="evidence_note_version"),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True) | models.Q(hours_per_week__lte=80),
                name="evidence_note_hours_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"evidence note {self.request_id} v{self.version} ({self.state})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise EvidenceNoteImmutable(f"{self} is a version: write a new one")
        super().save(*args, **kwargs)


class MilestoneHandled(models.Model):
    """A professional marks a legal deadline as dealt with, so it stops showing as overdue."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    milestone_id = models.CharField(max_length=60)
    due_on = models.DateField()
    handled_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    handled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "milestone_id", "due_on"], name="milestone_handled_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone_id} {self.due_on} handled"


class Notification(models.Model):
    """An in-app reminder, e-mailed at most once.

    The unique constraint makes the reminder scan idempotent: however often it runs, and however
    many workers run it, one reminder exists per recipient, course, milestone, date and lead time.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    milestone_id = models.CharField(max_length=60)
    # The English source text of the milestone's label (translated when shown), or the question
    # of an evidence request (shown as written).
    label = models.CharField(max_length=500, blank=True)
    due_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Claimed before the e-mail is sent (at most once: a crash loses a mail, never doubles it).
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "course", "milestone_id", "due_on", "days_before"],
                name="notification_once",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"reminder {self.milestone_id} {self.due_on} ({self.days_before} days before)"


class ReminderRun(models.Model):
    """One reminder scan per day across all workers (the primary key is the day)."""

    day = models.DateField(primary_key=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    notifications = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"reminder scan {self.day}"
