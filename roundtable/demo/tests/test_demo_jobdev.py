"""The demo's Swedish IPS team has job development to show: a register, months of employer
contacts, two job starts with follow-along support, benefits counselling, and a disclosure
ledger whose health entry rests on the citizen's consent to tell employers."""

import datetime as dt

import pytest

from roundtable.consent.access import current_directive_facts, employer_disclosure_permits
from roundtable.demo.setting import SWEDISH_TEAM
from roundtable.demo.tests.conftest import DEMO_TODAY
from roundtable.organisations.models import Team
from roundtable.vocational import models
from roundtable.vocational.fidelity_figures import ips_service_figures
from roundtable.vocational.models import DISCLOSURE_CLASS

pytestmark = pytest.mark.django_db


def test_the_swedish_ips_team_has_a_register_contacts_and_job_starts(demo):
    team = Team.objects.get(name=SWEDISH_TEAM)
    assert models.Employer.objects.filter(team=team).count() == 6
    contacts = models.JobDevelopmentContact.objects.filter(team=team)
    assert contacts.count() >= 30
    assert contacts.filter(about__isnull=False).exists()
    starts = models.JobStart.objects.filter(course__team=team)
    assert starts.count() == 2
    assert all(s.work_history_entry_id for s in starts)
    assert models.FollowAlongContact.objects.filter(job_start__in=starts).count() >= 4
    assert models.BenefitsCounselling.objects.filter(course__team=team).count() == 1


def test_the_demo_disclosure_about_health_rests_on_consent_to_tell_employers(demo):
    told = models.DisclosureEntry.objects.filter(category__in=list(DISCLOSURE_CLASS))
    assert told.count() == 1
    entry = told.get()
    facts = current_directive_facts([entry.course.citizen_id])[entry.course.citizen_id]
    assert entry.consent_id == facts.id
    permits = employer_disclosure_permits(facts, days=[entry.told_on])
    assert DISCLOSURE_CLASS[entry.category] in permits


def test_the_demo_gives_the_fidelity_review_figures(demo):
    team = Team.objects.get(name=SWEDISH_TEAM)
    figures = ips_service_figures(
        team=team, start=DEMO_TODAY - dt.timedelta(days=120), end=DEMO_TODAY
    )
    assert figures["SV6"]["figure"] and figures["SV10"]["figure"] == 100.0
    assert figures["SV12"]["figure"] == 100.0 and figures["SV13"]["n"] > 30
