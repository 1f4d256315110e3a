"""The joint plan's part of the whole record (roundtable.citizens.record): each published
version and each answer the citizen gave (class `joint_plan`)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import Part, RetainedRecord, TimelineEntry
from roundtable.core.data_classes import DataClass
from roundtable.plans.models import (
    Agreement,
    Goal,
    JointPlan,
    PlanResponse,
    PlanSection,
    PlanVersion,
    RampStep,
)
from roundtable.plans.selectors import filtered_snapshot


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


def export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    """Every published version as it was published (sections the reader may not see left out)
    and the citizen's answers. The working draft is not a published plan and is left out."""
    visible = {a.course.pk: a.visible for a in accesses}
    ids = [a.course.pk for a in accesses if a.may_read(DataClass.JOINT_PLAN)]
    versions = (
        PlanVersion.objects.filter(plan__course_id__in=ids)
        .select_related("published_by__user", "plan")
        .prefetch_related("responses")
        .order_by("number")
    )
    result: dict[uuid.UUID, Any] = {i: [] for i in ids}
    for version in versions:
        course_id = version.plan.course_id
        result[course_id].append(
            {
                "version": version.number,
                "published_at": version.published_at,
                "published_by": str(version.published_by),
                "plan": filtered_snapshot(version.snapshot, visible[course_id]),
                "answers": [
                    {
                        "answered_at": r.created_at,
                        "agreement": r.get_agreement_display(),
                        "comment": r.comment,
                    }
                    for r in version.responses.all()
                    if r.data_class in visible[course_id]
                ],
            }
        )
    return result


PART = Part(
    retained=(
        RetainedRecord(JointPlan),
        RetainedRecord(Goal, "plan__course"),
        RetainedRecord(PlanSection, "plan__course"),
        RetainedRecord(PlanVersion, "plan__course"),
        RetainedRecord(RampStep, "plan__course"),
        RetainedRecord(PlanResponse, "version__plan__course"),
    ),
    name="plans",
    timeline=timeline,
    export=(("joint_plan", export),),
)
