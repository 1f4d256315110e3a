"""The care manager's records of a course (DOMAIN §2, pathway steps 1–2): the mental-health
assessment (`HealthAssessment`), the functional-capacity summary written for sharing
(`FunctionalCapacity`), stepped care (`CareStep`, from the `Treatment` catalogue per diagnosis
group), sessions against the team's session budget (`CareSession`, with encrypted therapy notes
in `SessionNote`), and symptom monitoring (`SymptomScore`).

Every record holds one data class, so that `roundtable.consent.access.visible_data_classes`
decides per record who reads it: the session is a health summary, its note therapy detail.

The treatment catalogue is configuration: seeded by a migration, edited at /config/, no personal
data. The session budget is the team's (`roundtable.organisations.models.TeamProgramme`).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course, DiagnosisGroup
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.core.fields import EncryptedTextField
from roundtable.organisations.models import Professional

# --- Configuration: the treatment catalogue --------------------------------------------------


class TreatmentKind(models.TextChoices):
    """The treatments of IBBIS stepped care (DOMAIN §2, pathway step 2)."""

    PSYCHOEDUCATION = "psychoeducation", _("Individual psychoeducation")
    CBT = "cbt", _("Cognitive behavioural therapy")
    STRESS_COACHING = "stress_coaching", _("Stress-reduction coaching")
    MBSR_GROUP = "mbsr_group", _("Group mindfulness-based stress reduction")
    OTHER = "other", _("Other")


class Treatment(models.Model):
    """A treatment offered to one diagnosis group, at a step of stepped care (1 = the least
    invasive). Seeded by migration assessments 0002 (the app these records came from); names are
    stored in English and shown through gettext, so an administrator's own additions are shown
    as written."""

    diagnosis_group = models.CharField(
        _("diagnosis group"), max_length=20, choices=DiagnosisGroup.choices
    )
    slug = models.SlugField(_("slug"), max_length=60)
    kind = models.CharField(_("kind"), max_length=24, choices=TreatmentKind.choices)
    name = models.CharField(_("name (English)"), max_length=120)
    level = models.PositiveSmallIntegerField(
        _("step"), default=1, help_text=_("1 is the least invasive step.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["diagnosis_group", "level", "order", "slug"]
        verbose_name = _("treatment")
        verbose_name_plural = _("treatment catalogue")
        constraints = [
            models.UniqueConstraint(
                fields=["diagnosis_group", "slug"], name="treatment_unique_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_diagnosis_group_display()})"

    @property
    def label(self) -> str:
        return gettext(self.name)


# --- The records of a course ----------------------------------------------------------------


class _Authored(models.Model):
    """Who wrote the record and who changed it last, and when."""

    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class HealthAssessment(_Authored):
    """The mental-health assessment of a course (pathway step 1), kept current."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="health_assessment"
    )
    assessed_on = models.DateField(_("assessed on"))
    summary = models.TextField(_("health summary"), max_length=8000)
    data_class = data_class_field(DataClass.HEALTH_SUMMARY)

    class Meta:
        verbose_name = _("mental-health assessment")

    def __str__(self) -> str:
        return f"health assessment of course {self.course_id}"


class FunctionalCapacity(_Authored):
    """What the citizen can and cannot do at work now, written to be shared instead of the
    diagnosis (DOMAIN §2: share what one works on, not the details)."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="functional_capacity"
    )
    summary = models.TextField(
        _("what the citizen can and cannot do at work now"),
        max_length=4000,
        help_text=_(
            "Written to be shared with the employment side: tasks, hours, pace, what helps. "
            "No diagnosis and no therapy detail."
        ),
    )
    data_class = data_class_field(DataClass.FUNCTIONAL_CAPACITY)

    class Meta:
        verbose_name = _("functional capacity")
        verbose_name_plural = _("functional capacity")

    def __str__(self) -> str:
        return f"functional capacity of course {self.course_id}"


class StepStatus(models.TextChoices):
    """Where a step of stepped care stands."""

    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class CareStep(_Authored):
    """One step of stepped care: a treatment from the catalogue, with its dates and status."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="care_steps")
    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("what is offered"), max_length=300, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    # The service from the directory that gives this step, if any (by string: the directory is
    # the network app's, which this app does not import). Its deletion leaves the step.
    service = models.ForeignKey(
        "network.DirectoryService",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="care_steps",
        verbose_name=_("service from the directory"),
    )
    data_class = data_class_field(DataClass.HEALTH_SUMMARY)

    class Meta:
        ordering = ["starts_on", "created_at"]
        verbose_name = _("care step")
        verbose_name_plural = _("care steps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="care_step_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"care step {self.id}"

    @property
    def label(self) -> str:
        return self.description or self.treatment.label


class SessionKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual, face to face")
    GROUP = "group", _("Group")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("Attended")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("Did not come")


# A session the citizen attended or missed without cancelling uses one of the budget's sessions;
# one cancelled in time does not.
BUDGET_ATTENDANCE = (Attendance.ATTENDED, Attendance.NO_SHOW)


class CareSession(_Authored):
    """One session with the care manager. The therapy notes, if any, are a separate record
    (`SessionNote`) of another data class."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="care_sessions")
    step = models.ForeignKey(
        CareStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=SessionKind.choices)
    attendance = models.CharField(_("attendance"), max_length=12, choices=Attendance.choices)
    data_class = data_class_field(DataClass.HEALTH_SUMMARY)

    class Meta:
        ordering = ["held_on", "created_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["course", "held_on"], name="care_session_course_day")]

    def __str__(self) -> str:
        return f"session {self.id}"

    @property
    def uses_budget(self) -> bool:
        return self.attendance in BUDGET_ATTENDANCE


class SessionNote(models.Model):
    """What was talked about in a session: therapy detail, encrypted at rest."""

    session = models.OneToOneField(
        CareSession, on_delete=models.CASCADE, primary_key=True, related_name="note"
    )
    text = EncryptedTextField(_("therapy notes"))
    data_class = data_class_field(DataClass.THERAPY_DETAIL)

    class Meta:
        verbose_name = _("therapy note")

    def __str__(self) -> str:
        return f"note of session {self.session_id}"


class SymptomScore(_Authored):
    """One symptom measure (PHQ-9, GAD-7, WSAS, ... or an instrument the team names)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="symptom_scores")
    instrument = models.CharField(_("instrument"), max_length=40)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    measured_on = models.DateField(_("date"))
    data_class = data_class_field(DataClass.HEALTH_SUMMARY)

    class Meta:
        ordering = ["measured_on", "created_at"]
        verbose_name = _("symptom score")
        verbose_name_plural = _("symptom scores")
        indexes = [models.Index(fields=["course", "measured_on"], name="symptom_course_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0), name="symptom_score_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} on {self.measured_on}"
