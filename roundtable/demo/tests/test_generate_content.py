"""`roundtable generate` with content: the pages open on it, the services accept it as their own,
and the audit trail stays intact (generated rows have no audit history)."""

from __future__ import annotations

import io
from collections import Counter, defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditEvent
from roundtable.citizens.models import OPEN_STATUSES, Course
from roundtable.consent.models import ConsentDirective, ConsentStatus
from roundtable.consent.services import ProvisionSpec, consent_directive_record
from roundtable.core.data_classes import DataClass
from roundtable.demo.bulk import Table
from roundtable.demo.generate import Generated, generate
from roundtable.journal.models import JournalEntry
from roundtable.meetings.models import Decision, DecisionStatus, Meeting, MeetingStatus
from roundtable.organisations.models import Professional, Role
from roundtable.plans.models import JointPlan, PlanVersion
from roundtable.plans.services import joint_plan_publish
from roundtable.sickleave.models import BenefitPeriod

SCALE = 120


@pytest.fixture(scope="module")
def generated_module(django_db_setup, django_db_blocker):
    """One generation per module, rolled back at its end; each test runs in a savepoint."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            events_before = AuditEvent.objects.count()
            result = generate(scale=SCALE, today=timezone.localdate())
            result.events_written = AuditEvent.objects.count() - events_before  # type: ignore[attr-defined]
            yield result
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def generated(generated_module, db) -> Generated:
    return generated_module


def _busy_course(tag: str) -> Course:
    """An open course of a generated care manager with a published plan, journal entries and
    a held meeting: the pages have something to show."""
    course = (
        Course.objects.filter(
            team__name__contains=f" {tag}-",
            status__in=OPEN_STATUSES,
            joint_plan__versions__isnull=False,
            journal_entries__isnull=False,
            meetings__status=MeetingStatus.HELD,
        )
        .select_related("care_manager__user")
        .order_by("citizen__family_name", "pk")
        .first()
    )
    assert course is not None, "the generator makes busy courses"
    return course


PAGES = {
    "floor": lambda c: reverse("core:floor"),
    "caseload": lambda c: reverse("workspace:caseload"),
    "citizen page": lambda c: reverse("workspace:citizen", args=[c.citizen_id]),
    "plan page": lambda c: reverse("plans:detail", args=[c.citizen_id]),
    "journal page": lambda c: reverse("journal:journal", args=[c.citizen_id]),
    "my deadlines": lambda c: reverse("sickleave:deadlines"),
    "team page": lambda c: reverse("workspace:team", args=[c.team_id]),
    "API list": lambda c: "/api/v1/citizens",
    "API detail": lambda c: f"/api/v1/citizens/{c.citizen_id}",
}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_opens_for_a_generated_care_manager(generated, client, page):
    course = _busy_course(generated.tag)
    client.force_login(course.care_manager.user)

    response = client.get(PAGES[page](course))

    assert response.status_code == 200


def test_the_citizen_page_shows_the_generated_meetings_and_the_plan(generated, client):
    course = _busy_course(generated.tag)
    client.force_login(course.care_manager.user)
    page = client.get(reverse("workspace:citizen", args=[course.citizen_id])).content.decode()
    plan_page = client.get(reverse("plans:detail", args=[course.citizen_id])).content.decode()
    journal = client.get(reverse("journal:journal", args=[course.citizen_id])).content.decode()

    assert reverse("plans:detail", args=[course.citizen_id]) in page
    latest = PlanVersion.objects.filter(plan__course=course).order_by("-number").first()
    assert latest is not None
    assert latest.snapshot["goals"][0]["text"] in plan_page
    # One of the care manager's own entries: always theirs to read, whatever consent says.
    entry = JournalEntry.objects.filter(course=course, author=course.care_manager).first()
    assert entry is not None
    assert entry.body in journal  # decrypted for the reader


def test_generation_writes_no_audit_event_and_the_trail_verifies(generated, client):
    assert generated.events_written == 0
    course = _busy_course(generated.tag)
    client.force_login(course.care_manager.user)
    for url in PAGES.values():
        client.get(url(course))
    out = io.StringIO()

    call_command("audit", "verify", stdout=out)

    assert "Audit trail intact" in out.getvalue()


def test_publishing_a_generated_plan_again_finds_nothing_new(generated):
    """The newest version's snapshot is what the publishing service builds from the draft."""
    course = _busy_course(generated.tag)
    plan = JointPlan.objects.get(course=course)
    newest = plan.versions.order_by("-number").first()
    actor = actor_for_user(course.care_manager.user)

    with pytest.raises(ValidationError) as refused:
        joint_plan_publish(
            actor=actor, citizen_id=course.citizen_id, expected_revision=plan.revision
        )

    assert f"Nothing has changed since version {newest.number}" in str(refused.value)


