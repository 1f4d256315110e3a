"""The employment consultant's records of a course (DOMAIN §2, pathway step 3): the vocational
assessment (`VocationalAssessment`), the employer contact (`EmployerContact`), planned steps
(`VocationalStep`), and for IPS teams the IPS career profile and job-search plan
(`IpsCareerProfile`, `IpsJobSearchPlan`, `IpsPlannedContact`; fields of
reference/instruments.md §7). Whether a team works by IPS is the team's configuration
(`roundtable.organisations.models.TeamProgramme`).

Every record holds one data class (vocational, or contact details for the employer contact), so
that `roundtable.consent.access.visible_data_classes` decides per record who reads it.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.organisations.models import Professional


class _Authored(models.Model):
    """Who wrote the record and who changed it last, and when."""

    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class StepStatus(models.TextChoices):
    """Where a planned step of the vocational plan stands."""

    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


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


# The career profile's fields in the order of the form and the page.
IPS_PROFILE_FIELDS = (
    "work_goal",
    "short_term_goal",
    "education",
    "licences",
    "work_history",
    "job_preferences",
    "transport",
    "strengths_interests",
    "symptoms_coping",
    "medication_side_effects",
    "substance_use",
    "physical_health",
    "legal_history",
    "benefits_income",
    "family_social_contacts",
    "disclosure_preference",
    "reasons_for_working",
    "barriers_supports",
    "sources",
)

# Fields of the profile that are not about work (issue 10 #30): each in the class of what it is
# about, so that the reader needs that class too. The row is `vocational`; a field of another
# class is left out for a reader who may not read that class — on the page, in the API and in
# the access export — and kept as it is when they save the profile.
IPS_PROFILE_FIELD_CLASS: dict[str, str] = {
    "symptoms_coping": DataClass.HEALTH_SUMMARY,
    "physical_health": DataClass.HEALTH_SUMMARY,
    "medication_side_effects": DataClass.SUBSTANCE_MEDICATION,
    "substance_use": DataClass.SUBSTANCE_MEDICATION,
}


def ips_profile_fields(classes: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The profile's fields a reader of these classes may read (and write), in order."""
    if DataClass.VOCATIONAL not in classes:
        return ()
    return tuple(
        name
        for name in IPS_PROFILE_FIELDS
        if IPS_PROFILE_FIELD_CLASS.get(name, DataClass.VOCATIONAL) in classes
    )


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
