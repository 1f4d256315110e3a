"""Reflective supervision: scheduling, attendance, themes by pseudonym, actions carried forward."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from roundtable.accounts.models import Notice
from roundtable.audit.models import AuditEvent
from roundtable.meetings.testing import actor_of
from roundtable.supervision.models import ActionStatus, SupervisionAttendance
from roundtable.supervision.selectors import supervision_history_get, supervision_session_get
from roundtable.supervision.services import (
    supervision_action_add,
    supervision_action_follow_up,
    supervision_attendance_record,
    supervision_session_schedule,
    supervision_theme_add,
)
from roundtable.supervision.testing import session_of

pytestmark = pytest.mark.django_db


def test_the_team_leader_schedules_a_session_led_by_the_supervisor(cast):
    session = session_of(cast)
    assert list(session.leaders.all()) == [cast.sam]
    assert session.scheduled_by == cast.tina
    assert AuditEvent.objects.filter(object_type="supervision_session", action="create").exists()


def test_only_the_team_leader_schedules(cast):
    starts = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(PermissionDenied):
        supervision_session_schedule(
            actor=actor_of(cast.alice),
            team_id=cast.alpha.pk,
            starts_at=starts,
            leader_ids=[cast.sam.pk],
        )


def test_another_teams_professional_cannot_schedule_for_the_team(cast):
    starts = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(Http404):
        supervision_session_schedule(
            actor=actor_of(cast.carol),
            team_id=cast.alpha.pk,
            starts_at=starts,
            leader_ids=[cast.sam.pk],
        )


def test_leaders_must_be_members_of_the_team(cast):
    starts = timezone.now() + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        supervision_session_schedule(
            actor=actor_of(cast.tina),
            team_id=cast.alpha.pk,
            starts_at=starts,
            leader_ids=[cast.carol.pk],
        )
    assert "leaders" in refused.value.error_dict


def test_attendance_is_recorded_from_both_organisations(cast):
    session = session_of(cast)
    supervision_attendance_record(
        actor=actor_of(cast.sam),
        session_id=session.pk,
        present={cast.alice.pk: True, cast.bob.pk: True, cast.tina.pk: False},
    )
    record = supervision_session_get(actor=actor_of(cast.bob), session_id=session.pk)
    marks = {row.professional.pk: row.present for row in record.attendance}
    assert marks[cast.alice.pk] is True and marks[cast.bob.pk] is True
    assert marks[cast.tina.pk] is False and marks[cast.sam.pk] is None
    assert {cast.alice.organisation_id, cast.bob.organisation_id} == {
        cast.region.pk,
        cast.jobcentre_north.pk,
    }


def test_attendance_of_someone_outside_the_team_is_refused(cast):
    session = session_of(cast)
    with pytest.raises(ValidationError):
        supervision_attendance_record(
            actor=actor_of(cast.tina), session_id=session.pk, present={cast.carol.pk: True}
        )
    assert not SupervisionAttendance.objects.exists()


def test_the_employment_consultant_reads_but_does_not_record(cast):
    session = session_of(cast)
    supervision_session_get(actor=actor_of(cast.bob), session_id=session.pk)
    with pytest.raises(PermissionDenied):
        supervision_theme_add(
            actor=actor_of(cast.bob), session_id=session.pk, kind="norms", title="Norms"
        )


def test_a_hard_case_is_named_by_a_pseudonym(cast):
    session = session_of(cast)
    theme = supervision_theme_add(
        actor=actor_of(cast.sam),
        session_id=session.pk,
        kind="hard_case",
        title="When the plan stalls",
        pseudonym="Mrs. Birch",
        notes="We agreed to ask Mrs. Birch what matters most first.",
    )
    assert theme.pseudonym == "Mrs. Birch"


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("pseudonym", "Anna"),
        ("pseudonym", "anna secretperson"),
        ("title", "The case of Secretperson"),
        ("notes", "Anna Secretperson wants to work again."),
        ("notes", "Her number is 010190-1234."),
    ],
)
def test_text_that_names_a_citizen_of_the_team_is_refused(cast, field, text):
    session = session_of(cast)
    values = {"kind": "hard_case", "title": "A stalled plan", "pseudonym": "Birch", "notes": ""}
    values[field] = text
    with pytest.raises(ValidationError) as refused:
        supervision_theme_add(actor=actor_of(cast.sam), session_id=session.pk, **values)
    assert field in refused.value.error_dict
    assert "pseudonym" in str(refused.value.error_dict[field])


def test_a_hard_case_needs_a_pseudonym(cast):
    session = session_of(cast)
    with pytest.raises(ValidationError) as refused:
        supervision_theme_add(
            actor=actor_of(cast.sam), session_id=session.pk, kind="hard_case", title="A case"
        )
    assert "pseudonym" in refused.value.error_dict


def test_an_action_has_an_owner_from_the_team_and_a_due_date(cast):
    session = session_of(cast)
    with pytest.raises(ValidationError) as refused:
        supervision_action_add(
            actor=actor_of(cast.tina),
            session_id=session.pk,
            text="",
            owner_id=cast.carol.pk,
            due_on=None,
        )
    assert set(refused.value.error_dict) == {"text", "owner", "due_on"}


def test_an_action_reaches_its_owners_notices_with_its_due_date(cast):
    session = session_of(cast)
    due = session.starts_at.date() + dt.timedelta(days=20)
    action = supervision_action_add(
        actor=actor_of(cast.tina),
        session_id=session.pk,
        text="Write down the team's decision zones",
        owner_id=cast.alice.pk,
        due_on=due,
    )
    notice = Notice.objects.get(recipient=cast.alice.user)
    assert notice.due_on == due and notice.key.endswith(str(action.pk))
    assert notice.citizen_id is None


def test_open_actions_are_carried_forward_to_the_next_session_and_followed_up(cast):
    first = session_of(cast, days_ahead=-30)
    action = supervision_action_add(
        actor=actor_of(cast.tina),
        session_id=first.pk,
        text="Agree a goal hierarchy for plans",
        owner_id=cast.bob.pk,
        due_on=first.starts_at.date() + dt.timedelta(days=20),
    )
    second = session_of(cast, days_ahead=0)
    record = supervision_session_get(actor=actor_of(cast.alice), session_id=second.pk)
    assert [c.action for c in record.open_carried] == [action]

    supervision_action_follow_up(
        actor=actor_of(cast.tina),
        session_id=second.pk,
        action_id=action.pk,
        outcome="continued",
        note="Half done",
    )
    record = supervision_session_get(actor=actor_of(cast.alice), session_id=second.pk)
    assert record.open_carried == []
    assert record.carried[0].follow_up.outcome == "continued"

    # Continued: still open at the session after, where it is marked done.
    third = session_of(cast, days_ahead=30)
    record = supervision_session_get(actor=actor_of(cast.alice), session_id=third.pk)
    assert [c.action for c in record.open_carried] == [action]
    supervision_action_follow_up(
        actor=actor_of(cast.tina), session_id=third.pk, action_id=action.pk, outcome="done"
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert not Notice.objects.filter(key__endswith=str(action.pk)).exists()
    fourth = session_of(cast, days_ahead=60)
    record = supervision_session_get(actor=actor_of(cast.alice), session_id=fourth.pk)
    assert record.carried == []


def test_an_action_is_followed_up_once_per_session_and_not_after_it_is_closed(cast):
    first = session_of(cast, days_ahead=-30)
    action = supervision_action_add(
        actor=actor_of(cast.tina),
        session_id=first.pk,
        text="Try the new norm",
        owner_id=cast.alice.pk,
        due_on=first.starts_at.date() + dt.timedelta(days=10),
    )
    second = session_of(cast, days_ahead=0)
    supervision_action_follow_up(
        actor=actor_of(cast.tina), session_id=second.pk, action_id=action.pk, outcome="dropped"
    )
    with pytest.raises(ValidationError):
        supervision_action_follow_up(
            actor=actor_of(cast.tina), session_id=second.pk, action_id=action.pk, outcome="done"
        )
    # A session cannot follow up an action agreed at itself or later.
    with pytest.raises(Http404):
        supervision_action_follow_up(
            actor=actor_of(cast.tina), session_id=first.pk, action_id=action.pk, outcome="done"
        )


def test_the_history_shows_themes_and_actions_by_session_filtered_by_kind(cast):
    first = session_of(cast, days_ahead=-30)
    second = session_of(cast, days_ahead=0)
    supervision_theme_add(
        actor=actor_of(cast.sam),
        session_id=first.pk,
        kind="decision_zones",
        title="Who decides what",
    )
    supervision_theme_add(
        actor=actor_of(cast.sam), session_id=second.pk, kind="norms", title="Answer within a day"
    )
    history = supervision_history_get(actor=actor_of(cast.bob), team_id=cast.alpha.pk)
    assert [r.session for r in history.rows] == [second, first]
    zones = supervision_history_get(
        actor=actor_of(cast.bob), team_id=cast.alpha.pk, kind="decision_zones"
    )
    assert [r.session for r in zones.rows] == [first]
    assert [t.title for t in zones.rows[0].themes] == ["Who decides what"]


@pytest.mark.parametrize("who", ["carol", "dave", "mona", "adam"])
def test_another_team_or_no_team_gets_404(cast, who):
    session = session_of(cast)
    actor = actor_of(getattr(cast, who))
    with pytest.raises(Http404):
        supervision_session_get(actor=actor, session_id=session.pk)
    with pytest.raises(Http404):
        supervision_history_get(actor=actor, team_id=cast.alpha.pk)
