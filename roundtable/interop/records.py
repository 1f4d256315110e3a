"""What the FHIR door may say about one citizen, loaded from what the gate decided.

`citizen_records(access)` takes the gate's `CitizenAccess` and reads, in a fixed number of
queries whatever the number of courses and records, only what each course's access lets the
caller read — the same data-class filters as the access export and the pages:

- the course itself (status, period, team) for every course the caller sees; its diagnosis
  group only where `shows_diagnosis`;
- published plan versions where `joint_plan` is readable, each as `filtered_snapshot` shows it
  (sections of classes the caller may not read left out entirely, decisions only with the
  minutes);
- meetings of every course seen (time, place, status, as the meeting list shows them); their
  purpose, guests and decisions only where `meeting_minutes` is readable;
- the course's responsibility group (`network.GroupMember`) and who of it takes part in each
  meeting, only where `contact_details` is readable: the group is the citizen's contact
  details, as on the pages (`meetings.selectors.meeting_group_participants`);
- symptom scores of the classes the caller may read (`health_summary`);
- the citizen's consent directives (every version: they govern what everyone else sees);
- the access log and the national id for the citizen themselves only, as in the access export.

Therapy notes, journal entries and the assessments' free text are not served at all. The
mapping (`mapping.py`) is given these records and nothing else: it cannot show what was not
loaded.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from roundtable.audit.selectors import AccessLogEntry, access_log_for_export
from roundtable.care.models import SymptomScore
from roundtable.care.policies import readable_classes_of
from roundtable.citizens.gate import CitizenAccess, CourseAccess
from roundtable.citizens.groups import MEMBER_NAMING
from roundtable.citizens.models import Citizen, Course
from roundtable.consent.models import ConsentDirective, ConsentProvision
from roundtable.core.data_classes import DataClass
from roundtable.meetings.models import Decision, Meeting, MeetingParticipant
from roundtable.network.models import GroupMember
from roundtable.organisations.models import Membership, Organisation, Professional
from roundtable.plans.models import PlanVersion
from roundtable.plans.selectors import filtered_snapshot


@dataclass(frozen=True)
class PublishedVersion:
    version: PlanVersion
    plan: dict[str, Any]  # the snapshot as the caller may read it
    previous_id: uuid.UUID | None


@dataclass(frozen=True)
class MeetingView:
    meeting: Meeting
    # False where consent keeps the purpose, guests and decisions from the caller.
    minutes_shared: bool
    decisions: list[Decision]
    # Who takes part from the responsibility group; empty where `contact_details` is not
    # readable.
    group: list[MeetingParticipant] = field(default_factory=list)


@dataclass(frozen=True)
class CourseRecords:
    access: CourseAccess
    members: list[Membership]
    versions: list[PublishedVersion]
    meetings: list[MeetingView]
    scores: list[SymptomScore]
    # The course's responsibility group, members who left included (with the day they left);
    # empty where `contact_details` is not readable.
    group: list[GroupMember] = field(default_factory=list)

    @property
    def course(self) -> Course:
        return self.access.course

    @property
    def diagnosis_group(self) -> str | None:
        return self.course.diagnosis_group if self.access.shows_diagnosis else None


@dataclass(frozen=True)
class CitizenRecords:
    citizen: Citizen
    jurisdiction: str
    courses: list[CourseRecords]
    consents: list[ConsentDirective]
    professionals: dict[uuid.UUID, Professional]
    organisations: dict[uuid.UUID, Organisation]
    # The citizen's own: their national id and who has looked at their record.
    national_id: str | None = None
    access_log: list[AccessLogEntry] = field(default_factory=list)

    @property
    def classes_shown(self) -> set[str]:
        return {c for r in self.courses for c in r.access.visible}


def _members(courses: list[Course]) -> dict[uuid.UUID, list[Membership]]:
    rows = (
        Membership.objects.filter(team_id__in={c.team_id for c in courses})
        .select_related("professional__user", "professional__organisation")
        .order_by("professional__role", "professional__user__last_name", "pk")
    )
    by_team: dict[uuid.UUID, list[Membership]] = defaultdict(list)
    for row in rows:
        by_team[row.team_id].append(row)
    return by_team


def _group_readable(accesses: list[CourseAccess]) -> list[uuid.UUID]:
    return [a.course.pk for a in accesses if a.may_read(DataClass.CONTACT_DETAILS)]


def _group(accesses: list[CourseAccess]) -> dict[uuid.UUID, list[GroupMember]]:
    """The responsibility groups of every course whose contact details are readable (one
    query, whatever the number of courses and members)."""
    readable = _group_readable(accesses)
    if not readable:
        return {}
    rows = (
        GroupMember.objects.filter(course_id__in=readable)
        .select_related(*MEMBER_NAMING)
        .order_by("course_id", "joined_on", "created_at")
    )
    by_course: dict[uuid.UUID, list[GroupMember]] = defaultdict(list)
    for row in rows:
        by_course[row.course_id].append(row)
    return by_course


def _versions(accesses: list[CourseAccess]) -> dict[uuid.UUID, list[PublishedVersion]]:
    readable = {a.course.pk: a.visible for a in accesses if a.may_read(DataClass.JOINT_PLAN)}
    rows = (
        PlanVersion.objects.filter(plan__course_id__in=list(readable))
        .select_related("plan", "published_by__user", "published_by__organisation")
        .order_by("plan__course_id", "number")
    )
    result: dict[uuid.UUID, list[PublishedVersion]] = defaultdict(list)
    for version in rows:
        course_id = version.plan.course_id
        earlier = result[course_id]
        result[course_id].append(
            PublishedVersion(
                version=version,
                plan=filtered_snapshot(version.snapshot, readable[course_id]),
                previous_id=earlier[-1].version.pk if earlier else None,
            )
        )
    return result


def _meetings(accesses: list[CourseAccess]) -> dict[uuid.UUID, list[MeetingView]]:
    shared = {a.course.pk: a.may_read(DataClass.MEETING_MINUTES) for a in accesses}
    group_readable = set(_group_readable(accesses))
    participants = (
        MeetingParticipant.objects.filter(meeting__course_id__in=group_readable)
        .select_related(*(f"member__{path}" for path in MEMBER_NAMING))
        .order_by("member__joined_on", "member__created_at")  # as the meeting page lists them
    )
    rows = (
        Meeting.objects.filter(course_id__in=list(shared))
        .prefetch_related(
            "guests",
            Prefetch("group_participants", queryset=participants),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("type", "subtype").order_by(
                    "order", "created_at"
                ),
            ),
        )
        .order_by("starts_at", "id")
    )
    result: dict[uuid.UUID, list[MeetingView]] = defaultdict(list)
    for meeting in rows:
        minutes = shared[meeting.course_id]
        result[meeting.course_id].append(
            MeetingView(
                meeting=meeting,
                minutes_shared=minutes,
                decisions=list(meeting.decisions.all()) if minutes else [],
                group=(
                    list(meeting.group_participants.all())
                    if meeting.course_id in group_readable
                    else []
                ),
            )
        )
    return result


def _scores(accesses: list[CourseAccess]) -> dict[uuid.UUID, list[SymptomScore]]:
    classes = {a.course.pk: readable_classes_of(a) for a in accesses}
    rows = SymptomScore.objects.filter(course_id__in=list(classes)).order_by(
        "measured_on", "created_at"
    )
    result: dict[uuid.UUID, list[SymptomScore]] = defaultdict(list)
    for score in rows:
        if score.data_class in classes[score.course_id]:
            result[score.course_id].append(score)
    return result


def _consents(citizen_id: uuid.UUID) -> list[ConsentDirective]:
    provisions = ConsentProvision.objects.select_related("recipient_organisation").order_by(
        "order", "pk"
    )
    return list(
        ConsentDirective.objects.filter(citizen_id=citizen_id)
        .prefetch_related(Prefetch("provisions", queryset=provisions))
        .order_by("version")
    )


def _professionals(
    courses: list[CourseRecords],
) -> tuple[dict[uuid.UUID, Professional], dict[uuid.UUID, Organisation]]:
    """Everyone a resource names — team members, responsibility-group members with an
    account, the course's care manager and employment consultant, whoever published a plan
    version — with their organisations; one query for the few not already loaded."""
    found: dict[uuid.UUID, Professional] = {}
    for records in courses:
        for membership in records.members:
            found[membership.professional_id] = membership.professional
        # Group members with an account are named by the CareTeam and the Encounters.
        for member in records.group:
            if member.professional is not None:
                found.setdefault(member.professional.pk, member.professional)
    named: set[uuid.UUID] = set()
    for records in courses:
        course = records.course
        named.update(pk for pk in (course.care_manager_id, course.employment_consultant_id) if pk)
        named.update(v.version.published_by_id for v in records.versions)
    missing = named - set(found)
    if missing:
        for professional in Professional.objects.filter(pk__in=missing).select_related(
            "user", "organisation"
        ):
            found[professional.pk] = professional
    organisations = {p.organisation_id: p.organisation for p in found.values()}
    return found, organisations


def citizen_records(access: CitizenAccess) -> CitizenRecords:
    """Everything the caller may read of the citizen that the FHIR door serves."""
    accesses = sorted(access.courses, key=lambda a: (a.course.referral_date, a.course.created_at))
    course_list = [a.course for a in accesses]
    members = _members(course_list)
    versions = _versions(accesses)
    meetings = _meetings(accesses)
    scores = _scores(accesses)
    group = _group(accesses)
    courses = [
        CourseRecords(
            access=a,
            members=members.get(a.course.team_id, []),
            versions=versions.get(a.course.pk, []),
            meetings=meetings.get(a.course.pk, []),
            scores=scores.get(a.course.pk, []),
            group=group.get(a.course.pk, []),
        )
        for a in accesses
    ]
    professionals, organisations = _professionals(courses)
    citizen = access.citizen
    own = access.actor.is_citizen and access.actor.citizen_id == citizen.pk
    national_id = None
    log: list[AccessLogEntry] = []
    if own:
        national_id = Citizen.objects.values_list("national_id", flat=True).get(pk=citizen.pk)
        log = list(access_log_for_export(citizen_id=citizen.pk, user_id=access.actor.user_id))
    current = access.current
    return CitizenRecords(
        citizen=citizen,
        jurisdiction=current.course.jurisdiction if current else "",
        courses=courses,
        consents=_consents(citizen.pk) if accesses else [],
        professionals=professionals,
        organisations=organisations,
        national_id=national_id,
        access_log=log,
    )
