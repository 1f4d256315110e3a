"""Responsibility-group membership as the course policy sees it (issue 13 §2).

A professional of another organisation can be a member of a course's responsibility group
(roundtable.network.GroupMember). Membership is a way to see the course, but only as far as the
citizen's consent names the member's organisation or role (roundtable.consent.access, `decide`
with `outside=True`): without such a permit, membership opens nothing.

The rows belong to the network app (a domain app); the records layer reads them through the
course's reverse relation `group_members`, so it imports nothing from above. The actor's open
memberships are looked up once per request, and only for a course the actor does not already
see through the team or an assignment.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import Course
from roundtable.core.request_context import memoised

MEMO_KEY = "group"
# What names a member: their account, their organisation, or the directory service they come
# from (GroupMember.display_name and display_organisation).
MEMBER_NAMING = ("professional__user", "professional__organisation", "service__organization")


def on_course(actor: Actor, course: Course) -> bool:
    """Assigned to the course, or on its team in a team-wide role: what membership adds to."""
    if actor.professional_id in (course.care_manager_id, course.employment_consultant_id):
        return True
    return actor.sees_team_courses and course.team_id in actor.team_ids


def group_member_course_ids(actor: Actor | None) -> frozenset[uuid.UUID]:
    """The courses whose responsibility group the actor is a current member of (memoised for
    the request; nothing for citizens and those who never see a record)."""
    if actor is None or actor.is_citizen or actor.professional_id is None:
        return frozenset()
    if not actor.works_with_citizens:
        return frozenset()

    professional_id = actor.professional_id

    def load() -> frozenset[uuid.UUID]:
        return frozenset(
            Course.objects.filter(
                group_members__professional_id=professional_id,
                group_members__left_on__isnull=True,
            ).values_list("pk", flat=True)
        )

    return memoised((MEMO_KEY, professional_id), load)


def outside_member(actor: Actor | None, course: Course) -> bool:
    """Sees the course only as a member of its responsibility group (consent alone decides)."""
    if actor is None or actor.is_citizen or actor.professional_id is None:
        return False
    if on_course(actor, course):
        return False
    return course.pk in group_member_course_ids(actor)


def outside_course_ids(actor: Actor | None, courses: list[Course]) -> frozenset[uuid.UUID]:
    """Of `courses`, those the actor sees only as a group member: at most one query for any
    number of courses, none when every course is the actor's own or their team's."""
    if actor is None or actor.is_citizen or actor.professional_id is None:
        return frozenset()
    candidates = frozenset(c.pk for c in courses if not on_course(actor, c))
    if not candidates:
        return frozenset()
    return candidates & group_member_course_ids(actor)


def group_members(
    course: Course, *, ids: Iterable[uuid.UUID] | None = None, current: bool = False
) -> QuerySet[Any]:
    """The rows of the course's responsibility group with what names them, in the order they
    joined: only those named by `ids`, only those who have not left (`current`). For domain
    apps that must not import the network app (the meetings app choosing who takes part); the
    caller has the gate's decision and checks that it may read `contact_details`."""
    members = course.group_members.select_related(*MEMBER_NAMING)
    if ids is not None:
        members = members.filter(pk__in=list(ids))
    if current:
        members = members.filter(left_on__isnull=True)
    return members.order_by("joined_on", "created_at")
