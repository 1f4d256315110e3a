"""Writes of citizens and courses. Atomic, audited, and the only place these models are saved."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.citizens.models import Citizen, Course, CourseStatus
from roundtable.core.fields import keyed_digest
from roundtable.organisations.models import (
    EMPLOYMENT_COURSE_ROLES,
    HEALTH_COURSE_ROLES,
    Organisation,
    Professional,
    Sector,
    Team,
)
from roundtable.organisations.selectors import sick_leave_optional


def _team_professional(team: Team, professional: Professional | None, roles) -> None:
    if professional is None:
        return
    if professional.role not in roles or not professional.memberships.filter(team=team).exists():
        raise ValidationError(
            _("%(name)s is not a member of %(team)s in that role.")
            % {"name": professional.name, "team": team.name}
        )


def _course_jurisdiction(team: Team) -> str:
    """A course follows the law of the team's employment organisation (it pays the benefit)."""
    organisation = (
        Organisation.objects.filter(professionals__memberships__team=team, sector=Sector.EMPLOYMENT)
        .order_by("name")
        .first()
    )
    return organisation.jurisdiction if organisation else "dk"


@transaction.atomic
def referral_register(
    *,
    actor: Actor | None,
    team: Team,
    given_name: str,
    family_name: str,
    national_id: str,
    referral_date: dt.date,
    first_absence_day: dt.date | None,
    diagnosis_group: str,
    care_manager: Professional | None = None,
    employment_consultant: Professional | None = None,
    jurisdiction: str | None = None,
) -> Course:
    """Register a referred citizen and open their integrated course in one step."""
    if actor is None or not actor.works_with_citizens or team.pk not in actor.team_ids:
        raise ValidationError(_("You can only register referrals for your own team."))
    if first_absence_day is None and not sick_leave_optional(team_id=team.pk):
        raise ValidationError(
            {
                "first_absence_day": _(
                    "Give the first day of absence. This team takes people on sick leave only."
                )
            }
        )
    if first_absence_day is not None and referral_date < first_absence_day:
        raise ValidationError(_("The referral date cannot be before the first day of absence."))
    digest = keyed_digest(national_id)
    if Citizen.objects.filter(national_id_digest=digest).exists():
        raise ValidationError(_("A person with this national id is already registered."))
    _team_professional(team, care_manager, HEALTH_COURSE_ROLES)
    _team_professional(team, employment_consultant, EMPLOYMENT_COURSE_ROLES)
    citizen = Citizen(
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        national_id=national_id.strip(),
        national_id_digest=digest,
    )
    citizen.full_clean()
    try:
        # Two quick submits of the same person: the unique digest refuses the second.
        with transaction.atomic():
            citizen.save()
    except IntegrityError as exc:
        raise ValidationError(_("A person with this national id is already registered.")) from exc
    course = Course(
        citizen=citizen,
        team=team,
        care_manager=care_manager,
        employment_consultant=employment_consultant,
        referral_date=referral_date,
        first_absence_day=first_absence_day,
        diagnosis_group=diagnosis_group,
        status=CourseStatus.REFERRED,
        jurisdiction=jurisdiction or _course_jurisdiction(team),
    )
    course.full_clean()
    course.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="course",
        object_id=course.pk,
        citizen_id=citizen.pk,
    )
    return course
