"""The citizen's "Your people and services" lists the services her current plan steps point at,
with what each step is (issue 13 §3), in a constant number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roundtable.accounts.actor import actor_for_user
from roundtable.care.services import care_step_add
from roundtable.care.testing import treatment_catalogue_ensure
from roundtable.network.testing import load_directory
from roundtable.vocational.services import vocational_step_add

pytestmark = pytest.mark.django_db


def _care_step(cast, service, *, description="Talks about stress", status="active", ends=None):
    treatment_catalogue_ensure()
    return care_step_add(
        actor=actor_for_user(cast.alice.user),
        citizen_id=cast.anna.id,
        treatment_slug="other",
        description=description,
        starts_on=dt.date.today() - dt.timedelta(days=30),
        ends_on=ends,
        status=status,
        service_id=service.pk,
    )


def _work_step(cast, service, text="Find a flat near work"):
    return vocational_step_add(
        actor=actor_for_user(cast.bob.user),
        citizen_id=cast.anna.id,
        text=text,
        due_on=dt.date.today() + dt.timedelta(days=7),
        service_id=service.pk,
    )


def _services_section(body: str) -> str:
    start = body.index('id="services"')
    return body[start : body.index("<h2", start + 1)]


def test_the_citizen_sees_the_services_of_her_plan_steps_with_what_each_is_for(client, login, cast):
    directory = load_directory()
    login(cast.anna)
    assert (
        "No step in your plan has a service yet."
        in client.get(reverse("network:mine")).content.decode()
    )
    _care_step(cast, directory["health"])
    _work_step(cast, directory["housing"])
    section = _services_section(client.get(reverse("network:mine")).content.decode())
    assert "Lægehuset Torvet" in section and "Helps you with: Talks about stress." in section
    assert "Boligrådgivning" in section and "Helps you with: Find a flat near work." in section
    assert "+45 22 22 22 21" in section and "laege@testby.example" in section


def test_a_finished_step_no_longer_lists_its_service(client, login, cast):
    directory = load_directory()
    _care_step(
        cast,
        directory["health"],
        status="completed",
        ends=dt.date.today() - dt.timedelta(days=1),
    )
    login(cast.anna)
    section = _services_section(client.get(reverse("network:mine")).content.decode())
    assert "Lægehuset Torvet" not in section


def test_the_page_reads_the_same_number_of_queries_with_more_steps(client, login, cast):
    directory = load_directory()
    _care_step(cast, directory["health"])
    _work_step(cast, directory["housing"])
    login(cast.anna)
    url = reverse("network:mine")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(4):
        _care_step(cast, directory["health"], description=f"Extra care {i}")
        _work_step(cast, directory["housing"], text=f"Extra work {i}")
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert "Extra care 3" in body and "Extra work 3" in body
    assert len(many) == len(few)


def test_the_directory_chooses_only_for_a_form_on_this_site(client, login, cast):
    load_directory()
    login(cast.alice)
    url = reverse("network:directory")
    assert (
        "Choose for the step"
        not in client.get(url, {"pick": "https://evil.example/x"}).content.decode()
    )
    assert (
        "Choose for the step" not in client.get(url, {"pick": "//evil.example/x"}).content.decode()
    )
    form = reverse("care:care-step-new", args=[cast.anna.id])
    assert "Choose for the step" in client.get(url, {"pick": form}).content.decode()
