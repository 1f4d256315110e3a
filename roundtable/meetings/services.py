"""Writes about roundtable meetings: atomic, checked, audited, and the only place these models
are saved.

Bad input raises ValidationError with every problem found, in words a person can act on, and
nothing is saved. An actor who may not see the record gets 404; one who may see it but not
change it (the citizen, a supervisor) gets PermissionDenied. Both refusals are audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from roundtable.accounts.actor import Actor
from roundtable.accounts.notices import notice_send, notice_withdraw
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.gate import CourseAccess, Requirement, course_write_access, record_owner
from roundtable.citizens.groups import group_members
from roundtable.citizens.models import Course
from roundtable.core.data_classes import DataClass
from roundtable.core.services import Refused as _Refused
from roundtable.core.services import service
from roundtable.meetings.models import (
    Decision,
    DecisionOption,
    DecisionStatus,
    DecisionSubtype,
    DecisionType,
    DecisionZone,
    ExclusionReason,
    GuestKind,
    Meeting,
    MeetingGuest,
    MeetingParticipant,
    MeetingStatus,
    Minutes,
    PreparationAnswer,
    PreparationPrompt,
    RaisedBy,
    video_url_validator,
)
from roundtable.meetings.policies import PromptPolicy
from roundtable.meetings.selectors import PURPOSE, meeting_date, prompt_list
from roundtable.organisations.models import Professional, Team

P = ParamSpec("P")
R = TypeVar("R")

MAX_PROMPTS = 12
PROMPT_MAX_LENGTH = 300


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


# "Not given" in a partial update, as distinct from None ("clear it").
UNSET: Any = _Unset()


@dataclass(frozen=True)
class Guest:
    name: str
    relation: str
    citizen_agreed: bool


@dataclass(frozen=True)
class OptionData:
    text: str
    pros: str = ""
    cons: str = ""
    chosen: bool = False


def _service(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """One transaction; a refusal is audited after the rollback and answers 404/403."""
    return service(action, purpose=PURPOSE)


RUN_REFUSED = _(
    "Only the care manager, the employment consultant and the team leader "
    "run the meeting and log its decisions."
)
RUNS_MEETINGS = Requirement(lambda access: access.may_write, RUN_REFUSED)
CONTENT_REFUSED = _(
    "The citizen has not agreed to share the meeting's decisions and notes with "
    "your sector, so you cannot write them."
)


def _may_write_content(access: CourseAccess) -> bool:
    return access.may_read(DataClass.MEETING_MINUTES)


def _meeting_for_write(
    actor: Actor | None, meeting_id: uuid.UUID, *, run: bool = True, content: bool = False
) -> tuple[Meeting, CourseAccess]:
    """The meeting, locked for the write, with the gate's decision. Refused when the actor may
    not see it, or (with `run`) may see it but not run it, or (with `content`: decisions,
    options, minutes) when the citizen has not agreed to share the meeting's content with the
    actor's sector."""
    owner = record_owner(Meeting, meeting_id)
    if owner is None:
        raise _Refused(object_type="meeting", object_id=meeting_id, citizen_id=None)
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="meeting",
        object_id=meeting_id,
        course_id=owner[0],
        citizen_id=owner[1],
    )
    if run and not access.may_write:
        raise _Refused(
            object_type="meeting",
            object_id=meeting_id,
            citizen_id=access.citizen_id,
            forbidden=str(RUN_REFUSED),
        )
    if content and not _may_write_content(access):
        raise _Refused(
            object_type="meeting",
            object_id=meeting_id,
            citizen_id=access.citizen_id,
            forbidden=str(CONTENT_REFUSED),
        )
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting_id)
    meeting.course = access.course
    return meeting, access


def _decision_for_write(meeting: Meeting, decision_id: uuid.UUID) -> Decision:
    """A decision of this meeting. One of another meeting is refused (SECURITY.md 2)."""
    decision = (
        Decision.objects.select_for_update().filter(pk=decision_id, meeting_id=meeting.pk).first()
    )
    if decision is None:
        owner = record_owner(Decision, decision_id, course_path="meeting__course")
        raise _Refused(
            object_type="decision", object_id=decision_id, citizen_id=owner[1] if owner else None
        )
    return decision


def _professional_id(actor: Actor) -> uuid.UUID:
    """Who records it. The policies already let only professionals write here."""
    if actor.professional_id is None:
        raise PermissionDenied(_("Only professionals record this."))
    return actor.professional_id


