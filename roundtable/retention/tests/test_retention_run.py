"""The retention job on a course with every kind of record (SECURITY.md 25)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from roundtable.accounts.models import User
from roundtable.assessments.testing import fill_everything
from roundtable.audit.models import AuditEvent
from roundtable.audit.verify import audit_chain_verify
from roundtable.breakglass.models import BreakGlassGrant, BreakGlassNotice
from roundtable.care.models import SessionNote
from roundtable.citizens.models import Citizen, Course, CourseStatus
from roundtable.consent.models import ConsentDirective
from roundtable.consent.testing import directive_create
from roundtable.core.data_classes import DataClass
from roundtable.journal import testing as journal
from roundtable.journal.models import JournalEntry
from roundtable.meetings.models import Meeting
from roundtable.plans import testing as plans
from roundtable.plans.models import PlanVersion
from roundtable.retention import services
from roundtable.retention.models import LegalHold
from roundtable.retention.registry import course_records, discovered_records
from roundtable.sickleave.models import BenefitDecision

pytestmark = pytest.mark.django_db


def _years_on(years: int) -> dt.date:
    # Records carry dates up to a few months ahead (a plan's target date): count from there.
    return timezone.localdate() + dt.timedelta(days=365 * years + 200)


@pytest.fixture
def anna_full(cast):
    """Anna's course with assessments, journal (with a dispute and a summary), a held meeting,
    a published plan, consent, a benefit decision and an emergency access, then completed."""
    fill_everything(cast)
    therapy = journal.write(cast.alice, cast.anna, DataClass.THERAPY_DETAIL, "Therapy detail")
    journal.write(cast.alice, cast.anna, DataClass.HEALTH_SUMMARY, "Summary", source_id=therapy.pk)
    minutes = journal.write(cast.bob, cast.anna, DataClass.MEETING_MINUTES, "We met")
    journal.dispute(cast.anna, minutes, "That is not what I said")
    journal.write(cast.bob, cast.anna, DataClass.VOCATIONAL, "Called the bakery")
    plans.held_meeting(cast.alice, cast.anna)
    plans.save_plan(cast.alice, cast.anna)
    plans.publish(cast.alice, cast.anna)
    directive_create(cast.anna, [])
    directive_create(cast.anna, [])
    BenefitDecision.objects.create(
        course=cast.anna_course,
        kind="benefit_ends",
        decided_on=timezone.localdate(),
        decided_by=cast.bob,
    )
    grant = BreakGlassGrant.objects.create(
        professional=cast.carol,
        course=cast.anna_course,
        reason="Emergency",
        expires_at=timezone.now() + dt.timedelta(hours=1),
    )
    BreakGlassNotice.objects.create(grant=grant, citizen=cast.anna)
    Course.objects.filter(pk=cast.anna_course.pk).update(status=CourseStatus.COMPLETED)
    return cast.anna_course


def _records_of(course) -> dict[str, int]:
    counts = {}
    for record in course_records():
        n = record.model._default_manager.filter(**{record.course_path: course.pk}).count()
        if n:
            counts[record.label] = n
    return counts


def test_a_course_ended_eleven_years_ago_is_deleted_with_its_records_and_citizen(cast, anna_full):
    assert len(_records_of(anna_full)) > 20  # the fixture really holds every kind
    anna_user = cast.anna.user_id

    report = services.retention_run(today=_years_on(11))

    assert report.courses_deleted == 1 and report.citizens_deleted == 1 and not report.failures
    assert not Course.objects.filter(pk=anna_full.pk).exists()
    assert not Citizen.objects.filter(pk=cast.anna.pk).exists()
    assert not User.objects.filter(pk=anna_user).exists()
    assert not JournalEntry.objects.exists()
    assert not PlanVersion.objects.exists()
    assert not ConsentDirective.objects.filter(citizen_id=cast.anna.pk).exists()
    assert not Meeting.objects.filter(course_id=anna_full.pk).exists()
    # Bent's open course and the professionals are untouched.
    assert Course.objects.filter(pk=cast.bent_course.pk).exists()
    assert User.objects.filter(pk=cast.alice.user_id).exists()
    event = AuditEvent.objects.get(object_type="retention", object_id=str(anna_full.pk))
    assert event.action == "delete" and event.actor_id is None
    assert event.detail["course_deleted"] is True
    assert all(isinstance(n, int) for n in event.detail["records"].values())
    assert "Therapy detail" not in str(event.detail)
    assert audit_chain_verify().intact


def test_a_course_ended_two_years_ago_keeps_everything(cast, anna_full):
    before = _records_of(anna_full)

    report = services.retention_run(today=_years_on(2))

    assert report.courses_touched == 0
    assert _records_of(anna_full) == before
    assert not AuditEvent.objects.filter(object_type="retention").exists()


def test_after_six_years_only_the_jobcentre_records_go(cast, anna_full):
    services.retention_run(today=_years_on(6))

    left = _records_of(anna_full)
    assert "vocational.VocationalAssessment" not in left
    assert "vocational.VocationalStep" not in left
    assert "sickleave.BenefitDecision" not in left
    assert not JournalEntry.objects.filter(data_class=DataClass.VOCATIONAL).exists()
    # Health records, the journal's health and joint entries, minutes and plan stay.
    assert left["care.HealthAssessment"] == 1
    assert left["care.SessionNote"] == 1
    assert left["plans.PlanVersion"] == 1
    assert left["meetings.Meeting"] == 1
    assert JournalEntry.objects.filter(course=anna_full).count() == 3
    assert Course.objects.filter(pk=anna_full.pk).exists()
    assert AuditEvent.objects.filter(object_type="retention").count() == 1
    assert audit_chain_verify().intact

    # Idempotent: the next run finds nothing more, and the end date did not move earlier.
    again = services.retention_run(today=_years_on(6))
    assert again.courses_touched == 0
    assert AuditEvent.objects.filter(object_type="retention").count() == 1


def test_a_legal_hold_on_the_citizen_keeps_everything(cast, anna_full):
    before = _records_of(anna_full)
    services.legal_hold_place(set_by=cast.adam.user, reason="Complaint 2031-17", citizen=cast.anna)

    report = services.retention_run(today=_years_on(30))

    assert report.courses_held == 1 and report.courses_touched == 0
    assert _records_of(anna_full) == before
    assert Citizen.objects.filter(pk=cast.anna.pk).exists()


def test_a_lifted_hold_lets_the_job_delete(cast, anna_full):
    hold = services.legal_hold_place(set_by=cast.adam.user, reason="Court case", course=anna_full)
    assert services.retention_run(today=_years_on(11)).courses_deleted == 0
    services.legal_hold_lift(hold_id=hold.pk, lifted_by=cast.adam.user)

    assert services.retention_run(today=_years_on(11)).courses_deleted == 1
    assert not LegalHold.objects.exists()
    assert audit_chain_verify().intact


def test_a_dry_run_deletes_nothing_and_says_what_would_go(cast, anna_full, capsys):
    before = _records_of(anna_full)
    events = AuditEvent.objects.count()

    call_command("retention", "run", "--dry-run", "--today", _years_on(11).isoformat())

    out = capsys.readouterr().out
    assert "DRY RUN" in out and "1 courses and 1 citizens would delete" in out
    assert "journal.JournalEntry 4" in out
    assert _records_of(anna_full) == before
    assert AuditEvent.objects.count() == events


def test_the_command_deletes_and_a_second_run_finds_nothing(cast, anna_full, capsys):
    call_command("retention", "run", "--today", _years_on(11).isoformat())
    assert "1 courses and 1 citizens deleted" in capsys.readouterr().out
    call_command("retention", "run", "--today", _years_on(11).isoformat())
    assert "0 with records deleted" in capsys.readouterr().out
    assert audit_chain_verify().intact


def test_open_courses_are_never_touched(cast):
    fill_everything(cast)
    before = _records_of(cast.anna_course)
    services.retention_run(today=_years_on(50))
    assert _records_of(cast.anna_course) == before


def test_a_failing_course_is_left_whole_and_the_others_go_on(cast, anna_full, monkeypatch):
    bent = cast.bent_course
    Course.objects.filter(pk=bent.pk).update(status=CourseStatus.DROPPED_OUT)
    original = services._citizen_delete

    def failing_for_anna(citizen):
        if citizen.pk == cast.anna.pk:
            raise RuntimeError("disk full")
        return original(citizen)

    monkeypatch.setattr(services, "_citizen_delete", failing_for_anna)
    before = _records_of(anna_full)

    report = services.retention_run(today=_years_on(11))

    assert report.failures == 1
    assert _records_of(anna_full) == before
    assert Course.objects.filter(pk=anna_full.pk).exists()
    assert not Course.objects.filter(pk=bent.pk).exists()
    assert not AuditEvent.objects.filter(object_type="retention", object_id=str(anna_full.pk))
    assert audit_chain_verify().intact


def test_the_schedule_command_names_unverified_references(capsys):
    call_command("retention", "schedule")
    out = capsys.readouterr().out
    assert "dk diagnosis: 10 years" in out and "UNVERIFIED" in out


def test_the_parts_declare_every_record_that_holds_a_data_class_of_a_course():
    """A new app's records cannot be forgotten: whatever holds a data class and hangs off a
    course must be declared by a part, on the path the registry finds."""
    declared = {r.label: r.course_path for r in course_records()}
    assert declared == discovered_records()


def test_every_kind_of_course_record_is_covered():
    labels = {r.label for r in course_records()}
    assert {
        "journal.JournalEntry",
        "plans.PlanVersion",
        "care.SessionNote",
        "meetings.Minutes",
        "sickleave.BenefitDecision",
        "breakglass.BreakGlassGrant",
    } <= labels
    assert not any(label.startswith("audit.") for label in labels)
    assert SessionNote in {r.model for r in course_records()}
