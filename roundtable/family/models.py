"""Family and carers as part of the citizen's network (issue 13 §4).

The citizen invites a family member by e-mail. The invitation is a `FamilyLink` with a token:
only its SHA-256 digest is stored, it expires, and it is used once — the family member sets a
password and gets an account of their own, tied to the link. The link says what the citizen
shares with them (upcoming meetings, the plan's overall part, and only with a separate permit
anything about health). The citizen stops it at any time: `revoked_at` counts on the family
member's next request (roundtable.accounts.identity reads it with the user).

The link is about the citizen and their family, so it holds the `family` data class. It belongs
to the citizen, not to one course: it goes when the citizen goes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.citizens.models import Citizen
from roundtable.core.data_classes import DataClass, data_class_field


class FamilyLink(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="family_links")
    # Set when the family member accepts; their account is their own.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="family_links",
    )
    name = models.CharField(_("their name"), max_length=150)
    email = models.EmailField(_("their e-mail"))
    relation = models.CharField(_("who they are to you"), max_length=100)
    language = models.CharField(
        _("their language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )
    shares_meetings = models.BooleanField(_("your meetings"), default=False)
    shares_plan = models.BooleanField(_("your plan"), default=False)
    shares_health = models.BooleanField(_("about your health"), default=False)
    # Only the digest of the invitation's token; kept after use, so a second use is told why.
    token_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    data_class = data_class_field(DataClass.FAMILY)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        indexes = [models.Index(fields=["user", "revoked_at"], name="family_link_user")]

    def __str__(self) -> str:
        return f"family link {self.id}"

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.revoked_at is None

    @property
    def is_waiting(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def shared(self) -> list[str]:
        """What the citizen shares, in words (the page lists it)."""
        labels = []
        if self.shares_meetings:
            labels.append(str(_("your meetings: the day, time and place")))
        if self.shares_plan:
            labels.append(str(_("your plan: the goals and next steps")))
        if self.shares_health:
            labels.append(str(_("about your health")))
        return labels