def _not_cancelled(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting is cancelled. Nothing more can be recorded for it."))


def _text(value: str | None) -> str:
    return (value or "").strip()


# --- Meetings --------------------------------------------------------------------------------


# A meeting is planned or recorded within ten years of today; anything else is a typing slip.
_REASONABLE = dt.timedelta(days=3653)


def _meeting_problems(
    *, starts_at: dt.datetime, ends_at: dt.datetime, place: str, video_url: str, purpose: str
) -> list[str]:
    problems = []
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        problems.append(_("Give the start and end times with their time zone."))
    elif abs(starts_at - timezone.now()) > _REASONABLE or abs(ends_at - starts_at) > _REASONABLE:
        # Also keeps dates like year 1 away from the database, where they cannot be stored.
        problems.append(_("Choose a date within ten years from today."))
    elif ends_at <= starts_at:
        problems.append(_("The meeting must end after it starts."))
    if not place and not video_url:
        problems.append(_("Say where the meeting is: a place, a video link, or both."))
    if len(place) > 200:
        problems.append(_("Write the place in at most 200 characters."))
    if video_url:
        try:
            video_url_validator(video_url)
        except ValidationError:
            problems.append(_("The video link must be a full web address starting with https://."))
        if len(video_url) > 500:
            problems.append(_("The video link is too long."))
    if not purpose:
        problems.append(
            _("Say in plain words what the meeting is for. The citizen reads it to prepare.")
        )
    elif len(purpose) > 2000:
        problems.append(_("Write what the meeting is for in at most 2000 characters."))
    return problems


def _guest_problems(guest: Guest | None, kind: str) -> list[str]:
    if guest is None:
        return []
    label = _("family member") if kind == GuestKind.FAMILY else _("employer contact")
    problems = []
    if not _text(guest.name) or not _text(guest.relation):
        problems.append(
            _("Give the %(who)s's name and their relation to the citizen.") % {"who": label}
        )
    if len(_text(guest.name)) > 200 or len(_text(guest.relation)) > 200:
        problems.append(_("Write the %(who)s's name and relation more briefly.") % {"who": label})
    if not guest.citizen_agreed:
        problems.append(
            _("Invite a %(who)s only when the citizen has agreed to it.") % {"who": label}
        )
    return problems


def _save_guests(meeting: Meeting, guests: Mapping[str, Guest | None]) -> None:
    for kind, guest in guests.items():
        if guest is None:
            MeetingGuest.objects.filter(meeting=meeting, kind=kind).delete()
        else:
            MeetingGuest.objects.update_or_create(
                meeting=meeting,
                kind=kind,
                defaults={
                    "name": _text(guest.name),
                    "relation": _text(guest.relation),
                    "citizen_agreed": guest.citizen_agreed,
                },
            )


# The form field the choice of group members is shown beside (MeetingForm.group_members).
GROUP_FIELD = "group_members"


def _group_problems(access: CourseAccess, member_ids: Sequence[uuid.UUID]) -> list[str]:
    """Each chosen member must be a current member of this course's responsibility group, and
    not one of the course's own professionals (they take part anyway)."""
    if not member_ids:
        return []
    if not access.may_read(DataClass.CONTACT_DETAILS):
        return [
            _(
                "The citizen has not agreed to share the responsibility group with you, "
                "so you cannot choose from it."
            )
        ]
    found = {m.pk: m for m in group_members(access.course, ids=member_ids)}
    problems = []
    if any(member_id not in found for member_id in member_ids):
        # Not named: it may be a member of another citizen's group.
        problems.append(_("Choose only members of this citizen's responsibility group."))
    course = access.course
    for member in found.values():
        if member.left_on is not None:
            problems.append(
                _("%(name)s has left the responsibility group. Choose someone who is in it now.")
                % {"name": member.display_name}
            )
        elif member.professional_id is not None and member.professional_id in (
            course.care_manager_id,
            course.employment_consultant_id,
        ):
            problems.append(
                _("%(name)s takes part anyway, as one of the course's own professionals.")
                % {"name": member.display_name}
            )
    return problems


def _raise_problems(problems: list[str], group_problems: list[str]) -> None:
    """Every problem at once; those about the group members beside their field."""
    if group_problems:
        by_field = {GROUP_FIELD: group_problems}
        raise ValidationError({NON_FIELD_ERRORS: problems, **by_field} if problems else by_field)
    if problems:
        raise ValidationError(problems)


def _save_group(
    meeting: Meeting, access: CourseAccess, member_ids: Sequence[uuid.UUID] | None
) -> None:
    """Who takes part from the group: exactly `member_ids` (None leaves it as it is). A
    change is audited, with how many take part now."""
    if member_ids is None:
        return
    chosen = set(member_ids)
    existing = set(
        MeetingParticipant.objects.filter(meeting=meeting).values_list("member_id", flat=True)
    )
    if chosen == existing:
        return
    MeetingParticipant.objects.filter(meeting=meeting).exclude(member_id__in=chosen).delete()
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(meeting=meeting, member_id=member_id)
        for member_id in member_ids
        if member_id not in existing
    )
    access.audit(
        action=AuditAction.UPDATE,
        object_type="meeting_participants",
        object_id=meeting.pk,
        detail={"from_group": len(chosen)},
    )


