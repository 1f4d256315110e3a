import datetime as dt
import uuid
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from roundtable.accounts.actor import request_actor
from roundtable.citizens import selectors
from roundtable.citizens.gate import citizen_access
from roundtable.citizens.models import Citizen, Course, CourseStatus, DiagnosisGroup
from roundtable.consent.access import visible_data_classes_by_course
from roundtable.core.api import BoundedLimitOffsetPagination, errors
from roundtable.core.data_classes import DataClass
from roundtable.organisations.models import Jurisdiction

router = Router(tags=["citizens"])


class PersonRef(Schema):
    id: uuid.UUID
    name: str


class TeamRef(Schema):
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class CourseShown:
    """A course with what consent lets the caller see of it (the gate's `CourseAccess` answers
    the same two questions)."""

    course: Course
    shows_diagnosis: bool


@dataclass(frozen=True)
class CitizenShown:
    citizen: Citizen
    courses: list[CourseShown]


class CourseOut(Schema):
    id: uuid.UUID = Field(alias="course.id")
    status: CourseStatus = Field(alias="course.status")
    team: TeamRef = Field(alias="course.team")
    referral_date: dt.date = Field(alias="course.referral_date")
    first_absence_day: dt.date | None = Field(
        alias="course.first_absence_day",
        description="Null when the person came by their own wish to work, without sick leave.",
    )
    weeks_since_first_absence: int | None
    jurisdiction: Jurisdiction = Field(alias="course.jurisdiction")
    diagnosis_group: DiagnosisGroup | None = Field(
        description="Null unless the caller's sector and the citizen's consent allow it."
    )
    care_manager: PersonRef | None = Field(alias="course.care_manager")
    employment_consultant: PersonRef | None = Field(alias="course.employment_consultant")

    @staticmethod
    def resolve_weeks_since_first_absence(shown: CourseShown) -> int | None:
        return shown.course.weeks_since_first_absence(timezone.localdate())

    @staticmethod
    def resolve_diagnosis_group(shown: CourseShown) -> str | None:
        return shown.course.diagnosis_group if shown.shows_diagnosis else None


class CitizenOut(Schema):
    """A citizen with the courses the caller may see."""

    # Read from a CitizenShown (the list) or the gate's CitizenAccess (one citizen).

    id: uuid.UUID = Field(alias="citizen.id")
    given_name: str = Field(alias="citizen.given_name")
    family_name: str = Field(alias="citizen.family_name")
    courses: list[CourseOut]


class CitizenFilter(Schema):
    status: CourseStatus | None = None


@router.get("", response=list[CitizenOut])
@paginate(BoundedLimitOffsetPagination)
def citizen_list(request: HttpRequest, filters: Query[CitizenFilter]):
    """The citizens the caller may see, with the courses the caller may see."""
    actor = request_actor(request)
    statuses = (filters.status,) if filters.status else tuple(CourseStatus)
    courses = selectors.course_list(actor=actor, mine_only=False, statuses=statuses)
    return _CitizenPage(actor=actor, courses=courses, filters={"status": filters.status})


class _CitizenPage:
    """Paginates citizens and fills in their courses with one more query per page.

    ninja's paginator slices this object; the slice is what is audited, so the event counts
    exactly the people whose data left the server.
    """

    def __init__(self, *, actor, courses, filters):
        self.actor = actor
        self.courses = courses
        self.filters = filters
        # The people behind the courses the policy already filtered: one semi-join on indexed
        # columns, never a second copy of the access filter.
        self.citizens = selectors.citizens_of(courses)

    def count(self) -> int:
        return self.citizens.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[CitizenShown]:
        citizens = list(self.citizens[item])
        by_citizen: dict[uuid.UUID, list[Course]] = {c.id: [] for c in citizens}
        page_courses = list(self.courses.filter(citizen_id__in=by_citizen))
        for course in page_courses:
            by_citizen[course.citizen_id].append(course)
        # Consent decides per course whether the diagnosis leaves the server (two queries).
        visible = visible_data_classes_by_course(self.actor, page_courses)
        shown = {
            course.pk: selectors.CoursePolicy.can_see_diagnosis(
                self.actor, course, classes=visible[course.pk]
            )
            for course in page_courses
        }
        selectors.citizen_list_audit(
            actor=self.actor,
            shown=len(citizens),
            detail={k: str(v) for k, v in self.filters.items() if v},
            consent_decision=f"diagnosis=permit {sum(shown.values())}/{len(shown)} courses",
        )
        return [
            CitizenShown(
                citizen=c,
                courses=[
                    CourseShown(course=course, shows_diagnosis=shown[course.pk])
                    for course in by_citizen[c.id]
                ],
            )
            for c in citizens
        ]


@router.get("/{citizen_id}", response={200: CitizenOut, **errors(404)})
def citizen_detail(request: HttpRequest, citizen_id: uuid.UUID):
    return citizen_access(
        actor=request_actor(request),
        citizen_id=citizen_id,
        purpose=selectors.PURPOSE,
        shows=(DataClass.DIAGNOSIS,),
    )
