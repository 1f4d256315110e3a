"""Consent directives, shaped like FHIR R5 Consent (issue 4, SECURITY.md 3–6).

One **directive** per citizen, kept as a chain of **versions**: every change — the citizen saving
their choices in the portal, a professional recording a consent given on paper or orally, a
withdrawal, the withdrawal of a single provision — writes a new ``ConsentDirective`` row with the
next ``version`` number; earlier rows are never updated or deleted (``save`` refuses it). We use
our own version rows rather than django-simple-history: a version is the legal record of what the
citizen agreed to, who recorded it and how, so it is a first-class row with its own id (the
``consent_id`` of the API and of the FHIR rendering), not a shadow copy of a mutable one.

The **current** directive of a citizen is their highest version. It is in force while its status
is ``active`` and today lies inside its period; a withdrawn (``inactive``), declined
(``rejected``) or expired current version means only the deployment's defaults apply
(``roundtable.consent.defaults``).

**Provisions** (``ConsentProvision``) permit or deny one recipient — an organisation, a sector or a
role — a set of data classes (``roundtable.core.data_classes``) for a purpose and an optional
period inside the directive's. An explicit deny beats any permit (``roundtable.consent.access``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Citizen
from roundtable.core.data_classes import DataClass
from roundtable.organisations.models import Organisation, Role, Sector


class ConsentStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    INACTIVE = "inactive", _("Withdrawn")
    REJECTED = "rejected", _("Declined")
    ENTERED_IN_ERROR = "entered_in_error", _("Entered in error")


# FHIR R5 Consent.status for each of ours (R5 has no "rejected": the citizen declined = not-done).
FHIR_STATUS: dict[str, str] = {
    ConsentStatus.ACTIVE: "active",
    ConsentStatus.INACTIVE: "inactive",
    ConsentStatus.REJECTED: "not-done",
    ConsentStatus.ENTERED_IN_ERROR: "entered-in-error",
}


class ConsentChange(models.TextChoices):
    CREATED = "created", _("First recorded")
    CHANGED = "changed", _("Changed")
    REVOKED = "revoked", _("Withdrawn")
    PROVISION_REVOKED = "provision_revoked", _("One rule withdrawn")


class BasePolicy(models.TextChoices):
    DENY = "deny", _("Nothing is shared unless permitted")
    PERMIT = "permit", _("Everything is shared unless denied")


class ConsentScope(models.TextChoices):
    PATIENT_PRIVACY = "patient-privacy", _("Privacy: who may see the record")


class ConsentPurpose(models.TextChoices):
    COORDINATED_REHABILITATION = (
        "coordinated_rehabilitation",
        _("Coordinated rehabilitation: health care and help back to work together"),
    )


class GivenVia(models.TextChoices):
    PORTAL = "portal", _("In the portal")
    PAPER = "paper", _("On paper")
    ORAL = "oral", _("Orally, with a witness")


class ProvisionType(models.TextChoices):
    PERMIT = "permit", _("Permit")
    DENY = "deny", _("Deny")


class RecipientKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    SECTOR = "sector", _("Sector")
    ROLE = "role", _("Role")


class _AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("consent versions are never changed: record a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("consent versions are never deleted: record a new version")


class ConsentDirective(_AppendOnly):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    citizen = models.ForeignKey(
        Citizen, on_delete=models.PROTECT, related_name="consent_directives"
    )
    version = models.PositiveIntegerField(_("version"))
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    status = models.CharField(_("status"), max_length=20, choices=ConsentStatus.choices)
    change = models.CharField(_("change"), max_length=20, choices=ConsentChange.choices)
    base_policy = models.CharField(
        _("base policy"), max_length=8, choices=BasePolicy.choices, default=BasePolicy.DENY
    )
    scope = models.CharField(
        _("scope"),
        max_length=20,
        choices=ConsentScope.choices,
        default=ConsentScope.PATIENT_PRIVACY,
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=40,
        choices=ConsentPurpose.choices,
        default=ConsentPurpose.COORDINATED_REHABILITATION,
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), null=True, blank=True)
    given_via = models.CharField(_("given"), max_length=8, choices=GivenVia.choices)
    witness_name = models.CharField(_("witness"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_role = models.CharField(_("recorded as"), max_length=32, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["citizen", "-version"]
        verbose_name = _("consent directive version")
        verbose_name_plural = _("consent directive versions")
        constraints = [
            models.UniqueConstraint(fields=["citizen", "version"], name="consent_version_unique"),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="consent_period_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(given_via="oral") | ~Q(witness_name=""),
                name="consent_oral_needs_witness",
            ),
        ]

    def __str__(self) -> str:
        return f"consent {self.citizen_id} v{self.version} ({self.status})"

    def in_force_on(self, day) -> bool:
        return (
            self.status == ConsentStatus.ACTIVE
            and self.period_start <= day
            and (self.period_end is None or day <= self.period_end)
        )

    def is_expired_on(self, day) -> bool:
        return self.period_end is not None and day > self.period_end


class ConsentProvision(_AppendOnly):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    directive = models.ForeignKey(
        ConsentDirective, on_delete=models.PROTECT, related_name="provisions"
    )
    type = models.CharField(_("permit or deny"), max_length=8, choices=ProvisionType.choices)
    recipient_kind = models.CharField(
        _("recipient kind"), max_length=16, choices=RecipientKind.choices
    )
    recipient_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient_sector = models.CharField(
        _("recipient sector"), max_length=20, choices=Sector.choices, blank=True
    )
    recipient_role = models.CharField(
        _("recipient role"), max_length=32, choices=Role.choices, blank=True
    )
    # A list of DataClass values; validated by the services (a JSON list keeps a provision one
    # row, as FHIR keeps it one element).
    data_classes = models.JSONField(_("data classes"), default=list)
    purpose = models.CharField(
        _("purpose"),
        max_length=40,
        choices=ConsentPurpose.choices,
        default=ConsentPurpose.COORDINATED_REHABILITATION,
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["directive", "order", "id"]
        verbose_name = _("consent provision")
        verbose_name_plural = _("consent provisions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        recipient_kind="organisation",
                        recipient_organisation__isnull=False,
                        recipient_sector="",
                        recipient_role="",
                    )
                    | Q(
                        recipient_kind="sector",
                        recipient_organisation__isnull=True,
                        recipient_role="",
                    )
                    & ~Q(recipient_sector="")
                    | Q(
                        recipient_kind="role",
                        recipient_organisation__isnull=True,
                        recipient_sector="",
                    )
                    & ~Q(recipient_role="")
                ),
                name="consent_provision_one_recipient",
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="consent_provision_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.recipient_value} {self.data_classes}"

    @property
    def data_class_labels(self) -> list[str]:
        labels = dict(DataClass.choices)
        return [str(labels.get(c, c)) for c in self.data_classes]

    @property
    def recipient_value(self) -> str:
        if self.recipient_kind == RecipientKind.ORGANISATION:
            return str(self.recipient_organisation_id)
        if self.recipient_kind == RecipientKind.SECTOR:
            return self.recipient_sector
        return self.recipient_role
