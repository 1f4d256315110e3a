"""`roundtable fhir export` (a citizen's Bundle of type collection, as a named reader) and
`roundtable fhir bulk` (the evaluator's pseudonymised NDJSON under the research rules)."""

import json

import pytest
from django.core.management import CommandError, call_command

from roundtable.audit.models import AuditAction, AuditEvent, AuditOutcome
from roundtable.care.testing import HEALTH_SUMMARY, THERAPY_NOTE
from roundtable.interop.adapter import bundle_read, validated
from roundtable.interop.bundles import unresolved
from roundtable.organisations.models import Role
from roundtable.plans.testing import CARE_MANAGER_SECTION, SHARED_GOAL
from roundtable.testing import make_professional

pytestmark = pytest.mark.django_db


def _export(tmp_path, citizen, *extra) -> dict:
    out = tmp_path / "bundle.json"
    call_command("fhir", "export", "--citizen", str(citizen.pk), "--out", str(out), *extra)
    text = out.read_text()
    bundle_read(text)
    return json.loads(text)


def test_export_as_a_reader_holds_what_they_may_read(tmp_path, cast, anna_course_history):
    data = _export(tmp_path, cast.anna, "--as", cast.bob.user.username)
    assert data["type"] == "collection" and "total" not in data
    assert unresolved(data) == []
    text = json.dumps(data, ensure_ascii=False)
    assert SHARED_GOAL in text
    for secret in (THERAPY_NOTE, HEALTH_SUMMARY, CARE_MANAGER_SECTION, cast.anna.national_id):
        assert secret not in text
    event = AuditEvent.objects.filter(object_type="fhir_everything").get()
    assert (event.actor_id, event.citizen_id, event.outcome) == (
        cast.bob.user.pk,
        cast.anna.pk,
        AuditOutcome.ALLOWED,
    )


def test_export_without_a_reader_is_the_citizens_own_copy(tmp_path, cast, anna_course_history):
    data = _export(tmp_path, cast.anna)
    assert data["entry"][0]["resource"]["identifier"][0]["value"] == cast.anna.national_id
    assert unresolved(data) == []


def test_export_refuses_another_teams_reader_and_a_citizen_without_an_account(tmp_path, cast):
    with pytest.raises(CommandError, match="may not read"):
        _export(tmp_path, cast.anna, "--as", cast.carol.user.username)
    assert AuditEvent.objects.filter(
        object_type="fhir_everything", outcome=AuditOutcome.DENIED
    ).exists()
    with pytest.raises(CommandError, match="no account"):
        _export(tmp_path, cast.bent)


def test_bulk_is_pseudonymised_under_the_research_rules(
    tmp_path, cast, anna_course_history, settings
):
    settings.ROUNDTABLE_RESEARCH_K = 1
    eve = make_professional("Eve Evaluator", cast.region, Role.EVALUATOR, (cast.alpha,))
    out = tmp_path / "bulk"
    call_command("fhir", "bulk", "--out", str(out), "--as", eve.user.username)
    files = {p.name: p.read_text() for p in out.iterdir()}
    assert set(files) == {
        "Patient.ndjson",
        "EpisodeOfCare.ndjson",
        "Encounter.ndjson",
        "CarePlan.ndjson",
    }
    everything = "".join(files.values())
    for identifying in (
        "Anna",
        "Secretperson",
        cast.anna.national_id,
        str(cast.anna.pk),
        str(cast.anna_course.pk),
        SHARED_GOAL,
        CARE_MANAGER_SECTION,
        "How to start back",
    ):
        assert identifying not in everything
    for line in everything.splitlines():
        validated(json.loads(line))
    patients = [json.loads(line) for line in files["Patient.ndjson"].splitlines()]
    assert len(patients) == 1 and len(patients[0]["id"]) == 20
    plans = files["CarePlan.ndjson"].splitlines()
    assert len(plans) == 2  # the two published versions, counted
    assert AuditEvent.objects.filter(
        object_type="research_export", action=AuditAction.EXPORT
    ).exists()


def test_bulk_holds_back_courses_below_k_and_refuses_anyone_but_an_evaluator(
    tmp_path, cast, anna_course_history, settings
):
    settings.ROUNDTABLE_RESEARCH_K = 5
    eve = make_professional("Eve Evaluator", cast.region, Role.EVALUATOR, (cast.alpha,))
    out = tmp_path / "bulk"
    call_command("fhir", "bulk", "--out", str(out), "--as", eve.user.username)
    assert (out / "Patient.ndjson").read_text() == ""  # one course is fewer than k
    with pytest.raises(CommandError, match="may not"):
        call_command("fhir", "bulk", "--out", str(out), "--as", cast.alice.user.username)
