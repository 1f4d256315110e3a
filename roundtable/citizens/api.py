import datetime as dt
import uuid

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from roundtable.accounts.actor import request_actor
from roundtable.citizens import selectors
from roundtable.citizens.gate import citizen_access
from roundtable.citizens.models import Course, CourseStatus, DiagnosisGroup
from roundtable.consent.access import visible_data_classes_by_course
from roundtable.core.api import BoundedLimitOffsetPagination
from roundtable.core.data_classes import DataClass
from roundtable.organisations.models import Jurisdiction

router = Router(tags=["citizens"])


class PersonRef(Schema):
    id: uuid.UUID
    name: str


class TeamRef(Schema):
    id: uuid.UUID
    name: str


class CourseOut(Schema):
    id: uuid.UUID
    status: CourseStatus
    team: TeamRef
    referral_date: dt.date
    first_absence_day: dt.date
    weeks_since_first_absence: int
    jurisdiction: Jurisdiction
    diagnosis_group: DiagnosisGroup | None
    care_manager: PersonRef | None
    employment_consultant: PersonRef | None


class CitizenOut(Schema):
    id: uuid.UUID
    given_name: str
    family_name: str
    courses: list[CourseOut]


class CitizenFilter(Schema):
    status: CourseStatus | None = None


def _person(professional) -> dict | None:
    if professional is None:
        return None
    return {"id": professional.id, "name": professional.name}


def _course(course: Course, *, show_diagnosis: bool, today: dt.date) -> dict:
    return {
        "id": course.id,
        "status": course.status,
        "team": {"id": course.team.id, "name": course.team.name},
        "referral_date": course.referral_date,
        "first_absence_day": course.first_absence_day,
        "weeks_since_first_absence": course.weeks_since_first_absence(today),
        "jurisdiction": course.jurisdiction,
        "diagnosis_group": course.diagnosis_group if show_diagnosis else None,
        "care_manager": _person(course.care_manager),
        "employment_consultant": _person(course.employment_consultant),
    }


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

    def __getitem__(self, item: slice) -> list[dict]:
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
        today = timezone.localdate()
        return [
            {
                "id": c.id,
                "given_name": c.given_name,
                "family_name": c.family_name,
                "courses": [
                    _course(course, show_diagnosis=shown[course.pk], today=today)
                    for course in by_citizen[c.id]
                ],
            }
            for c in citizens
        ]


@router.get("/{citizen_id}", response=CitizenOut)
def citizen_detail(request: HttpRequest, citizen_id: uuid.UUID):
    access = citizen_access(
        actor=request_actor(request),
        citizen_id=citizen_id,
        purpose=selectors.PURPOSE,
        shows=(DataClass.DIAGNOSIS,),
    )
    today = timezone.localdate()
    return {
        "id": access.citizen.id,
        "given_name": access.citizen.given_name,
        "family_name": access.citizen.family_name,
        "courses": [
            _course(a.course, show_diagnosis=a.shows_diagnosis, today=today) for a in access.courses
        ],
    }
