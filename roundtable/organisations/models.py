from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    HEALTH = "health", _("Health")
    EMPLOYMENT = "employment", _("Employment")
    SOCIAL = "social", _("Social services")
    EMPLOYER = "employer", _("Employer")
    OTHER = "other", _("Other")


class Jurisdiction(models.TextChoices):
    DK = "dk", _("Denmark")
    SE = "se", _("Sweden")
    NO = "no", _("Norway")


class Role(models.TextChoices):
    CARE_MANAGER = "care_manager", _("Care manager")
    EMPLOYMENT_CONSULTANT = "employment_consultant", _("Employment consultant")
    EMPLOYMENT_SPECIALIST = "employment_specialist", _("Employment specialist")
    TEAM_LEADER = "team_leader", _("Team leader")
    SUPERVISOR = "supervisor", _("Supervisor")
    MANAGER = "manager", _("Manager")
    EVALUATOR = "evaluator", _("Evaluator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that carry courses (are assigned to citizens) on the health and the employment side.
HEALTH_COURSE_ROLES = frozenset({Role.CARE_MANAGER, Role.TEAM_LEADER})
EMPLOYMENT_COURSE_ROLES = frozenset({Role.EMPLOYMENT_CONSULTANT, Role.EMPLOYMENT_SPECIALIST})
# Roles that see every course of the teams they belong to.
TEAM_WIDE_ROLES = frozenset({Role.TEAM_LEADER, Role.SUPERVISOR})
# The working core of a team, counted for the team-size guidance (supervisors advise from outside).
CORE_TEAM_ROLES = HEALTH_COURSE_ROLES | EMPLOYMENT_COURSE_ROLES


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=2, choices=Jurisdiction.choices, default=Jurisdiction.DK
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """An integrated team. Its members come from several organisations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    # Team-shape thresholds; empty means the deployment's setting (DOMAIN §2).
    min_members = models.PositiveSmallIntegerField(_("minimum members"), null=True, blank=True)
    max_members = models.PositiveSmallIntegerField(_("maximum members"), null=True, blank=True)
    max_cross_sector_partners = models.PositiveSmallIntegerField(
        _("maximum cross-sector partners per professional"), null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name

    @property
    def size_range(self) -> tuple[int, int]:
        return (
            self.min_members if self.min_members is not None else settings.TEAM_MIN_MEMBERS,
            self.max_members if self.max_members is not None else settings.TEAM_MAX_MEMBERS,
        )

    @property
    def partner_limit(self) -> int:
        if self.max_cross_sector_partners is not None:
            return self.max_cross_sector_partners
        return settings.TEAM_MAX_CROSS_SECTOR_PARTNERS


class Professional(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="professional"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="professionals"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(
        _("title"), max_length=100, blank=True, help_text=_("For example psychiatrist or nurse.")
    )
    fraction = models.DecimalField(
        _("part-time fraction"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        help_text=_("1.00 is full time, 0.50 half time."),
    )
    teams: models.ManyToManyField[Team, Membership] = models.ManyToManyField(
        Team, through="Membership", related_name="professionals"
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fraction__gt=0) & models.Q(fraction__lte=1),
                name="professional_fraction_between_0_and_1",
            )
        ]

    def __str__(self) -> str:
        return self.user.display_name

    @property
    def name(self) -> str:
        return self.user.display_name


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    professional = models.ForeignKey(
        Professional, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "professional"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.professional} in {self.team}"


class Dyad(models.Model):
    """A fixed care manager – employment consultant pair.

    DOMAIN §2: the small team's "you and I".
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="dyads")
    care_manager = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    employment_consultant = models.ForeignKey(
        Professional, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("dyad")
        verbose_name_plural = _("dyads")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "care_manager", "employment_consultant"], name="dyad_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.care_manager} – {self.employment_consultant}"


DEFAULT_SESSION_BUDGET = 12


def default_session_budget() -> int:
    return int(getattr(settings, "ROUNDTABLE_SESSION_BUDGET", DEFAULT_SESSION_BUDGET))


class TeamProgramme(models.Model):
    """How a team runs its programme: IPS or not, and the session budget per course. Team
    configuration beside the team-shape thresholds: read by the care manager's stepped care (the
    budget) and the employment side's plans (IPS), edited at /config/, no personal data."""

    team = models.OneToOneField(
        Team, on_delete=models.CASCADE, primary_key=True, related_name="programme"
    )
    is_ips = models.BooleanField(
        _("IPS team"),
        default=False,
        help_text=_("Individual Placement and Support: shows the IPS career profile and plan."),
    )
    sick_leave_optional = models.BooleanField(
        _("entry without sick leave"),
        default=False,
        help_text=_(
            "People who want to work are taken whether or not they are on sick leave (zero"
            " exclusion, as in IPS): the referral's first day of absence becomes optional."
        ),
    )
    first_meeting_protocol = models.BooleanField(
        _("first-meeting protocol"),
        default=False,
        help_text=_(
            "Until a course's first roundtable meeting is held, neither sector reads the other's"
            " assessments, whatever the citizen's consent says."
        ),
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
