"""An evaluator downloads a pseudonymised export of their own team's courses."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.citizens.models import Course
from roundtable.meetings.testing import actor_of
from roundtable.plans import services as plan_services
from roundtable.plans.testing import held_meeting, publish, save_plan
from roundtable.research.anonymise import SUPPRESSED, pseudonym
from roundtable.research.tests.factories import NAMES, evaluator, more_courses

pytestmark = pytest.mark.django_db

EXPORT = reverse("research:export")


def _json(client, **params) -> dict:
    response = client.get(EXPORT, {"format": "json", **params})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return json.loads(response.content)


def _csv_rows(client, **params) -> list[dict]:
    response = client.get(EXPORT, {"format": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _secrets(cast) -> list[str]:
    people = Course.objects.select_related("citizen")
    names = [c.citizen.given_name for c in people] + [c.citizen.family_name for c in people]
    national_ids = [c.citizen.national_id for c in people]
    staff = ["Alice", "Andersen", "Bob", "Berg", "Carol", "Dave", "Tina", "Sam"]
    return names + national_ids + staff + [str(c.pk) for c in people] + [str(cast.anna.pk)]


def test_the_evaluator_gets_only_their_teams_courses_pseudonymised(client, login, cast, settings):
    more_courses(cast, 4)  # with Anna's: 5 courses in team Alpha
    more_courses(cast, 5, team=cast.beta, start=10)
    login(evaluator(cast))
    body = _json(client)
    assert body["k"] == 5
    assert body["teams"] == ["Team Alpha"]
    alpha_ids = Course.objects.filter(team=cast.alpha).values_list("pk", flat=True)
    expected = {pseudonym(pk, settings.RESEARCH_PSEUDONYM_KEY) for pk in alpha_ids}
    assert {row["pseudonym"] for row in body["rows"]} == expected
    assert {row["team"] for row in body["rows"]} == {"Team Alpha"}


def test_an_evaluator_can_choose_one_of_their_teams(client, login, cast):
    more_courses(cast, 4)
    more_courses(cast, 5, team=cast.beta, start=10)
    login(evaluator(cast, cast.alpha, cast.beta))
    assert len(_json(client)["rows"]) == 11  # Anna, Bent and nine more
    beta_only = _json(client, team=str(cast.beta.pk))
    assert {row["team"] for row in beta_only["rows"]} == {"Team Beta"}
    assert len(beta_only["rows"]) == 6


def test_pseudonyms_are_the_same_in_every_export(client, login, cast):
    more_courses(cast, 4)
    login(evaluator(cast))
    first = sorted(row["pseudonym"] for row in _json(client)["rows"])
    assert first == sorted(row["pseudonym"] for row in _csv_rows(client))


def test_the_rows_count_meetings_decisions_plans_goals_and_agreement(client, login, cast):
    more_courses(cast, 4)
    held_meeting(cast.alice, cast.anna, decisions=3)
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    plan_services.plan_response_add(
        actor=actor_of(cast.anna), citizen_id=cast.anna.pk, number=1, agreement="agree"
    )
    login(evaluator(cast))
    rows = {row["pseudonym"]: row for row in _json(client)["rows"]}
    anna = rows[pseudonym(cast.anna_course.pk, _key())]
    assert anna["held_meetings"] == 1
    assert anna["decisions_type_return_to_work"] == 3
    assert anna["decisions_made"] == 3
    assert anna["decisions_with_pros_and_cons"] == 3
    assert anna["plan_versions"] == 1
    assert anna["goals_framework"] == 1
    assert anna["goals_temporary"] == 1
    assert anna["citizen_agreed"] is True
    assert isinstance(anna["weeks_absence_to_first_meeting"], int)
    others = [row for key, row in rows.items() if row is not anna]
    assert all(row["held_meetings"] == 0 and row["citizen_agreed"] is None for row in others)


def _key() -> str:
    from django.conf import settings

    return settings.RESEARCH_PSEUDONYM_KEY


def test_with_fewer_than_five_alike_the_diagnosis_is_suppressed(client, login, cast):
    more_courses(cast, 4)  # four depression courses and Anna's anxiety course
    login(evaluator(cast))
    body = _json(client)
    assert len(body["rows"]) == 5
    assert {row["diagnosis_group"] for row in body["rows"]} == {SUPPRESSED}
    assert {row["team"] for row in body["rows"]} == {"Team Alpha"}


def test_with_fewer_than_five_courses_nothing_identifying_is_released(client, login, cast):
    more_courses(cast, 2)
    login(evaluator(cast))
    body = _json(client)
    assert body["rows"] == []
    assert body["rows_withheld"] == SUPPRESSED
    assert all(
        cell["courses"] == SUPPRESSED for cell in body["courses_by_team_diagnosis_and_status"]
    )
    assert _csv_rows(client) == []


def test_k_comes_from_the_settings(client, login, cast, settings):
    settings.ROUNDTABLE_RESEARCH_K = 2
    more_courses(cast, 1, diagnosis="anxiety")
    login(evaluator(cast))
    body = _json(client)
    assert body["k"] == 2
    assert {row["diagnosis_group"] for row in body["rows"]} == {"anxiety"}


def test_no_names_national_ids_or_exact_dates_leave(client, login, cast):
    more_courses(cast, 9)
    held_meeting(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    login(evaluator(cast))
    for fmt in ("csv", "json"):
        text = client.get(EXPORT, {"format": fmt}).content.decode("utf-8-sig")
        for secret in _secrets(cast) + [n.split()[0] for n in NAMES]:
            assert secret not in text, secret
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
        assert "Anna" not in text and "Secretperson" not in text and "010190" not in text


def test_every_export_is_audited_once_with_counts_and_no_citizen(client, login, cast):
    more_courses(cast, 4)
    login(evaluator(cast))
    _csv_rows(client)
    events = list(AuditEvent.objects.filter(object_type="research_export"))
    assert len(events) == 1
    event = events[0]
    assert (event.action, event.outcome, event.citizen_id) == ("export", "allowed", None)
    assert event.detail["rows"] == 5
    assert event.detail["k"] == 5


def test_the_page_explains_and_offers_the_teams_and_two_downloads(client, login, cast):
    login(evaluator(cast, cast.alpha))
    response = client.get(reverse("research:page"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Team Alpha" in page and "Team Beta" not in page
    assert 'value="csv"' in page and 'value="json"' in page
    assert '<label for="research-team">' in page


def test_a_bad_format_or_team_is_a_400_for_the_evaluator(client, login, cast):
    login(evaluator(cast))
    assert client.get(EXPORT, {"format": "xlsx"}).status_code == 400
    assert client.get(EXPORT, {"format": "csv", "team": "not-a-uuid"}).status_code == 400


def test_the_api_gives_the_same_export(client, login, cast):
    more_courses(cast, 4)
    login(evaluator(cast))
    response = client.get("/api/v1/research/export", {"format": "json"})
    assert response.status_code == 200
    assert len(json.loads(response.content)["rows"]) == 5
    response = client.get("/api/v1/research/export", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert client.get("/api/v1/research/export", {"format": "xml"}).status_code in (400, 422)


def test_the_spreadsheet_keeps_numbers_numbers_and_leaves_impossible_weeks_empty(
    client, login, cast
):
    """Issue 10 #25: `'-3` appeared where a week count belongs."""
    more_courses(cast, 4)
    held_meeting(cast.alice, cast.anna, decisions=1)
    course = cast.anna_course
    # The first absence day recorded three weeks after the meeting was held: a data error.
    later = dt.date.today() + dt.timedelta(days=21)
    Course.objects.filter(pk=course.pk).update(first_absence_day=later, referral_date=later)
    login(evaluator(cast))
    rows = {row["pseudonym"]: row for row in _csv_rows(client)}
    anna = rows[pseudonym(course.pk, _key())]
    assert anna["weeks_absence_to_first_meeting"] == ""
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith("'"), row
    assert _json(client)["courses_with_first_meeting_before_absence"] == SUPPRESSED


