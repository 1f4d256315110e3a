"""The joint plan (DOMAIN §2, pathway step 5): what the roundtable meeting yields.

One working draft per course (`JointPlan`, with an integer `revision` for optimistic
concurrency: a save names the revision it started from, and a stale one is refused), made of
goals, three text sections and a stepped return-to-work ramp. Publishing freezes the draft into
an immutable `PlanVersion` (a JSON snapshot of everything); the citizen reads versions, never the
draft, and answers each with a comment and whether they agree.

Every record carries `data_class`: the plan, its goals, ramp and versions are `joint_plan`; the
care manager's section is `health_summary` and the employment consultant's `vocational`, so a
reader sees only the sections `roundtable.consent.access.visible_data_classes` allows.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Citizen, Course
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.meetings.models import Decision, Meeting
from roundtable.organisations.models import Professional

MAX_HOURS_PER_DAY = Decimal(24)


class GoalKind(models.TextChoices):
    """The goal hierarchy of the revised manual (DOMAIN §2): return to work frames the rest."""

    FRAMEWORK = "framework", _("Framework goal: return to work")
    SUPPORTING = "supporting", _("Supporting goal")
    LONG_TERM = "long_term", _("Long-term goal")
    TEMPORARY = "temporary", _("Temporary goal")


class OwnerSector(models.TextChoices):
    HEALTH = "health", _("Health care")
    EMPLOYMENT = "employment", _("Employment")
    SHARED = "shared", _("Shared")


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    REACHED = "reached", _("Reached")
    DROPPED = "dropped", _("Dropped")


class SectionKind(models.TextChoices):
    CARE_MANAGER = "care_manager", _("The care manager's plan")
    EMPLOYMENT_CONSULTANT = "employment_consultant", _("The employment consultant's plan")
    OVERALL = "overall", _("The overall plan")


# Each section's data class: who may read it is decided by consent, per class.
SECTION_DATA_CLASS: dict[str, str] = {
    SectionKind.CARE_MANAGER: DataClass.HEALTH_SUMMARY,
    SectionKind.EMPLOYMENT_CONSULTANT: DataClass.VOCATIONAL,
    SectionKind.OVERALL: DataClass.JOINT_PLAN,
}


class Agreement(models.TextChoices):
    AGREE = "agree", _("I agree with the plan")
    NOT_YET = "not_yet", _("I do not agree yet")


class JointPlan(models.Model):
    """The working draft of a course's joint plan. Only the professionals see it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="joint_plan")
    # Raised by every saved change of the draft; the ETag of the API and the hidden field of
    # the form. A save that names an older revision is refused (SECURITY.md 26).
    revision = models.PositiveIntegerField(default=0)
    review_on = models.DateField(_("review the plan on"), null=True, blank=True)
    ramp_start = models.DateField(_("first day of the return-to-work plan"), null=True, blank=True)
    # The meeting the plan was last made or adjusted at (its decisions are offered as links).
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data_class = data_class_field(DataClass.JOINT_PLAN)

    class Meta:
        verbose_name = _("joint plan")
        verbose_name_plural = _("joint plans")

    def __str__(self) -> str:
        return f"joint plan {self.id} (revision {self.revision})"


class PlanSection(models.Model):
    """One text section of the draft; its data class follows its kind."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("section"), max_length=24, choices=SectionKind.choices)
    text = models.TextField(_("text"), max_length=10000, blank=True)
    data_class = models.CharField(max_length=32, choices=DataClass.choices, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="plan_section_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} section of plan {self.plan_id}"


class Goal(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField(_("kind of goal"), max_length=16, choices=GoalKind.choices)
    owner_sector = models.CharField(_("whose goal"), max_length=16, choices=OwnerSector.choices)
    text = models.TextField(_("goal"), max_length=1000)
    # Lower-case words only: finds the same shared goal copied into other plans (a nudge).
    text_normalised = models.CharField(max_length=1000, editable=False, db_index=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )
    decisions = models.ManyToManyField(
        Decision, blank=True, related_name="+", verbose_name=_("decisions that made this goal")
    )
    order = models.PositiveSmallIntegerField(default=0)
    data_class = data_class_field(DataClass.JOINT_PLAN)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"goal {self.id} of plan {self.plan_id}"


class RampStep(models.Model):
    """One week of the stepped return to work; week 1 starts on the plan's `ramp_start`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="ramp")
    week = models.PositiveSmallIntegerField(_("week"))
    hours_per_day = models.DecimalField(
        _("hours per day"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_HOURS_PER_DAY)],
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("days per week"), validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    data_class = data_class_field(DataClass.JOINT_PLAN)

    class Meta:
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "week"], name="ramp_step_one_per_week"),
            models.CheckConstraint(
                condition=models.Q(days_per_week__gte=1, days_per_week__lte=7),
                name="ramp_step_days_1_to_7",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_day__gte=0, hours_per_day__lte=24),
                name="ramp_step_hours_0_to_24",
            ),
        ]

    def __str__(self) -> str:
        return f"week {self.week} of plan {self.plan_id}"

    @property
    def weekly_hours(self) -> Decimal:
        return self.hours_per_day * self.days_per_week


class ImmutableVersionError(Exception):
    """A published version was about to be changed or deleted."""


class PlanVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableVersionError("published plan versions are never changed")


class PlanVersion(models.Model):
    """A published version: a frozen snapshot of the draft. Never updated after creation —
    `save()` refuses, the queryset's `update()` refuses, and a database trigger (migration
    0002) refuses UPDATE on both PostgreSQL and SQLite."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    # The draft's revision that was published (the API's ETag at that moment).
    revision = models.PositiveIntegerField()
    # RESTRICT, not SET_NULL: nulling the link would be an UPDATE of a frozen row; RESTRICT
    # still lets a whole course go (its versions go with it).
    meeting = models.ForeignKey(
        Meeting, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField()
    data_class = data_class_field(DataClass.JOINT_PLAN)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("published plan version")
        verbose_name_plural = _("published plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"version {self.number} of plan {self.plan_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableVersionError("published plan versions are never changed")
        super().save(*args, **kwargs)


class PlanResponse(models.Model):
    """The citizen's answer to a published version: a comment and whether they agree."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="responses")
    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="+")
    agreement = models.CharField(_("do you agree?"), max_length=12, choices=Agreement.choices)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    data_class = data_class_field(DataClass.JOINT_PLAN)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"response {self.id} to {self.version_id}"
