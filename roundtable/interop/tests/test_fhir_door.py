"""The FHIR door: what each caller gets of a citizen through the same gate as everywhere else,
validated against the R4B models, with references that resolve, audited once per request."""

import json
import uuid

import pytest
from django.utils import timezone

from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.care.testing import HEALTH_SUMMARY, THERAPY_NOTE
from roundtable.consent import services as consent_services
from roundtable.consent.services import ProvisionSpec
from roundtable.interop import mapping
from roundtable.interop.adapter import bundle_read, validated
from roundtable.interop.bundles import unresolved
from roundtable.interop.registry import SERVED
from roundtable.interop.tests.conftest import everything, fhir_json, of_type
from roundtable.meetings.testing import actor_of, log_decision, schedule
from roundtable.plans.testing import CARE_MANAGER_SECTION, OVERALL, SHARED_GOAL

pytestmark = pytest.mark.django_db


def test_the_care_manager_gets_every_served_type_and_the_references_resolve(
    fhir, cast, anna_course_history
):
    data = everything(fhir, cast.alice, cast.anna)
    assert data["type"] == "searchset" and data["total"] == len(data["entry"])
    assert unresolved(data) == []
    served = {t.name for t in SERVED}
    found = {e["resource"]["resourceType"] for e in data["entry"]}
    # Everything but the citizen's own access log, which is theirs alone.
    assert found == served - {"AuditEvent"}
    assert data["entry"][0]["resource"]["id"] == str(cast.anna.pk)
    plans = of_type(data, "CarePlan")
    assert [p["status"] for p in plans] == ["revoked", "active"]
    assert plans[1]["replaces"] == [{"reference": f"CarePlan/{plans[0]['id']}"}]
    assert {n["text"] for n in plans[1]["note"]} == {OVERALL + " Revised.", CARE_MANAGER_SECTION}
    assert len(plans[0]["activity"]) == 4  # the four weeks of the ramp
    goal = next(g for g in of_type(data, "Goal") if g["description"]["text"] == SHARED_GOAL)
    assert goal["category"][0]["coding"][0]["code"] == "framework"
    assert f"Goal/{goal['id']}" in {g["reference"] for g in plans[1]["goal"]}
    meeting, decisions = anna_course_history
    encounter = next(e for e in of_type(data, "Encounter") if e["id"] == str(meeting.pk))
    assert encounter["status"] == "finished"
    titles = [
        part["valueString"]
        for ext in encounter["extension"]
        if ext["url"] == mapping.DECISION_URL
        for part in ext["extension"]
        if part["url"] == "title"
    ]
    assert titles == [d.title for d in decisions]
    # The goal's decision link names a decision of that encounter.
    linked = goal["extension"][0]["valueIdentifier"]["value"]
    assert linked == str(decisions[0].pk)
    codes = {o["code"]["coding"][0]["code"] for o in of_type(data, "Observation")}
    assert {"44261-6", "70274-6"} <= codes  # PHQ-9 and GAD-7 totals in LOINC
    episode = of_type(data, "EpisodeOfCare")[0]
    assert mapping.DIAGNOSIS_GROUP_URL in {x["url"] for x in episode["extension"]}
    assert "identifier" not in data["entry"][0]["resource"]  # the national id is the citizen's


def test_the_employment_consultant_gets_no_therapy_detail_health_summary_or_diagnosis(
    fhir, cast, anna_course_history
):
    data = everything(fhir, cast.bob, cast.anna)
    text = json.dumps(data, ensure_ascii=False)
    for secret in (THERAPY_NOTE, HEALTH_SUMMARY, CARE_MANAGER_SECTION, "Anxiety", "anxiety"):
        assert secret not in text
    assert of_type(data, "Observation") == []
    episode = of_type(data, "EpisodeOfCare")[0]
    assert mapping.DIAGNOSIS_GROUP_URL not in {x["url"] for x in episode.get("extension", ())}
    # What both sectors share still comes through: the plan, its goals and the decisions.
    assert OVERALL in text and SHARED_GOAL in text
    assert "How to start back, part 1" in text
    assert unresolved(data) == []
    # The care manager's own Bundle holds what Bob's leaves out (the test can fail).
    assert CARE_MANAGER_SECTION in json.dumps(everything(fhir, cast.alice, cast.anna))


