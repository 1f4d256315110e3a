"""Break-glass ("emergency access"): a health clinician opens one citizen's record that is not
theirs, for a written reason and a short time (issue 4, SECURITY.md 9).

A grant is for one professional and one course. It is active from `started_at` until
`expires_at` or until it is ended early (`ended_at`, `end_reason` "ended"); once the time has
run out, the next look at it records the expiry (`end_reason` "expired", audited). A supervisor
or team leader of the same organisation reviews every grant afterwards. The citizen is told
through a `BreakGlassNotice`. The reason and the review note may hold health detail, so they are
encrypted at rest and carry the health-summary data class.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.core.fields import EncryptedTextField
from roundtable.organisations.models import Professional


class ReviewOutcome(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    NOT_JUSTIFIED = "not_justified", _("Not justified")


class EndReason(models.TextChoices):
    ENDED = "ended", _("Ended by the clinician")
    EXPIRED = "expired", _("Time ran out")


class BreakGlassGrantQuerySet(models.QuerySet):
    def active(self, at=None) -> BreakGlassGrantQuerySet:
        at = at or timezone.now()
        return self.filter(started_at__lte=at, expires_at__gt=at, ended_at__isnull=True)

    def expired_unrecorded(self, at=None) -> BreakGlassGrantQuerySet:
        """Grants whose time has run out but whose expiry is not yet recorded (and audited)."""
        at = at or timezone.now()
        return self.filter(expires_at__lte=at, ended_at__isnull=True)


class BreakGlassGrant(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = EncryptedTextField(_("reason"))
    data_class = data_class_field(DataClass.HEALTH_SUMMARY)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=8, choices=EndReason.choices, blank=True)
    reviewer = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="break_glass_reviews",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_outcome = models.CharField(max_length=16, choices=ReviewOutcome.choices, blank=True)
    review_note = EncryptedTextField(_("review note"), blank=True)

    objects = BreakGlassGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["professional", "expires_at"], name="breakglass_active"),
            # The review queue: grants not yet reviewed, newest first.
            models.Index(fields=["reviewed_at", "started_at"], name="breakglass_review_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("started_at")), name="breakglass_expires_after"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, end_reason="")
                | Q(ended_at__isnull=False) & ~Q(end_reason=""),
                name="breakglass_end_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_at__isnull=True, review_outcome="", reviewer__isnull=True)
                | Q(reviewed_at__isnull=False, reviewer__isnull=False) & ~Q(review_outcome=""),
                name="breakglass_review_complete",
            ),
            models.CheckConstraint(
                condition=~Q(reviewer=models.F("professional")),
                name="breakglass_not_own_review",
            ),
        ]

    def __str__(self) -> str:
        return f"break-glass {self.pk}"

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.ended_at is None and self.started_at <= at < self.expires_at

    @property
    def closes_at(self) -> dt.datetime:
        """When the access stopped or will stop: ended early, or at the time limit."""
        return min(self.ended_at, self.expires_at) if self.ended_at else self.expires_at

    @property
    def minutes(self) -> int:
        return round((self.expires_at - self.started_at).total_seconds() / 60)

    @property
    def used_minutes(self) -> int:
        return max(0, round((self.closes_at - self.started_at).total_seconds() / 60))

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None


class BreakGlassNotice(models.Model):
    """What the citizen is told: someone opened their record in an emergency.

    One per grant, written in the same transaction as the grant, so no grant goes untold. The
    citizen marks it as read; it stays on their page.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    grant = models.OneToOneField(BreakGlassGrant, on_delete=models.PROTECT, related_name="notice")
    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="break_glass_notices"
    )
    data_class = data_class_field(DataClass.HEALTH_SUMMARY)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["citizen", "read_at"], name="breakglass_notice_unread")]

    def __str__(self) -> str:
        return f"break-glass notice {self.pk}"
