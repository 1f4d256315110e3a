"""The life-situation mapping (DOMAIN §4, the Norwegian mapping of the whole life): one row per
life area with the situation, the resources and the wishes, written by the citizen's care manager
and employment consultant (with the citizen, when `filled_with_citizen`), and the citizen's own
wishes.

Each life area holds the data class of what it is about (`LIFE_AREA_CLASS`: health summary,
substance use and medication, vocational or family), so that
`roundtable.consent.access.visible_data_classes` decides per area who reads and who writes it.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass
from roundtable.organisations.models import Professional


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
    # Not the health summary: sharing "a short summary of your health" does not show it.
    LifeAreaKind.SUBSTANCE_USE: DataClass.SUBSTANCE_MEDICATION,
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
