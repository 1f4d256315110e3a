"""The joint plan's part of the citizen page's timeline: each published version and each answer
the citizen gave. Joint-plan data (class `joint_plan`); left out when the reader may not see it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Course
from roundtable.citizens.policies import CoursePolicy
from roundtable.consent.access import visible_data_classes
from roundtable.core.data_classes import DataClass
from roundtable.plans.models import Agreement, PlanResponse, PlanVersion


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.date
    kind: str
    title: str
    url: str | None
    data_class: str


def timeline_entries(
    actor: Actor | None, course: Course, visible: frozenset[str] | None = None
) -> list[TimelineEntry]:
    """`visible`: the data classes the caller already decided for this actor and course (the
    citizen page has); without it the course policy and consent are asked here."""
    if visible is None:
        if not CoursePolicy.allows(actor, course):
            return []
        visible = visible_data_classes(actor, course)
    if DataClass.JOINT_PLAN not in visible:
        return []
    own = actor is not None and actor.is_citizen

    def version_url(number: int) -> str:
        if own:
            return reverse("plans:my-version", kwargs={"number": number})
        return reverse("plans:version", kwargs={"citizen_id": course.citizen_id, "number": number})

    entries = [
        TimelineEntry(
            when=timezone.localtime(published_at).date(),
            kind="plan_version",
            title=_("Joint plan, version %(number)s published") % {"number": number},
            url=version_url(number),
            data_class=DataClass.JOINT_PLAN,
        )
        for number, published_at in PlanVersion.objects.filter(plan__course=course)
        .order_by("-number")
        .values_list("number", "published_at")[:20]
    ]
    if own:
        agreed, answered = (
            _("You agreed to version %(number)s of the plan"),
            _("You answered version %(number)s of the plan"),
        )
    else:
        agreed, answered = (
            _("Agreed to version %(number)s of the plan"),
            _("Answered version %(number)s of the plan"),
        )
    for number, agreement, created_at in (
        PlanResponse.objects.filter(version__plan__course=course)
        .order_by("-created_at")
        .values_list("version__number", "agreement", "created_at")[:20]
    ):
        title = agreed if agreement == Agreement.AGREE else answered
        entries.append(
            TimelineEntry(
                when=timezone.localtime(created_at).date(),
                kind="plan_response",
                title=title % {"number": number},
                url=version_url(number),
                data_class=DataClass.JOINT_PLAN,
            )
        )
    return entries
