"""The course's responsibility group through the FHIR door (issue 13): its members on the
CareTeam and who of them takes part on each meeting's Encounter — only for a caller who may read
the course's contact details, with no one listed twice and references that resolve."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from roundtable.audit.models import AuditEvent, AuditOutcome
from roundtable.consent.testing import directive_create
from roundtable.interop import mapping
from roundtable.interop.adapter import bundle_read, validated
from roundtable.interop.bundles import unresolved
from roundtable.interop.tests.conftest import everything, fhir_json, of_type
from roundtable.meetings.testing import actor_of, schedule
from roundtable.network.models import GroupRole, MemberKind
from roundtable.network.services import group_member_add, group_member_leave
from roundtable.organisations.models import Organisation, Role, Sector
from roundtable.testing import make_professional

pytestmark = pytest.mark.django_db

JOINED = timezone.localdate() - dt.timedelta(days=10)
GP_NAME, GP_PRACTICE = "Per Praktiker", "Lægehuset Torvet"


def _add(cast, citizen, **values):
    return group_member_add(
        actor=actor_of(cast.alice), citizen_id=citizen.pk, joined_on=JOINED, **values
    )


def _summary_member(cast, name, organisation, role=GroupRole.HOUSING):
    """Someone outside the team with no account."""
    return _add(
        cast,
        cast.anna,
        kind=MemberKind.SUMMARY,
        role=role,
        name=name,
        organisation_name=organisation,
    )


@pytest.fixture
def group(cast):
    """Anna's group: a GP with no account, a psychiatrist of another organisation with one,
    her care manager (already on the team), and a housing officer who has left. A meeting with
    the GP and the psychiatrist taking part."""
    gp = _summary_member(cast, GP_NAME, GP_PRACTICE, GroupRole.GP)
    clinic = Organisation.objects.create(name="Psykiatrien Nord", sector=Sector.HEALTH)
    petra = make_professional("Petra Psyk", clinic, Role.CARE_MANAGER, title="Psychiatrist")
    psychiatrist = _add(
        cast,
        cast.anna,
        kind=MemberKind.OUTSIDE_USER,
        role=GroupRole.PSYCHIATRIST,
        professional_id=petra.pk,
    )
    _add(
        cast,
        cast.anna,
        kind=MemberKind.TEAM,
        role=GroupRole.CARE_MANAGER,
        professional_id=cast.alice.pk,
    )
    housing = _summary_member(cast, "Hans Bolig", "Testby Kommune")
    group_member_leave(actor=actor_of(cast.alice), member_id=housing.pk, left_on=JOINED)
    meeting = schedule(cast.alice, cast.anna, group_members=[gp.pk, psychiatrist.pk])
    return {"gp": gp, "petra": petra, "clinic": clinic, "meeting": meeting}


def _care_team(data: dict) -> dict:
    (team,) = of_type(data, "CareTeam")
    return team


def _group_participants(team: dict) -> list[dict]:
    return [
        p
        for p in team["participant"]
        if p["role"][0]["coding"][0]["system"] == mapping.GROUP_ROLE_SYSTEM
    ]


def _encounter(data: dict, meeting) -> dict:
    return next(e for e in of_type(data, "Encounter") if e["id"] == str(meeting.pk))


def _from_the_group(encounter: dict) -> list[dict]:
    return [
        p
        for p in encounter.get("participant", ())
        if p["type"][0]["coding"][0]["code"] == mapping.GROUP_MEMBER_TYPE
    ]


def test_the_care_team_lists_the_group_with_and_without_accounts(fhir, cast, group):
    data = everything(fhir, cast.alice, cast.anna)  # validates every entry as R4B
    team = validated(_care_team(data))
    members = _group_participants(team)
    by_role = {p["role"][0]["coding"][0]["code"]: p for p in members}
    # The care manager is in the group too, but is listed once: as a team member.
    assert sorted(by_role) == ["gp", "housing", "psychiatrist"]
    practitioners = [p["member"].get("reference") for p in team["participant"]]
    assert practitioners.count(f"Practitioner/{cast.alice.pk}") == 1

    gp = by_role["gp"]
    assert gp["member"] == {"display": GP_NAME}
    assert gp["onBehalfOf"] == {"display": GP_PRACTICE}
    assert gp["role"][0]["coding"][0]["display"] == "General practitioner"
    assert gp["period"] == {"start": JOINED.isoformat()}

    psychiatrist = by_role["psychiatrist"]
    assert psychiatrist["member"]["reference"] == f"Practitioner/{group['petra'].pk}"
    assert psychiatrist["onBehalfOf"]["reference"] == f"Organization/{group['clinic'].pk}"
    # Someone who left keeps their place in the history, with the day they left.
    assert by_role["housing"]["period"] == {"start": JOINED.isoformat(), "end": JOINED.isoformat()}

    # The outside psychiatrist and her clinic are in the Bundle, so the references resolve.
    assert unresolved(data) == []
    names = {p["name"][0]["text"] for p in of_type(data, "Practitioner")}
    assert "Petra Psyk" in names
    # Read by id, the CareTeam is the same resource.
    assert fhir_json(fhir(cast.alice, f"CareTeam/{cast.anna_course.pk}")) == team


def test_the_meeting_encounter_lists_who_takes_part_from_the_group(fhir, cast, group):
    data = everything(fhir, cast.alice, cast.anna)
    encounter = validated(_encounter(data, group["meeting"]))
    taking_part = _from_the_group(encounter)
    assert [p["individual"] for p in taking_part] == [
        {"display": GP_NAME},
        {"reference": f"Practitioner/{group['petra'].pk}", "display": "Petra Psyk"},
    ]
    roles = [p["type"][1]["coding"][0]["code"] for p in taking_part]
    assert roles == ["gp", "psychiatrist"]
    # The housing officer, who is not coming, is not on the Encounter.
    assert "Hans Bolig" not in json.dumps(encounter, ensure_ascii=False)
    # The course's two professionals are still there, once each.
    others = [
        p["individual"]["reference"] for p in encounter["participant"] if p not in taking_part
    ]
    assert sorted(others) == sorted(
        [f"Practitioner/{cast.alice.pk}", f"Practitioner/{cast.bob.pk}"]
    )


def test_without_contact_details_the_group_is_left_out(fhir, cast, group):
    shared = everything(fhir, cast.bob, cast.anna)
    # By default both sectors read the contact details: Bob sees the group (the test can fail).
    assert len(_group_participants(_care_team(shared))) == 3
    assert len(_from_the_group(_encounter(shared, group["meeting"]))) == 2

    # Anna keeps her contact details from the employment side.
    directive_create(cast.anna, [("deny", "sector", "employment", ["contact_details"])])
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    denied = everything(fhir, cast.bob, cast.anna)
    text = json.dumps(denied, ensure_ascii=False)
    for name in (GP_NAME, GP_PRACTICE, "Petra Psyk", "Psykiatrien Nord", "Hans Bolig"):
        assert name not in text, name
    assert _group_participants(_care_team(denied)) == []
    assert _from_the_group(_encounter(denied, group["meeting"])) == []
    # The meeting itself and the team are still served.
    assert {p["member"]["reference"] for p in _care_team(denied)["participant"]} >= {
        f"Practitioner/{cast.alice.pk}",
        f"Practitioner/{cast.bob.pk}",
    }
    assert unresolved(denied) == []
    event = AuditEvent.objects.exclude(pk__in=before).get(citizen_id=cast.anna.pk)
    assert "contact_details" not in json.dumps(event.detail)

    # The health side is not touched by Anna's deny.
    alice = everything(fhir, cast.alice, cast.anna)
    assert len(_group_participants(_care_team(alice))) == 3


def test_the_audit_event_names_contact_details_when_the_group_is_shown(fhir, cast, group):
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    everything(fhir, cast.alice, cast.anna)
    event = AuditEvent.objects.exclude(pk__in=before).get(citizen_id=cast.anna.pk)
    assert "contact_details" in json.dumps(event.detail)


def test_another_team_gets_404_and_no_group_member(fhir, cast, group):
    paths = [
        f"Patient/{cast.anna.pk}/$everything",
        f"CareTeam/{cast.anna_course.pk}",
        f"CareTeam?patient={cast.anna.pk}",
        f"Encounter/{group['meeting'].pk}",
    ]
    before = AuditEvent.objects.filter(outcome=AuditOutcome.DENIED).count()
    for path in paths:
        body = validated(fhir_json(fhir(cast.carol, path), 404))
        assert body["issue"][0]["code"] == "not-found", path
        text = json.dumps(body, ensure_ascii=False)
        assert GP_NAME not in text and "Petra Psyk" not in text, path
    assert AuditEvent.objects.filter(outcome=AuditOutcome.DENIED).count() - before == len(paths)


def test_the_query_count_does_not_grow_with_the_group(
    fhir, cast, group, django_assert_max_num_queries
):
    path = f"Patient/{cast.anna.pk}/$everything"
    fhir(cast.alice, path)  # the token
    with django_assert_max_num_queries(40) as one:
        fhir(cast.alice, path)
    more = [_summary_member(cast, f"Helper {n}", f"Service {n}") for n in range(4)]
    # One more with an account, of yet another organisation: their names are loaded too.
    office = Organisation.objects.create(name="Bostøtte Syd", sector=Sector.EMPLOYMENT)
    olga = make_professional("Olga Opfølger", office, Role.EMPLOYMENT_CONSULTANT)
    more.append(
        _add(
            cast,
            cast.anna,
            kind=MemberKind.OUTSIDE_USER,
            role=GroupRole.SOCIAL_WORKER,
            professional_id=olga.pk,
        )
    )
    schedule(cast.alice, cast.anna, days_ahead=9, group_members=[m.pk for m in more])
    with django_assert_max_num_queries(len(one.captured_queries)):
        data = fhir_json(fhir(cast.alice, path))
    bundle_read(json.dumps(data))
    assert unresolved(data) == []
    assert len(_group_participants(_care_team(data))) == 3 + 5
    meetings = of_type(data, "Encounter")
    assert sorted(len(_from_the_group(e)) for e in meetings) == [2, 5]
