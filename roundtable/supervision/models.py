"""Reflective supervision: a team's monthly session across its two organisations (issue 13 #6).

The team leader schedules a session led by the supervisors (the psychiatrist and the
psychologist); attendance from both organisations is recorded; the session's themes (norms,
decision zones, goal hierarchies, hard cases) and the actions agreed, each with an owner and a
due date, are kept. An action stays open until a later session follows it up: done, continued
(still open) or dropped, with a note.

No citizen is recorded here: a hard case is named by a pseudonym, and the service refuses text
that names a citizen of the team (roundtable.supervision.services). So the app holds staff and
team data only, no course records (not in roundtable/parts.py).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.organisations.models import Professional, Team


class SupervisionSession(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="supervision_sessions")
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    leaders = models.ManyToManyField(Professional, related_name="+", verbose_name=_("led by"))
    scheduled_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("supervision session")
        verbose_name_plural = _("supervision sessions")
        indexes = [models.Index(fields=["team", "starts_at"], name="supervision_team_start")]

    def __str__(self) -> str:
        return f"supervision {self.id}"


class SupervisionAttendance(models.Model):
    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="attendance"
    )
    professional = models.ForeignKey(Professional, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("supervision attendance")
        verbose_name_plural = _("supervision attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "professional"], name="supervision_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"attendance {self.session_id} {self.professional_id}"


class ThemeKind(models.TextChoices):
    NORMS = "norms", _("Norms")
    DECISION_ZONES = "decision_zones", _("Decision zones")
    GOAL_HIERARCHY = "goal_hierarchy", _("Goal hierarchy")
    HARD_CASE = "hard_case", _("Hard case")
    OTHER = "other", _("Other")


class SupervisionTheme(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(SupervisionSession, on_delete=models.CASCADE, related_name="themes")
    kind = models.CharField(_("kind"), max_length=20, choices=ThemeKind.choices)
    title = models.CharField(_("theme"), max_length=200)
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=60,
        blank=True,
        help_text=_("A hard case is named by a pseudonym, never by the citizen's name."),
    )
    notes = models.TextField(_("what was said"), max_length=4000, blank=True)
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("supervision theme")
        verbose_name_plural = _("supervision themes")

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class FollowUpOutcome(models.TextChoices):
    DONE = "done", _("Done")
    CONTINUED = "continued", _("Continued")
    DROPPED = "dropped", _("Dropped")


class SupervisionAction(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="actions"
    )
    text = models.CharField(_("what we agreed"), max_length=500)
    owner = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        verbose_name = _("supervision action")
        verbose_name_plural = _("supervision actions")

    def __str__(self) -> str:
        return self.text


class ActionFollowUp(models.Model):
    """What a later session said of an earlier session's action."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    action = models.ForeignKey(
        SupervisionAction, on_delete=models.CASCADE, related_name="follow_ups"
    )
    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="follow_ups"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=FollowUpOutcome.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("action follow-up")
        verbose_name_plural = _("action follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "session"], name="supervision_follow_up_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.outcome}"
