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
    ConsentProvision,
    ConsentPurpose,
    GivenVia,
    ProvisionType,
    RecipientKind,
)
from roundtable.core.api import BodyIn, errors
from roundtable.core.api import domain_errors as _domain_errors
from roundtable.core.data_classes import DataClass

router = Router(tags=["consent"])


class ProvisionIn(BodyIn):
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


class ConsentIn(BodyIn):
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


class RevokeIn(BodyIn):
    provision_id: uuid.UUID | None = Field(
        default=None,
        description="Withdraw only this rule; leave out to withdraw the whole consent",
    )
    given_via: GivenVia | None = None
    witness_name: str = Field(default="", max_length=200)
    expected_version: int | None = Field(default=None, ge=0)


class RecipientOut(Schema):
    """Whom a rule names."""

    # Read from the ConsentProvision itself.

    kind: RecipientKind = Field(alias="recipient_kind")
    value: str = Field(alias="recipient_value")
    name: str

    @staticmethod
    def resolve_name(provision: ConsentProvision) -> str:
        if provision.recipient_kind == RecipientKind.ORGANISATION:
            organisation = provision.recipient_organisation
            return organisation.name if organisation else ""
        if provision.recipient_kind == RecipientKind.SECTOR:
            return str(provision.get_recipient_sector_display())
        return str(provision.get_recipient_role_display())


class ProvisionOut(Schema):
    id: uuid.UUID
    type: ProvisionType
    recipient: RecipientOut
    data_classes: list[DataClass]
    purpose: ConsentPurpose
    period_start: dt.date | None
    period_end: dt.date | None

    @staticmethod
    def resolve_recipient(provision: ConsentProvision) -> ConsentProvision:
        return provision


class ConsentOut(Schema):
    """One version of the citizen's consent."""

    id: uuid.UUID = Field(alias="directive.pk")
    citizen_id: uuid.UUID = Field(alias="directive.citizen_id")
    version: int = Field(alias="directive.version")
    status: str = Field(alias="directive.status")
    change: str = Field(alias="directive.change")
    in_force: bool = Field(description="The current version, and in force today.")
    is_current: bool
    base_policy: BasePolicy = Field(alias="directive.base_policy")
    scope: str = Field(alias="directive.scope")
    purpose: ConsentPurpose = Field(alias="directive.purpose")
    period_start: dt.date = Field(alias="directive.period_start")
    period_end: dt.date | None = Field(alias="directive.period_end")
    given_via: GivenVia = Field(alias="directive.given_via")
    witness_name: str = Field(alias="directive.witness_name")
    recorded_by: str
    recorded_by_role: str = Field(alias="directive.recorded_by_role")
    recorded_at: dt.datetime = Field(alias="directive.recorded_at")
    provisions: list[ProvisionOut] = Field(alias="directive.provisions")

    @staticmethod
    def resolve_recorded_by(version: selectors.ConsentVersion) -> str:
        user = version.directive.recorded_by
        return getattr(user, "display_name", "") or user.get_username()


class ConsentDetailOut(ConsentOut):
    fhir: dict[str, Any] = Field(description="The version as a FHIR R5 Consent resource.")

    @staticmethod
    def resolve_fhir(version: selectors.ConsentVersion) -> dict[str, Any]:
        return consent_as_fhir(version.directive, jurisdiction=version.jurisdiction)


def _detail(
    request: HttpRequest, citizen_id: uuid.UUID, consent_id: uuid.UUID
) -> selectors.ConsentVersion:
    return selectors.consent_directive_get(
        actor=request_actor(request), citizen_id=citizen_id, consent_id=consent_id
    )


@router.get("/citizens/{citizen_id}/consents", response={200: list[ConsentOut], **errors(404)})
def consent_list(request: HttpRequest, citizen_id: uuid.UUID):
    """Every version of the citizen's consent, newest first; the first is the current one."""
    history = selectors.consent_history_get(actor=request_actor(request), citizen_id=citizen_id)
    return history.version_records


@router.post(
    "/citizens/{citizen_id}/consents",
    response={201: ConsentDetailOut, **errors(400, 403, 404)},
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
    response={200: ConsentDetailOut, **errors(404)},
)
def consent_detail(request: HttpRequest, citizen_id: uuid.UUID, consent_id: uuid.UUID):
    """One version, with its FHIR R5 Consent rendering under `fhir`."""
    return _detail(request, citizen_id, consent_id)


@router.post(
    "/citizens/{citizen_id}/consents/{consent_id}/revoke",
    response={201: ConsentDetailOut, **errors(400, 403, 404)},
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