def test_plans_have_one_draft_and_versions_numbered_from_one(generated):
    plans = JointPlan.objects.filter(course__team__name__contains=f" {generated.tag}-")
    assert plans.count() == plans.values("course").distinct().count() > 0
    numbers = defaultdict(list)
    for plan_id, number, revision in PlanVersion.objects.values_list(
        "plan_id", "number", "revision"
    ):
        numbers[plan_id].append((number, revision))
    assert any(len(v) > 1 for v in numbers.values())
    for plan in plans:
        versions = sorted(numbers.get(plan.pk, []))
        assert [n for n, _ in versions] == list(range(1, len(versions) + 1))
        assert all(revision <= plan.revision for _, revision in versions)


def test_consent_versions_rise_by_one_per_citizen_and_the_service_continues_them(generated):
    chains = defaultdict(list)
    for directive in ConsentDirective.objects.order_by("citizen_id", "version"):
        chains[directive.citizen_id].append(directive)
    for versions in chains.values():
        assert [d.version for d in versions] == list(range(1, len(versions) + 1))
        assert versions[0].previous_id is None
        assert all(d.previous_id == p.pk for p, d in zip(versions, versions[1:], strict=False))
    # The care manager records a consent given on paper: on a course that is still open.
    open_courses = set(
        Course.objects.filter(status__in=OPEN_STATUSES).values_list("citizen_id", flat=True)
    )
    citizen_id, versions = next(
        (c, v) for c, v in chains.items() if len(v) == 2 and c in open_courses
    )
    course = Course.objects.select_related("care_manager__user").get(citizen_id=citizen_id)

    third = consent_directive_record(
        actor=actor_for_user(course.care_manager.user),
        citizen_id=citizen_id,
        provisions=[
            ProvisionSpec(
                type="permit",
                recipient_kind="sector",
                recipient="employment",
                data_classes=(DataClass.FUNCTIONAL_CAPACITY,),
            )
        ],
        period_start=timezone.localdate(),
        given_via="paper",
        expected_version=2,
    )

    assert (third.version, third.previous_id) == (3, versions[-1].pk)


def test_content_covers_every_data_class_consent_state_and_decision_status(generated):
    today = timezone.localdate()
    assert set(JournalEntry.objects.values_list("data_class", flat=True)) == set(DataClass.values)
    current = {}
    for directive in ConsentDirective.objects.order_by("citizen_id", "version"):
        current[directive.citizen_id] = directive
    states = Counter("expired" if d.is_expired_on(today) else d.status for d in current.values())
    assert {ConsentStatus.ACTIVE, ConsentStatus.INACTIVE, ConsentStatus.REJECTED, "expired"} <= set(
        states
    )
    assert len(current) < SCALE  # some citizens never chose
    assert set(Decision.objects.values_list("status", flat=True)) >= {
        DecisionStatus.MADE,
        DecisionStatus.POSTPONED,
        DecisionStatus.EXCLUDED,
    }
    assert set(Meeting.objects.values_list("status", flat=True)) >= {
        MeetingStatus.HELD,
        MeetingStatus.PLANNED,
    }
    assert BenefitPeriod.objects.count() > SCALE // 2


def test_every_generated_care_manager_has_content_on_their_caseload(generated):
    care_managers = Professional.objects.filter(
        role=Role.CARE_MANAGER, user__username__contains=f".{generated.tag}-"
    ).annotate(plans=Count("care_manager_courses__joint_plan"))
    assert care_managers and all(cm.plans > 0 for cm in care_managers)


def test_journal_bodies_are_encrypted_at_rest(generated):
    entry = JournalEntry.objects.filter(course__team__name__contains=f" {generated.tag}-").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body FROM journal_journalentry WHERE id = %s",
            [entry.pk if connection.vendor == "postgresql" else entry.pk.hex],
        )
        stored = cursor.fetchone()[0]
    assert entry.body and entry.body not in stored


def test_a_content_row_naming_a_column_the_model_lacks_is_refused():
    with pytest.raises(TypeError, match="no column for \\['course'\\]"):
        Table(Meeting).add({"course": "a course object instead of course_id"})
