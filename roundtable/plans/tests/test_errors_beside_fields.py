"""The plan editor says what is wrong beside the field, marks the field invalid and puts the
cursor there (issue 10, finding 9)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.plans.models import JointPlan
from roundtable.plans.tests.helpers import form_post

pytestmark = pytest.mark.django_db


def _edit(cast):
    return reverse("plans:edit", args=[cast.anna.pk])


def _tag(body: str, element_id: str) -> str:
    match = re.search(rf'<[^>]*\bid="{re.escape(element_id)}"[^>]*>', body)
    assert match, element_id
    return match.group(0)


def _post_a_step_back(client, cast):
    data = form_post(client.get(_edit(cast)))
    data.update(
        {
            "goal-0-text": "Back at work",
            "ramp_start": timezone.localdate().isoformat(),
            "ramp-0-hours_per_day": "4",
            "ramp-0-days_per_week": "4",
            "ramp-1-hours_per_day": "3",
            "ramp-1-days_per_week": "4",
        }
    )
    return client.post(_edit(cast), data)


def test_a_week_with_fewer_hours_is_marked_beside_its_note(client, login, cast):
    login(cast.alice)
    response = _post_a_step_back(client, cast)
    assert response.status_code == 400
    body = response.content.decode()

    note = _tag(body, "id_ramp-1-note")
    assert 'aria-invalid="true"' in note
    assert "autofocus" in note  # the cursor lands on it
    assert "id_ramp-1-note_error" in note  # the message is its description
    error = body.split('id="id_ramp-1-note_error"')[1].split("</ul>")[0]
    assert "Week 2 has fewer hours than the week before" in error
    # The week before is fine and not marked.
    assert "aria-invalid" not in _tag(body, "id_ramp-0-note")
    # The summary at the top links to the field.
    assert 'href="#id_ramp-1-note"' in body
    assert not JointPlan.objects.exists()


def test_the_note_is_not_called_optional(client, login, cast):
    login(cast.alice)
    body = client.get(_edit(cast)).content.decode()
    label = body.split('<label for="id_ramp-0-note">')[1].split("</label>")[0]
    assert "optional" not in label
    assert "needed when the hours go down" in label


def test_a_ramp_before_the_absence_is_marked_on_the_first_day_back(client, login, cast):
    login(cast.alice)
    data = form_post(client.get(_edit(cast)))
    data.update(
        {
            "goal-0-text": "Back at work",
            "ramp_start": (cast.anna_course.first_absence_day - dt.timedelta(days=1)).isoformat(),
            "ramp-0-hours_per_day": "3",
            "ramp-0-days_per_week": "3",
        }
    )
    body = client.post(_edit(cast), data).content.decode()
    assert 'aria-invalid="true"' in _tag(body, "id_ramp_start")
    assert "autofocus" in _tag(body, "id_ramp_start")


def test_saved_goals_fold_into_one_line_each(client, login, cast):
    from roundtable.plans.testing import SHARED_GOAL, save_plan

    save_plan(cast.alice, cast.anna)
    login(cast.alice)
    body = client.get(_edit(cast)).content.decode()
    first = _tag(body, "goal-1")
    assert first.startswith("<details") and " open" not in first
    assert SHARED_GOAL.split()[0] in body.split('id="goal-1"')[1].split("</summary>")[0]
