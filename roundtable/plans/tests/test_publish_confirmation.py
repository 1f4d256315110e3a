"""Publishing asks first, showing what changes for the citizen, and refuses a publish that
changes nothing with a reason that names the version the citizen sees (issue 10, finding 8)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.plans.models import PlanVersion
from roundtable.plans.testing import SHARED_GOAL, publish, save_plan

pytestmark = pytest.mark.django_db


def _publish_url(cast):
    return reverse("plans:publish", args=[cast.anna.pk])


def _detail(cast):
    return reverse("plans:detail", args=[cast.anna.pk])


def test_the_plan_page_asks_for_confirmation_instead_of_publishing_at_once(client, login, cast):
    save_plan(cast.alice, cast.anna)
    login(cast.alice)
    body = client.get(_detail(cast)).content.decode()
    # A link to the confirmation, not a form that publishes with one click.
    assert f'href="{_publish_url(cast)}"' in body
    assert f'action="{_publish_url(cast)}"' not in body

    page = client.get(_publish_url(cast))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Publish version 1 of the joint plan?" in body
    assert "Anna has not seen a plan yet. This is what they will see" in body
    assert SHARED_GOAL in body
    assert "Yes, publish version 1" in body
    assert not PlanVersion.objects.exists()  # asking publishes nothing


def test_the_confirmation_shows_what_changes_for_the_citizen(client, login, cast):
    save_plan(cast.alice, cast.anna, sections={"overall": "Short days first."})
    publish(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": "Short days first, then longer."})
    login(cast.bob)
    body = client.get(_publish_url(cast)).content.decode()
    assert "What changes for Anna, compared with version 1" in body
    assert "<ins>" in body and "then longer." in body
    assert "Yes, publish version 2" in body

    response = client.post(_publish_url(cast), {"revision": "2"}, follow=True)
    assert "Version 2 is published" in response.content.decode()
    assert PlanVersion.objects.count() == 2


def test_an_unchanged_draft_is_not_offered_for_publishing_and_is_refused_with_a_reason(
    client, login, cast
):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": "Changed"})
    publish(cast.alice, cast.anna)
    # Nothing changed since: the draft is the version the citizen already sees.
    login(cast.alice)

    body = client.get(_detail(cast)).content.decode()
    assert "The citizen sees version 2, and the draft is the same." in body
    assert f'href="{_publish_url(cast)}"' not in body

    body = client.get(_publish_url(cast)).content.decode()
    assert "The draft cannot be published yet" in body
    assert "Nothing has changed since version 2, which the citizen sees now" in body
    assert "Yes, publish" not in body

    # A publish sent anyway (an old tab) says what the citizen sees, not "not published yet".
    response = client.post(_publish_url(cast), {"revision": "2"}, follow=True)
    body = response.content.decode()
    assert "Nothing new was published. The citizen still sees version 2." in body
    assert "The plan is not published yet" not in body
    assert PlanVersion.objects.count() == 2


def test_a_draft_with_a_problem_names_it_before_anything_is_published(client, login, cast):
    save_plan(cast.alice, cast.anna, review_on=timezone.localdate() - dt.timedelta(days=1))
    login(cast.alice)
    body = client.get(_publish_url(cast)).content.decode()
    assert "The date to review the plan is in the past" in body
    assert "Yes, publish" not in body


def test_the_supervisor_cannot_open_the_confirmation(client, login, cast):
    save_plan(cast.alice, cast.anna)
    login(cast.sam)
    assert client.get(_publish_url(cast)).status_code == 403
