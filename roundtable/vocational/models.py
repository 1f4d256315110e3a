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
from django.utils.functional import Promise
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
    # The service from the directory that helps with this step, if any (by string: the
    # directory is the network app's, which this app does not import). Its deletion leaves
    # the step.
    service = models.ForeignKey(
        "network.DirectoryService",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vocational_steps",
        verbose_name=_("service from the directory"),
    )
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("vocational step")
        verbose_name_plural = _("vocational steps")

    def __str__(self) -> str:
        return f"vocational step {self.id}"

    @property
    def label(self) -> str:
        return self.text


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


# --- IPS job development and follow-along (issue 12 §2) -------------------------------------
# The team's employer register and its log of employer contacts are the team's (not a citizen's)
# records; a contact that names a person, a job start, its follow-along contacts, benefits
# counselling and the disclosure ledger are records of that person's course, in the vocational
# class like the rest of this app. `roundtable.vocational.fidelity_figures` counts them for the
# IPS-25 review (items SV4–SV13).


class Employer(models.Model):
    """An employer in the team's register: a workplace the specialists know and visit."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="employers"
    )
    name = models.CharField(_("employer"), max_length=200)
    industry = models.CharField(_("sector or industry"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            models.UniqueConstraint(fields=["team", "name"], name="employer_name_unique_in_team")
        ]

    def __str__(self) -> str:
        return self.name


class ContactMode(models.TextChoices):
    """How a contact took place. SV6 counts the face-to-face ones, SV13 those in the community."""

    COMMUNITY = "community", _("Face to face, out in the community or at the workplace")
    OFFICE = "office", _("Face to face, at the office")
    PHONE = "phone", _("By phone or video")
    WRITTEN = "written", _("By e-mail, letter or message")


FACE_TO_FACE_MODES = frozenset({ContactMode.COMMUNITY, ContactMode.OFFICE})


class ContactPurpose(models.TextChoices):
    JOB_DEVELOPMENT = "job_development", _("Job development")
    PLACEMENT = "placement", _("Placement of a person")
    FOLLOW_UP = "follow_up", _("Follow-up after a start")


class JobDevelopmentContact(models.Model):
    """A contact of an employment specialist with an employer of the register: the team's
    record. When it was about a person, `ContactAboutPerson` says whom."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="employer_contacts"
    )
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="contacts")
    specialist = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    contacted_on = models.DateField(_("date"))
    mode = models.CharField(_("how"), max_length=12, choices=ContactMode.choices)
    purpose = models.CharField(_("purpose"), max_length=20, choices=ContactPurpose.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contacted_on", "-created_at"]
        verbose_name = _("employer contact by a specialist")
        verbose_name_plural = _("employer contacts by the specialists")
        indexes = [models.Index(fields=["team", "contacted_on"], name="jobdev_team_day")]

    def __str__(self) -> str:
        return f"employer contact {self.id}"

    @property
    def face_to_face(self) -> bool:
        return self.mode in FACE_TO_FACE_MODES


class ContactAboutPerson(models.Model):
    """Whom an employer contact was about: a record of that person's course (vocational class,
    read through the gate). Deleted with the course's vocational records; the team's contact
    stays, as a count, without the person."""

    contact = models.OneToOneField(
        JobDevelopmentContact, on_delete=models.CASCADE, primary_key=True, related_name="about"
    )
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="job_development_contacts"
    )
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        verbose_name = _("employer contact about a person")
        verbose_name_plural = _("employer contacts about a person")

    def __str__(self) -> str:
        return f"employer contact {self.contact_id} about course {self.course_id}"


