"""Issue 10, finding 4: the person who has to act is told, on "My deadlines" and by e-mail.

After the employment consultant asked the care manager for medical evidence (due in 18 days) and
scheduled a meeting for next week, the care manager's "My deadlines" and notices stayed empty.
Evidence requests, meetings this and next week, a citizen's "not yet" to a plan and a dispute on
an entry now reach the person who must act; the e-mail names no citizen and no health detail and
goes out once however many workers run.
"""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from roundtable.accounts.actor import actor_for_user
from roundtable.accounts.models import Notice
from roundtable.accounts.notices import notices_email
from roundtable.core.data_classes import DataClass
from roundtable.journal.testing import dispute, write
from roundtable.meetings.testing import schedule
from roundtable.plans import services as plan_services
from roundtable.plans.testing import actor_of, publish, save_plan
from roundtable.sickleave import services
from roundtable.sickleave.selectors import deadline_list, notice_rows

pytestmark = pytest.mark.django_db

QUESTION = "How is the depression treatment going, and when can she work again?"


def _with_mail(*people):
    for person in people:
        person.user.email = f"{person.user.username}@example.org"
        person.user.save()


def _ask_for_evidence(cast, days: int = 18):
    return services.evidence_request_create(
        actor=actor_for_user(cast.bob.user),
        citizen_id=cast.anna.pk,
        question=QUESTION,
        due_on=dt.date.today() + dt.timedelta(days=days),
    )


def test_evidence_due_in_18_days_is_on_the_care_managers_deadlines_at_once(cast):
    _ask_for_evidence(cast)
    mine = deadline_list(actor=actor_for_user(cast.alice.user), today=dt.date.today())
    asked = [d for bucket, d in mine.all() if d.kind == "evidence"]
    assert [d.course.citizen for d in asked] == [cast.anna]
    assert asked[0] in mine.later
    # The consultant who asked sees it waiting only in its last fortnight, as before.
    theirs = deadline_list(actor=actor_for_user(cast.bob.user), today=dt.date.today())
    assert not [d for _, d in theirs.all() if d.kind == "evidence_waiting"]


def test_the_care_manager_gets_a_notice_and_one_e_mail_without_health_detail(
    cast, client, login, django_capture_on_commit_callbacks
):
    _with_mail(cast.alice, cast.bob)
    with django_capture_on_commit_callbacks(execute=True):
        _ask_for_evidence(cast)
    rows = notice_rows(actor=actor_for_user(cast.alice.user))
    assert [(r.citizen_name, r.notice.label) for r in rows] == [
        ("Anna Secretperson", "You are asked for medical evidence")
    ]
    login(cast.alice)
    page = client.get(reverse("sickleave:deadlines")).content.decode()
    assert "You are asked for medical evidence" in page
    assert "Later: asked of you" in page
    mail.outbox.clear()
    # Two workers, one after the other (the claim is a conditional UPDATE): one e-mail.
    assert notices_email() + notices_email() == 1
    (message,) = mail.outbox
    assert message.to == [cast.alice.user.email]
    text = message.subject + message.body
    assert "Anna" not in text and "Secretperson" not in text
    assert "depression" not in text and "treatment" not in text


def test_a_meeting_next_week_reaches_the_other_professional(cast):
    _with_mail(cast.alice, cast.bob)
    today = dt.date.today()
    schedule(cast.bob, cast.anna, days_ahead=(7 - today.weekday()) + 2)  # Wednesday next week
    for who in (cast.alice, cast.bob):
        found = deadline_list(actor=actor_for_user(who.user), today=today)
        assert [d.kind for d in found.next_week if d.kind == "meeting"] == ["meeting"], who
    assert notices_email() == 1  # to the care manager; the consultant scheduled it
    assert mail.outbox[-1].to == [cast.alice.user.email]


def test_a_moved_meeting_shows_on_its_new_day_only(cast):
    meeting = schedule(cast.bob, cast.anna, days_ahead=1)
    from roundtable.meetings import services as meeting_services

    meeting_services.meeting_cancel(actor=actor_for_user(cast.bob.user), meeting_id=meeting.pk)
    found = deadline_list(actor=actor_for_user(cast.alice.user), today=dt.date.today())
    assert not [d for _, d in found.all() if d.kind == "meeting"]


def test_a_citizens_not_yet_reaches_both_professionals(cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    plan_services.plan_response_add(
        actor=actor_of(cast.anna), citizen_id=cast.anna.pk, number=1, agreement="not_yet"
    )
    for who in (cast.alice, cast.bob):
        labels = [r.notice.label for r in notice_rows(actor=actor_for_user(who.user))]
        assert labels == ["A citizen does not agree with the plan yet"], who


def test_a_dispute_reaches_the_author_of_the_entry(cast):
    entry = write(cast.bob, cast.anna, DataClass.MEETING_MINUTES, "Anna missed the meeting.")
    dispute(cast.anna, entry, "I was there.")
    labels = [r.notice.label for r in notice_rows(actor=actor_for_user(cast.bob.user))]
    assert labels == ["A citizen says an entry of yours is wrong"]
    assert not notice_rows(actor=actor_for_user(cast.alice.user))


def test_another_teams_professional_never_sees_a_notice_about_our_citizen(cast):
    _ask_for_evidence(cast)
    Notice.objects.update(recipient=cast.carol.user)
    assert notice_rows(actor=actor_for_user(cast.carol.user)) == []


def test_a_held_meeting_leaves_no_notice_behind(cast):
    from roundtable.meetings import services as meeting_services

    meeting = schedule(cast.bob, cast.anna, days_ahead=0, hour=0)
    assert Notice.objects.filter(key__startswith=f"meeting:{meeting.pk}:").count() == 2
    meeting_services.meeting_hold(actor=actor_for_user(cast.bob.user), meeting_id=meeting.pk)
    assert not Notice.objects.filter(key__startswith=f"meeting:{meeting.pk}:").exists()
