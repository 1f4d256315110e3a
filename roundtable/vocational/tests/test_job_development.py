"""IPS job development (issue 12 §2): the team's employer register and contact log, job starts
that land once in the work history, follow-along support without an end, benefits counselling,
and a disclosure ledger that refuses health without the citizen's consent to tell employers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from roundtable.audit.models import AuditEvent
from roundtable.outcomes.models import WorkHistoryEntry
from roundtable.outcomes.services import HistoryData, work_history_record
from roundtable.vocational import models, services
from roundtable.vocational.testing import (
    actor_of,
    days_ago,
    employer_permit,
    fill_job_development,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobdev(cast):
    return fill_job_development(cast)


def test_a_job_start_is_recorded_once_in_the_work_history(cast, jobdev):
    entry = WorkHistoryEntry.objects.get(course=cast.anna_course)
    assert jobdev["start"].work_history_entry_id == entry.pk
    assert (entry.kind, entry.employer, entry.job_title, entry.terms) == (
        "job",
        "Bageriet",
        "Baker's assistant",
        "competitive",
    )


def test_a_job_already_in_the_work_history_is_linked_not_duplicated(cast):
    jobdev = fill_job_development(cast)
    bob = actor_of(cast.bob)
    cafe = services.employer_create(actor=bob, team_id=cast.alpha.id, name="Café Nord")
    entry = work_history_record(
        actor=bob,
        citizen_id=cast.anna.id,
        data=HistoryData(
            kind="job",
            starts_on=days_ago(5),
            employer="café nord",
            job_title="Barista",
            terms="subsidised",
            hours_per_week="10",
        ),
    )
    start = services.job_start_record(
        actor=bob,
        citizen_id=cast.anna.id,
        employer_id=cafe.pk,
        job_type="Barista",
        competitive=False,
        hours_per_week=10,
        starts_on=days_ago(5),
    )
    assert start.work_history_entry_id == entry.pk
    assert WorkHistoryEntry.objects.filter(course=cast.anna_course).count() == 2
    assert jobdev["start"].work_history_entry_id != entry.pk


def test_a_job_start_refuses_another_teams_employer_and_bad_hours(cast, jobdev):
    dave = actor_of(cast.dave)
    beta_employer = services.employer_create(actor=dave, team_id=cast.beta.id, name="Beta Shop")
    with pytest.raises(ValidationError) as problems:
        services.job_start_record(
            actor=actor_of(cast.bob),
            citizen_id=cast.anna.id,
            employer_id=beta_employer.pk,
            job_type="",
            competitive=True,
            hours_per_week=90,
            starts_on=days_ago(-3),
        )
    text = " ".join(problems.value.messages)
    assert "register" in text and "job type" in text and "0 to 80" in text
    assert models.JobStart.objects.count() == 1


def test_follow_along_support_has_no_time_limit_but_comes_after_the_start(cast, jobdev):
    bob = actor_of(cast.bob)
    start = jobdev["start"]
    start.starts_on = days_ago(3000)
    start.save()
    late = services.follow_along_record(
        actor=bob,
        citizen_id=cast.anna.id,
        job_start_id=start.pk,
        contacted_on=days_ago(1),
        kind="phone",
    )
    assert late.pk
    with pytest.raises(ValidationError, match="after the first day"):
        services.follow_along_record(
            actor=bob,
            citizen_id=cast.anna.id,
            job_start_id=start.pk,
            contacted_on=days_ago(3001),
            kind="phone",
        )


def test_the_disclosure_ledger_refuses_health_without_consent_to_tell_employers(cast, jobdev):
    with pytest.raises(ValidationError) as refused:
        services.disclosure_record(
            actor=actor_of(cast.bob),
            citizen_id=cast.anna.id,
            employer_id=jobdev["employer"].pk,
            told_on=days_ago(2),
            category="functional_limits",
            told_by="together",
        )
    assert "consent" in refused.value.message_dict["category"][0]
    assert models.DisclosureEntry.objects.count() == 1


def test_consent_to_tell_employers_one_thing_does_not_open_another(cast, jobdev):
    directive = employer_permit(cast, "functional_capacity")
    bob = actor_of(cast.bob)
    told = services.disclosure_record(
        actor=bob,
        citizen_id=cast.anna.id,
        employer_id=jobdev["employer"].pk,
        told_on=days_ago(2),
        category="functional_limits",
        told_by="together",
    )
    assert told.consent_id == directive.pk
    with pytest.raises(ValidationError, match="consent"):
        services.disclosure_record(
            actor=bob,
            citizen_id=cast.anna.id,
            employer_id=jobdev["employer"].pk,
            told_on=days_ago(2),
            category="diagnosis",
            told_by="specialist",
        )


def test_a_disclosure_before_the_consent_began_is_refused(cast, jobdev):
    employer_permit(cast, "diagnosis")
    with pytest.raises(ValidationError, match="consent"):
        services.disclosure_record(
            actor=actor_of(cast.bob),
            citizen_id=cast.anna.id,
            employer_id=jobdev["employer"].pk,
            told_on=days_ago(40),
            category="diagnosis",
            told_by="specialist",
        )


def test_only_the_persons_own_specialist_writes_job_development(cast, jobdev):
    with pytest.raises(PermissionDenied):
        services.benefits_counselling_record(
            actor=actor_of(cast.alice),
            citizen_id=cast.anna.id,
            held_on=days_ago(1),
            counsellor="X",
            topic="Y",
        )
    with pytest.raises(Http404):
        services.benefits_counselling_record(
            actor=actor_of(cast.dave),
            citizen_id=cast.anna.id,
            held_on=days_ago(1),
            counsellor="X",
            topic="Y",
        )


def test_a_care_manager_reads_the_register_but_does_not_keep_it(cast, jobdev):
    with pytest.raises(PermissionDenied):
        services.employer_create(actor=actor_of(cast.alice), team_id=cast.alpha.id, name="New")
    with pytest.raises(Http404):
        services.employer_create(actor=actor_of(cast.dave), team_id=cast.alpha.id, name="New")


def test_the_register_refuses_the_same_employer_twice(cast, jobdev):
    with pytest.raises(ValidationError, match="already"):
        services.employer_create(actor=actor_of(cast.bob), team_id=cast.alpha.id, name="bageriet")


def test_the_specialist_sees_the_job_development_sections(client, login, cast, jobdev):
    login(cast.bob)
    page = client.get(reverse("assessments:page", args=[cast.anna.id])).content.decode()
    for text in (
        "Job starts and follow-along support",
        "Baker&#x27;s assistant",
        "First week went well",
        "Benefits counselling",
        "Disclosure ledger",
        "Nothing about health",
    ):
        assert text in page, text


def test_the_disclosure_form_shows_the_consent_refusal_beside_the_field(
    client, login, cast, jobdev
):
    login(cast.bob)
    url = reverse("vocational:disclosure-new", args=[cast.anna.id])
    response = client.post(
        url,
        {
            "employer_id": str(jobdev["employer"].pk),
            "told_on": days_ago(1).isoformat(),
            "category": "diagnosis",
            "told_by": "specialist",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_category_error"' in body and "consent" in body
    assert models.DisclosureEntry.objects.count() == 1


def test_the_specialist_records_a_job_start_through_the_form(client, login, cast, jobdev):
    login(cast.bob)
    url = reverse("vocational:job-start-new", args=[cast.anna.id])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "employer_id": str(jobdev["employer"].pk),
            "job_type": "Cleaner",
            "competitive": "on",
            "hours_per_week": "12.5",
            "starts_on": days_ago(2).isoformat(),
        },
    )
    assert response.status_code == 302
    start = models.JobStart.objects.get(job_type="Cleaner")
    assert start.work_history_entry_id is None  # the box was left unticked


def test_the_citizen_reads_what_was_told_to_their_employer_in_plain_words(
    client, login, cast, jobdev
):
    employer_permit(cast, "functional_capacity")
    services.disclosure_record(
        actor=actor_of(cast.bob),
        citizen_id=cast.anna.id,
        employer_id=jobdev["employer"].pk,
        told_on=days_ago(1),
        category="functional_limits",
        told_by="together",
    )
    login(cast.anna)
    page = client.get(reverse("assessments:my-page")).content.decode()
    assert "What was told to your employer" in page
    assert "What is hard for you at work, and what helps" in page
    assert "Nothing about your health" in page and "We told it together." in page


def test_the_team_register_names_a_person_only_to_who_may_read_them(client, login, cast, jobdev):
    url = reverse("vocational:employers", args=[cast.alpha.id])
    login(cast.bob)
    body = client.get(url).content.decode()
    assert "Bageriet" in body and cast.anna.full_name in body
    login(cast.sam)  # the supervisor reads the course, so the name
    assert client.get(url).status_code == 200


def test_the_specialist_logs_an_employer_contact_on_the_team_page(client, login, cast, jobdev):
    login(cast.bob)
    url = reverse("vocational:employer-contact-new", args=[cast.alpha.id])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "employer_id": str(jobdev["employer"].pk),
            "contacted_on": days_ago(0).isoformat(),
            "mode": "community",
            "purpose": "job_development",
            "citizen_id": "",
        },
    )
    assert response.status_code == 302
    assert models.JobDevelopmentContact.objects.filter(about=None).count() == 2
    assert AuditEvent.objects.filter(object_type="job_development_contact").exists()


def test_a_contact_about_someone_elses_person_is_refused(cast, jobdev):
    with pytest.raises(Http404):
        services.job_development_contact_record(
            actor=actor_of(cast.bob),
            team_id=cast.alpha.id,
            employer_id=jobdev["employer"].pk,
            contacted_on=days_ago(1),
            mode="phone",
            purpose="placement",
            citizen_id=cast.bent.id,
        )


def test_the_timeline_shows_the_job_start_and_what_was_told(cast, jobdev):
    from roundtable.citizens.gate import course_access
    from roundtable.vocational.parts import PART

    access = course_access(
        actor=actor_of(cast.bob), citizen_id=cast.anna.id, purpose="test", note=False
    )
    assert PART.timeline is not None
    titles = [entry.title for entry in PART.timeline(access)]
    assert "Job started at Bageriet" in titles
    assert "Told Bageriet: Nothing about health" in titles
