"""Writes of the coordinator, the responsibility group and the service directory: atomic,
checked, audited. Bad input raises ValidationError with every problem in words a person can act
on, and nothing is saved; an actor who may not see the citizen gets 404, one who may see the
course but not change its network 403 (audited after the rollback).

The coordinator is changed only by a handover: the current coordinator's period ends on the
handover date and the next one starts, with the note; the history is kept.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CourseAccess, course_write_access, record_write_access
from roundtable.core.problems import (
    check_choice,
    check_length,
    date_problems,
    raise_problems,
    stripped,
)
from roundtable.core.services import service
from roundtable.network import hsds, hsds_csv
from roundtable.network.models import (
    Coordination,
    DirectoryService,
    GroupMember,
    GroupRole,
    MemberKind,
)
from roundtable.network.policies import CHANGES, NetworkPolicy
from roundtable.network.selectors import PURPOSE
from roundtable.organisations.models import Membership, Professional


def _email_problems(problems: list[str], value: str) -> None:
    if value:
        try:
            validate_email(value)
        except ValidationError:
            problems.append(_("Write the e-mail address like name@example.org."))


def _on_team(professional_id: uuid.UUID, access: CourseAccess) -> bool:
    return Membership.objects.filter(
        professional_id=professional_id, team_id=access.course.team_id
    ).exists()


@service(AuditAction.UPDATE, purpose=PURPOSE)
def coordinator_hand_over(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    starts_on: dt.date | None,
    professional_id: uuid.UUID | None = None,
    name: str = "",
    organisation_name: str = "",
    phone: str = "",
    email: str = "",
    note: str = "",
) -> Coordination:
    """Name the course's coordinator — a professional on its team, or a municipal coordinator
    outside it (name, organisation and a phone number or e-mail). When there is one already,
    this is a handover: a note is needed, and the current one's period ends on `starts_on`."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="coordinator",
        citizen_id=citizen_id,
        require=CHANGES,
    )
    course = access.course
    name, organisation_name = stripped(name), stripped(organisation_name)
    phone, email, note = stripped(phone), stripped(email), stripped(note)
    problems = date_problems(starts_on, _("the day the coordinator starts"))
    current = (
        Coordination.objects.select_for_update()
        .filter(course=course, ended_on__isnull=True)
        .first()
    )
    if professional_id is not None and (name or organisation_name):
        problems.append(
            _("Choose someone on the team, or write the name of someone outside it, not both.")
        )
    elif professional_id is not None:
        if not _on_team(professional_id, access):
            problems.append(_("Choose a coordinator from the course's team."))
        elif current is not None and current.professional_id == professional_id:
            problems.append(_("This person is already the coordinator."))
    else:
        if not name:
            problems.append(_("Choose someone on the team, or write the coordinator's name."))
        if not organisation_name:
            problems.append(_("Write the organisation of a coordinator outside the team."))
        if not phone and not email:
            problems.append(_("Give a phone number or an e-mail address for the coordinator."))
    _email_problems(problems, email)
    check_length(problems, name, 200, _("the name"))
    check_length(problems, organisation_name, 200, _("the organisation"))
    check_length(problems, phone, 40, _("the phone number"))
    check_length(problems, note, 4000, _("the handover note"))
    if current is not None:
        if not note:
            problems.append(_("Write a handover note: what the next coordinator needs to know."))
        if isinstance(starts_on, dt.date) and starts_on < current.starts_on:
            problems.append(
                _("The handover cannot be before the current coordinator started (%(date)s).")
                % {"date": current.starts_on.isoformat()}
            )
    raise_problems(problems)
    assert starts_on is not None
    if current is not None:
        current.ended_on = starts_on
        current.save(update_fields=["ended_on"])
        access.audit(
            action=AuditAction.UPDATE,
            object_type="coordinator",
            object_id=current.pk,
            detail={"ended_on": starts_on.isoformat()},
        )
    coordination = Coordination.objects.create(
        course=course,
        professional_id=professional_id,
        name=name,
        organisation_name=organisation_name,
        phone=phone,
        email=email,
        starts_on=starts_on,
        note=note,
        created_by_id=access.actor.professional_id,
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="coordinator",
        object_id=coordination.pk,
        detail={"handover": current is not None},
    )
    return coordination