def test_the_rows_carry_the_shared_decision_scores_but_never_an_answer(client, login, cast):
    from roundtable.instruments import services as sdm
    from roundtable.instruments.testing import held_meeting as held_with_key_decisions

    more_courses(cast, 4)
    meeting, decisions = held_with_key_decisions(cast)
    sdm.sdm_response_answer(
        actor=actor_of(cast.anna),
        meeting_id=meeting.pk,
        answers=[5, 4, 3, 5, 4, 3, 5, 4, None],  # one missing: the person's mean fills it
        noticed={decisions[0].pk: "yes", decisions[1].pk: "no"},
    )
    sdm.sdm_response_answer(actor=actor_of(cast.alice), meeting_id=meeting.pk, answers=[5] * 9)
    sdm.sdm_response_decline(actor=actor_of(cast.bob), meeting_id=meeting.pk)
    sdm.option_rating_record(
        actor=actor_of(cast.tina),
        meeting_id=meeting.pk,
        instrument="option5",
        items=[2, 3, 2, 1, 4],
        source="live",
    )
    login(evaluator(cast))
    rows = {row["pseudonym"]: row for row in _json(client)["rows"]}
    anna = rows[pseudonym(cast.anna_course.pk, _key())]
    assert anna["sdmq9_citizen"] == 82.5  # (33 + 33/8) x 20/9
    assert anna["sdmqdoc_care_manager"] == 100.0
    assert anna["sdmqdoc_employment_consultant"] is None  # declined: no score
    assert anna["option5"] == 60.0 and anna["option12"] is None
    assert (anna["decisions_noticed"], anna["decisions_not_noticed"]) == (1, 1)
    assert anna["decisions_noticed_not_sure"] == 0
    others = [row for row in rows.values() if row is not anna]
    assert all(row["sdmq9_citizen"] is None and row["decisions_noticed"] == 0 for row in others)
    assert not any(isinstance(value, list) for value in anna.values())
