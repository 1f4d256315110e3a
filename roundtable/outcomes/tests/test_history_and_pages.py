"""The work and benefit history, the register import and the return-to-work page."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.outcomes import services
from roundtable.outcomes.models import RegisterWeek, WorkHistoryEntry
from roundtable.outcomes.services import HistoryData, ImportRefused, register_import
from roundtable.outcomes.testing import returned_population
from roundtable.sickleave.models import BenefitPeriod
from roundtable.vocational.testing import actor_of

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def job(**extra) -> HistoryData:
    values: dict[str, Any] = {
        "kind": "job",
        "starts_on": TODAY - dt.timedelta(days=10),
        "employer": "Bageriet Nord",
        "job_title": "Bager",
        "terms": "competitive",
        "hours_per_week": "30",
    }
    values.update(extra)
    return HistoryData(**values)


def test_the_employment_consultant_records_a_job_start_and_the_citizen_sees_it(client, cast):
    client.force_login(cast.bob.user)
    url = reverse("outcomes:history", args=[cast.anna.id])
    form = {
        "kind": "job",
        "starts_on": (TODAY - dt.timedelta(days=3)).isoformat(),
        "employer": "Bageriet Nord",
        "job_title": "Bagerassistent",
        "terms": "competitive",
        "hours_per_week": "22.5",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    assert "Bagerassistent" in client.get(url).content.decode()
    client.force_login(cast.anna.user)
    page = client.get(reverse("outcomes:my-history")).content.decode()
    assert "Bagerassistent" in page and "22.5 hours a week" in page


def test_another_teams_professional_gets_404_on_the_history(client, cast):
    client.force_login(cast.dave.user)
    url = reverse("outcomes:history", args=[cast.anna.id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "job"}).status_code == 404
    assert not WorkHistoryEntry.objects.exists()


def test_the_care_manager_reads_but_may_not_record(client, cast):
    client.force_login(cast.alice.user)
    url = reverse("outcomes:history", args=[cast.anna.id])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "benefit", "starts_on": TODAY.isoformat()})
    assert response.status_code == 403
    assert not WorkHistoryEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (job(starts_on=TODAY + dt.timedelta(days=2)), "cannot be in the future"),
        (job(ends_on=TODAY - dt.timedelta(days=20)), "cannot be before the first day"),
        (job(employer=""), "Give the employer and the job title."),
        (job(hours_per_week="90"), "from 0 to 80"),
        (HistoryData(kind="benefit", starts_on=TODAY), "Choose the benefit status"),
    ],
)
def test_impossible_history_is_refused_with_a_reason_and_nothing_saved(cast, data, message):
    with pytest.raises(ValidationError) as raised:
        services.work_history_record(actor=actor_of(cast.bob), citizen_id=cast.anna.id, data=data)
    assert any(message in m for m in raised.value.messages)
    assert not WorkHistoryEntry.objects.exists()


def test_two_benefit_statuses_cannot_start_on_the_same_day(cast):
    status = HistoryData(kind="benefit", starts_on=TODAY, benefit_status="sickness_benefit")
    services.work_history_record(actor=actor_of(cast.bob), citizen_id=cast.anna.id, data=status)
    with pytest.raises(ValidationError):
        services.work_history_record(
            actor=actor_of(cast.bob),
            citizen_id=cast.anna.id,
            data=HistoryData(kind="benefit", starts_on=TODAY, benefit_status="none"),
        )
    assert WorkHistoryEntry.objects.get().data_class == "benefit_decision"


def _register(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "dream.csv"
    lines = ["national_id,iso_week,code", *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


MAPPING = {"SDP": "health_benefit", "DPG": "other_benefit", "FLX": "work"}


def test_a_register_file_imports_once_and_again_adds_nothing(cast, tmp_path):
    path = _register(
        tmp_path,
        [
            ("010190-1234", "2026-W10", "SDP"),
            ("010190 1234", "2026-W11", "SDP"),
            ("020285-5678", "2026-W10", "DPG"),
        ],
    )
    first = register_import(actor=None, path=path, jurisdiction="dk", mapping=MAPPING)
    again = register_import(actor=None, path=path, jurisdiction="dk", mapping=MAPPING)
    assert (first.rows_added, first.people) == (3, 2)
    assert (again.rows_added, again.rows_known) == (0, 3)
    assert RegisterWeek.objects.count() == 3
    event = AuditEvent.objects.filter(object_type="register_import").last()
    assert event.detail == {"rows_read": 3, "rows_added": 0, "people": 2}
    assert "010190" not in str(event.detail)


def test_a_register_file_with_bad_rows_imports_nothing_and_names_every_line(cast, tmp_path):
    path = _register(
        tmp_path,
        [
            ("010190-1234", "2026-W10", "SDP"),
            ("999999-0000", "2026-W10", "SDP"),
            ("010190-1234", "2026-W60", "SDP"),
            ("010190-1234", "2026-W12", "ZZZ"),
        ],
    )
    with pytest.raises(ImportRefused) as raised:
        register_import(actor=None, path=path, jurisdiction="dk", mapping=MAPPING)
    assert [(r.line, r.reason) for r in raised.value.rejected] == [
        (3, "unknown person"),
        (4, "bad week '2026-W60'"),
        (5, "unknown code 'ZZZ'"),
    ]
    assert not RegisterWeek.objects.exists()


def test_the_team_leader_sees_the_teams_curve_and_a_small_group_is_suppressed(
    client, cast, settings
):
    settings.ROUNDTABLE_RESEARCH_K = 3
    returned_population(cast, 4, cast.alpha, returned_after=6)
    BenefitPeriod.objects.create(
        course=cast.anna_course, start=cast.anna_course.first_absence_day, recorded_by=cast.bob
    )
    client.force_login(cast.tina.user)
    page = client.get(reverse("outcomes:overview"), {"by": "diagnosis"}).content.decode()
    assert "data:image/svg+xml;base64," in page
    # Four of depression back after six weeks; Anna (anxiety) alone is under k.
    assert "Fewer than 3 people: not shown" in page
    assert "Depression" in page
    assert "Anna" not in page and "Secretperson" not in page


def test_a_manager_sees_aggregates_of_the_teams_with_members_from_their_organisation(
    client, cast, settings
):
    settings.ROUNDTABLE_RESEARCH_K = 3
    returned_population(cast, 3, cast.alpha, returned_after=6)
    returned_population(cast, 3, cast.beta, returned_after=None)
    client.force_login(cast.mona.user)
    response = client.get(reverse("outcomes:overview"), {"by": "team"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Team Alpha" in page and "Team Beta" in page
    assert "Person Number" not in page
    assert "Log-rank test" in page


def test_people_without_oversight_and_other_teams_get_404(client, cast):
    for person in (cast.alice.user, cast.bob.user, cast.anna.user):
        client.force_login(person)
        assert client.get(reverse("outcomes:overview")).status_code == 404
    client.force_login(cast.tina.user)
    response = client.get(reverse("outcomes:overview"), {"team": str(cast.beta.id)})
    assert response.status_code == 404
    assert AuditEvent.objects.filter(object_type="outcomes", outcome="not_found").exists()


def test_the_outcome_page_costs_the_same_queries_for_more_courses(client, cast, settings):
    settings.ROUNDTABLE_RESEARCH_K = 3
    returned_population(cast, 3, cast.alpha, returned_after=5)
    client.force_login(cast.tina.user)
    url = reverse("outcomes:overview")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    returned_population(cast, 12, cast.beta, returned_after=8)
    returned_population(cast, 9, cast.alpha, returned_after=None)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_register_weeks_win_over_the_recorded_history(cast, tmp_path, settings):
    from roundtable.outcomes.selectors import course_outcomes

    course = cast.anna_course
    BenefitPeriod.objects.create(
        course=course, start=course.referral_date, end=None, recorded_by=cast.bob
    )
    recorded, _ = course_outcomes([cast.alpha.id], by="team", team_names={})
    assert (recorded[0].source, recorded[0].outcome.rtw) == ("history", False)
    week = course.referral_date - dt.timedelta(days=course.referral_date.weekday())
    iso = week.isocalendar()
    path = _register(tmp_path, [("010190-1234", f"{iso.year}-W{iso.week:02d}", "SDP")])
    register_import(actor=None, path=path, jurisdiction="dk", mapping=MAPPING)
    today = timezone.localdate()
    later = today + dt.timedelta(weeks=10)
    measured, _ = course_outcomes([cast.alpha.id], by="team", team_names={}, today=later)
    # The register has one benefit week (week 0) and ends there: censored at week 0.
    assert measured[0].source == "register"
    assert (measured[0].outcome.rtw, measured[0].outcome.censored_at_week) == (False, 0)


def test_the_research_export_carries_the_outcomes_and_trial_arms(client, cast, settings):
    from roundtable.research.tests.factories import evaluator

    settings.ROUNDTABLE_RESEARCH_K = 2
    returned_population(cast, 3, cast.alpha, returned_after=6)
    returned_population(cast, 2, cast.alpha, returned_after=None)
    vera = evaluator(cast, cast.alpha, name="Vera Alpha")
    course = cast.alpha.courses.exclude(pk=cast.anna_course.pk).first()
    services.trial_arm_set(
        actor=actor_of(vera), course_id=course.pk, arm="Integrated", randomised_on=TODAY
    )
    client.force_login(vera.user)
    rows = client.get(reverse("research:export"), {"format": "json"}).json()["rows"]
    returned = [r for r in rows if r["rtw"] is True]
    assert len(returned) == 2  # the one randomised today has not returned since
    # Benefit ends on a day of week 6, so the first whole week at work is week 7.
    assert {r["weeks_to_rtw"] for r in returned} == {7}
    assert {r["trial_arm"] for r in rows} == {"", "Integrated"}
    censored = [r for r in rows if r["rtw"] is False]
    assert all(r["censored_at_week"] >= 0 and r["relapse"] is None for r in censored)


def test_only_an_evaluator_of_the_team_records_a_trial_arm(cast):
    from django.http import Http404

    with pytest.raises(Http404):
        services.trial_arm_set(
            actor=actor_of(cast.tina),
            course_id=cast.anna_course.pk,
            arm="Integrated",
            randomised_on=TODAY,
        )
