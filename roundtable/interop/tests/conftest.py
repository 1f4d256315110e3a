import dataclasses
import datetime as dt
import json

import pytest
from django.utils import timezone

from roundtable.accounts.services import api_token_issue
from roundtable.care.testing import fill_care, record_score
from roundtable.consent.testing import directive_create
from roundtable.interop.adapter import bundle_read
from roundtable.meetings import services as meeting_services
from roundtable.meetings.testing import actor_of
from roundtable.plans.content import GoalData
from roundtable.plans.models import Goal
from roundtable.plans.testing import (
    CARE_MANAGER_SECTION,
    OVERALL,
    SHARED_GOAL,
    held_meeting,
    publish,
    ramp_rows,
    save_plan,
)


@pytest.fixture
def fhir(client):
    """GET a /fhir/R4/ path with the bearer token of a professional or citizen."""

    tokens: dict = {}

    def get(who, path: str, **extra):
        user = getattr(who, "user", who)
        if user.pk not in tokens:
            tokens[user.pk] = api_token_issue(user=user)
        return client.get(
            f"/fhir/R4/{path}", HTTP_AUTHORIZATION=f"Bearer {tokens[user.pk]}", **extra
        )

    return get


def fhir_json(response, status: int = 200) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/fhir+json")
    return json.loads(response.content)


def everything(fhir, who, citizen) -> dict:
    data = fhir_json(fhir(who, f"Patient/{citizen.pk}/$everything"))
    bundle_read(json.dumps(data))  # every entry validates as its own R4B resource
    return data


def of_type(data: dict, name: str) -> list[dict]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == name]


@pytest.fixture
def anna_course_history(cast):
    """Anna's course with a held meeting and its decisions, two published plan versions (a goal
    linked to a decision, the care manager's section), her care records with therapy notes
    and symptom scores."""
    fill_care(cast)
    # A consent that changes nothing the tests look at (contact details are shared anyway).
    directive_create(cast.anna, [("permit", "sector", "employment", ["contact_details"])])
    record_score(cast.alice, cast.anna, "PHQ-9", 14, days=7)
    meeting, decisions = held_meeting(cast.alice, cast.anna)
    meeting_services.minutes_save(
        actor=actor_of(cast.alice), meeting_id=meeting.pk, text="Anna starts with the ovens."
    )
    today = timezone.localdate()
    goals = [
        GoalData(
            kind="framework",
            owner_sector="shared",
            text=SHARED_GOAL,
            target_date=today + dt.timedelta(days=90),
            decision_ids=(decisions[0].pk,),
        ),
        GoalData(kind="temporary", owner_sector="health", text="Walk the dog every morning."),
    ]
    save_plan(
        cast.alice,
        cast.anna,
        sections={"overall": OVERALL, "care_manager": CARE_MANAGER_SECTION},
        goals=goals,
        ramp=ramp_rows(),
    )
    publish(cast.alice, cast.anna)
    # The next version keeps the goals (by their ids, as the plan form does).
    kept = Goal.objects.filter(plan__course=cast.anna_course).order_by("order")
    save_plan(
        cast.alice,
        cast.anna,
        sections={"overall": OVERALL + " Revised.", "care_manager": CARE_MANAGER_SECTION},
        goals=[dataclasses.replace(g, id=row.pk) for g, row in zip(goals, kept, strict=True)],
    )
    publish(cast.alice, cast.anna)
    return meeting, decisions
