"""Assessments and plans per sector (DOMAIN §2 pathway steps 1–3, §4, §5).

- Health (the care manager): the mental-health assessment (`HealthAssessment`), the
  functional-capacity summary written for sharing (`FunctionalCapacity`), stepped care
  (`CareStep`, from the `Treatment` catalogue per diagnosis group), sessions against the team's
  session budget (`CareSession`, with encrypted therapy notes in `SessionNote`), and symptom
  monitoring (`SymptomScore`).
- Employment (the employment consultant): the vocational assessment (`VocationalAssessment`),
  the employer contact (`EmployerContact`), planned steps (`VocationalStep`), and for IPS teams
  the IPS career profile and job-search plan (`IpsCareerProfile`, `IpsJobSearchPlan`,
  `IpsPlannedContact`; fields of reference/instruments.md §7).
- Both, with the citizen: the Norwegian life-situation mapping (`LifeArea`, one row per area).

Every record holds one data class, so that `roundtable.consent.access.visible_data_classes`
decides per record who reads it. A section that mixes classes is split into records: the
session (health summary) and its note (therapy detail); the life areas (health summary,
vocational or family, by area).

Configuration — the treatment catalogue and each team's programme (IPS, session budget) — is
edited in the admin at /config/ and holds no personal data.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course, DiagnosisGroup
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.core.fields import EncryptedTextField
from roundtable.organisations.models import Professional, Team

DEFAULT_SESSION_BUDGET = 12


def default_session_budget() -> int:
    return int(getattr(settings, "ROUNDTABLE_SESSION_BUDGET", DEFAULT_SESSION_BUDGET))


# --- Configuration ---------------------------------------------------------------------------


class TreatmentKind(models.TextChoices):
    """The treatments of IBBIS stepped care (DOMAIN §2, pathway step 2)."""

    PSYCHOEDUCATION = "psychoeducation", _("Individual psychoeducation")
    CBT = "cbt", _("Cognitive behavioural therapy")
    STRESS_COACHING = "stress_coaching", _("Stress-reduction coaching")
    MBSR_GROUP = "mbsr_group", _("Group mindfulness-based stress reduction")
    OTHER = "other", _("Other")


class Treatment(models.Model):
    """A treatment offered to one diagnosis group, at a step of stepped care (1 = the least
    invasive). Seeded by migration 0002; names are stored in English and shown through gettext,
    so an administrator's own additions are shown as written."""

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


