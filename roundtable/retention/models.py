"""Legal holds: a citizen or a course whose records the retention job must keep (SECURITY.md 25).

A hold names either a citizen (every course of theirs) or one course. Nobody deletes a hold: it is
lifted, and the row stays as the record of why the data outlived its schedule. Its foreign key
PROTECTs the course or citizen, so even a deletion outside the job fails. Only when the job later
deletes the course (or citizen) a lifted hold named does the hold go with it; setting and lifting
are in the audit trail, which outlives both.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Citizen, Course


class LegalHoldQuerySet(models.QuerySet):
    def active(self) -> LegalHoldQuerySet:
        return self.filter(lifted_at__isnull=True)


class LegalHold(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    citizen = models.ForeignKey(
        Citizen,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_holds",
        verbose_name=_("citizen"),
        help_text=_("Every course of this citizen is kept. Give a citizen or a course."),
    )
    course = models.ForeignKey(
        Course,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_holds",
        verbose_name=_("course"),
        help_text=_("Only this course is kept. Give a citizen or a course."),
    )
    reason = models.TextField(
        _("reason"),
        max_length=2000,
        help_text=_("Why the records must be kept, e.g. the case or complaint number."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("set by"),
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-set_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen__isnull=False, course__isnull=True)
                | Q(citizen__isnull=True, course__isnull=False),
                name="legal_hold_citizen_or_course",
            ),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True, lifted_by__isnull=True)
                | Q(lifted_at__isnull=False, lifted_by__isnull=False),
                name="legal_hold_lifted_by_someone",
            ),
        ]

    def __str__(self) -> str:
        target = f"citizen {self.citizen_id}" if self.citizen_id else f"course {self.course_id}"
        return f"legal hold on {target}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class CourseEnd(models.Model):
    """The end date the job computed for an ended course, kept so that deleting the records
    due first never moves the date (and so the deadline of the rest) earlier. It only moves
    later: the job stores the latest of this and what it computes. Dropped when the course
    opens again."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="retention_end"
    )
    ended_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"course {self.course_id} ended {self.ended_on}"
