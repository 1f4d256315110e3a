"""The OpenAPI document tells the truth about every operation: walked through with real data,
each operation's success answer, its refusals (401 without credentials, 404 for another team,
412/428 without a fresh If-Match) and its ETag are exactly as documented, schema for schema.

`test_fuzz.py` throws generated input at the same checks; this file makes sure every operation
is also seen succeeding, so the success bodies are checked against their schemas too.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import defaultdict

import pytest
from django.utils import timezone
from ninja.constants import NOT_SET
from ninja.openapi.schema import REF_TEMPLATE

from roundtable.api.api import api
from roundtable.api.tests.documented import assert_documented, case_for, operations, send
from roundtable.breakglass.models import BreakGlassGrant
from roundtable.breakglass.tests.helpers import ANNA_NATIONAL_ID, REASON, expire
from roundtable.consent.testing import directive_create
from roundtable.family.testing import family_member
from roundtable.journal.testing import write
from roundtable.meetings.testing import log_decision, schedule
from roundtable.plans.content import GoalData
from roundtable.plans.testing import SHARED_GOAL, held_meeting, publish, save_plan
from roundtable.research.tests.factories import evaluator
from roundtable.sickleave.testing import NOTE, ask_for_evidence, share_capacity, write_note

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(cast):
    """Anna's course with something of everything: a held meeting with decisions, a published
    plan linked to them and a newer draft, an upcoming meeting with a decision, a journal entry
    and a consent of her own."""
    held, decisions = held_meeting(cast.alice, cast.anna)
    save_plan(
        cast.alice,
        cast.anna,
        meeting_id=held.pk,
        goals=[
            GoalData(
                kind="framework",
                owner_sector="shared",
                text=SHARED_GOAL,
                target_date=timezone.localdate() + dt.timedelta(days=60),
                decision_ids=(decisions[0].pk,),
            )
        ],
    )
    publish(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": "Next, more hours."})
    upcoming = schedule(cast.alice, cast.anna)
    decision = log_decision(cast.alice, upcoming)
    entry = write(cast.alice, cast.anna, "health_summary", "Sleeps better; walks daily.")
    consent = directive_create(cast.anna, [("permit", "sector", "employment", ["health_summary"])])
    evidence = ask_for_evidence(cast, cast.alice)
    write_note(cast.alice, evidence, ready=True)
    return {
        "citizen_id": cast.anna.pk,
        "meeting_id": held.pk,
        "upcoming_id": upcoming.pk,
        "decision_id": decision.pk,
        "entry_id": entry.pk,
        "consent_id": consent.pk,
        "request_id": evidence.pk,
    }


class Walk:
    """Requests in order, each checked against the document; remembers which operations
    answered with success."""

    def __init__(self, client):
        self.client = client
        self.succeeded: set[tuple[str, str]] = set()

    def as_(self, who) -> Walk:
        if who is None:
            self.client.logout()
        else:
            self.client.force_login(getattr(who, "user", who))
        return self

    def __call__(self, method, path, expected, *, ids=None, query=None, headers=None, body=None):
        case = case_for(method, path, path_parameters=ids, query=query, headers=headers, body=body)
        response = send(self.client, case)
        assert response.status_code == expected, (method, path, response.content[:500])
        assert_documented(case, response)
        if response.status_code < 300:
            self.succeeded.add((method, path))
        return response


CITIZEN = "/api/v1/citizens/{citizen_id}"
PLAN = CITIZEN + "/joint-plan"
JOURNAL = CITIZEN + "/journal"
CONSENTS = CITIZEN + "/consents"
DECISIONS = "/api/v1/meetings/{meeting_id}/decisions"


def test_every_operation_succeeds_as_documented(client, cast, password, setting):
    walk = Walk(client)
    anna = {"citizen_id": setting["citizen_id"]}
    today = timezone.localdate()

    walk.as_(None)(
        "POST", "/api/v1/auth/token", 200, body={"username": "alice.andersen", "password": password}
    )
    walk.as_(cast.alice)("GET", "/api/v1/me", 200)
    walk("GET", "/api/v1/citizens", 200, query={"status": "active", "limit": 10})
    walk("GET", CITIZEN, 200, ids=anna)
    walk("GET", CITIZEN + "/sickleave/milestones", 200, ids=anna)
    walk("GET", "/api/v1/me/deadlines", 200)
    walk("GET", CITIZEN + "/export", 200, ids=anna)
    walk("GET", CITIZEN + "/export", 200, ids=anna, query={"format": "pdf"})

    # Meetings.
    walk("GET", CITIZEN + "/meetings", 200, ids=anna)
    starts = timezone.now() + dt.timedelta(days=14)
    walk(
        "POST",
        CITIZEN + "/meetings",
        201,
        ids=anna,
        body={
            "starts_at": starts.isoformat(),
            "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
            "purpose": "We look at the plan together.",
            "place": "Jobcentre North",
        },
    )
    walk("GET", "/api/v1/meetings/{meeting_id}", 200, ids={"meeting_id": setting["meeting_id"]})
    upcoming = {"meeting_id": setting["upcoming_id"]}
    walk(
        "POST",
        DECISIONS,
        201,
        ids=upcoming,
        body={
            "type": "course_content",
            "subtype": "activities",
            "title": "Which activity first?",
            "raised_by": "citizen",
            "options": [{"text": "Walking", "pros": "Easy to start"}],
        },
    )
    one = {**upcoming, "decision_id": setting["decision_id"]}
    walk("PATCH", DECISIONS + "/{decision_id}", 200, ids=one, body={"title": "What helps now?"})
    walk("POST", DECISIONS + "/{decision_id}/options", 201, ids=one, body={"text": "Swimming"})

    # The joint plan: reads, then the draft's revision guard.
    walk.as_(cast.bob)("GET", PLAN, 200, ids=anna)
    walk("GET", PLAN + "/versions", 200, ids=anna)
    walk("GET", PLAN + "/versions/{number}", 200, ids={**anna, "number": 1})
    draft = walk("GET", PLAN + "/draft", 200, ids=anna)
    etag = draft["ETag"]
    body = {"overall_plan": "Three days a week.", "goals": [], "ramp": {"weeks": []}}
    walk("PUT", PLAN + "/draft", 428, ids=anna, body=body)
    walk("PUT", PLAN + "/draft", 412, ids=anna, body=body, headers={"If-Match": '"1"'})
    saved = walk("PUT", PLAN + "/draft", 200, ids=anna, body=body, headers={"If-Match": etag})
    walk("POST", PLAN + "/publish", 412, ids=anna, headers={"If-Match": etag})
    walk("POST", PLAN + "/publish", 201, ids=anna, headers={"If-Match": saved["ETag"]})
    walk.as_(cast.anna)("GET", PLAN + "/pdf", 200, ids=anna)
    walk(
        "POST",
        PLAN + "/versions/{number}/response",
        201,
        ids={**anna, "number": 2},
        body={"agreement": "agree", "comment": "Good."},
    )

    # The journal: write, the citizen disputes, the author answers.
    walk.as_(cast.alice)("GET", JOURNAL, 200, ids=anna, query={"limit": 5})
    entry = {**anna, "entry_id": setting["entry_id"]}
    walk("GET", JOURNAL + "/{entry_id}", 200, ids=entry)
    walk(
        "POST",
        JOURNAL,
        201,
        ids=anna,
        body={"data_class": "health_summary", "body": "Started walking again."},
    )
    walk.as_(cast.anna)(
        "POST",
        JOURNAL + "/{entry_id}/dispute",
        201,
        ids=entry,
        body={"statement": "I walk every other day, not daily."},
    )
    walk.as_(cast.alice)(
        "POST",
        JOURNAL + "/{entry_id}/addendum",
        201,
        ids=entry,
        body={"body": "Corrected: every other day.", "outcome": "corrected"},
    )

    # Consent: read, the citizen's new version, and withdrawing it.
    walk("GET", CONSENTS, 200, ids=anna)
    walk("GET", CONSENTS + "/{consent_id}", 200, ids={**anna, "consent_id": setting["consent_id"]})
    recorded = walk.as_(cast.anna)(
        "POST",
        CONSENTS,
        201,
        ids=anna,
        body={
            "provisions": [
                {
                    "type": "permit",
                    "recipient_kind": "sector",
                    "recipient": "employment",
                    "data_classes": ["functional_capacity"],
                }
            ],
        },
    )
    walk(
        "POST",
        CONSENTS + "/{consent_id}/revoke",
        201,
        ids={**anna, "consent_id": recorded.json()["id"]},
    )
    walk("GET", "/api/v1/me/access-log", 200, query={"limit": 5})

    # Assessments.
    walk.as_(cast.alice)("GET", CITIZEN + "/assessments", 200, ids=anna)
    walk(
        "POST",
        CITIZEN + "/assessments/symptoms",
        201,
        ids=anna,
        body={"instrument": "PHQ-9", "score": 12, "measured_on": today.isoformat()},
    )
    walk(
        "POST",
        CITIZEN + "/assessments/sessions",
        201,
        ids=anna,
        body={"held_on": today.isoformat(), "kind": "phone", "attendance": "attended"},
    )

    # Emergency access: Carol (another team) opens Anna's record, ends it; Sam reviews it.
    grant = walk.as_(cast.carol)(
        "POST",
        "/api/v1/break-glass",
        201,
        body={
            "national_id": ANNA_NATIONAL_ID,
            "reason": REASON,
            "minutes": 30,
            "password": password,
        },
    )
    grant_id = {"grant_id": grant.json()["id"]}
    walk("POST", "/api/v1/break-glass/{grant_id}/end", 200, ids=grant_id)
    expire(BreakGlassGrant.objects.get(pk=grant_id["grant_id"]))
    walk.as_(cast.sam)("GET", "/api/v1/break-glass/reviews", 200)
    walk(
        "POST",
        "/api/v1/break-glass/{grant_id}/review",
        200,
        ids=grant_id,
        body={"outcome": "justified", "note": "Her team could not be reached."},
    )

    # Family (issue 13 §4): the family member reads what Anna shares; Anna lists and stops.
    relative, link = family_member(cast.anna)
    walk.as_(relative)("GET", "/api/v1/family/{citizen_id}", 200, ids=anna)
    walk.as_(cast.anna)("GET", "/api/v1/me/family", 200)
    walk("POST", "/api/v1/me/family/{link_id}/stop", 200, ids={"link_id": link.pk})
    # Evidence for the benefit case: the care manager writes a new version, the citizen
    # comments, and with her consent the note is sent to the jobcentre.
    evidence = {**anna, "request_id": setting["request_id"]}
    walk.as_(cast.alice)("GET", CITIZEN + "/evidence", 200, ids=anna)
    walk("GET", CITIZEN + "/evidence/{request_id}/note", 200, ids=evidence)
    walk(
        "POST",
        CITIZEN + "/evidence/{request_id}/note",
        201,
        ids=evidence,
        body={**NOTE, "ready": True},
    )
    walk.as_(cast.anna)(
        "POST",
        CITIZEN + "/evidence/{request_id}/comment",
        201,
        ids=evidence,
        body={"comment": "I agree."},
    )
    share_capacity(cast.anna)
    walk.as_(cast.alice)("POST", CITIZEN + "/evidence/{request_id}/send", 200, ids=evidence)

    # Research: an evaluator of team Alpha, both formats.
    walk.as_(evaluator(cast))("GET", "/api/v1/research/export", 200)
    walk("GET", "/api/v1/research/export", 200, query={"format": "csv"})

    # The network: the coordinator, the responsibility group and the service directory.
    walk.as_(cast.alice)("GET", CITIZEN + "/network", 200, ids=anna)
    walk(
        "POST",
        CITIZEN + "/network",
        201,
        ids=anna,
        body={
            "action": "hand_over",
            "coordinator": {"starts_on": today.isoformat(), "professional_id": str(cast.bob.pk)},
        },
    )
    walk("GET", "/api/v1/services", 200, query={"need": "housing", "place": "Testby"})

    assert set(operations()) - walk.succeeded == set(), "operations never seen succeeding"


def test_a_body_too_large_answers_413_as_documented(client, login, cast, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    login(cast.alice)
    case = case_for(
        "POST",
        JOURNAL,
        path_parameters={"citizen_id": cast.anna.pk},
        body={"data_class": "health_summary", "body": "x" * 5_000},
    )
    response = send(client, case)
    assert response.status_code == 413
    assert "What you sent is too large (more than 2.0\xa0KB)" in response.json()["detail"]
    assert_documented(case, response)


def _ids_of(setting, path: str, grant_id) -> dict:
    known = {**setting, "number": 1, "grant_id": grant_id, "link_id": uuid.uuid4()}
    if "/meetings/{meeting_id}/decisions" in path:
        known["meeting_id"] = setting["upcoming_id"]
    return {name: known[name] for name in _names(path)}


def _names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def _body_of(method: str, path: str):
    return {} if method in {"POST", "PUT", "PATCH"} and "/auth/" not in path else None


def test_without_credentials_every_operation_answers_401_as_documented(client, setting):
    for method, path in operations():
        if path == "/api/v1/auth/token":
            continue
        ids = _ids_of(setting, path, uuid.uuid4())
        case = case_for(method, path, path_parameters=ids, body=_body_of(method, path))
        response = send(client, case)
        assert response.status_code == 401, (method, path)
        assert response["WWW-Authenticate"] == 'Bearer realm="roundtable"'
        assert_documented(case, response)


def test_another_teams_professional_gets_the_documented_404_on_every_citizen_operation(
    client, login, cast, setting
):
    """Dave (team Beta) asks for Anna's records (team Alpha), on every operation that names
    a citizen or a meeting: the same 404 as for a missing one, as documented, and no data."""
    login(cast.dave)
    asked = set()
    for method, path in operations():
        if "{citizen_id}" not in path and "{meeting_id}" not in path:
            continue
        ids = _ids_of(setting, path, uuid.uuid4())
        headers = {"If-Match": '"2"'} if path.endswith(("/draft", "/publish")) else {}
        body = None
        if method != "GET":
            # A body that passes the schema, so that the answer is about access, not input.
            body = _valid_bodies().get((method, path), {})
        case = case_for(method, path, path_parameters=ids, headers=headers, body=body)
        response = send(client, case)
        assert response.status_code == 404, (method, path, response.content[:300])
        assert "Secretperson" not in response.content.decode()
        assert_documented(case, response)
        asked.add((method, path))
    assert len(asked) >= 25


def _valid_bodies() -> dict:
    today = timezone.localdate().isoformat()
    starts = (timezone.now() + dt.timedelta(days=3)).isoformat()
    return {
        ("POST", CITIZEN + "/meetings"): {"starts_at": starts, "ends_at": starts, "purpose": "x"},
        ("POST", DECISIONS): {"title": "x", "raised_by": "citizen"},
        ("POST", DECISIONS + "/{decision_id}/options"): {"text": "x"},
        ("PUT", PLAN + "/draft"): {},
        ("POST", PLAN + "/versions/{number}/response"): {"agreement": "agree"},
        ("POST", JOURNAL): {"data_class": "vocational", "body": "x"},
        ("POST", JOURNAL + "/{entry_id}/dispute"): {"statement": "x"},
        ("POST", JOURNAL + "/{entry_id}/addendum"): {"body": "x"},
        ("POST", CONSENTS): {},
        ("POST", CITIZEN + "/network"): {
            "action": "hand_over",
            "coordinator": {"starts_on": today, "name": "x"},
        },
        ("POST", CITIZEN + "/assessments/symptoms"): {
            "instrument": "PHQ-9",
            "score": 1,
            "measured_on": today,
        },
        ("POST", CITIZEN + "/assessments/sessions"): {
            "held_on": today,
            "kind": "phone",
            "attendance": "attended",
        },
        ("POST", CITIZEN + "/evidence/{request_id}/note"): {**NOTE},
        ("POST", CITIZEN + "/evidence/{request_id}/comment"): {"comment": "x"},
    }


def _shape(definition):
    """The structure of a JSON schema, without its words (titles and descriptions)."""
    if isinstance(definition, dict):
        return {k: _shape(v) for k, v in definition.items() if k not in {"title", "description"}}
    if isinstance(definition, list):
        return [_shape(v) for v in definition]
    return definition


def test_each_schema_name_in_the_document_names_one_shape():
    """Two schemas of one name would share one entry in the document, so one of them would be
    documented with the other's shape (as `SectionOut` once was)."""
    shapes: dict[str, set[str]] = defaultdict(set)
    # ninja's own OpenAPI builder reads the bound routers the same way.
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    if model in (None, NOT_SET):
                        continue
                    definitions = model.model_json_schema(
                        ref_template=REF_TEMPLATE, mode="serialization"
                    ).get("$defs", {})
                    for name, definition in definitions.items():
                        shapes[name].add(json.dumps(_shape(definition), sort_keys=True))
    assert shapes, "no schemas found"
    assert {name: len(found) for name, found in shapes.items() if len(found) > 1} == {}
