"""The IPS career profile's medication, substance use and health fields are not work
(issue 10 #30): they need their own classes, on the page, in the API and in the access export;
a writer who may not read them keeps what is stored."""

import json

import pytest

from roundtable.consent.testing import directive_create
from roundtable.organisations.services import team_programme_set
from roundtable.vocational import selectors, services
from roundtable.vocational.models import IpsCareerProfile
from roundtable.vocational.testing import actor_of

pytestmark = pytest.mark.django_db

PRIVATE = {
    "symptoms_coping": "Voices when stressed; walks it off",
    "medication_side_effects": "Tired in the mornings from olanzapine",
    "substance_use": "Cannabis at weekends",
}


def _profile(cast, **fields):
    return services.ips_career_profile_save(
        actor=actor_of(cast.bob), citizen_id=cast.anna.id, work_goal="Run a café", **fields
    )


def _bob_reads(cast) -> dict[str, str]:
    record = selectors.vocational_record_get(actor=actor_of(cast.bob), citizen_id=cast.anna.id)
    return dict(record.ips_profile_items)


@pytest.fixture
def ips_profile(cast):
    team_programme_set(team_id=cast.alpha.id, is_ips=True)
    everything = ["health_summary", "substance_medication"]
    directive_create(cast.anna, [("permit", "sector", "employment", everything)])
    _profile(cast, **PRIVATE)
    assert IpsCareerProfile.objects.get().substance_use == "Cannabis at weekends"


def test_a_health_summary_permit_shows_symptoms_but_not_medication_or_substance_use(
    cast, ips_profile, client, login
):
    directive_create(cast.anna, [("permit", "sector", "employment", ["health_summary"])])
    shown = _bob_reads(cast)
    assert "Voices when stressed; walks it off" in shown.values()
    assert "Cannabis at weekends" not in shown.values()
    assert "Tired in the mornings from olanzapine" not in shown.values()
    login(cast.bob)
    api = client.get(f"/api/v1/citizens/{cast.anna.id}/assessments").json()
    [profile] = [s["data"] for s in api["sections"] if s["name"] == "ips_career_profile"]
    assert "substance_use" not in profile and "medication_side_effects" not in profile
    assert profile["symptoms_coping"] == "Voices when stressed; walks it off"
    export = client.get(f"/citizens/{cast.anna.id}/export.json").content.decode()
    assert "Cannabis" not in export and "olanzapine" not in export
    assert "Run a café" in json.dumps(json.loads(export), ensure_ascii=False)


def test_by_default_the_jobcentre_reads_only_the_work_fields(cast, ips_profile):
    directive_create(cast.anna, [("permit", "sector", "employment", ["functional_capacity"])])
    shown = _bob_reads(cast)
    assert "Run a café" in shown.values()
    assert not set(PRIVATE.values()) & set(shown.values())


def test_saving_without_the_class_keeps_what_is_stored(cast, ips_profile):
    directive_create(cast.anna, [("permit", "sector", "employment", ["functional_capacity"])])
    _profile(cast, substance_use="", medication_side_effects="", symptoms_coping="")
    stored = IpsCareerProfile.objects.get()
    assert stored.substance_use == "Cannabis at weekends"
    assert stored.symptoms_coping == "Voices when stressed; walks it off"
    assert stored.work_goal == "Run a café"
