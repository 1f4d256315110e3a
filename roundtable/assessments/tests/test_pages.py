"""The assessments page: each reader sees the sections their data classes allow, writers get
the edit forms, bad input is a form error with nothing saved, and the page's query count does
not grow with the records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.assessments.models import CareSession, SymptomScore, VocationalAssessment
from roundtable.assessments.testing import (
    CAPACITY,
    HEALTH_SUMMARY,
    THERAPY_NOTE,
    VOCATIONAL_SUMMARY,
    days_ago,
    fill_everything,
    record_score,
    record_session,
)

pytestmark = pytest.mark.django_db


def _page(client, cast):
    return client.get(reverse("assessments:page", args=[cast.anna.id]))


def test_care_manager_sees_health_with_therapy_notes_and_the_symptom_chart(client, login, cast):
    fill_everything(cast)
    login(cast.alice)
    body = _page(client, cast).content.decode()
    for text in (HEALTH_SUMMARY, CAPACITY, THERAPY_NOTE, "data:image/svg+xml;base64", "GAD-7"):
        assert text in body
    assert reverse("assessments:session-new", args=[cast.anna.id]) in body
    # The vocational record is the employment side's; the joint contact details are shared.
    assert VOCATIONAL_SUMMARY not in body and "Mette Manager" in body


def test_employment_consultant_never_sees_therapy_notes_or_health_summary(client, login, cast):
    fill_everything(cast)
    login(cast.bob)
    body = _page(client, cast).content.decode()
    assert VOCATIONAL_SUMMARY in body and "Own café one day" in body
    for secret in (THERAPY_NOTE, "boundary-setting", HEALTH_SUMMARY, "GAD-7", "Panic attacks"):
        assert secret not in body
    assert reverse("assessments:session-new", args=[cast.anna.id]) not in body


@pytest.mark.parametrize("who", ["tina", "sam"])
def test_team_leader_and_supervisor_read_without_edit_buttons(client, login, cast, who):
    fill_everything(cast)
    login(getattr(cast, who))
    response = _page(client, cast)
    body = response.content.decode()
    assert response.status_code == 200 and HEALTH_SUMMARY in body
    assert reverse("assessments:health-edit", args=[cast.anna.id]) not in body
    assert client.get(reverse("assessments:health-edit", args=[cast.anna.id])).status_code == 403


def test_citizen_reads_their_own_page_in_plain_words_without_therapy_notes(client, login, cast):
    fill_everything(cast)
    login(cast.anna)
    assert _page(client, cast)["Location"] == reverse("assessments:my-page")
    response = client.get(reverse("assessments:my-page"))
    body = response.content.decode()
    assert response.status_code == 200
    for text in (HEALTH_SUMMARY, CAPACITY, VOCATIONAL_SUMMARY, "Panic attacks", "Sickness benefit"):
        assert text in body
    assert THERAPY_NOTE not in body
    assert "You have used 2 of your 12 sessions." in body


def test_citizen_writes_their_own_wishes(client, login, cast):
    fill_everything(cast)
    login(cast.anna)
    url = reverse("assessments:my-wishes")
    assert client.get(url).status_code == 200
    response = client.post(url, {"mental_health": "To sleep through the night"})
    assert response.status_code == 302
    assert (
        "To sleep through the night" in client.get(reverse("assessments:my-page")).content.decode()
    )


def test_care_manager_records_a_session_and_a_score_through_the_forms(client, login, cast):
    login(cast.alice)
    c = cast.anna.id
    response = client.post(
        reverse("assessments:session-new", args=[c]),
        {
            "held_on": days_ago(1).isoformat(),
            "kind": "video",
            "attendance": "attended",
            "notes": "N",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("assessments:symptom-new", args=[c]),
        {"instrument": "WSAS", "score": "18", "measured_on": days_ago(1).isoformat()},
    )
    assert response.status_code == 302
    assert CareSession.objects.count() == 1 and SymptomScore.objects.get().instrument == "WSAS"


def test_out_of_range_score_is_a_form_error_and_nothing_is_saved(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("assessments:symptom-new", args=[cast.anna.id]),
        {"instrument": "PHQ-9", "score": "30", "measured_on": days_ago(1).isoformat()},
    )
    assert response.status_code == 400
    assert "A PHQ-9 score is between 0 and 27." in response.content.decode()
    assert not SymptomScore.objects.exists()


def test_step_ending_before_it_starts_is_a_form_error(client, login, cast):
    login(cast.alice)
    response = client.post(
        reverse("assessments:care-step-new", args=[cast.anna.id]),
        {
            "treatment": "cbt",
            "starts_on": days_ago(1).isoformat(),
            "ends_on": days_ago(9).isoformat(),
            "status": "active",
        },
    )
    assert response.status_code == 400
    assert "The step cannot end before it starts." in response.content.decode()


def test_negative_hours_are_a_form_error(client, login, cast):
    login(cast.bob)
    response = client.post(
        reverse("assessments:vocational-edit", args=[cast.anna.id]),
        {
            "assessed_on": days_ago(1).isoformat(),
            "work_capacity_hours": "-4",
            "route": "job_search",
        },
    )
    assert response.status_code == 400
    assert not VocationalAssessment.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "health-edit",
        "capacity-edit",
        "care-step-new",
        "session-new",
        "symptom-new",
        "vocational-edit",
        "employer-contact-edit",
        "vocational-step-new",
        "ips-profile-edit",
        "ips-plan-edit",
        "mapping-edit",
    ],
)
def test_every_edit_form_opens_for_its_writer(client, login, cast, name):
    fill_everything(cast)
    writer = cast.bob if name.startswith(("vocational", "employer", "ips")) else cast.alice
    login(writer)
    response = client.get(reverse(f"assessments:{name}", args=[cast.anna.id]))
    assert response.status_code == 200
    assert "<label" in response.content.decode()


def test_employment_consultant_may_not_open_the_health_forms(client, login, cast):
    login(cast.bob)
    for name in ("health-edit", "session-new", "symptom-new", "care-step-new"):
        assert client.get(reverse(f"assessments:{name}", args=[cast.anna.id])).status_code == 403


def test_mapping_form_shows_only_the_areas_the_writer_may_read(client, login, cast):
    login(cast.bob)
    body = client.get(reverse("assessments:mapping-edit", args=[cast.anna.id])).content.decode()
    assert "work_education-situation" in body and "mental_health-situation" not in body


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("who", "url_name"), [("alice", "page"), ("bob", "page"), ("anna", "my")])
def test_page_queries_do_not_grow_with_records(
    client, login, cast, django_assert_max_num_queries, who, url_name
):
    fill_everything(cast)
    login(getattr(cast, who))
    url = (
        reverse("assessments:my-page")
        if url_name == "my"
        else reverse("assessments:page", args=[cast.anna.id])
    )
    few = _queries(client, url)
    for day in range(2, 12):
        record_session(cast.alice, cast.anna, days=day, notes=f"n{day}")
        record_score(cast.alice, cast.anna, "PHQ-9", day, days=day)
    assert _queries(client, url) == few
    with django_assert_max_num_queries(30):
        client.get(url)


def test_employment_consultant_fills_in_work_areas_and_posted_health_areas_are_ignored(
    client, login, cast
):
    from roundtable.assessments.models import LifeArea

    login(cast.bob)
    response = client.post(
        reverse("assessments:mapping-edit", args=[cast.anna.id]),
        {
            "work_education-situation": "Baker, on sick leave",
            "economy-wishes": "A budget",
            "mental_health-situation": "Smuggled in",
            "filled_with_citizen": "on",
            "filled_on": days_ago(1).isoformat(),
        },
    )
    assert response.status_code == 302
    assert set(LifeArea.objects.values_list("area", flat=True)) == {"work_education", "economy"}
    assert LifeArea.objects.filter(filled_with_citizen=True, filled_on=days_ago(1)).count() == 2


def test_mapping_with_the_citizen_but_no_date_is_a_form_error(client, login, cast):
    from roundtable.assessments.models import LifeArea

    login(cast.alice)
    response = client.post(
        reverse("assessments:mapping-edit", args=[cast.anna.id]),
        {"family-situation": "Two children", "filled_with_citizen": "on"},
    )
    assert response.status_code == 400
    assert not LifeArea.objects.exists()


def test_a_team_without_ips_shows_no_ips_sections(client, login, cast):
    fill_everything(cast, ips=False)
    login(cast.bob)
    body = _page(client, cast).content.decode()
    assert "IPS career profile" not in body
    assert (
        client.get(reverse("assessments:ips-profile-edit", args=[cast.anna.id])).status_code == 403
    )


def test_care_manager_changes_a_care_step_through_its_form(client, login, cast):
    from roundtable.assessments.models import CareStep

    fill_everything(cast)
    step = CareStep.objects.get()
    login(cast.alice)
    url = reverse("assessments:care-step-edit", args=[cast.anna.id, step.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "treatment": "psychoeducation",
            "starts_on": step.starts_on.isoformat(),
            "ends_on": days_ago(1).isoformat(),
            "status": "completed",
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "completed"


def test_budget_warning_shows_on_the_page_when_nearly_used(client, login, cast):
    from roundtable.assessments import services

    services.team_programme_set(team_id=cast.alpha.id, is_ips=False, session_budget=3)
    record_session(cast.alice, cast.anna, days=3)
    record_session(cast.alice, cast.anna, days=2)
    login(cast.alice)
    body = _page(client, cast).content.decode()
    assert "Sessions used: 2 of 3." in body and "Only 1 of 3 sessions are left." in body
