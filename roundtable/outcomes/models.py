"""What happened after the referral, and the register weeks that measure it (DOMAIN §2, §6b).

- `WorkHistoryEntry`: what the employment consultant records of a course — a job, the return to
  the own workplace, education, a change of benefit status, a new absence. Dated, one data class
  each (vocational, or benefit decisions for a benefit change), so consent decides who reads it.
- `RegisterWeek`: one row per person per ISO week in which a public benefit was paid, imported
  from the national register (Denmark's DREAM is the model), with the code and the category the
  jurisdiction's mapping gives it. A week without a row means no public benefit.
- `RegisterImport`: one import of a register file — counts only, never row content.
- `TrialArm`: a course's arm in a trial and its randomisation date (the baseline then).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.organisations.models import Professional


class HistoryKind(models.TextChoices):
    JOB = "job", _("Job")
    OWN_WORKPLACE = "own_workplace", _("Back at the own workplace")
    EDUCATION = "education", _("Education")
    BENEFIT = "benefit", _("Benefit status")
    ABSENCE = "absence", _("New sickness absence")


class BenefitStatus(models.TextChoices):
    SICKNESS_BENEFIT = "sickness_benefit", _("Sickness benefit")
    JOB_CLARIFICATION = "job_clarification", _("Job clarification")
    OTHER_HEALTH = "other_health", _("Other health-related benefit")
    UNEMPLOYMENT = "unemployment", _("Unemployment benefit")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    NONE = "none", _("No public benefit")


class EmploymentTerms(models.TextChoices):
    COMPETITIVE = "competitive", _("Open labour market, at the going wage")
    SUBSIDISED = "subsidised", _("Subsidised (wage subsidy, flexible job)")


class WorkHistoryEntry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="work_history")
    kind = models.CharField(_("what happened"), max_length=16, choices=HistoryKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    employer = models.CharField(_("employer or school"), max_length=200, blank=True)
    job_title = models.CharField(_("job title or course"), max_length=200, blank=True)
    terms = models.CharField(_("terms"), max_length=12, choices=EmploymentTerms.choices, blank=True)
    hours_per_week = models.DecimalField(
        _("hours a week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    benefit_status = models.CharField(
        _("benefit status"), max_length=20, choices=BenefitStatus.choices, blank=True
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    data_class = data_class_field(DataClass.VOCATIONAL)
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "created_at"]
        verbose_name = _("work and benefit history entry")
        verbose_name_plural = _("work and benefit history")
        indexes = [models.Index(fields=["course", "starts_on"], name="history_course_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="history_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True)
                | (models.Q(hours_per_week__gte=0) & models.Q(hours_per_week__lte=80)),
                name="history_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} from {self.starts_on} in course {self.course_id}"


class RegisterImport(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jurisdiction = models.CharField(max_length=2)
    file_digest = models.CharField(max_length=64)
    rows_read = models.PositiveIntegerField(default=0)
    rows_added = models.PositiveIntegerField(default=0)
    rows_known = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("register import")

    def __str__(self) -> str:
        return f"register import {self.id} ({self.jurisdiction})"


class RegisterWeek(models.Model):
    id = models.BigAutoField(primary_key=True)
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="register_weeks")
    week = models.DateField(_("week (its Monday)"))
    code = models.CharField(_("benefit code"), max_length=20)
    category = models.CharField(_("category"), max_length=20)
    source = models.ForeignKey(RegisterImport, on_delete=models.PROTECT, related_name="weeks")

    class Meta:
        ordering = ["citizen", "week"]
        verbose_name = _("register week")
        constraints = [
            models.UniqueConstraint(fields=["citizen", "week", "code"], name="register_week_once")
        ]

    def __str__(self) -> str:
        return f"register week {self.week} of citizen {self.citizen_id}"


class TrialArm(models.Model):
    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="trial_arm"
    )
    arm = models.CharField(_("trial arm"), max_length=60)
    randomised_on = models.DateField(_("randomised on"))
    recorded_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trial arm")

    def __str__(self) -> str:
        return f"trial arm {self.arm} of course {self.course_id}"
