"""The demo's pathway and consent content, loaded once for the module through the services:
assessments, joint plans, the collective journal and consent states mean what the demo says."""

from collections import Counter

from django.utils.translation import gettext, override

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditEvent
from roundtable.care.models import CareSession, HealthAssessment, SymptomScore
from roundtable.citizens.models import Citizen, Course
from roundtable.consent.access import visible_data_classes
from roundtable.consent.models import ConsentDirective
from roundtable.core.data_classes import ALL_CLASSES
from roundtable.demo.assessments import NORWEGIAN_TEAM, SWEDISH_IPS_TEAM
from roundtable.demo.plans import COPIED_GOAL, demo_plans_load
from roundtable.demo.tests.conftest import DEMO_TODAY
from roundtable.journal.models import JournalDispute, JournalEntry
from roundtable.lifesituation.models import LifeArea
from roundtable.meetings.models import Meeting
from roundtable.organisations.models import TeamProgramme
from roundtable.plans.models import JointPlan, PlanResponse, PlanVersion
from roundtable.vocational.models import IpsCareerProfile, IpsJobSearchPlan, VocationalAssessment


def test_demo_assessments(demo):
    courses = Course.objects.count()
    assessed = set(HealthAssessment.objects.values_list("course_id", flat=True))
    vocational = set(VocationalAssessment.objects.values_list("course_id", flat=True))
    assert len(assessed & vocational) > courses / 2

    budgets = {p.team_id: p.budget for p in TeamProgramme.objects.all()}
    used = Counter(
        CareSession.objects.filter(attendance__in=["attended", "no_show"]).values_list(
            "course_id", flat=True
        )
    )
    for course in Course.objects.filter(pk__in=assessed):
        assert used[course.pk] <= budgets[course.team_id]
    assert set(CareSession.objects.values_list("course_id", flat=True)) == assessed

    # The main instrument of each course has 3 to 8 scores over time.
    per_instrument = Counter(SymptomScore.objects.values_list("course_id", "instrument"))
    most = Counter()
    for (course_id, _instrument), n in per_instrument.items():
        most[course_id] = max(most[course_id], n)
    assert set(most) == assessed
    assert all(3 <= n <= 8 for n in most.values()), most

    assert TeamProgramme.objects.get(team__name=SWEDISH_IPS_TEAM).is_ips
    swedish = set(Course.objects.filter(team__name=SWEDISH_IPS_TEAM).values_list("id", flat=True))
    ips = set(IpsCareerProfile.objects.values_list("course_id", flat=True))
    assert ips and ips <= swedish
    assert set(IpsJobSearchPlan.objects.values_list("course_id", flat=True)) == ips

    norwegian = set(Course.objects.filter(team__name=NORWEGIAN_TEAM).values_list("id", flat=True))
    mapped = set(LifeArea.objects.values_list("course_id", flat=True))
    assert mapped & norwegian
    assert LifeArea.objects.filter(course_id__in=norwegian, filled_with_citizen=True).exists()
    assert LifeArea.objects.exclude(citizen_wishes="").exists()

    assert AuditEvent.objects.filter(object_type="care_session", action="create").count() == (
        CareSession.objects.count()
    )


def test_most_citizens_with_a_held_meeting_get_a_published_plan(demo):
    held = Meeting.objects.filter(status="held").values("course_id").distinct().count()
    plans = JointPlan.objects.count()
    assert held >= 10 and held - 3 <= plans < held
    assert PlanVersion.objects.values("plan_id").distinct().count() == plans
    counts = [p.versions.count() for p in JointPlan.objects.all()]
    assert {1, 2, 3} <= set(counts)
    assert JointPlan.objects.filter(goals__decisions__isnull=False).distinct().count() == plans
    assert all(p.ramp.exists() for p in JointPlan.objects.all())
    assert PlanResponse.objects.filter(agreement="agree").exists()
    assert PlanResponse.objects.filter(agreement="not_yet").exclude(comment="").exists()
    assert JointPlan.objects.filter(goals__text=COPIED_GOAL).count() == 2
    # Loading again changes nothing.
    demo_plans_load(today=DEMO_TODAY)
    assert JointPlan.objects.count() == plans


def test_demo_journal(demo, client):
    today = DEMO_TODAY
    citizens = JournalEntry.objects.values("course__citizen").distinct().count()
    assert citizens > Citizen.objects.count() / 2
    assert set(JournalEntry.objects.values_list("data_class", flat=True)) == ALL_CLASSES
    sectors = set(JournalEntry.objects.values_list("author_organisation__sector", flat=True))
    assert sectors == {"health", "employment"}
    assert JournalEntry.objects.filter(source__isnull=False).exists()
    statuses = sorted(JournalDispute.objects.values_list("status", flat=True))
    assert statuses == ["corrected", "open"]
    open_dispute = JournalDispute.objects.get(status="open")
    citizen_user = open_dispute.entry.course.citizen.user
    assert citizen_user is not None
    client.force_login(citizen_user)
    response = client.get("/me/journal/")
    # Demo citizens read Danish.
    with override(citizen_user.language or "en"):
        waiting = gettext("You said this is wrong. Waiting for an answer.")
    assert response.status_code == 200 and waiting in response.content.decode()
    assert all(e.created_at.date() <= today for e in JournalEntry.objects.all())


def test_demo_consent_gives_citizens_different_states(demo):
    courses = {
        c.citizen.user.username: c
        for c in Course.objects.filter(citizen__user__isnull=False).select_related(
            "citizen__user", "employment_consultant__user"
        )
    }
    seen = {}
    for username, course in courses.items():
        ec = actor_for_user(course.employment_consultant.user)
        seen[username] = visible_data_classes(ec, course)
    shared = [u for u, v in seen.items() if {"health_summary", "functional_capacity"} <= v]
    therapy = [u for u, v in seen.items() if "therapy_detail" in v]
    assert len(shared) >= 2 and len(therapy) == 1
    assert any("health_summary" not in v for v in seen.values())
    latest = {}
    for d in ConsentDirective.objects.order_by("version"):
        latest[d.citizen_id] = d
    assert sum(d.status == "inactive" for d in latest.values()) == 1
    assert ConsentDirective.objects.filter(given_via="paper").exists()
    assert ConsentDirective.objects.filter(given_via="oral").exclude(witness_name="").exists()
    assert (
        AuditEvent.objects.filter(action="consent_change").count()
        == ConsentDirective.objects.count()
    )