@_service(AuditAction.CREATE)
def meeting_schedule(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    place: str = "",
    video_url: str = "",
    family_member: Guest | None = None,
    employer_contact: Guest | None = None,
    group_members: Sequence[uuid.UUID] | None = None,
) -> Meeting:
    """Schedule a roundtable meeting on the citizen's current course, with the members of the
    course's responsibility group who take part (`group_members`, ids of current members)."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="citizen",
        citizen_id=citizen_id,
        require=RUNS_MEETINGS,
    )
    course = access.course
    place, video_url, purpose = _text(place), _text(video_url), _text(purpose)
    problems = _meeting_problems(
        starts_at=starts_at, ends_at=ends_at, place=place, video_url=video_url, purpose=purpose
    )
    if not course.is_open:
        problems.append(_("The course is closed. A meeting needs an open course."))
    if course.care_manager_id is None or course.employment_consultant_id is None:
        problems.append(
            _(
                "The course needs both a care manager and an employment consultant before "
                "a roundtable meeting."
            )
        )
    problems += _guest_problems(family_member, GuestKind.FAMILY)
    problems += _guest_problems(employer_contact, GuestKind.EMPLOYER)
    member_ids = list(dict.fromkeys(group_members or ()))
    _raise_problems(problems, _group_problems(access, member_ids))
    meeting = Meeting.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_url=video_url,
        purpose=purpose,
        created_by_id=_professional_id(access.actor),
    )
    _save_guests(meeting, {GuestKind.FAMILY: family_member, GuestKind.EMPLOYER: employer_contact})
    access.audit(action=AuditAction.CREATE, object_type="meeting", object_id=meeting.pk)
    _save_group(meeting, access, member_ids)
    _meeting_notice(meeting, course, scheduled_by=access.actor.user_id)
    return meeting


def _meeting_notice(meeting: Meeting, course: Course, *, scheduled_by: uuid.UUID | None) -> None:
    """Tell the course's professionals about a planned meeting (finding 4): on "My deadlines"
    (in its week) and by e-mail to the one who did not schedule it, with the day only. A moved,
    cancelled or held meeting's notices are withdrawn, so no stale day is shown."""
    notice_withdraw(key_prefix=f"meeting:{meeting.pk}:")
    day = timezone.localtime(meeting.starts_at).date()
    if meeting.status != MeetingStatus.PLANNED or day < timezone.localdate():
        return
    notice_send(
        recipient_ids=Professional.objects.filter(
            pk__in=[course.care_manager_id, course.employment_consultant_id]
        ).values_list("user_id", flat=True),
        already_known_by=scheduled_by,
        key=f"meeting:{meeting.pk}:{meeting.sequence}",
        label=gettext_noop("A roundtable meeting is planned"),
        url=reverse("meetings:detail", args=[meeting.pk]),
        citizen_id=course.citizen_id,
        due_on=day,
    )