class TeamProgramme(models.Model):
    """How a team runs its programme: IPS or not, and the session budget per course."""

    team = models.OneToOneField(
        Team, on_delete=models.CASCADE, primary_key=True, related_name="programme"
    )
    is_ips = models.BooleanField(
        _("IPS team"),
        default=False,
        help_text=_("Individual Placement and Support: shows the IPS career profile and plan."),
    )
    session_budget = models.PositiveSmallIntegerField(
        _("sessions per course"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the deployment's default."),
    )

    class Meta:
        verbose_name = _("team programme")
        verbose_name_plural = _("team programmes")

    def __str__(self) -> str:
        return str(self.team)

    @property
    def budget(self) -> int:
        return self.session_budget if self.session_budget is not None else default_session_budget()


# --- Health: assessment, functional capacity, stepped care, sessions, symptoms ----------------


class _Authored(models.Model):
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


# --- Employment: vocational assessment, employer contact, steps, IPS -------------------------


class Route(models.TextChoices):
    RETURN_TO_WORKPLACE = "return_to_workplace", _("Return to the existing workplace")
    JOB_SEARCH = "job_search", _("Job search")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")


class VocationalAssessment(_Authored):
    """The employment consultant's assessment of work capacity and the route back to work."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="vocational_assessment"
    )
    assessed_on = models.DateField(_("assessed on"))
    work_capacity_hours = models.DecimalField(
        _("work capacity now (hours per week)"), max_digits=4, decimal_places=1
    )
    current_job = models.CharField(_("current job"), max_length=200, blank=True)
    route = models.CharField(_("route back to work"), max_length=24, choices=Route.choices)
    summary = models.TextField(_("assessment"), max_length=8000, blank=True)
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        verbose_name = _("vocational assessment")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(work_capacity_hours__gte=0)
                & models.Q(work_capacity_hours__lte=80),
                name="vocational_hours_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"vocational assessment of course {self.course_id}"


class EmployerContact(_Authored):
    """The person at the current employer the team may contact."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="employer_contact"
    )
    employer = models.CharField(_("employer"), max_length=200)
    name = models.CharField(_("contact person"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    data_class = data_class_field(DataClass.CONTACT_DETAILS)

    class Meta:
        verbose_name = _("employer contact")

    def __str__(self) -> str:
        return f"employer contact of course {self.course_id}"


class VocationalStep(_Authored):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="vocational_steps")
    text = models.CharField(_("step"), max_length=300)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("vocational step")
        verbose_name_plural = _("vocational steps")

    def __str__(self) -> str:
        return f"vocational step {self.id}"


class IpsCareerProfile(_Authored):
    """The IPS career profile (Becker & Drake 2003, App. 2; reference/instruments.md §7),
    written with the person in the first weeks and updated over time."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="ips_profile"
    )
    # Fields seen in the source [V].
    work_goal = models.TextField(_("work goal or life dream"), max_length=2000)
    short_term_goal = models.TextField(_("short-term work goal"), max_length=2000, blank=True)
    education = models.TextField(_("education"), max_length=2000, blank=True)
    licences = models.TextField(_("licences and certificates"), max_length=2000, blank=True)
    work_history = models.TextField(
        _("work history (most recent job title, duties)"), max_length=4000, blank=True
    )
    # Further fields, consistent with fidelity item SV3 [~].
    job_preferences = models.TextField(
        _("job preferences (type, hours, location)"), max_length=2000, blank=True
    )
    transport = models.TextField(_("transport"), max_length=1000, blank=True)
    strengths_interests = models.TextField(
        _("strengths and interests"), max_length=2000, blank=True
    )
    symptoms_coping = models.TextField(_("symptoms and coping"), max_length=2000, blank=True)
    medication_side_effects = models.TextField(
        _("medication side effects"), max_length=2000, blank=True
    )
    substance_use = models.TextField(_("substance use"), max_length=2000, blank=True)
    physical_health = models.TextField(_("physical health"), max_length=2000, blank=True)
    legal_history = models.TextField(_("legal history"), max_length=2000, blank=True)
    benefits_income = models.TextField(_("benefits and income"), max_length=2000, blank=True)
    family_social_contacts = models.TextField(
        _("family and social contacts"), max_length=2000, blank=True
    )
    disclosure_preference = models.TextField(
        _("disclosure preference"), max_length=2000, blank=True
    )
    reasons_for_working = models.TextField(_("reasons for working"), max_length=2000, blank=True)
    barriers_supports = models.TextField(_("barriers and supports"), max_length=2000, blank=True)
    sources = models.TextField(
        _("sources"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Who the information comes from: the person, the team, records, and with consent "
            "family or former employers."
        ),
    )
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        verbose_name = _("IPS career profile")

    def __str__(self) -> str:
        return f"IPS career profile of course {self.course_id}"


class Disclosure(models.TextChoices):
    UNDECIDED = "undecided", _("Not decided yet")
    FULL = "full", _("Tell the employer about the mental-health condition")
    PARTIAL = "partial", _("Tell the employer some things")
    NONE = "none", _("Tell the employer nothing")


class IpsJobSearchPlan(_Authored):
    """The IPS job-search plan (instruments.md §7), built from the career profile."""

    course = models.OneToOneField(
        Course, on_delete=models.CASCADE, primary_key=True, related_name="ips_plan"
    )
    job_goals = models.TextField(_("job goals and preferred settings"), max_length=2000)
    target_employers = models.TextField(
        _("target employers and industries"), max_length=2000, blank=True
    )
    weekly_employer_contacts = models.PositiveSmallIntegerField(
        _("planned employer contacts per week"), default=0
    )
    disclosure = models.CharField(
        _("disclosure decision"),
        max_length=12,
        choices=Disclosure.choices,
        default=Disclosure.UNDECIDED,
    )
    disclosure_script = models.TextField(
        _("what to say to the employer"), max_length=2000, blank=True
    )
    benefits_planning_referred_on = models.DateField(
        _("referred to benefits planning on"), null=True, blank=True
    )
    supports_needed = models.TextField(
        _("supports needed (coaching, transport, family)"), max_length=2000, blank=True
    )
    responsibilities = models.TextField(_("who does what by when"), max_length=4000, blank=True)
    review_on = models.DateField(_("review date"))
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        verbose_name = _("IPS job-search plan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekly_employer_contacts__lte=50),
                name="ips_plan_weekly_contacts_bounded",
            )
        ]

    def __str__(self) -> str:
        return f"IPS job-search plan of course {self.course_id}"


class IpsPlannedContact(models.Model):
    """A planned employer contact of the job-search plan, with its date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(IpsJobSearchPlan, on_delete=models.CASCADE, related_name="contacts")
    planned_on = models.DateField(_("date"))
    employer = models.CharField(_("employer"), max_length=200)
    done = models.BooleanField(_("done"), default=False)
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        ordering = ["planned_on", "employer"]
        verbose_name = _("planned employer contact")
        verbose_name_plural = _("planned employer contacts")

    def __str__(self) -> str:
        return f"planned contact {self.id}"


# --- Both sectors with the citizen: the life-situation mapping (DOMAIN §4) -------------------


class LifeAreaKind(models.TextChoices):
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    WORK_EDUCATION = "work_education", _("Work and education")
    HOUSING = "housing", _("Housing")
    ECONOMY = "economy", _("Money")
    SOCIAL_NETWORK = "social_network", _("Friends and social network")
    FAMILY = "family", _("Family")


# The data class of each life area: what the consent rules decide on.
LIFE_AREA_CLASS: dict[str, str] = {
    LifeAreaKind.MENTAL_HEALTH: DataClass.HEALTH_SUMMARY,
    LifeAreaKind.SUBSTANCE_USE: DataClass.HEALTH_SUMMARY,
    LifeAreaKind.PHYSICAL_HEALTH: DataClass.HEALTH_SUMMARY,
    LifeAreaKind.WORK_EDUCATION: DataClass.VOCATIONAL,
    LifeAreaKind.ECONOMY: DataClass.VOCATIONAL,
    LifeAreaKind.HOUSING: DataClass.FAMILY,
    LifeAreaKind.SOCIAL_NETWORK: DataClass.FAMILY,
    LifeAreaKind.FAMILY: DataClass.FAMILY,
}


class LifeArea(models.Model):
    """One life area of the mapping: the situation, the resources and the wishes, written by
    the team (with the citizen, when `filled_with_citizen`), and the citizen's own wishes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="life_areas")
    area = models.CharField(_("life area"), max_length=20, choices=LifeAreaKind.choices)
    situation = models.TextField(_("situation"), max_length=4000, blank=True)
    resources = models.TextField(_("resources"), max_length=4000, blank=True)
    wishes = models.TextField(_("wishes"), max_length=4000, blank=True)
    citizen_wishes = models.TextField(_("the citizen's own wishes"), max_length=4000, blank=True)
    filled_with_citizen = models.BooleanField(_("filled in with the citizen"), default=False)
    filled_on = models.DateField(_("filled in on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set from LIFE_AREA_CLASS by the service; never by a form.
    data_class = models.CharField(max_length=32, choices=DataClass.choices, editable=False)

    class Meta:
        ordering = ["course", "area"]
        verbose_name = _("life area")
        verbose_name_plural = _("life areas")
        constraints = [
            models.UniqueConstraint(fields=["course", "area"], name="life_area_one_per_course"),
            models.CheckConstraint(
                condition=models.Q(filled_with_citizen=False) | models.Q(filled_on__isnull=False),
                name="life_area_filled_with_citizen_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} of course {self.course_id}"
