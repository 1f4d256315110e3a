"""Demo evidence for the benefit case (issue 13, 5): notes written in the app, in every state.

Written through the sick-leave services, so versions, notices and audit events are real. On the
Danish courses whose citizen lets the jobcentre read what they can do at work:
- one request just made of the care manager (requested);
- one the team's psychologist has begun (a draft);
- one the care manager has made ready, which the citizen has commented on (ready for the
  citizen; the first such citizen can sign in and read it);
- one the team's psychiatrist wrote and sent (sent);
- one asked of the psychologist two weeks ago and now past its date (overdue: it shows on the
  team leader's "Reassessments at risk").
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from roundtable.accounts.actor import actor_for_user
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.core.data_classes import DataClass
from roundtable.demo.content import da
from roundtable.organisations.models import Professional
from roundtable.sickleave import services
from roundtable.sickleave.models import EvidenceRequest
from roundtable.sickleave.selectors import evidence_addressee_list, jobcentre_reads

NOTE = {
    "capacity": "partial",
    "hours_per_week": 12,
    "functional_capacity": (
        "Kan arbejde med afgrænsede opgaver i rolige omgivelser. Har svært ved tidspres og"
        " mange skift i løbet af dagen. Koncentrationen holder ca. to timer ad gangen."
    ),
    "prognosis": "6m",
    "prognosis_text": (
        "Behandlingen virker. Timetallet kan forventes at stige gradvist over de næste måneder."
    ),
}
DRAFT_NOTE = {
    "capacity": "none",
    "functional_capacity": "Søvn og energi er endnu ikke stabile nok til arbejde.",
    "prognosis": "unclear",
}
CITIZEN_COMMENT = "Jeg er enig. Jeg vil gerne starte med formiddage."


def _titled(course: Course, title: str) -> Professional | None:
    return next((p for p in evidence_addressee_list(course=course) if p.title == title), None)


def demo_evidence_load(*, today: dt.date) -> None:
    """Evidence requests and notes in several states (after the demo consent)."""
    courses = [
        c
        for c in Course.objects.filter(
            status__in=OPEN_STATUSES,
            jurisdiction="dk",
            first_absence_day__isnull=False,
            care_manager__isnull=False,
            employment_consultant__isnull=False,
        )
        .select_related("citizen", "care_manager__user", "employment_consultant__user")
        # Citizens who sign in first, on every database (PostgreSQL sorts NULL first in DESC).
        .order_by(F("citizen__user_id").desc(nulls_last=True), "citizen__family_name", "id")
        if not EvidenceRequest.objects.filter(course=c, status=EvidenceRequest.Status.OPEN).exists()
    ]
    shared = []
    for course in courses:
        probe = EvidenceRequest(course=course, requested_by=course.employment_consultant)
        if jobcentre_reads(probe, DataClass.FUNCTIONAL_CAPACITY):
            shared.append(course)
    psychologist_title = da.TITLES["psychologist"]
    psychiatrist_title = da.TITLES["psychiatrist"]

    def ask(course: Course, assignee: Professional, *, due_in: int, asked_days_ago: int = 0):
        assert course.employment_consultant is not None
        return services.evidence_request_create(
            actor=actor_for_user(course.employment_consultant.user),
            citizen_id=course.citizen_id,
            question=da.EVIDENCE_QUESTION,
            due_on=today + dt.timedelta(days=due_in),
            ground=3,
            assignee_id=assignee.pk,
            today=today - dt.timedelta(days=asked_days_ago),
        )

    def write(request: EvidenceRequest, who: Professional, note: dict, *, ready: bool = False):
        return services.evidence_note_save(
            actor=actor_for_user(who.user), request_id=request.pk, ready=ready, **note
        )

    plan = iter(shared)
    # Ready for the citizen (first: a citizen who signs in), with the citizen's comment.
    first = next(plan, None)
    if first is not None and first.care_manager is not None:
        request = ask(first, first.care_manager, due_in=9)
        write(request, first.care_manager, DRAFT_NOTE)
        write(request, first.care_manager, NOTE, ready=True)
        if first.citizen.user_id:
            services.evidence_note_comment(
                actor=actor_for_user(first.citizen.user),
                request_id=request.pk,
                comment=CITIZEN_COMMENT,
            )
    # Sent, written by the psychiatrist.
    for course in plan:
        psychiatrist = _titled(course, psychiatrist_title)
        if psychiatrist is not None:
            request = ask(course, psychiatrist, due_in=5)
            write(request, psychiatrist, NOTE, ready=True)
            services.evidence_note_send(
                actor=actor_for_user(psychiatrist.user), request_id=request.pk
            )
            break
    # A draft by the psychologist.
    for course in plan:
        psychologist = _titled(course, psychologist_title)
        if psychologist is not None:
            write(ask(course, psychologist, due_in=12), psychologist, DRAFT_NOTE)
            break
    # Overdue: asked of the psychologist two weeks ago, due three days ago.
    for course in plan:
        psychologist = _titled(course, psychologist_title)
        if psychologist is not None:
            ask(course, psychologist, due_in=-3, asked_days_ago=14)
            break
    # Just asked of the care manager.
    last = next(plan, None)
    if last is not None and last.care_manager is not None:
        ask(last, last.care_manager, due_in=14)