@_service(AuditAction.UPDATE)
def meeting_update(
    *,
    actor: Actor | None,
    meeting_id: uuid.UUID,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    place: str = "",
    video_url: str = "",
    family_member: Guest | None = None,
    employer_contact: Guest | None = None,
    group_members: Sequence[uuid.UUID] | None = None,
) -> Meeting:
    """Change a planned meeting's time, place, purpose, guests or who takes part from the
    responsibility group (`group_members`: the whole choice; None leaves it as it was)."""
    meeting, access = _meeting_for_write(actor, meeting_id)
    place, video_url, purpose = _text(place), _text(video_url), _text(purpose)
    problems = _meeting_problems(
        starts_at=starts_at, ends_at=ends_at, place=place, video_url=video_url, purpose=purpose
    )
    if meeting.status != MeetingStatus.PLANNED:
        problems.insert(0, _("Only a planned meeting can be changed."))
    problems += _guest_problems(family_member, GuestKind.FAMILY)
    problems += _guest_problems(employer_contact, GuestKind.EMPLOYER)
    member_ids = None if group_members is None else list(dict.fromkeys(group_members))
    _raise_problems(problems, _group_problems(access, member_ids or []))
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place, meeting.video_url, meeting.purpose = place, video_url, purpose
    meeting.sequence += 1
    meeting.save()
    _save_guests(meeting, {GuestKind.FAMILY: family_member, GuestKind.EMPLOYER: employer_contact})
    access.audit(action=AuditAction.UPDATE, object_type="meeting", object_id=meeting.pk)
    _save_group(meeting, access, member_ids)
    _meeting_notice(meeting, access.course, scheduled_by=access.actor.user_id)
    return meeting


@_service(AuditAction.UPDATE)
def meeting_cancel(*, actor: Actor | None, meeting_id: uuid.UUID) -> Meeting:
    meeting, access = _meeting_for_write(actor, meeting_id)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can be cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    access.audit(action=AuditAction.UPDATE, object_type="meeting", object_id=meeting.pk)
    _meeting_notice(meeting, access.course, scheduled_by=access.actor.user_id)
    return meeting


@_service(AuditAction.UPDATE)
def meeting_hold(
    *, actor: Actor | None, meeting_id: uuid.UUID, today: dt.date | None = None
) -> Meeting:
    """Mark the meeting as held: on its day or later, never before."""
    meeting, access = _meeting_for_write(actor, meeting_id)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can be marked as held."))
    day = meeting_date(meeting)
    if day > (today or timezone.localdate()):
        raise ValidationError(
            _("The meeting is on %(date)s. Mark it as held on that day or later.")
            % {"date": date_format(day, "DATE_FORMAT")}
        )
    meeting.status = MeetingStatus.HELD
    meeting.held_at = timezone.now()
    meeting.save(update_fields=["status", "held_at", "updated_at"])
    access.audit(action=AuditAction.UPDATE, object_type="meeting", object_id=meeting.pk)
    _meeting_notice(meeting, access.course, scheduled_by=access.actor.user_id)
    return meeting


# --- Decisions and options -------------------------------------------------------------------


def _option_problems(option: OptionData) -> list[str]:
    problems = []
    if not _text(option.text):
        problems.append(_("Describe each option in a few words."))
    elif len(_text(option.text)) > 300:
        problems.append(_("Describe each option in at most 300 characters."))
    if len(_text(option.pros)) > 1000 or len(_text(option.cons)) > 1000:
        problems.append(_("Write the pros and cons in at most 1000 characters each."))
    return problems


def _chosen_problems(status: str, options: Sequence[OptionData]) -> list[str]:
    chosen = [o for o in options if o.chosen]
    problems = []
    if len(chosen) > 1:
        problems.append(_("Mark one option as chosen: the one the decision settled on."))
    if chosen and status in (DecisionStatus.POSTPONED, DecisionStatus.EXCLUDED):
        problems.append(
            _(
                "A postponed or excluded decision has no chosen option. Mark the decision as "
                "made, or leave every option unchosen."
            )
        )
    return problems


def _settle_on(decision: Decision, option: DecisionOption, earlier_text: str | None) -> None:
    """Choosing an option settles the decision (one action, what the person meant): the
    decision is made, and what was decided is the option, unless someone wrote it already."""
    decision.status = DecisionStatus.MADE
    if not decision.outcome or decision.outcome == earlier_text:
        decision.outcome = option.text


def _unsettle(decision: Decision, chosen_text: str) -> None:
    """Unchoosing the option the decision was settled on opens the decision again; an outcome
    somebody wrote in their own words stays, and so does the decision as made."""
    if decision.status == DecisionStatus.MADE and decision.outcome == chosen_text:
        decision.status = DecisionStatus.OPEN
        decision.outcome = ""


