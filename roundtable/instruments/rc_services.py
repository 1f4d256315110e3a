"""Writes of relational coordination (issue 12 §4): a team leader opens a survey round for their
team; every member whose role belongs to one of the round's work groups answers it once.

Answers are stored without the person (`RcResponse`), and that the person answered apart from
them (`RcParticipation`), so no answer can be traced back; the audit events name the round,
never an answer. Bad input raises ValidationError and saves nothing; someone outside the team
gets 404, a member who may not do this 403.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction, AuditOutcome
from roundtable.audit.services import audit_record
from roundtable.core.services import Refused, service
from roundtable.instruments.models import RcParticipation, RcResponse, RcRound
from roundtable.instruments.rc_items import DIMENSIONS, default_groups
from roundtable.instruments.scoring import RC_ITEMS
from roundtable.organisations.models import Role, Team

PURPOSE = "relational_coordination"
MAX_GROUPS = 10
MAX_TEXT = 500


def _checked_groups(groups: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    if not groups:
        return default_groups()
    checked: list[dict[str, Any]] = []
    keys: set[str] = set()
    for group in groups:
        key = str(group.get("key", "")).strip()
        label = str(group.get("label", "")).strip()
        roles = [str(r) for r in group.get("roles", [])]
        if not key or len(key) > 40 or key in keys:
            raise ValidationError(_("Each work group needs its own short name."))
        if any(role not in Role.values for role in roles) or not roles:
            raise ValidationError(_("Each work group needs at least one known role."))
        keys.add(key)
        checked.append({"key": key, "label": label[:100], "roles": roles})
    if not 2 <= len(checked) <= MAX_GROUPS:
        raise ValidationError(
            _("A round needs from 2 to %(most)s work groups.") % {"most": MAX_GROUPS}
        )
    claimed = [role for g in checked for role in g["roles"]]
    if len(claimed) != len(set(claimed)):
        raise ValidationError(_("A role can belong to one work group only."))
    return checked


def _checked_texts(item_texts: Sequence[str] | None) -> list[str]:
    texts = [str(t).strip() for t in (item_texts or []) if str(t).strip()]
    if texts and (len(texts) != len(DIMENSIONS) or any(len(t) > MAX_TEXT for t in texts)):
        raise ValidationError(
            _("Your own wording needs exactly seven lines, one per dimension, or none at all.")
        )
    return texts


@service(AuditAction.CREATE, purpose=PURPOSE)
def rc_round_open(
    *,
    actor: Actor | None,
    team_id: uuid.UUID,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    groups: Sequence[Mapping[str, Any]] | None = None,
    item_texts: Sequence[str] | None = None,
) -> RcRound:
    """The team leader opens a round for their team: the default work groups (care managers,
    employment consultants, team leader, supervisors) unless `groups` says otherwise, and
    Roundtable's own wording unless the organisation's licensed `item_texts` (seven lines)."""
    team = Team.objects.filter(pk=team_id).first()
    if team is None or actor is None or actor.professional_id is None:
        raise Refused(object_type="rc_round", object_id=team_id, citizen_id=None)
    if team.pk not in actor.team_ids:
        raise Refused(object_type="rc_round", object_id=team_id, citizen_id=None, exists=True)
    if actor.role != Role.TEAM_LEADER:
        raise Refused(
            object_type="rc_round",
            object_id=team_id,
            citizen_id=None,
            forbidden=_("Only the team leader opens a relational coordination round."),
        )
    title = title.strip()
    if not title or len(title) > 200:
        raise ValidationError(_("Give the round a title of at most 200 characters."))
    if closes_on < opens_on:
        raise ValidationError(_("The round cannot close before it opens."))
    round_ = RcRound.objects.create(
        team=team,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        groups=_checked_groups(groups),
        item_texts=_checked_texts(item_texts),
        opened_by_id=actor.professional_id,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="rc_round",
        object_id=round_.pk,
        purpose=PURPOSE,
        detail={"team": str(team.pk), "groups": len(round_.groups)},
    )
    return round_


def group_of(round_: RcRound, role: str) -> str | None:
    """The work group of the round a role belongs to, or None."""
    return next((g["key"] for g in round_.groups if role in g.get("roles", [])), None)


def is_open(round_: RcRound, today: dt.date) -> bool:
    return round_.opens_on <= today <= round_.closes_on


def _checked_ratings(round_: RcRound, ratings: Mapping[str, Sequence[Any]]) -> dict[str, list[int]]:
    keys = [g["key"] for g in round_.groups]
    if not isinstance(ratings, Mapping) or set(ratings) != set(keys):
        raise ValidationError(_("Rate every work group on every question."))
    problems = []
    checked: dict[str, list[int]] = {}
    for key in keys:
        values = ratings[key]
        if not isinstance(values, list | tuple) or len(values) != RC_ITEMS:
            problems.append(_("Rate every work group on every question."))
            continue
        for value in values:
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                problems.append(_("Each answer is a whole number from 1 to 5."))
                break
        checked[key] = list(values)
    if problems:
        raise ValidationError(sorted(set(problems)))
    return checked


@service(AuditAction.CREATE, purpose=PURPOSE)
def rc_response_submit(
    *,
    actor: Actor | None,
    round_id: uuid.UUID,
    ratings: Mapping[str, Sequence[Any]],
    today: dt.date | None = None,
) -> None:
    """The actor's answers to a round open `today` (default the deployment's today): every work
    group (their own included) on the seven questions, 1-5. Once per round and person, never
    changed afterwards."""
    round_ = RcRound.objects.filter(pk=round_id).first()
    if (
        round_ is None
        or actor is None
        or actor.professional_id is None
        or round_.team_id not in actor.team_ids
    ):
        raise Refused(
            object_type="rc_round", object_id=round_id, citizen_id=None, exists=round_ is not None
        )
    group = group_of(round_, actor.role)
    if group is None:
        raise Refused(
            object_type="rc_round",
            object_id=round_id,
            citizen_id=None,
            forbidden=_("Your role is not one of the work groups of this round."),
        )
    if not is_open(round_, today or timezone.localdate()):
        raise ValidationError(_("This round is not open for answers."))
    if RcParticipation.objects.filter(round=round_, professional_id=actor.professional_id).exists():
        raise ValidationError(_("You have already answered this round. Answers cannot be changed."))
    checked = _checked_ratings(round_, ratings)
    RcParticipation.objects.create(round=round_, professional_id=actor.professional_id, group=group)
    RcResponse.objects.create(round=round_, group=group, ratings=checked)
    # The event says that the person answered, never what.
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="rc_participation",
        object_id=round_.pk,
        purpose=PURPOSE,
        detail={"group": group},
    )


@service(AuditAction.UPDATE, purpose=PURPOSE)
def rc_round_close(
    *, actor: Actor | None, round_id: uuid.UUID, closes_on: dt.date | None = None
) -> RcRound:
    """The team leader closes a round early: on `closes_on` (default today), never before it
    opened. No answers are taken after it closes."""
    round_ = RcRound.objects.select_for_update().filter(pk=round_id).first()
    if round_ is None or actor is None or round_.team_id not in actor.team_ids:
        raise Refused(
            object_type="rc_round", object_id=round_id, citizen_id=None, exists=round_ is not None
        )
    if actor.role != Role.TEAM_LEADER:
        raise Refused(
            object_type="rc_round",
            object_id=round_id,
            citizen_id=None,
            forbidden=_("Only the team leader closes a relational coordination round."),
        )
    closes_on = closes_on or timezone.localdate()
    if closes_on < round_.opens_on:
        raise ValidationError(_("The round cannot close before it opens."))
    round_.closes_on = min(round_.closes_on, closes_on)
    round_.save(update_fields=["closes_on"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        outcome=AuditOutcome.ALLOWED,
        object_type="rc_round",
        object_id=round_.pk,
        purpose=PURPOSE,
        detail={"closes_on": round_.closes_on.isoformat()},
    )
    return round_
