"""Test helpers for the network: a small directory, and an outside professional (a GP of
another organisation, with an account) who can join a responsibility group."""

from __future__ import annotations

import datetime as dt

from roundtable.accounts.actor import actor_for_user
from roundtable.consent.models import ProvisionType, RecipientKind
from roundtable.consent.services import ProvisionSpec, consent_directive_record
from roundtable.network.models import DirectoryService, GroupRole, MemberKind
from roundtable.network.services import directory_import, group_member_add
from roundtable.organisations.models import Organisation, Professional, Role, Sector
from roundtable.testing import make_professional

HSDS = {
    "organizations": [
        {
            "id": "11111111-1111-4111-8111-111111111111",
            "name": "Testby Kommune",
            "email": "kommune@testby.example",
            "phones": [{"number": "+45 11 11 11 11"}],
            "x_municipality": "Testby",
            "x_country": "DK",
        }
    ],
    "services": [
        {
            "id": "22222222-2222-4222-8222-222222222221",
            "organization_id": "11111111-1111-4111-8111-111111111111",
            "name": "Boligrådgivning",
            "description": "Help to keep a flat.",
            "eligibility_description": "Residents",
            "languages": ["da", "en"],
            "phones": [{"number": "+45 22 22 22 21"}],
            "attributes": [{"taxonomy_term": {"taxonomy": "roundtable-need", "code": "housing"}}],
        },
        {
            "id": "22222222-2222-4222-8222-222222222222",
            "organization_id": "11111111-1111-4111-8111-111111111111",
            "name": "Lægehuset Torvet",
            "email": "laege@testby.example",
            "attributes": [{"taxonomy_term": {"taxonomy": "roundtable-need", "code": "health"}}],
        },
    ],
    "locations": [
        {
            "id": "33333333-3333-4333-8333-333333333333",
            "organization_id": "11111111-1111-4111-8111-111111111111",
            "name": "Rådhuset",
            "addresses": [{"address_1": "Torvet 1", "city": "Testby"}],
        }
    ],
    "service_at_locations": [
        {
            "id": "44444444-4444-4444-8444-444444444441",
            "service_id": "22222222-2222-4222-8222-222222222221",
            "location_id": "33333333-3333-4333-8333-333333333333",
            "schedules": [{"description": "Mon–Fri 9–15"}],
        }
    ],
}


def load_directory() -> dict[str, DirectoryService]:
    directory_import(actor=None, data=HSDS, command=True)
    return {s.need: s for s in DirectoryService.objects.all()}


def make_gp() -> Professional:
    """A GP of a practice outside every team, with an account."""
    practice = Organisation.objects.create(name="Lægehuset Torvet", sector=Sector.HEALTH)
    return make_professional("Gerda Lægesen", practice, Role.CARE_MANAGER, title="GP")


def add_outside_member(cast, gp: Professional):
    return group_member_add(
        actor=actor_for_user(cast.alice.user),
        citizen_id=cast.anna.id,
        kind=MemberKind.OUTSIDE_USER,
        role=GroupRole.GP,
        professional_id=gp.pk,
        joined_on=dt.date.today(),
    )


def permit_organisation(cast, organisation: Organisation, *classes: str):
    """Anna's consent: these classes to this organisation (recorded by her care manager)."""
    return consent_directive_record(
        actor=actor_for_user(cast.anna.user),
        citizen_id=cast.anna.id,
        provisions=[
            ProvisionSpec(
                type=ProvisionType.PERMIT,
                recipient_kind=RecipientKind.ORGANISATION,
                recipient=str(organisation.pk),
                data_classes=classes,
            )
        ],
        period_start=dt.date.today(),
    )
