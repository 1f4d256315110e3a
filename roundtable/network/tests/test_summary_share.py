"""Sharing a summary with a member of the responsibility group who has no account here (issue
13 §2): the page that shows it as it will be shared, the service that records it with the
citizen's agreement, the PDF, the group page's history and the citizen's own list."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from roundtable.accounts.actor import actor_for_user
from roundtable.audit.models import AuditEvent
from roundtable.consent.models import ProvisionType, RecipientKind
from roundtable.consent.services import ProvisionSpec, consent_directive_record
from roundtable.network.models import GroupRole, ImmutableShareError, MemberKind, SummaryShare
from roundtable.network.selectors import summary_view
from roundtable.network.services import group_member_add, group_member_leave, summary_share_create
from roundtable.network.testing import add_outside_member, make_gp
from roundtable.plans.testing import (
    CARE_MANAGER_SECTION,
    OVERALL,
    SHARED_GOAL,
    held_meeting,
    publish,
    save_plan,
)
from roundtable.testing import pdf_text

pytestmark = pytest.mark.django_db

ALL_PARTS = ["group", "meetings", "plan"]


def _gp(cast, citizen=None, who=None):
    """Anna's GP, who has no account here and gets a summary."""
    return group_member_add(
        actor=actor_for_user((who or cast.alice).user),
        citizen_id=(citizen or cast.anna).id,
        kind=MemberKind.SUMMARY,
        role=GroupRole.GP,
        name="Gunnar Doktorsen",
        organisation_name="Lægehuset Torvet",
        phone="+45 12 34 56 78",
        joined_on=dt.date.today() - dt.timedelta(days=30),
    )


def _with_plan_and_meeting(cast, gp):
    held_meeting(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    from django.utils import timezone

    from roundtable.meetings.services import meeting_schedule

    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=5)
    return meeting_schedule(
        actor=actor_for_user(cast.alice.user),
        citizen_id=cast.anna.id,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        purpose="Plan",
        place="Jobcentre North, room 4",
        group_members=[gp.pk],
    )


def _share(cast, member, who=None, **overrides):
    values = {
        "parts": ALL_PARTS,
        "channel": "meeting",
        "citizen_agreed": True,
        "shared_on": dt.date.today(),
    }
    values.update(overrides)
    return summary_share_create(
        actor=actor_for_user((who or cast.alice).user),
        citizen_id=cast.anna.id,
        member_id=member.pk,
        **values,
    )


def _deny_plan_to_employment(cast):
    consent_directive_record(
        actor=actor_for_user(cast.anna.user),
        citizen_id=cast.anna.id,
        provisions=[
            ProvisionSpec(
                type=ProvisionType.DENY,
                recipient_kind=RecipientKind.SECTOR,
                recipient="employment",
                data_classes=("joint_plan",),
            )
        ],
        period_start=dt.date.today(),
    )


