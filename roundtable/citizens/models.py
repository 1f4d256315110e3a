from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.core.fields import EncryptedTextField
from roundtable.organisations.models import Jurisdiction, Professional, Team


class Citizen(models.Model):
    """The person the team works with. The national id is encrypted and never listed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citizen",
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    national_id = EncryptedTextField(_("national id"))
    # Keyed digest of the national id: finds a duplicate registration without decrypting.
    national_id_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def masked_national_id(self) -> str:
        return "••••••-••••"


class CourseStatus(models.TextChoices):
    REFERRED = "referred", _("Referred")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")


OPEN_STATUSES = (CourseStatus.REFERRED, CourseStatus.ACTIVE, CourseStatus.PAUSED)


class DiagnosisGroup(models.TextChoices):
    DEPRESSION = "depression", _("Depression")
    ANXIETY = "anxiety", _("Anxiety")
    STRESS = "stress", _("Stress or adjustment disorder")
    PSYCHOSIS = "psychosis", _("Psychosis")
    OTHER = "other", _("Other")


class Course(models.Model):
    """One integrated course: a citizen, a team, a care manager and an employment consultant."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="courses")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="courses")
    care_manager = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_manager_courses",
        verbose_name=_("care manager"),
    )
    employment_consultant = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employment_consultant_courses",
        verbose_name=_("employment consultant"),
    )
    referral_date = models.DateField(_("referral date"))
    status = models.CharField(
        _("status"), max_length=20, choices=CourseStatus.choices, default=CourseStatus.REFERRED
    )
    diagnosis_group = models.CharField(
        _("diagnosis group"), max_length=20, choices=DiagnosisGroup.choices
    )
    # None: referred by their own wish to work, without sick leave (a team programme with
    # `sick_leave_optional`); no sick-leave clock applies then.
    first_absence_day = models.DateField(_("first day of absence"), null=True, blank=True)
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=2, choices=Jurisdiction.choices, default=Jurisdiction.DK
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-referral_date"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        indexes = [
            models.Index(fields=["care_manager", "status"], name="course_cm_status"),
            models.Index(fields=["employment_consultant", "status"], name="course_ec_status"),
            models.Index(fields=["team", "status"], name="course_team_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_absence_day__isnull=True)
                | models.Q(referral_date__gte=models.F("first_absence_day")),
                name="course_referral_not_before_absence",
            )
        ]

    def __str__(self) -> str:
        return f"{self.citizen} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def on_sick_leave(self) -> bool:
        """False for a course entered by the person's own wish to work, without sick leave."""
        return self.first_absence_day is not None

    def weeks_since_first_absence(self, today: dt.date) -> int | None:
        if self.first_absence_day is None:
            return None
        return max(0, (today - self.first_absence_day).days // 7)
