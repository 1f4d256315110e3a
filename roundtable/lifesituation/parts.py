"""The life-situation mapping's part of the whole record (roundtable.citizens.record): one
timeline entry per data class of areas, on the day they were last written."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import (
    Part,
    RetainedRecord,
    TimelineEntry,
    dump_records,
    record_page_url,
)
from roundtable.lifesituation.models import LIFE_AREA_CLASS, LifeArea


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    days: dict[str, dt.date] = {}
    for area in LifeArea.objects.filter(course=access.course, data_class__in=access.visible).only(
        "area", "data_class", "updated_at"
    ):
        day = timezone.localtime(area.updated_at).date()
        # The citizen's own wishes are written under the area's class too; only areas count.
        if LIFE_AREA_CLASS.get(area.area) == area.data_class:
            days[area.data_class] = max(day, days.get(area.data_class, day))
    url = record_page_url(
        access, staff="assessments:page", own="assessments:my-page", anchor="life-situation"
    )
    return [
        TimelineEntry(day, "life_situation", _("Life situation mapped"), url, data_class)
        for data_class, day in sorted(days.items())
    ]


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    found = dump_records(LifeArea, "course", accesses)
    return {a.course.pk: found[a.course.pk] for a in accesses if found[a.course.pk]}


PART = Part(
    name="lifesituation",
    timeline=timeline,
    export=(("life_situation", export),),
    retained=(RetainedRecord(LifeArea),),
    labelled=(LifeArea,),
)