def _resolve_typology(
    type_slug: str | None, subtype_slug: str | None, problems: list[str]
) -> tuple[DecisionType | None, DecisionSubtype | None]:
    if not type_slug:
        problems.append(_("Choose the type of decision."))
        return None, None
    decision_type = DecisionType.objects.filter(slug=type_slug, active=True).first()
    if decision_type is None:
        problems.append(_("Choose one of the decision types on the list."))
        return None, None
    if not subtype_slug:
        return decision_type, None
    subtype = (
        DecisionSubtype.objects.select_related("type")
        .filter(slug=subtype_slug, active=True)
        .first()
    )
    if subtype is None:
        problems.append(_("Choose one of the subtypes on the list."))
    elif subtype.type_id != decision_type.pk:
        problems.append(
            _("“%(subtype)s” is not part of “%(type)s”. Choose a subtype of the chosen type.")
            % {"subtype": subtype.label, "type": decision_type.label}
        )
        subtype = None
    return decision_type, subtype


def _apply_status(decision: Decision, meeting: Meeting, problems: list[str]) -> None:
    """Check the fields each status needs, and clear those it must not carry."""
    if decision.status not in DecisionStatus.values:
        problems.append(_("Choose a status: to be decided, made, postponed or excluded."))
        return
    if decision.status == DecisionStatus.POSTPONED:
        if decision.revisit_on is None:
            problems.append(_("A postponed decision needs a date to come back to it."))
        elif decision.revisit_on < meeting_date(meeting):
            problems.append(_("The date to come back to it cannot be before the meeting."))
    else:
        decision.revisit_on = None
    if decision.status == DecisionStatus.EXCLUDED:
        if decision.exclusion_reason not in ExclusionReason.values:
            problems.append(
                _(
                    "Say why the decision is excluded: the law, the programme's frame, "
                    "or another reason."
                )
            )
        if not decision.exclusion_note:
            problems.append(
                _(
                    "Explain in a few words why it cannot be decided here, "
                    "so the citizen understands."
                )
            )
    else:
        decision.exclusion_reason = ""
        decision.exclusion_note = ""


def _decision_problems(decision: Decision) -> list[str]:
    problems = []
    if not decision.title:
        problems.append(_("Say in a few words what is to be decided."))
    elif len(decision.title) > 300:
        problems.append(_("Say what is to be decided in at most 300 characters."))
    if decision.raised_by not in RaisedBy.values:
        problems.append(_("Say who raised the decision."))
    if decision.zone not in DecisionZone.values:
        problems.append(
            _("Choose who decides: the care manager, the employment consultant, or both together.")
        )
    if len(decision.outcome) > 2000 or len(decision.exclusion_note) > 1000:
        problems.append(_("The text is too long."))
    return problems


@_service(AuditAction.CREATE)
def decision_add(
    *,
    actor: Actor | None,
    meeting_id: uuid.UUID,
    type_slug: str | None,
    title: str,
    raised_by: str,
    subtype_slug: str | None = None,
    zone: str | None = None,
    status: str = DecisionStatus.OPEN,
    revisit_on: dt.date | None = None,
    exclusion_reason: str | None = "",
    exclusion_note: str = "",
    outcome: str = "",
    is_key: bool = False,
    options: Sequence[OptionData] = (),
) -> Decision:
    """Log a decision; the zone defaults to the subtype's, else the type's (DOMAIN §2)."""
    meeting, access = _meeting_for_write(actor, meeting_id, content=True)
    _not_cancelled(meeting)
    problems: list[str] = []
    decision_type, subtype = _resolve_typology(type_slug, subtype_slug, problems)
    default_zone = subtype.zone if subtype else decision_type.default_zone if decision_type else ""
    decision = Decision(
        meeting=meeting,
        type=decision_type,
        subtype=subtype,
        title=_text(title),
        raised_by=raised_by,
        zone=zone or default_zone,
        status=status,
        revisit_on=revisit_on,
        exclusion_reason=exclusion_reason or "",
        exclusion_note=_text(exclusion_note),
        outcome=_text(outcome),
        is_key=is_key,
        created_by_id=_professional_id(access.actor),
    )
    chosen = next((o for o in options if o.chosen), None)
    problems += _chosen_problems(decision.status, options)
    if chosen is not None and decision.status == DecisionStatus.OPEN:
        decision.status = DecisionStatus.MADE
    if chosen is not None and not decision.outcome:
        decision.outcome = _text(chosen.text)
    problems += _decision_problems(decision)
    _apply_status(decision, meeting, problems)
    for option in options:
        problems += _option_problems(option)
    if problems:
        raise ValidationError(list(dict.fromkeys(problems)))
    last = Decision.objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"]
    decision.order = (last or 0) + 1
    decision.save()
    for order, option in enumerate(options, start=1):
        DecisionOption.objects.create(
            decision=decision,
            text=_text(option.text),
            pros=_text(option.pros),
            cons=_text(option.cons),
            chosen=option.chosen,
            order=order,
        )
    access.audit(action=AuditAction.CREATE, object_type="decision", object_id=decision.pk)
    return decision


