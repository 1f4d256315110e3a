"""The people around the person (issue 13 §1–3): one named coordinator per course with its
handover history, the course's responsibility group with membership dates, and the service
directory ("who does what"), shaped like Open Referral HSDS (organization, service, location,
service_at_location).

Coordinators and group members are personal data of the course: each row has the data class
`contact_details` (read by both sectors of the team; an outside member reads it only if the
citizen's consent gives their organisation or role that class). The directory holds no
personal data: it is the municipality's public list of services.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass, data_class_field
from roundtable.organisations.models import Jurisdiction, Professional


class _Person:
    """Who a coordinator or a group member is: a professional with an account, or a name."""

    professional: Professional | None
    name: str
    email: str

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.professional is not None:
            return self.professional.name
        return self.name

    @property
    def contact_email(self) -> str:
        if self.email:
            return self.email
        if self.professional is not None:
            return self.professional.user.email
        return ""


class Need(models.TextChoices):
    """What a service helps with: the directory's categories (its HSDS taxonomy)."""

    WORK = "work", _("Work")
    HOUSING = "housing", _("Housing")
    MONEY = "money", _("Money")
    SUBSTANCE_USE = "substance_use", _("Alcohol and drugs")
    FAMILY = "family", _("Family")
    HEALTH = "health", _("Health")


class GroupRole(models.TextChoices):
    """A member's role in the responsibility group."""

    CARE_MANAGER = "care_manager", _("Health on the team")
    EMPLOYMENT = "employment", _("Work on the team")
    TEAM = "team", _("Other team member")
    GP = "gp", _("General practitioner")
    PSYCHIATRIST = "psychiatrist", _("Psychiatrist")
    HOUSING = "housing", _("Housing officer")
    ADDICTION = "addiction", _("Addiction service")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    UNION = "union", _("Union")
    EMPLOYER = "employer", _("Employer contact")
    OTHER = "other", _("Other")


class MemberKind(models.TextChoices):
    # A professional of the course's team.
    TEAM = "team", _("On the team")
    # A professional of another organisation with an account here: reads the course only as
    # the citizen's consent gives their organisation or role (roundtable.consent.access).
    OUTSIDE_USER = "outside_user", _("Outside, with an account")
    # Someone outside with no account: gets a shared summary, reads nothing here.
    SUMMARY = "summary", _("Outside, gets a summary")