class JobStart(_Authored):
    """A job the person started, with an employer of the register (SV8–SV10, SV12)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="job_starts")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="job_starts")
    job_type = models.CharField(_("job type"), max_length=200)
    competitive = models.BooleanField(_("competitive job"), default=True)
    hours_per_week = models.DecimalField(_("hours a week"), max_digits=4, decimal_places=1)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    # The matching entry of the work history (roundtable.outcomes), when it was recorded there.
    work_history_entry = models.ForeignKey(
        "outcomes.WorkHistoryEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        verbose_name = _("job start")
        verbose_name_plural = _("job starts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="job_start_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=0) & models.Q(hours_per_week__lte=80),
                name="job_start_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"job start {self.id}"


class FollowAlongKind(models.TextChoices):
    COMMUNITY = "community", _("Met the person, out in the community or at work")
    OFFICE = "office", _("Met the person at the office")
    PHONE = "phone", _("Phone or video with the person")
    EMPLOYER = "employer", _("With the employer")


class FollowAlongContact(_Authored):
    """Support after a job start. Time-unlimited: no end date, no rule that stops it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job_start = models.ForeignKey(JobStart, on_delete=models.CASCADE, related_name="follow_along")
    contacted_on = models.DateField(_("date"))
    kind = models.CharField(_("kind of contact"), max_length=12, choices=FollowAlongKind.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        ordering = ["-contacted_on", "-created_at"]
        verbose_name = _("follow-along contact")
        verbose_name_plural = _("follow-along contacts")

    def __str__(self) -> str:
        return f"follow-along contact {self.id}"


class BenefitsCounselling(_Authored):
    """A benefits counselling session: what work means for the person's benefits."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="benefits_counselling"
    )
    held_on = models.DateField(_("date"))
    counsellor = models.CharField(_("by whom"), max_length=200)
    topic = models.TextField(_("topic"), max_length=2000)
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("benefits counselling session")
        verbose_name_plural = _("benefits counselling sessions")

    def __str__(self) -> str:
        return f"benefits counselling {self.id}"


class DisclosureCategory(models.TextChoices):
    """What was told to an employer. The first three are about health and need consent."""

    HEALTH_CONDITION = "health_condition", _("That the person has a health condition")
    DIAGNOSIS = "diagnosis", _("The diagnosis")
    FUNCTIONAL_LIMITS = "functional_limits", _("Limits at work and the adjustments needed")
    NOTHING_ABOUT_HEALTH = "nothing_about_health", _("Nothing about health")
    OTHER_WORK = "other_work", _("Other things about work")


# The data class a health disclosure shares with the employer: the citizen's consent must
# permit exactly that class to the employer (roundtable.consent.access.employer_disclosure_permits).
DISCLOSURE_CLASS: dict[str, str] = {
    DisclosureCategory.HEALTH_CONDITION: DataClass.HEALTH_SUMMARY,
    DisclosureCategory.DIAGNOSIS: DataClass.DIAGNOSIS,
    DisclosureCategory.FUNCTIONAL_LIMITS: DataClass.FUNCTIONAL_CAPACITY,
}


# The same in the citizen's own words, for their page ("What was told to your employer").
CITIZEN_DISCLOSURE_WORDS: dict[str, str | Promise] = {
    DisclosureCategory.HEALTH_CONDITION: _("That you have a health problem"),
    DisclosureCategory.DIAGNOSIS: _("Your diagnosis"),
    DisclosureCategory.FUNCTIONAL_LIMITS: _("What is hard for you at work, and what helps"),
    DisclosureCategory.NOTHING_ABOUT_HEALTH: _("Nothing about your health"),
    DisclosureCategory.OTHER_WORK: _("Other things about your work"),
}


class ToldBy(models.TextChoices):
    SPECIALIST = "specialist", _("The employment specialist")
    PERSON = "person", _("The person themself")
    TOGETHER = "together", _("Both together")


class DisclosureEntry(_Authored):
    """A line of the disclosure ledger: what was told to which employer, when, by whom, and
    under which version of the citizen's consent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="disclosures")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="disclosures")
    told_on = models.DateField(_("date"))
    category = models.CharField(
        _("what was told"), max_length=24, choices=DisclosureCategory.choices
    )
    told_by = models.CharField(_("told by"), max_length=12, choices=ToldBy.choices)
    note = models.TextField(_("in words"), max_length=2000, blank=True)
    # The consent version relied on (a health disclosure always has one).
    consent = models.ForeignKey(
        "consent.ConsentDirective",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data_class = data_class_field(DataClass.VOCATIONAL)

    class Meta:
        ordering = ["-told_on", "-created_at"]
        verbose_name = _("disclosure to an employer")
        verbose_name_plural = _("disclosures to employers")

    def __str__(self) -> str:
        return f"disclosure {self.id}"

    @property
    def in_plain_words(self) -> str:
        return str(CITIZEN_DISCLOSURE_WORDS.get(self.category, self.get_category_display()))

    @property
    def told_by_plain(self) -> str:
        words: dict[str, str | Promise] = {
            ToldBy.SPECIALIST: _("We told it."),
            ToldBy.PERSON: _("You told it."),
            ToldBy.TOGETHER: _("We told it together."),
        }
        return str(words.get(self.told_by, ""))