@_service(AuditAction.UPDATE)
def decision_update(
    *,
    actor: Actor | None,
    meeting_id: uuid.UUID,
    decision_id: uuid.UUID,
    type_slug: Any = UNSET,
    subtype_slug: Any = UNSET,
    title: Any = UNSET,
    raised_by: Any = UNSET,
    zone: Any = UNSET,
    status: Any = UNSET,
    revisit_on: Any = UNSET,
    exclusion_reason: Any = UNSET,
    exclusion_note: Any = UNSET,
    outcome: Any = UNSET,
    is_key: Any = UNSET,
) -> Decision:
    """Change a decision; what is not given stays. A status brings its required fields:
    postponed needs a date to come back to it, excluded a reason and an explanation."""
    meeting, access = _meeting_for_write(actor, meeting_id, content=True)
    decision = _decision_for_write(meeting, decision_id)
    _not_cancelled(meeting)
    problems: list[str] = []
    if type_slug is not UNSET or subtype_slug is not UNSET:
        new_type = decision.type.slug if type_slug is UNSET else type_slug
        if subtype_slug is UNSET:
            # A new type without a subtype drops the old subtype, which belongs to the old type.
            same_type = type_slug is UNSET or type_slug == decision.type.slug
            new_subtype = decision.subtype.slug if decision.subtype and same_type else None
        else:
            new_subtype = subtype_slug
        decision_type, subtype = _resolve_typology(new_type, new_subtype, problems)
        if decision_type is not None:
            decision.type = decision_type
            decision.subtype = subtype
    for name, value in (
        ("title", title),
        ("exclusion_note", exclusion_note),
        ("outcome", outcome),
    ):
        if value is not UNSET:
            setattr(decision, name, _text(value))
    for name, value in (
        ("raised_by", raised_by),
        ("zone", zone),
        ("status", status),
        ("revisit_on", revisit_on),
        ("is_key", is_key),
    ):
        if value is not UNSET:
            setattr(decision, name, value)
    if exclusion_reason is not UNSET:
        decision.exclusion_reason = exclusion_reason or ""
    if decision.is_key is None:
        decision.is_key = False
    problems += _decision_problems(decision)
    _apply_status(decision, meeting, problems)
    if problems:
        raise ValidationError(list(dict.fromkeys(problems)))
    decision.save()
    if decision.status != DecisionStatus.MADE:
        # A decision that is not made has not settled on an option: no option stays "chosen"
        # beside a status that says otherwise.
        DecisionOption.objects.filter(decision=decision, chosen=True).update(chosen=False)
    access.audit(action=AuditAction.UPDATE, object_type="decision", object_id=decision.pk)
    return decision


@_service(AuditAction.CREATE)
def option_add(
    *,
    actor: Actor | None,
    meeting_id: uuid.UUID,
    decision_id: uuid.UUID,
    text: str,
    pros: str = "",
    cons: str = "",
    chosen: bool = False,
) -> DecisionOption:
    """Add an option to a decision (option talk), with its pros and cons."""
    meeting, access = _meeting_for_write(actor, meeting_id, content=True)
    decision = _decision_for_write(meeting, decision_id)
    _not_cancelled(meeting)
    data = OptionData(text=text, pros=pros, cons=cons, chosen=chosen)
    problems = _option_problems(data)
    if problems:
        raise ValidationError(problems)
    last = DecisionOption.objects.filter(decision=decision).aggregate(last=Max("order"))["last"]
    option = DecisionOption(
        decision=decision,
        text=_text(text),
        pros=_text(pros),
        cons=_text(cons),
        chosen=chosen,
        order=(last or 0) + 1,
    )
    if chosen:
        _choose(meeting, decision, option, access)
    option.save()
    access.audit(action=AuditAction.CREATE, object_type="decision_option", object_id=option.pk)
    return option


