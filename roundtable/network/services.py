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
from collections.abc import Sequence
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
from roundtable.core.services import Refused, service
from roundtable.network import hsds, hsds_csv
from roundtable.network.models import (
    SUMMARY_PART_CLASSES,
    Coordination,
    DirectoryService,
    GroupMember,
    GroupRole,
    MemberKind,
    ShareChannel,
    SummaryPart,
    SummaryShare,
)
from roundtable.network.policies import CHANGES, GROUP_MEMBERS, NetworkPolicy
from roundtable.network.selectors import MEMBER_RELATED, PURPOSE, summary_content
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


# The action a shared summary is audited as: the audit trail has no "disclose"; handing
# records to someone outside is what an export is. The detail says it was a summary.
SHARE_ACTION = AuditAction.EXPORT


@service(SHARE_ACTION, purpose=PURPOSE)
def summary_share_create(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    member_id: uuid.UUID,
    parts: Sequence[str],
    channel: str,
    citizen_agreed: bool,
    shared_on: dt.date | None,
) -> SummaryShare:
    """Give a summary to a member of the group who has no account here, with the citizen's
    agreement: the parts chosen, each only if the actor may read its class of this course. The
    summary is built now and stored as it is given (it never changes afterwards), and the
    disclosure is written in the citizen's audit chain with the member's role and the parts."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="summary_share",
        citizen_id=citizen_id,
        require=CHANGES,
    )
    member = GROUP_MEMBERS.of(access).select_related(*MEMBER_RELATED).filter(pk=member_id).first()
    if member is None:
        # Of another course, or none: the same 404 as the gate's.
        raise Refused(object_type="group_member", object_id=member_id, citizen_id=citizen_id)
    problems: list[str] = []
    if member.kind != MemberKind.SUMMARY:
        problems.append(
            _("A summary is only for members without an account here. This member has one.")
        )
    elif member.left_on is not None:
        problems.append(_("This member has left the group. Nothing is shared with them now."))
    agreed_problems = (
        []
        if citizen_agreed is True
        else [_("Tick that the citizen agreed to share this summary with this member.")]
    )
    chosen = list(dict.fromkeys(parts))
    part_problems: list[str] = []
    if not chosen:
        part_problems.append(_("Choose at least one part to share."))
    for part in chosen:
        if part not in SummaryPart.values:
            part_problems.append(_("Choose the parts from the list."))
        elif not access.may_read(SUMMARY_PART_CLASSES[part]):
            part_problems.append(
                _("You may not read this part of the course, so you cannot share it: %(part)s.")
                % {"part": SummaryPart(part).label}
            )
    channel_problems: list[str] = []
    check_choice(channel_problems, channel, ShareChannel, _("how it is handed over"))
    date_problems_ = date_problems(shared_on, _("the day it is handed over"), not_future=True)
    if not date_problems_ and isinstance(shared_on, dt.date) and shared_on < member.joined_on:
        date_problems_.append(_("The summary cannot be handed over before the member joined."))
    raise_problems(
        problems,
        by_field={
            "citizen_agreed": agreed_problems,
            "parts": part_problems,
            "channel": channel_problems,
            "shared_on": date_problems_,
        },
    )
    assert shared_on is not None and access.actor.professional_id is not None
    ordered = [p for p in SummaryPart.values if p in chosen]
    share = SummaryShare.objects.create(
        course=access.course,
        member=member,
        shared_on=shared_on,
        shared_by_id=access.actor.professional_id,
        channel=channel,
        parts=ordered,
        citizen_agreed=True,
        snapshot=summary_content(access, member, ordered),
    )
    access.audit(
        action=SHARE_ACTION,
        object_type="summary_share",
        object_id=share.pk,
        detail={
            "disclosure": "summary",
            "member_role": member.role,
            "parts": ordered,
            "classes": sorted({SUMMARY_PART_CLASSES[p] for p in ordered}),
            "channel": channel,
        },
    )
    return share


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