class Coordination(_Person, models.Model):
    """One coordinator of one course for a period. The open row (no `ended_on`) is the current
    coordinator; a handover ends it and opens the next, with a note and a date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="coordinations")
    # A professional (on the team, or a municipal coordinator with an account) ...
    professional = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinations",
    )
    # ... or a municipal coordinator outside the team, named here.
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    starts_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("handover note"), blank=True)
    created_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    data_class = data_class_field(DataClass.CONTACT_DETAILS)

    class Meta:
        ordering = ["course", "starts_on", "created_at"]
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")
        constraints = [
            models.UniqueConstraint(
                fields=["course"],
                condition=models.Q(ended_on__isnull=True),
                name="network_one_current_coordinator",
            ),
            models.CheckConstraint(
                condition=models.Q(professional__isnull=False) | ~models.Q(name=""),
                name="network_coordinator_named",
            ),
        ]

    @property
    def display_organisation(self) -> str:
        if self.professional is not None:
            return self.professional.organisation.name
        return self.organisation_name


class DirectoryOrganization(models.Model):
    """HSDS organization: who offers services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    municipality = models.CharField(_("municipality"), max_length=100)
    jurisdiction = models.CharField(
        _("country"), max_length=2, choices=Jurisdiction.choices, default=Jurisdiction.DK
    )

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("organisation in the directory")
        verbose_name_plural = _("organisations in the directory")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="network_directory_org_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DirectoryService(models.Model):
    """HSDS service: what an organisation offers, by need."""

    # Its name reads its organisation's (for exports that name it: roundtable.citizens.record).
    NAMED_WITH = ("organization",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        DirectoryOrganization, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it does"), blank=True)
    need = models.CharField(_("need"), max_length=20, choices=Need.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    eligibility = models.TextField(_("who it is for"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)

    class Meta:
        ordering = ["organization__municipality", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return f"{self.name} ({self.organization.name})"

    # How to reach the service: its own phone, e-mail and website, else its organisation's.
    @property
    def contact_phone(self) -> str:
        return self.phone or self.organization.phone

    @property
    def contact_email(self) -> str:
        return self.email or self.organization.email

    @property
    def contact_url(self) -> str:
        return self.url or self.organization.url


class DirectoryLocation(models.Model):
    """HSDS location: where services are given."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        DirectoryOrganization, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100)

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(models.Model):
    """HSDS service_at_location: a service at one place, with its opening hours."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        DirectoryService, on_delete=models.CASCADE, related_name="at_locations"
    )
    location = models.ForeignKey(
        DirectoryLocation, on_delete=models.CASCADE, related_name="services_here"
    )
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="network_sal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class GroupMember(_Person, models.Model):
    """A member of the course's responsibility group, from `joined_on` until `left_on`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="group_members")
    kind = models.CharField(_("kind"), max_length=20, choices=MemberKind.choices)
    # Set for a member with an account (on the team, or an outside professional).
    professional = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role in the group"), max_length=20, choices=GroupRole.choices)
    responsible_for = models.CharField(_("responsible for"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    service = models.ForeignKey(
        DirectoryService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_members",
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    added_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    data_class = data_class_field(DataClass.CONTACT_DETAILS)

    class Meta:
        ordering = ["course", "joined_on", "created_at"]
        verbose_name = _("member of the responsibility group")
        verbose_name_plural = _("members of the responsibility group")
        indexes = [
            models.Index(fields=["professional", "left_on"], name="network_member_prof_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(professional__isnull=False) | ~models.Q(name=""),
                name="network_member_named",
            ),
        ]

    @property
    def display_organisation(self) -> str:
        if self.organisation_name:
            return self.organisation_name
        if self.professional is not None:
            return self.professional.organisation.name
        if self.service is not None:
            return self.service.organization.name
        return ""

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class SummaryPart(models.TextChoices):
    """A part of the summary shared with a member who has no account here. Never health
    detail: no diagnosis, no health summary, no therapy notes."""

    GROUP = "group", _("Who is in the group, and the coordinator")
    MEETINGS = "meetings", _("Upcoming roundtable meetings")
    PLAN = "plan", _("The plan's overall part and shared goals")


# The data class each part reads: offered, and shared, only to a professional who may read it
# of the course (CourseAccess.may_read).
SUMMARY_PART_CLASSES: dict[str, str] = {
    SummaryPart.GROUP: DataClass.CONTACT_DETAILS,
    SummaryPart.MEETINGS: DataClass.MEETING_MINUTES,
    SummaryPart.PLAN: DataClass.JOINT_PLAN,
}


# The parts in the citizen's own words ("What we have shared about you").
PLAIN_PART_LABELS = {
    SummaryPart.GROUP: _("Who is in your group"),
    SummaryPart.MEETINGS: _("When and where you meet"),
    SummaryPart.PLAN: _("The main part of your plan and your shared goals"),
}


class ShareChannel(models.TextChoices):
    MEETING = "meeting", _("On paper at a meeting")
    POST = "post", _("By post")
    SECURE_EMAIL = "secure_email", _("By secure e-mail")


class ImmutableShareError(Exception):
    """A shared summary was about to be changed."""


class SummaryShareQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableShareError("a shared summary is never changed")


class SummaryShare(models.Model):
    """One summary given to a member of the responsibility group who has no account here, with
    the citizen's agreement. Never changed: the snapshot is what was given, word for word, so
    it can be shown later exactly as it was."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="summary_shares")
    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="summary_shares")
    shared_on = models.DateField(_("shared on"))
    shared_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    shared_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("handed over"), max_length=20, choices=ShareChannel.choices)
    parts = models.JSONField(_("parts"))
    citizen_agreed = models.BooleanField(_("the citizen agreed"))
    snapshot = models.JSONField(_("what was shared"))
    data_class = data_class_field(DataClass.CONTACT_DETAILS)

    objects = SummaryShareQuerySet.as_manager()

    class Meta:
        ordering = ["course", "-shared_on", "-shared_at"]
        verbose_name = _("shared summary")
        verbose_name_plural = _("shared summaries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(citizen_agreed=True), name="network_share_agreed"
            ),
        ]

    def __str__(self) -> str:
        return f"summary {self.id} to member {self.member_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableShareError("a shared summary is never changed")
        super().save(*args, **kwargs)

    @property
    def part_labels(self) -> list[str]:
        return [str(SummaryPart(p).label) for p in self.parts if p in SummaryPart.values]

    @property
    def plain_part_labels(self) -> list[str]:
        return [str(PLAIN_PART_LABELS[p]) for p in self.parts if p in PLAIN_PART_LABELS]

    # Who got it, as it was when it was given (the membership row may change its wording).
    @property
    def member_name(self) -> str:
        return str((self.snapshot.get("member") or {}).get("name", ""))

    @property
    def member_role_label(self) -> str:
        role = (self.snapshot.get("member") or {}).get("role", "")
        return str(GroupRole(role).label) if role in GroupRole.values else ""