def _choose(
    meeting: Meeting, decision: Decision, option: DecisionOption, access: CourseAccess
) -> None:
    """Make `option` the decision's one chosen option and settle the decision on it."""
    earlier = (
        DecisionOption.objects.filter(decision=decision, chosen=True)
        .exclude(pk=option.pk)
        .values_list("text", flat=True)
        .first()
    )
    DecisionOption.objects.filter(decision=decision, chosen=True).exclude(pk=option.pk).update(
        chosen=False
    )
    _settle_on(decision, option, earlier)
    problems: list[str] = []
    _apply_status(decision, meeting, problems)
    if problems:
        raise ValidationError(problems)
    decision.save()
    access.audit(action=AuditAction.UPDATE, object_type="decision", object_id=decision.pk)


@_service(AuditAction.UPDATE)
def option_update(
    *,
    actor: Actor | None,
    meeting_id: uuid.UUID,
    decision_id: uuid.UUID,
    option_id: uuid.UUID,
    text: Any = UNSET,
    pros: Any = UNSET,
    cons: Any = UNSET,
    chosen: Any = UNSET,
) -> DecisionOption:
    meeting, access = _meeting_for_write(actor, meeting_id, content=True)
    decision = _decision_for_write(meeting, decision_id)
    _not_cancelled(meeting)
    option = DecisionOption.objects.filter(pk=option_id, decision_id=decision.pk).first()
    if option is None:
        owner = record_owner(DecisionOption, option_id, course_path="decision__meeting__course")
        raise _Refused(
            object_type="decision_option",
            object_id=option_id,
            citizen_id=owner[1] if owner else None,
        )
    was_chosen, earlier_text = option.chosen, option.text
    for name, value in (("text", text), ("pros", pros), ("cons", cons)):
        if value is not UNSET:
            setattr(option, name, _text(value))
    if chosen is not UNSET:
        option.chosen = bool(chosen)
    problems = _option_problems(
        OptionData(text=option.text, pros=option.pros, cons=option.cons, chosen=option.chosen)
    )
    if problems:
        raise ValidationError(problems)
    if option.chosen:
        if not was_chosen or decision.status != DecisionStatus.MADE:
            _choose(meeting, decision, option, access)
        elif decision.outcome == earlier_text and option.text != earlier_text:
            # The outcome was the option's own words: it follows them when they change.
            decision.outcome = option.text
            decision.save()
            access.audit(action=AuditAction.UPDATE, object_type="decision", object_id=decision.pk)
    elif was_chosen:
        _unsettle(decision, earlier_text)
        decision.save()
        access.audit(action=AuditAction.UPDATE, object_type="decision", object_id=decision.pk)
    option.save()
    access.audit(action=AuditAction.UPDATE, object_type="decision_option", object_id=option.pk)
    return option


# --- Minutes and preparation -----------------------------------------------------------------


@_service(AuditAction.UPDATE)
def minutes_save(*, actor: Actor | None, meeting_id: uuid.UUID, text: str) -> Minutes:
    """Write or rewrite the minutes, in plain language: the citizen reads them."""
    meeting, access = _meeting_for_write(actor, meeting_id, content=True)
    _not_cancelled(meeting)
    text = _text(text)
    if not text:
        raise ValidationError(_("Write the minutes before saving them."))
    if len(text) > 20000:
        raise ValidationError(_("The minutes are too long: keep them under 20,000 characters."))
    minutes, _created = Minutes.objects.update_or_create(
        meeting=meeting, defaults={"text": text, "updated_by_id": _professional_id(access.actor)}
    )
    access.audit(action=AuditAction.UPDATE, object_type="meeting_minutes", object_id=meeting.pk)
    return minutes