def test_sharing_records_the_snapshot_and_the_disclosure_and_the_pdf_downloads(client, login, cast):
    gp = _gp(cast)
    _with_plan_and_meeting(cast, gp)
    login(cast.alice)
    page = reverse("network:summary-share", args=[cast.anna.id, gp.pk])
    shown = client.get(page).content.decode()
    assert "Gunnar Doktorsen" in shown and OVERALL in shown and SHARED_GOAL in shown
    assert "You are invited to this meeting." in shown
    response = client.post(
        page,
        {
            "parts": ALL_PARTS,
            "citizen_agreed": "on",
            "channel": "secure_email",
            "shared_on": dt.date.today().isoformat(),
        },
    )
    share = SummaryShare.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:summary", args=[cast.anna.id, share.pk])
    assert share.parts == ALL_PARTS and share.channel == "secure_email"
    assert share.snapshot["plan"]["overall"] == OVERALL
    assert share.snapshot["meetings"][0]["member_takes_part"] is True
    assert "Gunnar Doktorsen" in [m["name"] for m in share.snapshot["group"]["members"]]
    event = AuditEvent.objects.filter(
        citizen_id=cast.anna.id, object_type="summary_share", action="export"
    ).get()
    assert event.detail["member_role"] == "gp"
    assert event.detail["parts"] == ALL_PARTS
    detail = client.get(response["Location"]).content.decode()
    assert "Download the summary (PDF)" in detail
    pdf = client.get(reverse("network:summary-pdf", args=[cast.anna.id, share.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf.content).split())
    assert "Anna Secretperson agreed that we share this summary with you" in text
    assert "Do not pass it on to anyone else" in text
    assert "Gunnar Doktorsen" in text


def test_the_summary_never_holds_health_detail(cast):
    gp = _gp(cast)
    _with_plan_and_meeting(cast, gp)
    share = _share(cast, gp)
    text = str(share.snapshot)
    assert CARE_MANAGER_SECTION not in text
    assert "Walk the dog every morning." not in text  # a goal the health side owns
    assert SHARED_GOAL in text


def test_without_the_citizens_agreement_nothing_is_shared_and_the_page_says_why(
    client, login, cast
):
    gp = _gp(cast)
    login(cast.alice)
    response = client.post(
        reverse("network:summary-share", args=[cast.anna.id, gp.pk]),
        {"parts": ["group"], "channel": "post", "shared_on": dt.date.today().isoformat()},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick that the citizen agreed" in page
    assert not SummaryShare.objects.exists()
    # The agreement is never called optional, and its message stands beside it.
    label = page[page.index('for="id_citizen_agreed"') :]
    assert "optional" not in label[: label.index("</label>")]
    assert page.index("Tick that the citizen agreed") > page.index('for="id_citizen_agreed"')


def test_an_empty_choice_of_parts_is_refused(cast):
    gp = _gp(cast)
    with pytest.raises(ValidationError) as refused:
        _share(cast, gp, parts=[])
    assert "Choose at least one part" in str(refused.value)
    assert not SummaryShare.objects.exists()


def test_a_member_with_an_account_gets_no_summary(cast):
    member = add_outside_member(cast, make_gp())
    with pytest.raises(ValidationError) as refused:
        _share(cast, member)
    assert "only for members without an account" in str(refused.value)
    assert not SummaryShare.objects.exists()


def test_a_member_who_left_gets_no_summary(client, login, cast):
    gp = _gp(cast)
    group_member_leave(
        actor=actor_for_user(cast.alice.user), member_id=gp.pk, left_on=dt.date.today()
    )
    with pytest.raises(ValidationError) as refused:
        _share(cast, gp)
    assert "has left the group" in str(refused.value)
    login(cast.alice)
    page = client.get(reverse("network:summary-share", args=[cast.anna.id, gp.pk]))
    assert "has left the group" in page.content.decode()
    assert 'name="citizen_agreed"' not in page.content.decode()


def test_another_courses_member_is_not_found(client, login, cast):
    other = _gp(cast, citizen=cast.bent, who=cast.carol)
    with pytest.raises(Http404):
        _share(cast, other)
    login(cast.alice)
    assert (
        client.get(reverse("network:summary-share", args=[cast.anna.id, other.pk])).status_code
        == 404
    )
    assert not SummaryShare.objects.exists()


def test_a_part_the_consultant_may_not_read_is_neither_offered_nor_shared(client, login, cast):
    gp = _gp(cast)
    _with_plan_and_meeting(cast, gp)
    _deny_plan_to_employment(cast)
    login(cast.bob)
    page = client.get(reverse("network:summary-share", args=[cast.anna.id, gp.pk])).content.decode()
    assert 'value="group"' in page and 'value="plan"' not in page
    assert OVERALL not in page
    with pytest.raises(ValidationError) as refused:
        _share(cast, gp, who=cast.bob)
    assert "cannot share it" in str(refused.value)
    share = _share(cast, gp, who=cast.bob, parts=["group", "meetings"])
    assert "plan" not in share.snapshot


def test_a_summary_with_the_plan_is_not_opened_by_someone_who_may_not_read_the_plan(
    client, login, cast
):
    gp = _gp(cast)
    _with_plan_and_meeting(cast, gp)
    share = _share(cast, gp)
    _deny_plan_to_employment(cast)
    login(cast.bob)
    assert (
        client.get(reverse("network:summary-pdf", args=[cast.anna.id, share.pk])).status_code == 404
    )
    assert client.get(reverse("network:summary", args=[cast.anna.id, share.pk])).status_code == 404


@pytest.mark.parametrize("who", ["carol", "dave"])
def test_another_teams_professional_gets_404_on_every_summary_page(client, login, cast, who):
    gp = _gp(cast)
    share = _share(cast, gp, parts=["group"])
    login(getattr(cast, who))
    pages = [
        ("get", reverse("network:summary-share", args=[cast.anna.id, gp.pk])),
        ("post", reverse("network:summary-share", args=[cast.anna.id, gp.pk])),
        ("get", reverse("network:summary", args=[cast.anna.id, share.pk])),
        ("get", reverse("network:summary-pdf", args=[cast.anna.id, share.pk])),
    ]
    for method, url in pages:
        response = getattr(client, method)(
            url,
            {
                "parts": ["group"],
                "citizen_agreed": "on",
                "channel": "post",
                "shared_on": dt.date.today().isoformat(),
            },
        )
        assert response.status_code == 404, (method, url)
        assert "Gunnar" not in response.content.decode()
    assert SummaryShare.objects.count() == 1


def test_the_group_page_shows_the_history_of_summaries(client, login, cast):
    gp = _gp(cast)
    share = _share(cast, gp, parts=["group"], channel="post")
    login(cast.bob)
    page = client.get(reverse("network:page", args=[cast.anna.id])).content.decode()
    assert "Summaries shared" in page
    assert "Gunnar Doktorsen (General practitioner)" in page
    assert "By post" in page
    assert reverse("network:summary-pdf", args=[cast.anna.id, share.pk]) in page
    assert reverse("network:summary-share", args=[cast.anna.id, gp.pk]) in page


def test_the_citizen_sees_what_was_shared_about_her(client, login, cast):
    gp = _gp(cast)
    _share(cast, gp, parts=["group", "meetings"], channel="post")
    login(cast.anna)
    page = client.get(reverse("network:mine")).content.decode()
    assert "What we have shared about you with people outside the team" in page
    assert "To Gunnar Doktorsen." in page
    assert "Who is in your group." in page and "When and where you meet." in page
    assert "The main part of your plan" not in page


def test_the_snapshot_keeps_what_was_given_when_the_plan_changes_later(client, login, cast):
    gp = _gp(cast)
    _with_plan_and_meeting(cast, gp)
    share = _share(cast, gp)
    save_plan(cast.alice, cast.anna, sections={"overall": "A completely new overall plan."})
    publish(cast.alice, cast.anna)
    share.refresh_from_db()
    assert share.snapshot["plan"]["overall"] == OVERALL
    login(cast.alice)
    shown = client.get(reverse("network:summary", args=[cast.anna.id, share.pk])).content.decode()
    assert OVERALL in shown and "A completely new overall plan." not in shown


def test_the_group_page_reads_the_same_number_of_queries_with_more_shares(client, login, cast):
    gp = _gp(cast)
    _share(cast, gp, parts=["group"])
    login(cast.alice)
    url = reverse("network:page", args=[cast.anna.id])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        _share(cast, _gp(cast), parts=["group"])
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert body.count("Gunnar Doktorsen (General practitioner)") == 5
    assert len(many) == len(few)


def test_a_shared_summary_cannot_be_changed(cast):
    share = _share(cast, _gp(cast), parts=["group"])
    share.channel = "post"
    with pytest.raises(ImmutableShareError):
        share.save()
    with pytest.raises(ImmutableShareError):
        SummaryShare.objects.filter(pk=share.pk).update(channel="post")
    assert SummaryShare.objects.get().channel == "meeting"


def test_meeting_times_are_read_in_the_deployments_time_zone_and_dates_in_the_language(settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
    content = {
        "citizen": "Anna",
        "member": {"name": "Gunnar", "organisation": "", "role": "gp"},
        "parts": ["meetings"],
        "meetings": [
            {
                "starts_at": "2026-12-03T09:00:00+00:00",
                "ends_at": "2026-12-03T10:00:00+00:00",
                "place": "Room 4",
                "on_video": False,
                "member_takes_part": True,
            }
        ],
    }
    with translation.override("da"):
        view = summary_view(content)
    assert view.meetings[0].time == "10:00–11:00"
    assert view.meetings[0].day == "3. december 2026"
    assert view.member["role_label"] == "Praktiserende læge"
