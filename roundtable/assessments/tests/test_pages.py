"""The assessments page: each reader sees the sections their data classes allow, writers get
the links to the edit forms, the citizen reads their own page in plain words, and the page's
query count does not grow with the records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.assessments.testing import fill_everything
from roundtable.care.testing import (
    CAPACITY,
    HEALTH_SUMMARY,
    THERAPY_NOTE,
    record_score,
    record_session,
)
from roundtable.organisations.services import team_programme_set
from roundtable.vocational.testing import VOCATIONAL_SUMMARY

pytestmark = pytest.mark.django_db


def _page(client, cast):
    return client.get(reverse("assessments:page", args=[cast.anna.id]))


def test_care_manager_sees_health_with_therapy_notes_and_the_symptom_chart(client, login, cast):
    fill_everything(cast)
    login(cast.alice)
    body = _page(client, cast).content.decode()
    for text in (HEALTH_SUMMARY, CAPACITY, THERAPY_NOTE, "data:image/svg+xml;base64", "GAD-7"):
        assert text in body
    assert reverse("care:session-new", args=[cast.anna.id]) in body
    # The vocational record is the employment side's; the joint contact details are shared.
    assert VOCATIONAL_SUMMARY not in body and "Mette Manager" in body


def test_employment_consultant_never_sees_therapy_notes_or_health_summary(client, login, cast):
    fill_everything(cast)
    login(cast.bob)
    body = _page(client, cast).content.decode()
    assert VOCATIONAL_SUMMARY in body and "Own café one day" in body
    for secret in (THERAPY_NOTE, "boundary-setting", HEALTH_SUMMARY, "GAD-7", "Panic attacks"):
        assert secret not in body
    assert reverse("care:session-new", args=[cast.anna.id]) not in body
    assert reverse("vocational:vocational-edit", args=[cast.anna.id]) in body


@pytest.mark.parametrize("who", ["tina", "sam"])
def test_team_leader_and_supervisor_read_without_edit_buttons(client, login, cast, who):
    fill_everything(cast)
    login(getattr(cast, who))
    response = _page(client, cast)
    body = response.content.decode()
    assert response.status_code == 200 and HEALTH_SUMMARY in body
    assert reverse("care:health-edit", args=[cast.anna.id]) not in body
    assert client.get(reverse("care:health-edit", args=[cast.anna.id])).status_code == 403


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
    assert reverse("lifesituation:my-wishes") in body


def test_a_team_without_ips_shows_no_ips_sections(client, login, cast):
    fill_everything(cast, ips=False)
    login(cast.bob)
    body = _page(client, cast).content.decode()
    assert "IPS career profile" not in body
    assert (
        client.get(reverse("vocational:ips-profile-edit", args=[cast.anna.id])).status_code == 403
    )


def test_budget_warning_shows_on_the_page_when_nearly_used(client, login, cast):
    team_programme_set(team_id=cast.alpha.id, is_ips=False, session_budget=3)
    record_session(cast.alice, cast.anna, days=3)
    record_session(cast.alice, cast.anna, days=2)
    login(cast.alice)
    body = _page(client, cast).content.decode()
    assert "Sessions used: 2 of 3." in body and "Only 1 of 3 sessions is left." in body


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
