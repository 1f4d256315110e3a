"""Saving, publishing and answering the joint plan: validation with clear reasons, nothing
saved half, optimistic concurrency, immutable versions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404
from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.meetings.testing import actor_of
from roundtable.plans import services
from roundtable.plans.content import GoalData, RampRow
from roundtable.plans.models import (
    Goal,
    ImmutableVersionError,
    JointPlan,
    PlanResponse,
    PlanSection,
    PlanVersion,
    RampStep,
)
from roundtable.plans.testing import (
    CARE_MANAGER_SECTION,
    EMPLOYMENT_SECTION,
    SHARED_GOAL,
    held_meeting,
    publish,
    save_plan,
)

pytestmark = pytest.mark.django_db


def _messages(exc_info) -> str:
    return " ".join(exc_info.value.messages)


def _nothing_saved():
    return (
        JointPlan.objects.count(),
        Goal.objects.count(),
        RampStep.objects.count(),
        PlanSection.objects.count(),
    ) == (0, 0, 0, 0)


def test_the_care_manager_saves_a_draft_and_each_save_raises_the_revision(cast):
    plan = save_plan(cast.alice, cast.anna)
    assert plan.revision == 1
    assert [g.text for g in plan.goals.all()][0] == SHARED_GOAL
    assert [r.weekly_hours for r in plan.ramp.all()] == [9, 12, 16, 24]
    again = save_plan(cast.bob, cast.anna)
    assert again.revision == 2
    assert AuditEvent.objects.filter(object_type="joint_plan", action="update").count() == 2


def test_a_goal_keeps_its_identity_from_save_to_save(cast):
    plan = save_plan(cast.alice, cast.anna)
    goal = plan.goals.get(kind="framework")
    save_plan(
        cast.alice,
        cast.anna,
        goals=[GoalData(id=goal.pk, kind="framework", owner_sector="shared", text="Changed")],
    )
    assert list(Goal.objects.values_list("pk", "text")) == [(goal.pk, "Changed")]


def test_a_stale_revision_is_refused_and_nothing_is_lost(cast):
    save_plan(cast.alice, cast.anna)
    with pytest.raises(services.StaleRevision) as stale:
        save_plan(cast.bob, cast.anna, revision=0, sections={"overall": "Bob's version"})
    assert stale.value.current == 1
    assert "Someone else saved the plan first" in str(stale.value)
    assert not PlanSection.objects.filter(text="Bob's version").exists()
    assert AuditEvent.objects.filter(
        object_type="joint_plan", outcome="denied", detail__reason="stale_revision"
    ).exists()


@pytest.mark.parametrize(
    ("ramp", "message"),
    [
        ([RampRow(Decimal("8"), 5)], "40 hours a week is more than the maximum of 37 hours"),
        ([RampRow(Decimal("4"), 4), RampRow(Decimal("3"), 4)], "fewer hours than the week before"),
        ([RampRow(Decimal("3"), 0)], "days per week must be from 1 to 7"),
        ([RampRow(Decimal("3"), 8)], "days per week must be from 1 to 7"),
        ([RampRow(Decimal("25"), 1)], "hours per day must be from 0 to 24"),
        ([RampRow(Decimal("-1"), 1)], "hours per day must be from 0 to 24"),
    ],
)
def test_a_bad_ramp_is_refused_with_the_reason_and_nothing_saved(cast, ramp, message):
    with pytest.raises(ValidationError) as error:
        save_plan(cast.alice, cast.anna, ramp=ramp)
    assert message in _messages(error)
    assert _nothing_saved()


def test_a_step_back_with_a_note_is_fine(cast):
    ramp = [RampRow(Decimal("4"), 4), RampRow(Decimal("3"), 4, note="Holiday week")]
    plan = save_plan(cast.alice, cast.anna, ramp=ramp)
    assert plan.ramp.count() == 2


def test_the_weekly_maximum_is_a_setting(cast, settings):
    settings.ROUNDTABLE_MAX_WEEKLY_HOURS = 20
    with pytest.raises(ValidationError) as error:
        save_plan(cast.alice, cast.anna)
    assert "24 hours a week is more than the maximum of 20 hours" in _messages(error)


def test_dates_out_of_order_are_refused(cast):
    today = timezone.localdate()
    goals = [
        GoalData(
            kind="framework",
            owner_sector="shared",
            text="Back at work",
            target_date=today + dt.timedelta(days=3),
        )
    ]
    with pytest.raises(ValidationError) as error:
        save_plan(cast.alice, cast.anna, goals=goals, ramp_start=today + dt.timedelta(days=10))
    assert "before the return-to-work plan starts" in _messages(error)
    with pytest.raises(ValidationError) as error:
        save_plan(
            cast.alice,
            cast.anna,
            ramp_start=cast.anna_course.first_absence_day - dt.timedelta(days=1),
        )
    assert "cannot start before the first day of absence" in _messages(error)
    with pytest.raises(ValidationError) as error:
        save_plan(cast.alice, cast.anna, review_on=dt.date(1, 1, 1))
    assert "within ten years" in _messages(error)
    assert _nothing_saved()


def test_a_review_date_in_the_past_is_refused_at_publishing(cast):
    save_plan(cast.alice, cast.anna, review_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        publish(cast.alice, cast.anna)
    assert "review the plan is in the past" in _messages(error)
    assert not PlanVersion.objects.exists()


def test_an_empty_plan_is_not_published(cast):
    with pytest.raises(ValidationError) as error:
        publish(cast.alice, cast.anna)
    assert "The plan is empty" in _messages(error)
    save_plan(cast.alice, cast.anna, sections={"overall": ""}, goals=[], ramp=[])
    with pytest.raises(ValidationError) as error:
        publish(cast.alice, cast.anna)
    assert "The plan is empty" in _messages(error)
    assert not PlanVersion.objects.exists()


def test_a_goal_without_text_or_kind_is_refused(cast):
    goals = [GoalData(kind="wish", owner_sector="nobody", text=" ", status="later")]
    with pytest.raises(ValidationError) as error:
        save_plan(cast.alice, cast.anna, goals=goals)
    text = _messages(error)
    for expected in ("write the goal", "kind of goal", "whose goal", "choose a status"):
        assert expected in text


def test_publishing_freezes_a_numbered_version_with_everything_in_it(cast):
    meeting, decisions = held_meeting(cast.alice, cast.anna)
    save_plan(cast.bob, cast.anna, sections={"employment_consultant": EMPLOYMENT_SECTION})
    save_plan(
        cast.alice,
        cast.anna,
        meeting_id=meeting.pk,
        sections={"overall": "Together", "care_manager": CARE_MANAGER_SECTION},
        goals=[
            GoalData(
                kind="framework",
                owner_sector="shared",
                text=SHARED_GOAL,
                decision_ids=(decisions[0].pk,),
            )
        ],
    )
    version = publish(cast.bob, cast.anna)
    assert version.number == 1 and version.meeting_id == meeting.pk
    snapshot = version.snapshot
    texts = {s["kind"]: (s["data_class"], s["text"]) for s in snapshot["sections"]}
    assert texts["care_manager"] == ("health_summary", CARE_MANAGER_SECTION)
    assert texts["employment_consultant"] == ("vocational", EMPLOYMENT_SECTION)
    assert snapshot["goals"][0]["decisions"] == [
        {"id": str(decisions[0].pk), "title": decisions[0].title}
    ]
    assert [w["days_per_week"] for w in snapshot["ramp"]["weeks"]] == [3, 3, 4, 4]
    assert AuditEvent.objects.filter(object_type="joint_plan_version", action="create").exists()


def test_publishing_twice_without_changes_is_refused(cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    with pytest.raises(ValidationError) as error:
        publish(cast.alice, cast.anna)
    assert "Nothing has changed since version 1" in _messages(error)
    save_plan(cast.alice, cast.anna, review_on=timezone.localdate() + dt.timedelta(days=60))
    assert publish(cast.alice, cast.anna).number == 2


def test_publishing_a_stale_revision_is_refused(cast):
    save_plan(cast.alice, cast.anna)
    with pytest.raises(services.StaleRevision):
        services.joint_plan_publish(
            actor=actor_of(cast.bob), citizen_id=cast.anna.pk, expected_revision=0
        )
    assert not PlanVersion.objects.exists()


def test_a_published_version_never_changes(cast):
    save_plan(cast.alice, cast.anna)
    version = publish(cast.alice, cast.anna)
    version.snapshot = {"goals": []}
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        PlanVersion.objects.filter(pk=version.pk).update(snapshot={})
    # Even around the ORM, the database itself refuses (migration 0002).
    from django.db import connection

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_planversion SET number = 99 WHERE id = %s",
            [version.pk.hex] if connection.vendor == "sqlite" else [str(version.pk)],
        )
    assert PlanVersion.objects.get().snapshot["goals"][0]["text"] == SHARED_GOAL


def test_goals_link_only_decisions_of_this_citizens_meetings(cast):
    _meeting, bent_decisions = held_meeting(cast.carol, cast.bent)
    goals = [
        GoalData(
            kind="framework",
            owner_sector="shared",
            text="x",
            decision_ids=(bent_decisions[0].pk,),
        )
    ]
    with pytest.raises(Http404):
        save_plan(cast.alice, cast.anna, goals=goals)
    assert _nothing_saved()
    assert AuditEvent.objects.filter(object_type="decision", outcome="denied").exists()


def test_the_plan_is_made_only_from_a_held_meeting_of_the_course(cast):
    from roundtable.meetings.testing import schedule

    planned = schedule(cast.alice, cast.anna)
    with pytest.raises(ValidationError) as error:
        save_plan(cast.alice, cast.anna, meeting_id=planned.pk)
    assert "not marked as held" in _messages(error)
    bent_meeting, _ = held_meeting(cast.carol, cast.bent)
    with pytest.raises(Http404):
        save_plan(cast.alice, cast.anna, meeting_id=bent_meeting.pk)


def test_a_professional_writes_only_sections_they_may_read(cast):
    with pytest.raises(ValidationError) as error:
        save_plan(cast.bob, cast.anna, sections={"care_manager": "Bob writes health"})
    assert "not shared with you" in _messages(error)
    with pytest.raises(ValidationError):
        save_plan(cast.alice, cast.anna, sections={"employment_consultant": "Alice writes work"})
    save_plan(cast.alice, cast.anna, sections={"care_manager": CARE_MANAGER_SECTION})
    # Bob's save leaves the care manager's section as it is.
    save_plan(cast.bob, cast.anna, sections={"employment_consultant": EMPLOYMENT_SECTION})
    assert PlanSection.objects.get(kind="care_manager").text == CARE_MANAGER_SECTION


@pytest.mark.parametrize("who", ["sam", "anna"])
def test_supervisors_and_the_citizen_do_not_write_the_plan(cast, who):
    save_plan(cast.alice, cast.anna)
    expected = PermissionDenied if who == "sam" else Http404
    with pytest.raises(expected):
        save_plan(getattr(cast, who), cast.anna)
    with pytest.raises(expected):
        publish(getattr(cast, who), cast.anna)


def test_the_team_leader_edits_and_publishes(cast):
    save_plan(cast.tina, cast.anna)
    assert publish(cast.tina, cast.anna).number == 1


@pytest.mark.parametrize("who", ["carol", "dave", "mona", "adam"])
def test_everyone_else_gets_404_and_nothing_is_saved(cast, who):
    with pytest.raises(Http404):
        save_plan(getattr(cast, who), cast.anna)
    assert _nothing_saved()


def test_the_citizen_answers_the_current_version_only(cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    anna = actor_of(cast.anna)
    answer = services.plan_response_add(
        actor=anna, citizen_id=cast.anna.pk, number=1, agreement="not_yet", comment="Too fast."
    )
    assert answer.citizen_id == cast.anna.pk
    save_plan(cast.alice, cast.anna, review_on=timezone.localdate() + dt.timedelta(days=50))
    publish(cast.alice, cast.anna)
    with pytest.raises(ValidationError) as error:
        services.plan_response_add(actor=anna, citizen_id=cast.anna.pk, number=1, agreement="agree")
    assert "older version" in _messages(error)
    with pytest.raises(ValidationError) as error:
        services.plan_response_add(actor=anna, citizen_id=cast.anna.pk, number=2, agreement="maybe")
    assert "agree with the plan, or not yet" in _messages(error)
    with pytest.raises(Http404):
        services.plan_response_add(actor=anna, citizen_id=cast.anna.pk, number=9, agreement="agree")
    with pytest.raises(Http404):
        services.plan_response_add(actor=anna, citizen_id=cast.bent.pk, number=1, agreement="agree")
    with pytest.raises(PermissionDenied):
        services.plan_response_add(
            actor=actor_of(cast.alice), citizen_id=cast.anna.pk, number=2, agreement="agree"
        )
    assert PlanResponse.objects.count() == 1
