"""Consent in the API (issue 4's contract), with the same policies as the pages.

`GET/POST /citizens/{citizen_id}/consents`, `GET /citizens/{citizen_id}/consents/{consent_id}`
(with the FHIR R5 Consent rendering) and `POST .../{consent_id}/revoke`. Bad input answers 400
with the reason, a caller who may read the consent but not record it 403, anyone else 404 with
no data. Mounted at the API root: api.add_router("/", router).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Body, Router, Schema, Status
from pydantic import Field

from roundtable.accounts.actor import request_actor
from roundtable.consent import selectors, services
from roundtable.consent.fhir import consent_as_fhir
from roundtable.consent.models import (
    BasePolicy,
    ConsentDirective,
    ConsentPurpose,
    GivenVia,
    ProvisionType,
    RecipientKind,
)
from roundtable.core.api import domain_errors as _domain_errors
from roundtable.core.data_classes import DataClass

router = Router(tags=["consent"])


class ErrorOut(Schema):
    detail: str


class ProvisionIn(Schema):
    type: ProvisionType
    recipient_kind: RecipientKind
    recipient: str = Field(
        max_length=64,
        description="An organisation id, a sector (health, employment, ...) or a role",
    )
    data_classes: list[DataClass] = Field(min_length=1, max_length=10)
    purpose: ConsentPurpose = ConsentPurpose.COORDINATED_REHABILITATION
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class ConsentIn(Schema):
    provisions: list[ProvisionIn] = Field(default_factory=list, max_length=services.MAX_PROVISIONS)
    period_start: dt.date | None = Field(None, description="Defaults to today")
    period_end: dt.date | None = None
    base_policy: BasePolicy = BasePolicy.DENY
    status: Literal["active", "rejected"] = "active"
    given_via: GivenVia | None = Field(
        None, description="For professionals: paper, or oral with witness_name. Citizens: portal."
    )
    witness_name: str = Field("", max_length=200)
    expected_version: int | None = Field(
        None, ge=0, description="The version you last read; 400 if it changed meanwhile"
    )


class RevokeIn(Schema):
    provision_id: uuid.UUID | None = Field(
        None, description="Withdraw only this rule; leave out to withdraw the whole consent"
    )
    given_via: GivenVia | None = None
    witness_name: str = Field("", max_length=200)
    expected_version: int | None = Field(None, ge=0)


class RecipientOut(Schema):
    kind: RecipientKind
    value: str
    name: str


class ProvisionOut(Schema):
    id: uuid.UUID
    type: ProvisionType
    recipient: RecipientOut
    data_classes: list[DataClass]
    purpose: ConsentPurpose
    period_start: dt.date | None
    period_end: dt.date | None


class ConsentOut(Schema):
    id: uuid.UUID
    citizen_id: uuid.UUID
    version: int
    status: str
    change: str
    in_force: bool
    is_current: bool
    base_policy: BasePolicy
    scope: str
    purpose: ConsentPurpose
    period_start: dt.date
    period_end: dt.date | None
    given_via: GivenVia
    witness_name: str
    recorded_by: str
    recorded_by_role: str
    recorded_at: dt.datetime
    provisions: list[ProvisionOut]


class ConsentDetailOut(ConsentOut):
    fhir: dict[str, Any]


def _recipient(provision) -> dict:
    if provision.recipient_kind == RecipientKind.ORGANISATION:
        organisation = provision.recipient_organisation
        name = organisation.name if organisation else ""
    elif provision.recipient_kind == RecipientKind.SECTOR:
        name = str(provision.get_recipient_sector_display())
    else:
        name = str(provision.get_recipient_role_display())
    return {"kind": provision.recipient_kind, "value": provision.recipient_value, "name": name}


def _consent(directive: ConsentDirective, *, is_current: bool, today: dt.date) -> dict:
    user = directive.recorded_by
    return {
        "id": directive.pk,
        "citizen_id": directive.citizen_id,
        "version": directive.version,
        "status": directive.status,
        "change": directive.change,
        "in_force": is_current and directive.in_force_on(today),
        "is_current": is_current,
        "base_policy": directive.base_policy,
        "scope": directive.scope,
        "purpose": directive.purpose,
        "period_start": directive.period_start,
        "period_end": directive.period_end,
        "given_via": directive.given_via,
        "witness_name": directive.witness_name,
        "recorded_by": getattr(user, "display_name", "") or user.get_username(),
        "recorded_by_role": directive.recorded_by_role,
        "recorded_at": directive.recorded_at,
        "provisions": [
            {
                "id": p.pk,
                "type": p.type,
                "recipient": _recipient(p),
                "data_classes": p.data_classes,
                "purpose": p.purpose,
                "period_start": p.period_start,
                "period_end": p.period_end,
            }
            for p in directive.provisions.all()
        ],
    }


def _detail(request: HttpRequest, citizen_id: uuid.UUID, consent_id: uuid.UUID) -> dict:
    actor = request_actor(request)
    version = selectors.consent_directive_get(
        actor=actor, citizen_id=citizen_id, consent_id=consent_id
    )
    body = _consent(version.directive, is_current=version.is_current, today=version.today)
    body["fhir"] = consent_as_fhir(version.directive, jurisdiction=version.jurisdiction)
    return body


@router.get("/citizens/{citizen_id}/consents", response={200: list[ConsentOut], 404: ErrorOut})
def consent_list(request: HttpRequest, citizen_id: uuid.UUID):
    """Every version of the citizen's consent, newest first; the first is the current one."""
    history = selectors.consent_history_get(actor=request_actor(request), citizen_id=citizen_id)
    return [
        _consent(d, is_current=i == 0, today=history.today) for i, d in enumerate(history.versions)
    ]


