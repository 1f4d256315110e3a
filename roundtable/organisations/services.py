"""Writes of team configuration (no personal data, so nothing to audit here)."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.organisations.models import Team, TeamProgramme


@transaction.atomic
def team_programme_set(
    *,
    team_id: uuid.UUID,
    is_ips: bool,
    session_budget: int | None = None,
    sick_leave_optional: bool = False,
) -> TeamProgramme:
    """Set a team's programme: IPS or not, its session budget (None: the default), and whether
    it takes people without sick leave, by their own wish to work (zero exclusion)."""
    if session_budget is not None and not 1 <= session_budget <= 200:
        raise ValidationError(_("The session budget is between 1 and 200 sessions."))
    team = Team.objects.get(pk=team_id)
    programme, _created = TeamProgramme.objects.update_or_create(
        team=team,
        defaults={
            "is_ips": is_ips,
            "session_budget": session_budget,
            "sick_leave_optional": sick_leave_optional,
        },
    )
    return programme


@transaction.atomic
def team_first_meeting_protocol_set(*, team_id: uuid.UUID, on: bool) -> TeamProgramme:
    """Whether the team follows the first-meeting protocol: until a course's first roundtable
    meeting is held, neither sector reads the other's assessments, whatever the consent says
    (roundtable.consent.access)."""
    team = Team.objects.get(pk=team_id)
    programme, _created = TeamProgramme.objects.update_or_create(
        team=team, defaults={"first_meeting_protocol": on}
    )
    return programme