def test_revoking_consent_changes_the_next_everything(fhir, cast, anna_course_history):
    anna = actor_of(cast.anna)
    directive = consent_services.consent_directive_record(
        actor=anna,
        citizen_id=cast.anna.pk,
        provisions=[
            ProvisionSpec(
                type="permit",
                recipient_kind="organisation",
                recipient=str(cast.jobcentre_north.pk),
                data_classes=("health_summary",),
            )
        ],
        period_start=timezone.localdate(),
    )
    shared = everything(fhir, cast.bob, cast.anna)
    assert len(of_type(shared, "Observation")) == 3
    assert CARE_MANAGER_SECTION in json.dumps(shared)
    consent_services.consent_directive_revoke(
        actor=anna, citizen_id=cast.anna.pk, consent_id=directive.pk
    )
    revoked = everything(fhir, cast.bob, cast.anna)
    assert of_type(revoked, "Observation") == []
    assert CARE_MANAGER_SECTION not in json.dumps(revoked)
    statuses = [c["status"] for c in of_type(revoked, "Consent")]
    assert statuses[-1] == "inactive"


def _is_not_found(response) -> dict:
    body = fhir_json(response, 404)
    validated(body)
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == "not-found"
    return body


def test_another_teams_professional_gets_404_with_an_operation_outcome(
    fhir, cast, anna_course_history
):
    meeting, _decisions = anna_course_history
    mine = everything(fhir, cast.alice, cast.anna)
    plan = of_type(mine, "CarePlan")[0]["id"]
    paths = [
        f"Patient/{cast.anna.pk}/$everything",
        f"Patient/{cast.anna.pk}",
        f"Patient?_id={cast.anna.pk}",
        f"Encounter?patient={cast.anna.pk}",
        f"Encounter/{meeting.pk}",
        f"CarePlan/{plan}",
        f"EpisodeOfCare/{cast.anna_course.pk}",
    ]
    before = AuditEvent.objects.filter(outcome=AuditOutcome.DENIED).count()
    for path in paths:
        body = _is_not_found(fhir(cast.carol, path))
        assert "Anna" not in json.dumps(body), path
    denied = AuditEvent.objects.filter(outcome=AuditOutcome.DENIED).count() - before
    assert denied == len(paths)
    # A citizen reads only themself.
    body = _is_not_found(fhir(cast.anna, f"Patient/{cast.bent.pk}/$everything"))
    assert "Bent" not in json.dumps(body)


def test_a_missing_resource_is_the_same_404(fhir, cast):
    for path in (
        f"Patient/{uuid.uuid4()}/$everything",
        f"Patient/{uuid.uuid4()}",
        f"Encounter/{uuid.uuid4()}",
        "Goal/not-an-id",
        f"Observation?patient={uuid.uuid4()}",
        f"Practitioner/{uuid.uuid4()}",
    ):
        _is_not_found(fhir(cast.alice, path))
    body = fhir_json(fhir(cast.alice, f"QuestionnaireResponse?patient={cast.anna.pk}"), 404)
    assert body["resourceType"] == "OperationOutcome"


def test_the_door_wants_a_bearer_token_and_only_reads(client, fhir, cast):
    url = f"/fhir/R4/Patient/{cast.anna.pk}"
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer made-up"}):
        response = client.get(url, **headers)
        body = validated(fhir_json(response, 401))
        assert body["issue"][0]["code"] == "login"
        assert response["WWW-Authenticate"].startswith("Bearer")
    assert fhir_json(client.post(url), 405)["resourceType"] == "OperationOutcome"
    body = fhir_json(fhir(cast.alice, "Encounter"), 400)  # a search needs the patient
    assert body["issue"][0]["code"] == "invalid"
    # JSON only: a client asking for XML is told so rather than sent JSON.
    patient = f"Patient/{cast.anna.pk}"
    fhir_json(fhir(cast.alice, f"{patient}?_format=xml"), 406)
    fhir_json(fhir(cast.alice, patient, HTTP_ACCEPT="application/fhir+xml"), 406)
    fhir_json(fhir(cast.alice, patient, HTTP_ACCEPT="application/fhir+json"))
    fhir_json(fhir(cast.alice, f"{patient}?_format=json"))


def test_each_read_writes_one_audit_event_for_the_citizen(fhir, cast, anna_course_history):
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    everything(fhir, cast.bob, cast.anna)
    new = AuditEvent.objects.exclude(pk__in=before).filter(citizen_id=cast.anna.pk)
    assert new.count() == 1
    event = new.get()
    assert (event.action, event.outcome, event.citizen_id, event.object_type) == (
        AuditAction.READ,
        AuditOutcome.ALLOWED,
        cast.anna.pk,
        "fhir_everything",
    )
    assert event.detail["resources"]["CarePlan"] == 2
    assert "Observation" not in event.detail["resources"]  # Bob reads no symptom scores