@router.post(
    "/citizens/{citizen_id}/consents",
    response={201: ConsentDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def consent_record(request: HttpRequest, citizen_id: uuid.UUID, payload: ConsentIn):
    """Record a new version of the citizen's consent (the previous one is kept)."""
    actor = request_actor(request)
    with _domain_errors():
        directive = services.consent_directive_record(
            actor=actor,
            citizen_id=citizen_id,
            provisions=[
                services.ProvisionSpec(
                    type=p.type,
                    recipient_kind=p.recipient_kind,
                    recipient=p.recipient,
                    data_classes=tuple(p.data_classes),
                    purpose=p.purpose,
                    period_start=p.period_start,
                    period_end=p.period_end,
                )
                for p in payload.provisions
            ],
            period_start=payload.period_start or timezone.localdate(),
            period_end=payload.period_end,
            given_via=payload.given_via,
            witness_name=payload.witness_name,
            base_policy=payload.base_policy,
            status=payload.status,
            expected_version=payload.expected_version,
        )
    return Status(201, _detail(request, citizen_id, directive.pk))


@router.get(
    "/citizens/{citizen_id}/consents/{consent_id}",
    response={200: ConsentDetailOut, 404: ErrorOut},
)
def consent_detail(request: HttpRequest, citizen_id: uuid.UUID, consent_id: uuid.UUID):
    """One version, with its FHIR R5 Consent rendering under `fhir`."""
    return _detail(request, citizen_id, consent_id)


@router.post(
    "/citizens/{citizen_id}/consents/{consent_id}/revoke",
    response={201: ConsentDetailOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def consent_revoke(
    request: HttpRequest,
    citizen_id: uuid.UUID,
    consent_id: uuid.UUID,
    payload: RevokeIn | None = Body(None),  # noqa: B008 (ninja's way to make the body optional)
):
    """Withdraw the current consent, or one of its rules, as a new version. Access stops on the
    very next request."""
    actor = request_actor(request)
    payload = payload or RevokeIn()
    with _domain_errors():
        directive = services.consent_directive_revoke(
            actor=actor,
            citizen_id=citizen_id,
            consent_id=consent_id,
            provision_id=payload.provision_id,
            given_via=payload.given_via,
            witness_name=payload.witness_name,
            expected_version=payload.expected_version,
        )
    return Status(201, _detail(request, citizen_id, directive.pk))
