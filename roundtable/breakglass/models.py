"""Break-glass ("emergency access"): a health clinician opens one citizen's record that is not
theirs, for a written reason and a short time (issue 4, SECURITY.md).

A grant is for one professional and one course. It is active from `started_at` until
`expires_at` or until it is ended early (`ended_at`). A supervisor reviews every grant
afterwards. The reason may hold health detail, so it is encrypted at rest.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course
from roundtable.core.fields import EncryptedTextField
from roundtable.organisations.models import Professional


class ReviewOutcome(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    NOT_JUSTIFIED = "not_justified", _("Not justified")


class BreakGlassGrantQuerySet(models.QuerySet):
    def active(self, at=None) -> BreakGlassGrantQuerySet:
        at = at or timezone.now()
        return self.filter(started_at__lte=at, expires_at__gt=at, ended_at__isnull=True)


class BreakGlassGrant(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="break_glass_grants")
    reason = EncryptedTextField(_("reason"))
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("started_at")), name="breakglass_expires_after"
            )
        ]

    def __str__(self) -> str:
        return f"break-glass {self.pk}"

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.ended_at is None and self.started_at <= at < self.expires_at