def test_read_and_search_by_patient_for_each_served_type(fhir, cast, anna_course_history):
    for served in SERVED:
        param = "_id" if served.name == "Patient" else "patient"
        who = cast.anna if served.name == "AuditEvent" else cast.alice
        found = fhir_json(fhir(who, f"{served.name}?{param}={cast.anna.pk}"))
        bundle_read(json.dumps(found))
        resources = [e["resource"] for e in found["entry"]]
        assert resources, served.name
        assert {r["resourceType"] for r in resources} == {served.name}
        first = resources[0]
        before = set(AuditEvent.objects.values_list("pk", flat=True))
        read = fhir_json(fhir(who, f"{served.name}/{first['id']}"))
        assert read == first, served.name
        # Each read is audited: one event, naming the citizen unless it is the directory.
        new = AuditEvent.objects.exclude(pk__in=before).filter(
            object_type=f"fhir_{served.name}", outcome=AuditOutcome.ALLOWED
        )
        assert new.count() == 1, served.name
        directory = served.name in ("Organization", "Practitioner", "PractitionerRole")
        assert new.get().citizen_id == (None if directory else cast.anna.pk), served.name


def test_the_citizen_gets_their_national_id_and_access_log(fhir, cast, anna_course_history):
    everything(fhir, cast.alice, cast.anna)  # Alice looks
    data = everything(fhir, cast.anna, cast.anna)
    patient = data["entry"][0]["resource"]
    assert patient["identifier"][0]["value"] == cast.anna.national_id
    # The citizen's own Bundle holds every type the CapabilityStatement lists.
    assert {e["resource"]["resourceType"] for e in data["entry"]} == {t.name for t in SERVED}
    log = of_type(data, "AuditEvent")
    fhir_lines = [a for a in log if "Alice" in a["agent"][0]["who"]["display"]]
    assert fhir_lines and fhir_lines[-1]["purposeOfEvent"][0]["text"] == (
        "to share it with another IT system"
    )
    assert unresolved(data) == []
    # Bob gets neither, and cannot read a line of the log by its id.
    bob = everything(fhir, cast.bob, cast.anna)
    assert of_type(bob, "AuditEvent") == [] and cast.anna.national_id not in json.dumps(bob)
    _is_not_found(fhir(cast.bob, f"AuditEvent/{log[0]['id']}"))


def test_the_capability_statement_lists_exactly_what_is_served(client):
    statement = fhir_json(client.get("/fhir/R4/metadata"))
    validated(statement)
    resources = statement["rest"][0]["resource"]
    assert [r["type"] for r in resources] == [t.name for t in SERVED]
    assert "QuestionnaireResponse" not in {r["type"] for r in resources}
    patient = next(r for r in resources if r["type"] == "Patient")
    assert patient["operation"][0]["name"] == "everything"
    encounter = next(r for r in resources if r["type"] == "Encounter")
    assert mapping.DECISION_URL in encounter["documentation"]


def test_everything_reads_a_bounded_number_of_queries(
    fhir, cast, anna_course_history, django_assert_max_num_queries
):
    path = f"Patient/{cast.anna.pk}/$everything"
    fhir(cast.alice, path)  # the token
    with django_assert_max_num_queries(40) as one:
        fhir(cast.alice, path)
    for days in (8, 9, 10, 11):
        log_decision(cast.alice, schedule(cast.alice, cast.anna, days_ahead=days))
    with django_assert_max_num_queries(len(one.captured_queries)):
        data = fhir_json(fhir(cast.alice, path))
    assert len(of_type(data, "Encounter")) == 5
    bundle_read(json.dumps(data))


def _texts(data: dict) -> set[str]:
    """The free text a Bundle carries: plan sections, goals, meeting purposes and decisions."""
    found: set[str] = set()
    for resource in (e["resource"] for e in data["entry"]):
        found.update(n["text"] for n in resource.get("note", ()))
        if resource["resourceType"] == "Goal":
            found.add(resource["description"]["text"])
        found.update(r["text"] for r in resource.get("reasonCode", ()))
        for extension in resource.get("extension", ()):
            if extension["url"] == mapping.DECISION_URL:
                found.update(p["valueString"] for p in extension["extension"] if "valueString" in p)
    return found


@pytest.mark.parametrize("reader", ["alice", "bob"])
def test_the_bundle_holds_no_text_the_access_export_leaves_out(
    client, login, fhir, cast, anna_course_history, reader
):
    who = getattr(cast, reader)
    data = everything(fhir, who, cast.anna)
    login(who)
    export = client.get(f"/api/v1/citizens/{cast.anna.pk}/export")
    assert export.status_code == 200
    exported = export.content.decode()
    texts = _texts(data)
    assert texts  # the test has something to compare
    for text in texts:
        assert json.dumps(text, ensure_ascii=False)[1:-1] in exported, text
    scores = json.loads(exported)["courses"][0]["sections"]["care"].get("symptom_scores", [])
    assert len(of_type(data, "Observation")) == len(scores)
