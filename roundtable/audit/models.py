from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("read")
    LIST = "list", _("list")
    SEARCH = "search", _("search")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    PRINT = "print", _("print")
    LOGIN = "login", _("login")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOGOUT = "logout", _("logout")


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    DENIED = "denied", _("denied")
    NOT_FOUND = "not_found", _("not found")


class AuditEvent(models.Model):
    """One append-only audit event. Never the clinical content itself (SECURITY.md 19).

    No foreign keys: an event outlives the user, citizen or record it names, and the table
    refuses UPDATE and DELETE (a database trigger, see migration 0002), so a cascade could not
    touch it anyway. ``chain`` names the hash chain the event will belong to (per citizen, or per
    organisation for events without a citizen), so that writers never queue on one global lock.
    """

    id = models.BigAutoField(primary_key=True)
    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.UUIDField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    organisation_id = models.UUIDField(null=True, blank=True)
    citizen_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=12, choices=AuditOutcome.choices)
    purpose = models.CharField(max_length=60, blank=True)
    consent_decision = models.CharField(max_length=60, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    chain = models.CharField(max_length=60, blank=True)
    # Counts and filters, never content: {"count": 12, "status": "active"}.
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["citizen_id", "occurred_at"], name="audit_citizen_time"),
            models.Index(fields=["actor_id", "occurred_at"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("audit events are append-only")
