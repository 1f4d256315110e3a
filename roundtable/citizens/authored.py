"""Writing records that carry their author (`created_by`, `updated_by`): the assessments and
plans of each sector. Every write is on a course the gate decided (`course_write_access`) and
is audited by that decision, in the service's transaction."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from roundtable.audit.models import AuditAction
from roundtable.citizens.gate import CourseAccess

M = TypeVar("M", bound=models.Model)


def authored_create(access: CourseAccess, model: type[M], object_type: str, **fields: Any) -> M:
    """A new record of the course, written by the actor."""
    me = access.actor.professional_id
    record = model._default_manager.create(
        course=access.course, created_by_id=me, updated_by_id=me, **fields
    )
    access.audit(action=AuditAction.CREATE, object_type=object_type, object_id=record.pk)
    return record


def authored_update(access: CourseAccess, record: M, object_type: str, **fields: Any) -> M:
    """A record of the course, changed by the actor."""
    for name, value in fields.items():
        setattr(record, name, value)
    record.updated_by_id = access.actor.professional_id  # type: ignore[attr-defined]
    record.save()
    access.audit(action=AuditAction.UPDATE, object_type=object_type, object_id=record.pk)
    return record


def authored_save_one(
    access: CourseAccess, model: type[M], object_type: str, values: dict[str, Any]
) -> M:
    """Write or change the course's one record of `model` (keyed by the course)."""
    me = access.actor.professional_id
    record, created = model._default_manager.update_or_create(
        course=access.course,
        defaults={**values, "updated_by_id": me},
        create_defaults={**values, "updated_by_id": me, "created_by_id": me},
    )
    access.audit(
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        object_type=object_type,
        object_id=access.course.pk,
    )
    return record