@service(AuditAction.CREATE, purpose=PURPOSE)
def group_member_add(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    kind: str,
    role: str,
    joined_on: dt.date | None,
    professional_id: uuid.UUID | None = None,
    service_id: uuid.UUID | None = None,
    name: str = "",
    organisation_name: str = "",
    responsible_for: str = "",
    phone: str = "",
    email: str = "",
) -> GroupMember:
    """Add a member to the course's responsibility group: a professional of the team, a
    professional of another organisation with an account (who then reads the course only as
    the citizen's consent names their organisation or role), or someone outside with no account
    (who gets a shared summary). A service from the directory fills in the organisation and the
    contact where they are left empty."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="group_member",
        citizen_id=citizen_id,
        require=CHANGES,
    )
    course = access.course
    name, organisation_name = stripped(name), stripped(organisation_name)
    responsible_for, phone, email = stripped(responsible_for), stripped(phone), stripped(email)
    problems: list[str] = []
    check_choice(problems, kind, MemberKind, _("what kind of member this is"))
    check_choice(problems, role, GroupRole, _("the role in the group"))
    problems += date_problems(joined_on, _("the day they joined"))
    service_row = None
    if service_id is not None:
        service_row = (
            DirectoryService.objects.select_related("organization").filter(pk=service_id).first()
        )
        if service_row is None:
            problems.append(_("There is no such service in the directory."))
    if kind in (MemberKind.TEAM, MemberKind.OUTSIDE_USER):
        if professional_id is None:
            problems.append(_("Choose the person with an account."))
        elif not Professional.objects.filter(pk=professional_id).exists():
            problems.append(_("There is no such person."))
        elif kind == MemberKind.TEAM and not _on_team(professional_id, access):
            problems.append(_("This person is not on the course's team."))
        elif kind == MemberKind.OUTSIDE_USER and _on_team(professional_id, access):
            problems.append(_("This person is on the team: add them as a team member."))
        elif GroupMember.objects.filter(
            course=course, professional_id=professional_id, left_on__isnull=True
        ).exists():
            problems.append(_("This person is already in the group."))
    elif kind == MemberKind.SUMMARY:
        if professional_id is not None:
            problems.append(_("Someone with an account is added as a team or outside member."))
        if not name and service_row is None:
            problems.append(_("Write the member's name, or choose a service from the directory."))
    _email_problems(problems, email)
    check_length(problems, name, 200, _("the name"))
    check_length(problems, organisation_name, 200, _("the organisation"))
    check_length(problems, responsible_for, 300, _("what they are responsible for"))
    check_length(problems, phone, 40, _("the phone number"))
    raise_problems(problems)
    assert joined_on is not None
    if service_row is not None:
        organisation_name = organisation_name or service_row.organization.name
        phone = phone or service_row.phone or service_row.organization.phone
        email = email or service_row.email or service_row.organization.email
        responsible_for = responsible_for or service_row.name
        if not name and professional_id is None:
            name = service_row.name
    member = GroupMember.objects.create(
        course=course,
        kind=kind,
        role=role,
        professional_id=professional_id if kind != MemberKind.SUMMARY else None,
        service=service_row,
        name=name,
        organisation_name=organisation_name,
        responsible_for=responsible_for,
        phone=phone,
        email=email,
        joined_on=joined_on,
        added_by_id=access.actor.professional_id,
    )
    access.audit(
        action=AuditAction.CREATE,
        object_type="group_member",
        object_id=member.pk,
        detail={"kind": kind, "role": role},
    )
    return member


@service(AuditAction.UPDATE, purpose=PURPOSE)
def group_member_leave(
    *, actor: Actor | None, member_id: uuid.UUID, left_on: dt.date | None
) -> GroupMember:
    """Mark a member as having left the group on a day (the membership stays in the history)."""
    access = record_write_access(
        actor=actor,
        model=GroupMember,
        record_id=member_id,
        purpose=PURPOSE,
        object_type="group_member",
        require=CHANGES,
    )
    member = GroupMember.objects.select_for_update().get(pk=member_id)
    problems = date_problems(left_on, _("the day they left"))
    if member.left_on is not None:
        problems.append(_("This member has already left the group."))
    elif left_on is not None and isinstance(left_on, dt.date) and left_on < member.joined_on:
        problems.append(_("A member cannot leave before they joined."))
    raise_problems(problems)
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    access.audit(action=AuditAction.UPDATE, object_type="group_member", object_id=member.pk)
    return member


# --- The directory -----------------------------------------------------------------------------


def _directory_audit(actor: Actor | None, action: str, detail: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        outcome=AuditOutcome.ALLOWED,
        object_type="service_directory",
        purpose=PURPOSE,
        detail=detail,
    )


@transaction.atomic
def directory_import(*, actor: Actor | None, data: Any, command: bool = False) -> dict[str, int]:
    """Add or update the directory from HSDS JSON (all or nothing): organizations, services,
    locations and service_at_location by their ids. Team leaders and administrators, or the
    operator's `roundtable directory import` (`command`, no actor)."""
    if not command and not NetworkPolicy.can_maintain_directory(actor):
        raise PermissionDenied(_("Only team leaders and administrators maintain the directory."))
    counts = hsds.load(data)
    _directory_audit(actor, AuditAction.CREATE, {"imported": counts})
    return counts


def directory_export(*, actor: Actor | None, command: bool = False) -> dict[str, Any]:
    """The whole directory as HSDS JSON (public information; the export is audited)."""
    if not command and not NetworkPolicy.can_maintain_directory(actor):
        raise PermissionDenied(_("Only team leaders and administrators maintain the directory."))
    document = hsds.dump()
    _directory_audit(actor, AuditAction.EXPORT, {"services": len(document["services"])})
    return document


@transaction.atomic
def directory_import_csv(
    *, actor: Actor | None, archive: IO[bytes], command: bool = False
) -> dict[str, int]:
    """Add or update the directory from HSDS's tabular form, CSV files in one ZIP file
    (`hsds_csv`), by the same rules as JSON and as all or nothing."""
    if not command and not NetworkPolicy.can_maintain_directory(actor):
        raise PermissionDenied(_("Only team leaders and administrators maintain the directory."))
    counts = hsds_csv.load(archive)
    _directory_audit(actor, AuditAction.CREATE, {"imported": counts, "format": "hsds-csv"})
    return counts


def directory_export_csv(*, actor: Actor | None, command: bool = False) -> bytes:
    """The whole directory as HSDS CSV files in one ZIP file (audited like the JSON)."""
    if not command and not NetworkPolicy.can_maintain_directory(actor):
        raise PermissionDenied(_("Only team leaders and administrators maintain the directory."))
    document = hsds.dump()
    data = hsds_csv.archive(document)
    _directory_audit(
        actor, AuditAction.EXPORT, {"services": len(document["services"]), "format": "hsds-csv"}
    )
    return data