@_service(AuditAction.UPDATE)
def preparation_answer_save(
    *, actor: Actor | None, meeting_id: uuid.UUID, answers: Mapping[int, str]
) -> list[PreparationAnswer]:
    """The citizen's answers to the preparation prompts, keyed by prompt id. An empty answer
    removes an earlier one: the citizen may change their mind before the meeting."""
    meeting, access = _meeting_for_write(actor, meeting_id, run=False)
    if not access.is_own:
        raise _Refused(
            object_type="preparation_answer",
            object_id=meeting.pk,
            citizen_id=meeting.course.citizen_id,
            forbidden=_("Only the citizen answers the preparation questions."),
        )
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            _("This meeting is over or was cancelled, so you can no longer change your answers.")
        )
    prompts = {p.pk: p for p in prompt_list(team_id=meeting.course.team_id)}
    problems = []
    if any(prompt_id not in prompts for prompt_id in answers):
        problems.append(
            _(
                "The questions changed while you were writing. Please look at them again. "
                "Nothing was saved."
            )
        )
    if any(len(_text(text)) > 4000 for text in answers.values()):
        problems.append(_("Please make each answer a little shorter."))
    existing = {
        a.prompt_id: a
        for a in PreparationAnswer.objects.filter(meeting=meeting, prompt_id__in=list(prompts))
    }
    if not problems and not existing and not any(_text(t) for t in answers.values()):
        problems.append(_("Write an answer to at least one question, or come back later."))
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    saved = []
    for prompt_id, text in answers.items():
        text = _text(text)
        earlier = existing.get(prompt_id)
        if not text:
            if earlier is not None:
                earlier.delete()
            continue
        if earlier is not None and earlier.answer == text:
            saved.append(earlier)
            continue
        answer, _created = PreparationAnswer.objects.update_or_create(
            meeting=meeting,
            prompt=prompts[prompt_id],
            defaults={
                "prompt_text": prompts[prompt_id].label[:300],
                "answer": text,
                "answered_at": now,
            },
        )
        saved.append(answer)
    access.audit(
        action=AuditAction.UPDATE,
        object_type="preparation_answer",
        object_id=meeting.pk,
        detail={"answered": len(saved)},
    )
    return saved


# --- The team's preparation prompts ----------------------------------------------------------


def _team_for_prompts(actor: Actor | None, team_id: uuid.UUID) -> Team:
    team = Team.objects.select_for_update().filter(pk=team_id).first()
    if team is None or not PromptPolicy.can_edit(actor, team.pk):
        raise _Refused(
            object_type="prompt_set",
            object_id=team_id,
            citizen_id=None,
            exists=team is not None,
        )
    return team


@_service(AuditAction.UPDATE)
def prompt_set_save(
    *, actor: Actor | None, team_id: uuid.UUID, texts: Sequence[str]
) -> list[PreparationPrompt]:
    """The team leader sets the team's own prompts, in order. A prompt whose wording stays is
    kept, so answers already given to it stay linked to it."""
    team = _team_for_prompts(actor, team_id)
    cleaned = list(dict.fromkeys(t for t in (_text(t) for t in texts) if t))
    problems = []
    if not cleaned:
        problems.append(_("Write at least one question."))
    if len(cleaned) > MAX_PROMPTS:
        problems.append(
            ngettext(
                "Keep it to at most %(n)d question.",
                "Keep it to at most %(n)d questions.",
                MAX_PROMPTS,
            )
            % {"n": MAX_PROMPTS}
        )
    if any(len(t) > PROMPT_MAX_LENGTH for t in cleaned):
        problems.append(
            ngettext(
                "Keep each question under %(n)d character.",
                "Keep each question under %(n)d characters.",
                PROMPT_MAX_LENGTH,
            )
            % {"n": PROMPT_MAX_LENGTH}
        )
    if problems:
        raise ValidationError(problems)
    existing = {p.text: p for p in PreparationPrompt.objects.filter(team=team)}
    prompts = []
    for order, text in enumerate(cleaned, start=1):
        prompt = existing.pop(text, None) or PreparationPrompt(team=team, text=text)
        prompt.order = order * 10
        prompt.save()
        prompts.append(prompt)
    PreparationPrompt.objects.filter(pk__in=[p.pk for p in existing.values()]).delete()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="prompt_set",
        object_id=team.pk,
        detail={"questions": len(prompts)},
    )
    return prompts


@_service(AuditAction.UPDATE)
def prompt_set_reset(*, actor: Actor | None, team_id: uuid.UUID) -> None:
    """Go back to the default prompts."""
    team = _team_for_prompts(actor, team_id)
    PreparationPrompt.objects.filter(team=team).delete()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="prompt_set",
        object_id=team.pk,
        detail={"questions": 0},
    )
