"""Entry without sick leave (zero exclusion, DOMAIN §5): a team programme takes people who want
to work whether or not they are on sick leave; no sick-leave clock applies to them, and their
outcomes count from the referral."""

import datetime as dt

import pytest
from django.urls import reverse

from roundtable.citizens.models import Course
from roundtable.organisations.models import TeamProgramme
from roundtable.outcomes.selectors import course_outcomes
from roundtable.outcomes.services import HistoryData, work_history_record
from roundtable.vocational.testing import actor_of

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _refer(client, cast, first_absence_day: str):
    client.force_login(cast.bob.user)
    return client.post(
        reverse("citizens:referral-new"),
        {
            "team": str(cast.alpha.pk),
            "given_name": "Ida",
            "family_name": "Villarbejde",
            "national_id": "030399-4321",
            "referral_date": TODAY.isoformat(),
            "first_absence_day": first_absence_day,
            "diagnosis_group": "psychosis",
            "care_manager": str(cast.alice.pk),
            "employment_consultant": str(cast.bob.pk),
        },
    )


def test_a_team_that_takes_only_sick_leave_asks_for_the_first_day_of_absence(client, cast):
    response = _refer(client, cast, "")
    assert response.status_code in (200, 400)
    assert "Give the first day of absence" in response.content.decode()
    assert not Course.objects.filter(citizen__family_name="Villarbejde").exists()


def test_a_zero_exclusion_team_refers_without_sick_leave_and_no_clock_applies(client, cast):
    TeamProgramme.objects.create(team=cast.alpha, is_ips=True, sick_leave_optional=True)
    response = _refer(client, cast, "")
    assert response.status_code == 302
    course = Course.objects.get(citizen__family_name="Villarbejde")
    assert course.first_absence_day is None
    page = client.get(reverse("sickleave:citizen", args=[course.citizen_id])).content.decode()
    assert "No sick-leave clock applies" in page
    assert "Legal milestones" not in page
    citizen_page = client.get(reverse("workspace:citizen", args=[course.citizen_id]))
    assert "own wish to work" in citizen_page.content.decode()
    assert client.get(reverse("workspace:caseload")).status_code == 200
    client.force_login(cast.tina.user)
    assert client.get(reverse("sickleave:deadlines")).status_code == 200


def test_outcomes_of_a_course_without_sick_leave_count_from_the_referral(client, cast):
    TeamProgramme.objects.create(team=cast.alpha, is_ips=True, sick_leave_optional=True)
    _refer(client, cast, "")
    course = Course.objects.get(citizen__family_name="Villarbejde")
    monday = TODAY - dt.timedelta(days=TODAY.weekday(), weeks=12)
    Course.objects.filter(pk=course.pk).update(referral_date=monday)
    work_history_record(
        actor=actor_of(cast.bob),
        citizen_id=course.citizen_id,
        data=HistoryData(
            kind="benefit",
            starts_on=monday,
            ends_on=monday + dt.timedelta(weeks=4, days=-1),  # the Sunday ending week 3
            benefit_status="social_assistance",
        ),
    )
    found, _without = course_outcomes([cast.alpha.pk], by="team", team_names={})
    mine = next(item for item in found if item.course_id == course.pk)
    assert mine.source == "history"
    assert (mine.outcome.rtw, mine.outcome.weeks_to_rtw) == (True, 4)
