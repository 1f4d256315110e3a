"""Writes of the life-situation mapping: atomic, checked, audited, and the only place life areas
are saved.

Every write addresses the citizen's current course (as the pages do). Bad input raises
ValidationError with every problem found, in words a person can act on, and nothing is saved.
An actor who may not see the citizen gets 404; one who may see the course but not write this
(a team leader, a supervisor, a life area of a class they may not read) gets PermissionDenied.
Both refusals are audited, outside the rolled-back transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.audit.models import AuditAction
from roundtable.citizens.gate import course_write_access
from roundtable.core.problems import check_length, date_problems, raise_problems, stripped
from roundtable.core.services import Refused, service
from roundtable.lifesituation.models import LIFE_AREA_CLASS, LifeArea, LifeAreaKind
from roundtable.lifesituation.policies import MAPS, WRITES_OWN_WISHES, LifeSituationPolicy
from roundtable.lifesituation.selectors import PURPOSE


@dataclass(frozen=True)
class LifeAreaData:
    situation: str = ""
    resources: str = ""
    wishes: str = ""


@service(AuditAction.UPDATE, purpose=PURPOSE)
def life_areas_save(
    *,
    actor: Actor | None,
    citizen_id: uuid.UUID,
    areas: Mapping[str, LifeAreaData],
    filled_with_citizen: bool = False,
    filled_on: dt.date | None = None,
) -> list[LifeArea]:
    """Write the situation, resources and wishes of some life areas, each only if the writer
    may read its data class. Filled in with the citizen: the date says when."""
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="life_situation",
        citizen_id=citizen_id,
        require=MAPS,
    )
    course = access.course
    allowed = LifeSituationPolicy.mapping_classes(access)
    problems: list[str] = []
    for area in areas:
        if area not in LifeAreaKind.values:
            problems.append(_("There is no life area called %(area)s.") % {"area": area})
        elif LIFE_AREA_CLASS[area] not in allowed:
            raise Refused(
                object_type="life_area",
                object_id=citizen_id,
                citizen_id=course.citizen_id,
                forbidden=_("You may not write the life area '%(area)s'.")
                % {"area": LifeAreaKind(area).label},
            )
    if not areas:
        problems.append(_("Fill in at least one life area."))
    for area, data in areas.items():
        if area not in LifeAreaKind.values:
            continue
        label = str(LifeAreaKind(area).label)
        for value in (data.situation, data.resources, data.wishes):
            check_length(problems, stripped(value), 4000, label)
    if filled_with_citizen:
        problems += date_problems(
            filled_on, _("the day it was filled in with the citizen"), not_future=True
        )
    elif filled_on is not None:
        problems.append(_("Give a date only when the mapping was filled in with the citizen."))
    raise_problems(problems)
    me = access.actor.professional_id
    saved = []
    for area, data in areas.items():
        life_area, created = LifeArea.objects.update_or_create(
            course=course,
            area=area,
            defaults={
                "situation": stripped(data.situation),
                "resources": stripped(data.resources),
                "wishes": stripped(data.wishes),
                "filled_with_citizen": filled_with_citizen,
                "filled_on": filled_on if filled_with_citizen else None,
                "updated_by_id": me,
                "data_class": LIFE_AREA_CLASS[area],
            },
        )
        access.audit(
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            object_type="life_area",
            object_id=life_area.pk,
        )
        saved.append(life_area)
    return saved


@service(AuditAction.UPDATE, purpose=PURPOSE)
def life_area_wishes_save(*, actor: Actor | None, wishes: Mapping[str, str]) -> list[LifeArea]:
    """The citizen writes their own wishes per life area, on their current course."""
    if actor is None or not actor.is_citizen or actor.citizen_id is None:
        raise Http404()
    access = course_write_access(
        actor=actor,
        purpose=PURPOSE,
        object_type="life_area",
        citizen_id=actor.citizen_id,
        require=WRITES_OWN_WISHES,
    )
    course = access.course
    problems: list[str] = []
    for area, text in wishes.items():
        if area not in LifeAreaKind.values:
            problems.append(_("There is no life area called %(area)s.") % {"area": area})
        else:
            check_length(problems, stripped(text), 4000, str(LifeAreaKind(area).label))
    raise_problems(problems)
    stored = {a.area: a for a in LifeArea.objects.filter(course=course, area__in=list(wishes))}
    saved = []
    for area, text in wishes.items():
        existing = stored.get(area)
        if existing is None and not stripped(text):
            continue
        if existing is None:
            existing = LifeArea(course=course, area=area, data_class=LIFE_AREA_CLASS[area])
        elif existing.citizen_wishes == stripped(text):
            continue
        existing.citizen_wishes = stripped(text)
        existing.save()
        access.audit(action=AuditAction.UPDATE, object_type="life_area", object_id=existing.pk)
        saved.append(existing)
    return saved
