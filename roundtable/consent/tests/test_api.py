"""The consent API: list, record, detail with FHIR, revoke; 400 reasons, 403, 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from fhir.resources.consent import Consent

from roundtable.audit.models import AuditEvent
from roundtable.consent.models import ConsentDirective

pytestmark = pytest.mark.django_db

SHARE_CAPACITY = {
    "provisions": [
        {
            "type": "permit",
            "recipient_kind": "sector",
            "recipient": "employment",
            "data_classes": ["functional_capacity", "health_summary", "therapy_detail"],
        },
        {
            "type": "deny",
            "recipient_kind": "sector",
            "recipient": "employment",
            "data_classes": ["therapy_detail"],
        },
    ],
}


def _url(citizen, *rest):
    return "/".join([f"/api/v1/citizens/{citizen.id}/consents", *map(str, rest)]).rstrip("/")


def test_the_citizen_records_consent_and_reads_it_back_as_fhir(client, login, cast):
    login(cast.anna)
    response = client.post(_url(cast.anna), SHARE_CAPACITY, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["version"] == 1 and body["status"] == "active" and body["in_force"]
    assert body["given_via"] == "portal"
    fhir = body["fhir"]
    consent = Consent.model_validate(fhir)  # a valid R5 Consent
    assert consent.status == "active" and consent.decision == "deny"
    assert fhir["subject"]["reference"] == f"Patient/{cast.anna.id}"
    permit = fhir["provision"][0]
    assert {c["coding"][0]["code"] for c in permit["code"]} == {
        "functional_capacity",
        "health_summary",
        "therapy_detail",
    }
    # The deny is an exception inside the permit it narrows.
    assert permit["provision"][0]["code"][0]["coding"][0]["code"] == "therapy_detail"
    assert permit["provision"][0]["extension"][0]["valueCode"] == "deny"

    listing = client.get(_url(cast.anna)).json()
    assert [v["version"] for v in listing] == [1]
    detail = client.get(_url(cast.anna, body["id"])).json()
    assert detail["fhir"]["id"] == body["id"]


def test_a_change_makes_a_new_version_and_keeps_the_old_one(client, login, cast):
    login(cast.anna)
    first = client.post(_url(cast.anna), SHARE_CAPACITY, content_type="application/json").json()
    second = client.post(
        _url(cast.anna), {"provisions": [], "expected_version": 1}, content_type="application/json"
    ).json()
    assert second["version"] == 2 and second["change"] == "changed"
    versions = client.get(_url(cast.anna)).json()
    assert [(v["version"], v["is_current"]) for v in versions] == [(2, True), (1, False)]
    old = client.get(_url(cast.anna, first["id"])).json()
    assert len(old["provisions"]) == 2 and not old["is_current"]


def test_revoke_makes_an_inactive_version_and_a_second_revoke_is_refused(client, login, cast):
    login(cast.anna)
    created = client.post(_url(cast.anna), SHARE_CAPACITY, content_type="application/json").json()
    revoked = client.post(_url(cast.anna, created["id"], "revoke"), content_type="application/json")
    assert revoked.status_code == 201
    assert revoked.json()["status"] == "inactive" and revoked.json()["fhir"]["status"] == "inactive"
    again = client.post(
        _url(cast.anna, revoked.json()["id"], "revoke"), content_type="application/json"
    )
    assert again.status_code == 400 and "already withdrawn" in again.json()["detail"]
    old = client.post(_url(cast.anna, created["id"], "revoke"), {}, content_type="application/json")
    assert old.status_code == 400 and "old version" in old.json()["detail"]


def test_revoking_one_rule_keeps_the_others(client, login, cast):
    login(cast.anna)
    created = client.post(_url(cast.anna), SHARE_CAPACITY, content_type="application/json").json()
    deny_id = created["provisions"][1]["id"]
    response = client.post(
        _url(cast.anna, created["id"], "revoke"),
        {"provision_id": deny_id},
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "active" and body["change"] == "provision_revoked"
    assert [p["type"] for p in body["provisions"]] == ["permit"]


def test_professional_records_an_oral_consent_only_with_a_witness(client, login, cast):
    login(cast.bob)
    payload = {**SHARE_CAPACITY, "given_via": "oral"}
    refused = client.post(_url(cast.anna), payload, content_type="application/json")
    assert refused.status_code == 400 and "witness" in refused.json()["detail"]
    payload["witness_name"] = "Alice Andersen"
    created = client.post(_url(cast.anna), payload, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["witness_name"] == "Alice Andersen"
    assert created.json()["fhir"]["verification"][0]["verifiedBy"]["display"] == "Alice Andersen"
    portal = client.post(
        _url(cast.anna), {**SHARE_CAPACITY, "given_via": "portal"}, content_type="application/json"
    )
    assert portal.status_code == 400


def test_citizen_cannot_claim_a_paper_consent_or_a_witness(client, login, cast):
    login(cast.anna)
    body = client.post(
        _url(cast.anna),
        {**SHARE_CAPACITY, "given_via": "paper", "witness_name": "Someone"},
        content_type="application/json",
    ).json()
    assert body["given_via"] == "portal" and body["witness_name"] == ""


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"period_end": "2000-01-01"}, "last day"),
        (
            {
                "provisions": [
                    {
                        "type": "permit",
                        "recipient_kind": "organisation",
                        "recipient": "not-a-uuid",
                        "data_classes": ["diagnosis"],
                    }
                ]
            },
            "no such organisation",
        ),  # fmt: skip
        (
            {
                "provisions": [
                    {
                        "type": "permit",
                        "recipient_kind": "role",
                        "recipient": "king",
                        "data_classes": ["diagnosis"],
                    }
                ]
            },
            "no such role",
        ),  # fmt: skip
        ({"expected_version": 7}, "changed by someone else"),
    ],
)
def test_bad_input_answers_400_with_a_reason_and_saves_nothing(client, login, cast, change, reason):
    login(cast.anna)
    response = client.post(
        _url(cast.anna), {**SHARE_CAPACITY, **change}, content_type="application/json"
    )
    assert response.status_code == 400 and reason in response.json()["detail"]
    assert not ConsentDirective.objects.exists()


def test_unknown_data_class_is_refused_by_the_schema(client, login, cast):
    login(cast.anna)
    response = client.post(
        _url(cast.anna),
        {
            "provisions": [
                {
                    "type": "permit",
                    "recipient_kind": "sector",
                    "recipient": "health",
                    "data_classes": ["bank_account"],
                }
            ]
        },  # fmt: skip
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    assert not ConsentDirective.objects.exists()


def test_team_leader_reads_but_may_not_record(client, login, cast):
    login(cast.tina)
    assert client.get(_url(cast.anna)).status_code == 200
    response = client.post(
        _url(cast.anna), {**SHARE_CAPACITY, "given_via": "paper"}, content_type="application/json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_other_team_gets_404_everywhere_and_it_is_audited(client, login, cast, who):
    login(cast.anna)
    created = client.post(_url(cast.anna), SHARE_CAPACITY, content_type="application/json").json()
    client.logout()
    login(getattr(cast, who))
    for response in (
        client.get(_url(cast.anna)),
        client.get(_url(cast.anna, created["id"])),
        client.post(
            _url(cast.anna),
            {**SHARE_CAPACITY, "given_via": "paper"},
            content_type="application/json",
        ),  # fmt: skip
        client.post(
            _url(cast.anna, created["id"], "revoke"),
            {"given_via": "paper"},
            content_type="application/json",
        ),  # fmt: skip
    ):
        assert response.status_code == 404
        assert "functional_capacity" not in response.content.decode()
        assert "Secretperson" not in response.content.decode()
    assert (
        AuditEvent.objects.filter(
            citizen_id=cast.anna.id,
            outcome="denied",
            actor_username=getattr(cast, who).user.username,
        ).count()
        == 4
    )
    assert ConsentDirective.objects.count() == 1


def test_a_version_of_another_citizen_through_this_citizens_path_is_404(client, login, cast):
    login(cast.carol)
    other = client.post(
        _url(cast.bent), {**SHARE_CAPACITY, "given_via": "paper"}, content_type="application/json"
    ).json()
    client.logout()
    login(cast.alice)
    assert client.get(_url(cast.anna, other["id"])).status_code == 404
    response = client.post(
        _url(cast.anna, other["id"], "revoke"), {"given_via": "paper"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 404


def test_every_change_is_audited_as_a_consent_change(client, login, cast):
    login(cast.anna)
    created = client.post(_url(cast.anna), SHARE_CAPACITY, content_type="application/json").json()
    client.post(_url(cast.anna, created["id"], "revoke"), content_type="application/json")
    events = AuditEvent.objects.filter(action="consent_change", citizen_id=cast.anna.id)
    assert [e.consent_decision for e in events] == ["v1 active created", "v2 inactive revoked"]
    for event in events:
        assert "functional_capacity" not in str(event.detail)


def test_consent_period_in_the_future_is_recorded_but_not_yet_in_force(client, login, cast):
    login(cast.anna)
    start = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    body = client.post(
        _url(cast.anna), {**SHARE_CAPACITY, "period_start": start}, content_type="application/json"
    ).json()
    assert body["status"] == "active" and body["in_force"] is False
