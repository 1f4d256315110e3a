"""Every page a citizen reads is plain: LIX ≤ 40 in English, Danish, Swedish and Norwegian, as a
citizen of a Danish, a Swedish and a Norwegian team (issue 10: "a test that computes LIX over
every citizen-facing page's visible text in all four languages and fails above 40")."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from roundtable.accounts.actor import actor_for_user
from roundtable.core.readability import lix, visible_text
from roundtable.family.testing import family_member, invite
from roundtable.journal.services import journal_entry_write
from roundtable.meetings.services import meeting_schedule
from roundtable.network.models import GroupRole, MemberKind
from roundtable.network.services import group_member_add, summary_share_create
from roundtable.network.testing import load_directory
from roundtable.plans.testing import held_meeting, publish, save_plan
from roundtable.vocational.services import vocational_step_add

LIX_MAX = 40
LANGUAGES = ("en", "da", "sv", "nb")
# Every page of the citizen's own (the portal and the /me/ pages).
PAGES = (
    ("portal:home", False),
    ("portal:access-log", False),
    ("sickleave:my-timeline", False),
    ("sickleave:my-evidence", False),
    ("meetings:my-list", False),
    ("meetings:my-meeting", True),
    ("meetings:my-preparation", True),
    ("plans:my-plan", False),
    ("assessments:my-page", False),
    ("lifesituation:my-wishes", False),
    ("journal:my-journal", False),
    ("consent:mine", False),
    ("consent:my-history", False),
    ("consent:my-withdraw", False),
    ("exports:my-data", False),
    ("breakglass:my-notices", False),
    ("outcomes:my-history", False),
    ("family:mine", False),
    ("network:mine", False),
)


def _citizens(cast, nordic_cast):
    """Each country's citizen with a course that has a meeting (with a member of the citizen's
    responsibility group), a plan and a journal entry."""
    people = []
    # A plan step with a service: "Your people and services" lists it.
    directory = load_directory()
    for citizen, cm, ec in (
        (cast.anna, cast.alice, cast.bob),
        (nordic_cast.stina, nordic_cast.siri, nordic_cast.sven),
        (nordic_cast.ola, nordic_cast.nora, nordic_cast.nils),
    ):
        start = (timezone.now() + dt.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
        # Someone from the citizen's responsibility group comes to the meeting too.
        doctor = group_member_add(
            actor=actor_for_user(cm.user),
            citizen_id=citizen.id,
            kind=MemberKind.SUMMARY,
            role=GroupRole.GP,
            name="Kari",
            organisation_name="Bo",
            joined_on=timezone.localdate(),
        )
        meeting = meeting_schedule(
            actor=actor_for_user(cm.user),
            citizen_id=citizen.id,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            purpose="Plan",
            place="2",
            group_members=[doctor.pk],
        )
        held_meeting(cm, citizen)
        save_plan(cm, citizen)
        publish(cm, citizen)
        # A summary shared with the doctor: "Your people and services" lists it.
        summary_share_create(
            actor=actor_for_user(cm.user),
            citizen_id=citizen.id,
            member_id=doctor.pk,
            parts=["group", "meetings", "plan"],
            channel="secure_email",
            citizen_agreed=True,
            shared_on=timezone.localdate(),
        )
        journal_entry_write(
            actor=actor_for_user(ec.user),
            citizen_id=citizen.id,
            data_class="vocational",
            body="Ok.",
        )
        vocational_step_add(
            actor=actor_for_user(ec.user),
            citizen_id=citizen.id,
            text="Find a flat",
            due_on=timezone.localdate(),
            service_id=directory["housing"].pk,
        )
        if citizen == nordic_cast.stina:
            _told_the_employer(ec, citizen)
        people.append((citizen, meeting))
    return people


def _told_the_employer(ec, citizen):
    """The IPS team's disclosure ledger, which the citizen reads on their assessments page."""
    from roundtable.vocational import services as vocational

    actor = actor_for_user(ec.user)
    employer = vocational.employer_create(
        actor=actor, team_id=citizen.courses.get().team_id, name="Kafé Norr"
    )
    vocational.disclosure_record(
        actor=actor,
        citizen_id=citizen.id,
        employer_id=employer.pk,
        told_on=timezone.localdate(),
        category="nothing_about_health",
        told_by="together",
    )


def _scores(client, citizen, meeting):
    found = {}
    for language in LANGUAGES:
        citizen.user.language = language
        citizen.user.save(update_fields=["language"])
        client.force_login(citizen.user)
        for name, with_meeting in PAGES:
            url = reverse(name, args=[meeting.id] if with_meeting else [])
            response = client.get(url)
            assert response.status_code == 200, url
            text = visible_text(response.content.decode(), main_only=True)
            found[(language, name)] = round(lix(text), 1)
    return found


@pytest.mark.django_db
def test_every_citizen_page_reads_at_lix_40_or_below_in_every_language_and_country(
    client, cast, nordic_cast
):
    too_hard = {}
    for citizen, meeting in _citizens(cast, nordic_cast):
        for key, score in _scores(client, citizen, meeting).items():
            if score > LIX_MAX:
                too_hard[(citizen.given_name, *key)] = score
    assert too_hard == {}


@pytest.mark.django_db
def test_the_family_members_pages_read_at_lix_40_or_below_in_every_language(
    client, cast, nordic_cast
):
    """What a citizen shares, the invitation link and the page once nothing is shared (issue 13
    §4), for a family member of each country's citizen."""
    too_hard = {}
    for number, (citizen, _meeting) in enumerate(_citizens(cast, nordic_cast)):
        user, _link = family_member(
            citizen,
            username=f"family{number}",
            email=f"family{number}@example.com",
            shares_health=True,
        )
        waiting = invite(citizen, email=f"waiting{number}@example.com")
        for language in LANGUAGES:
            user.language = language
            user.save(update_fields=["language"])
            client.force_login(user)
            pages = [
                reverse("family:page", args=[citizen.pk]),
                reverse("family:accept", args=[waiting.token]),
            ]
            for url in pages:
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
                assert response.status_code == 200, url
                score = round(lix(visible_text(response.content.decode(), main_only=True)), 1)
                if score > LIX_MAX:
                    too_hard[(citizen.given_name, language, url)] = score
    assert too_hard == {}
