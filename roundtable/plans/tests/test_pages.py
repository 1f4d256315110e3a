"""The joint plan's pages for the team and for the citizen."""

import datetime as dt
import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from roundtable.audit.models import AuditEvent
from roundtable.plans.models import Goal, JointPlan, PlanResponse, PlanVersion
from roundtable.plans.testing import (
    CARE_MANAGER_SECTION,
    EMPLOYMENT_SECTION,
    SHARED_GOAL,
    held_meeting,
    publish,
    save_plan,
)
from roundtable.plans.tests.helpers import form_post

pytestmark = pytest.mark.django_db


def _detail(cast):
    return reverse("plans:detail", args=[cast.anna.pk])


def _edit(cast):
    return reverse("plans:edit", args=[cast.anna.pk])


def test_the_care_manager_starts_the_plan_on_an_empty_page(client, login, cast):
    login(cast.alice)
    response = client.get(_detail(cast))
    assert response.status_code == 200
    assert "There is no joint plan yet" in response.content.decode()
    assert "Start the joint plan" in response.content.decode()


def test_the_plan_is_written_and_published_through_the_pages(client, login, cast):
    meeting, decisions = held_meeting(cast.alice, cast.anna)
    login(cast.alice)
    page = client.get(_edit(cast) + f"?meeting={meeting.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert decisions[0].title in body  # the meeting's decisions are offered as links
    data = form_post(page)
    today = timezone.localdate()
    data.update(
        {
            "overall": "We start slowly.",
            "care_manager": CARE_MANAGER_SECTION,
            "review_on": (today + dt.timedelta(days=30)).isoformat(),
            "ramp_start": (today + dt.timedelta(days=7)).isoformat(),
            "goal-0-text": SHARED_GOAL,
            "goal-0-kind": "framework",
            "goal-0-owner_sector": "shared",
            "goal-0-decisions": [str(decisions[0].pk)],
            "ramp-0-hours_per_day": "3",
            "ramp-0-days_per_week": "3",
            "ramp-1-hours_per_day": "4",
            "ramp-1-days_per_week": "4",
        }
    )
    response = client.post(_edit(cast) + f"?meeting={meeting.pk}", data)
    assert response.status_code == 302, (
        response.context["form"].errors,
        response.context["goals"].errors,
        response.context["ramp"].errors,
    )
    plan = JointPlan.objects.get()
    assert plan.revision == 1 and plan.meeting_id == meeting.pk
    goal = Goal.objects.get()
    assert list(goal.decisions.all()) == [decisions[0]]
    page = client.get(_detail(cast))
    body = page.content.decode()
    assert SHARED_GOAL in body and "How to start back, part 1" in body
    assert "data:image/svg+xml;base64," in body  # the ramp chart
    assert '<td class="number">16</td>' in body  # and the same figures in the table
    response = client.post(reverse("plans:publish", args=[cast.anna.pk]), {"revision": "1"})
    assert response.status_code == 302
    assert PlanVersion.objects.get().number == 1
    assert "Version 1 is published" in client.get(_detail(cast)).content.decode()


def test_bad_input_in_the_form_shows_the_reason_and_saves_nothing(client, login, cast):
    login(cast.alice)
    data = form_post(client.get(_edit(cast)))
    data.update(
        {
            "goal-0-text": "Back at work",
            "ramp_start": timezone.localdate().isoformat(),
            "ramp-0-hours_per_day": "8",
            "ramp-0-days_per_week": "5",
            "ramp-1-hours_per_day": "3",
            "ramp-1-days_per_week": "9",
        }
    )
    response = client.post(_edit(cast), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ensure this value is less than or equal to 7" in body
    assert "Back at work" in body
    data["ramp-1-days_per_week"] = "5"
    response = client.post(_edit(cast), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "40 hours a week is more than the maximum of 37 hours" in body
    assert "fewer hours than the week before" in body
    assert not JointPlan.objects.exists()


def test_two_professionals_edit_at_once_and_the_second_loses_nothing(cast):
    save_plan(cast.alice, cast.anna)
    alice, bob = Client(), Client()
    alice.force_login(cast.alice.user)
    bob.force_login(cast.bob.user)
    alice_data = form_post(alice.get(_edit(cast)))
    bob_data = form_post(bob.get(_edit(cast)))
    assert alice_data["revision"] == bob_data["revision"] == 1

    alice_data["overall"] = "Alice's overall plan."
    assert alice.post(_edit(cast), alice_data).status_code == 302

    bob_data["overall"] = "Bob's overall plan, written at the same time."
    bob_data["employment_consultant"] = EMPLOYMENT_SECTION
    response = bob.post(_edit(cast), bob_data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved first." in body
    assert "See their version" in body and reverse("plans:detail", args=[cast.anna.pk]) in body
    # Bob's input is still in the form, and nothing of it was saved.
    assert "Bob&#x27;s overall plan, written at the same time." in body
    assert html.escape(EMPLOYMENT_SECTION) in body
    plan = JointPlan.objects.get()
    assert plan.revision == 2
    assert plan.sections.get(kind="overall").text == "Alice's overall plan."
    # Bob read Alice's version; saving again from the form is now his informed choice.
    again = form_post(response)
    assert again["overall"] == "Bob's overall plan, written at the same time."
    assert bob.post(_edit(cast), again).status_code == 302
    assert JointPlan.objects.get().sections.get(kind="overall").text.startswith("Bob's")


def test_publishing_from_a_stale_page_is_refused(client, login, cast):
    save_plan(cast.alice, cast.anna)
    login(cast.bob)
    save_plan(cast.alice, cast.anna, sections={"overall": "Changed meanwhile"})
    response = client.post(
        reverse("plans:publish", args=[cast.anna.pk]), {"revision": "1"}, follow=True
    )
    assert "nothing was published" in response.content.decode()
    assert not PlanVersion.objects.exists()


def test_nudges_show_on_the_plan_page(client, login, cast):
    meeting, _ = held_meeting(cast.alice, cast.anna, decisions=0)
    save_plan(cast.alice, cast.anna, meeting_id=meeting.pk, goals=[], review_on=None)
    login(cast.alice)
    body = client.get(_detail(cast)).content.decode()
    for code in ("shared_goal_missing", "no_decision_made", "no_review_date"):
        assert f'data-nudge="{code}"' in body


def test_the_employment_consultant_does_not_see_the_care_managers_section(client, login, cast):
    save_plan(cast.alice, cast.anna, sections={"care_manager": CARE_MANAGER_SECTION})
    publish(cast.alice, cast.anna)
    login(cast.bob)
    for url in (
        _detail(cast),
        _edit(cast),
        reverse("plans:version", args=[cast.anna.pk, 1]),
    ):
        body = client.get(url).content.decode()
        assert "boundary-setting" not in body, url
    login(cast.alice)
    assert "boundary-setting" in client.get(_detail(cast)).content.decode()


def test_the_supervisor_reads_but_cannot_edit_or_publish(client, login, cast):
    save_plan(cast.alice, cast.anna)
    login(cast.sam)
    body = client.get(_detail(cast)).content.decode()
    assert SHARED_GOAL in body and "Change the draft" not in body
    assert client.get(_edit(cast)).status_code == 403
    assert (
        client.post(reverse("plans:publish", args=[cast.anna.pk]), {"revision": "1"}).status_code
        == 403
    )
    assert not PlanVersion.objects.exists()


def test_versions_compare_on_a_page(client, login, cast):
    save_plan(cast.alice, cast.anna, sections={"overall": "Short days first."})
    publish(cast.alice, cast.anna)
    plan = JointPlan.objects.get()
    goal = plan.goals.get(kind="framework")
    from roundtable.plans.content import GoalData

    save_plan(
        cast.alice,
        cast.anna,
        sections={"overall": "Short days first, then longer days."},
        goals=[
            GoalData(
                id=goal.pk,
                kind="framework",
                owner_sector="shared",
                text=goal.text,
                status="in_progress",
            ),
            GoalData(
                kind="long_term", owner_sector="employment", text="Find a job closer to home."
            ),
        ],
    )
    publish(cast.alice, cast.anna)
    login(cast.bob)
    response = client.get(reverse("plans:compare", args=[cast.anna.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "From version 1 to version 2" in body
    assert "Find a job closer to home." in body  # added
    assert "Walk the dog every morning." in body  # removed
    assert "Status: Not started → In progress" in body
    assert "then longer days.</ins>" in body  # the section's words, added and removed


def test_the_citizen_reads_the_published_plan_in_plain_words_and_answers(client, login, cast):
    save_plan(
        cast.alice,
        cast.anna,
        sections={"overall": "We start slowly.", "care_manager": CARE_MANAGER_SECTION},
    )
    login(cast.anna)
    assert "Your plan is not ready yet" in client.get(reverse("plans:my-plan")).content.decode()
    publish(cast.alice, cast.anna)
    # The draft is never shown to the citizen, only what was published.
    save_plan(cast.alice, cast.anna, sections={"overall": "A draft Anna must not see."})
    response = client.get(reverse("plans:my-plan"))
    body = response.content.decode()
    assert "Your main goal: back to work" in body and SHARED_GOAL in body
    assert "We start slowly." in body and "A draft Anna must not see." not in body
    assert client.get(_detail(cast)).status_code == 302
    assert client.get(_edit(cast)).status_code == 404
    response = client.post(
        reverse("plans:my-plan"),
        {"version": "1", "agreement": "not_yet", "comment": "Four days feels too soon."},
    )
    assert response.status_code == 302
    assert PlanResponse.objects.get().comment == "Four days feels too soon."
    assert (
        "You said that you do not agree yet"
        in client.get(reverse("plans:my-plan")).content.decode()
    )
    # The professionals see the answer.
    login(cast.bob)
    assert "Four days feels too soon." in client.get(_detail(cast)).content.decode()


def test_the_citizens_answer_needs_a_choice(client, login, cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    login(cast.anna)
    response = client.post(reverse("plans:my-plan"), {"version": "1", "comment": "Hmm"})
    assert response.status_code == 400
    assert "Please choose one answer." in response.content.decode()
    assert not PlanResponse.objects.exists()


def test_the_citizen_sees_older_versions_and_what_changed(client, login, cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    save_plan(cast.alice, cast.anna, sections={"overall": "Now with more hours."})
    publish(cast.alice, cast.anna)
    login(cast.anna)
    body = client.get(reverse("plans:my-plan")).content.decode()
    assert "Earlier versions of your plan" in body
    older = client.get(reverse("plans:my-version", args=[1])).content.decode()
    assert "This is an older version." in older and "What do you think?" not in older
    compare = client.get(reverse("plans:my-compare")).content.decode()
    assert "From version 1 to version 2" in compare
    assert "<ins>" in compare and "<del>" in compare  # the overall plan's words changed


@pytest.mark.parametrize(
    ("who", "url_name", "limit"),
    [
        ("alice", "plans:detail", 30),
        ("alice", "plans:edit", 30),
        ("bob", "plans:version", 22),
        ("anna", "plans:my-plan", 22),
    ],
)
def test_plan_pages_do_not_grow_with_goals_weeks_and_versions(
    client, login, cast, django_assert_max_num_queries, who, url_name, limit
):
    from roundtable.plans.content import GoalData, RampRow

    meeting, decisions = held_meeting(cast.alice, cast.anna, decisions=5)
    ids = tuple(d.pk for d in decisions)
    for round_ in range(3):
        save_plan(
            cast.alice,
            cast.anna,
            meeting_id=meeting.pk,
            sections={"overall": f"Round {round_}"},
            goals=[
                GoalData(
                    kind="supporting", owner_sector="shared", text=f"Goal {n}", decision_ids=ids
                )
                for n in range(12)
            ],
            ramp=[RampRow(hours_per_day=3 + n / 4, days_per_week=4) for n in range(12)],
        )
        publish(cast.alice, cast.anna)
    if url_name in ("plans:detail", "plans:edit"):
        url = reverse(url_name, args=[cast.anna.pk])
    elif url_name == "plans:version":
        url = reverse(url_name, args=[cast.anna.pk, 2])
    else:
        url = reverse(url_name)
    login(getattr(cast, who))
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_every_page_read_is_audited(client, login, cast):
    save_plan(cast.alice, cast.anna)
    publish(cast.alice, cast.anna)
    login(cast.bob)
    client.get(_detail(cast))
    client.get(reverse("plans:pdf", args=[cast.anna.pk]))
    assert AuditEvent.objects.filter(
        object_type="joint_plan", action="read", outcome="allowed"
    ).exists()
    assert AuditEvent.objects.filter(object_type="joint_plan_version", action="print").exists()


def test_a_copied_return_to_work_goal_is_named_but_a_shared_temporary_goal_is_left_alone(
    client, login, cast
):
    """Issue 10, finding 15: only the framework goal written as one copied sentence is
    flagged, by name; plans out of the reader's scope are never counted."""
    from roundtable.plans.content import GoalData
    from roundtable.testing import make_citizen, make_course

    copied = "Back to work within three months."
    walk = "Walk the dog every morning."

    def goals():
        return [
            GoalData(kind="framework", owner_sector="shared", text=copied),
            GoalData(kind="temporary", owner_sector="shared", text=walk),
        ]

    for i in range(2):  # two more of Alice's citizens with the same two sentences
        other = make_citizen(f"Other Person{i}", f"0606{i:02d}-0606")
        make_course(other, cast.alpha, cast.alice, cast.bob)
        save_plan(cast.alice, other, goals=goals())
    # Carol's citizen in team Beta: out of Alice's scope, never counted.
    save_plan(cast.carol, cast.bent, goals=goals())
    save_plan(cast.alice, cast.anna, goals=goals())
    login(cast.alice)
    body = client.get(_detail(cast)).content.decode()
    assert body.count('data-nudge="shared_goal_copied"') == 1
    assert f"“{copied}”" in body and "2 other plans" in body
    assert walk not in body.split('data-nudge="shared_goal_copied"')[1].split("</")[0]
