"""The joint plan's part of the whole record (roundtable.citizens.record): each published
version and each answer the citizen gave (class `joint_plan`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import Part, TimelineEntry
from roundtable.core.data_classes import DataClass
from roundtable.plans.models import Agreement, PlanResponse, PlanVersion


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    if not access.may_read(DataClass.JOINT_PLAN):
        return []
    course, own = access.course, access.is_own

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


PART = Part(name="plans", timeline=timeline)
