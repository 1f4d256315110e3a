"""The network's part of the whole record (roundtable.citizens.record): the coordinator's
periods and the responsibility group's memberships, on the timeline, in the access export, and
deleted with the course by the retention job."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from roundtable.citizens.gate import CourseAccess
from roundtable.citizens.record import (
    Part,
    RetainedRecord,
    TimelineEntry,
    dump_records,
    record_page_url,
)
from roundtable.core.data_classes import DataClass
from roundtable.network.models import Coordination, GroupMember, SummaryShare
from roundtable.network.policies import NetworkPolicy


def timeline(access: CourseAccess) -> list[TimelineEntry]:
    if not access.may_read(DataClass.CONTACT_DETAILS):
        return []
    url = record_page_url(access, staff="network:page", own="network:mine")
    entries = []
    coordinations = Coordination.objects.filter(course=access.course).only(
        "starts_on", "data_class", "created_at"
    )
    for i, period in enumerate(coordinations.order_by("starts_on", "created_at")):
        title = _("Coordinator named") if i == 0 else _("Coordination handed over")
        entries.append(
            TimelineEntry(period.starts_on, "coordinator", title, url, period.data_class)
        )
    for row in GroupMember.objects.filter(course=access.course).only(
        "joined_on", "left_on", "data_class"
    ):
        entries.append(
            TimelineEntry(
                row.joined_on,
                "group_joined",
                _("Joined the responsibility group"),
                url,
                row.data_class,
            )
        )
        if row.left_on:
            entries.append(
                TimelineEntry(
                    row.left_on,
                    "group_left",
                    _("Left the responsibility group"),
                    url,
                    row.data_class,
                )
            )
    return entries


def coordinators_export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    found = dump_records(Coordination, "course", accesses)
    return {a.course.pk: found[a.course.pk] for a in accesses if found[a.course.pk]}


def group_export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    found = dump_records(GroupMember, "course", accesses)
    return {a.course.pk: found[a.course.pk] for a in accesses if found[a.course.pk]}


def summaries_export(accesses: Sequence[CourseAccess]) -> dict[uuid.UUID, Any]:
    """The summaries shared with members without an account: each with the text given, for a
    reader who may read every part it holds (its plan part is the joint plan)."""
    found = dump_records(SummaryShare, "course", accesses)
    result = {}
    for access in accesses:
        rows = [
            row
            for row in found[access.course.pk]
            if all(
                access.may_read(cls) for cls in NetworkPolicy.share_classes(row.get("parts") or ())
            )
        ]
        if rows:
            result[access.course.pk] = rows
    return result


PART = Part(
    name="network",
    timeline=timeline,
    export=(
        ("coordinators", coordinators_export),
        ("responsibility_group", group_export),
        ("shared_summaries", summaries_export),
    ),
    retained=(
        RetainedRecord(SummaryShare),
        RetainedRecord(Coordination),
        RetainedRecord(GroupMember),
    ),
    labelled=(Coordination, GroupMember, SummaryShare),
)
