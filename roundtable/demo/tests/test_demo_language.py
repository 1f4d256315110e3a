"""The demo reads as the professionals of each country would write it (issue 10, findings 11 and
29): every text the demo writes into a course is in the language of the team's jurisdiction —
Danish for the Danish teams, Swedish for the Swedish team, Norwegian Bokmål for the Norwegian
team — and the Swedish and the Norwegian team each have a citizen who can sign in and reads
their own pages in their own language."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.conf import settings
from django.urls import reverse

from roundtable.care.models import FunctionalCapacity, HealthAssessment, SessionNote
from roundtable.citizens.models import Course
from roundtable.demo.content import da, nb, sv
from roundtable.demo.setting import (
    NORWEGIAN_TEAM,
    ORGANISATIONS,
    SWEDISH_TEAM,
    demo_setting,
    demo_users,
)
from roundtable.demo.tests.language import guess_language
from roundtable.journal.models import JournalAddendum, JournalDispute, JournalEntry
from roundtable.lifesituation.models import LifeArea
from roundtable.meetings.models import (
    Decision,
    DecisionOption,
    Meeting,
    Minutes,
    PreparationAnswer,
)
from roundtable.organisations.models import Organisation
from roundtable.plans.models import Goal, PlanResponse, PlanSection, RampStep
from roundtable.sickleave.models import EvidenceRequest
from roundtable.vocational.models import (
    IpsCareerProfile,
    IpsJobSearchPlan,
    VocationalAssessment,
    VocationalStep,
)

LANGUAGE = {"dk": "da", "se": "sv", "no": "nb"}

# Every free text the demo writes into a course: (model, path to the course, fields).
WRITTEN = [
    (Meeting, "course", ["purpose", "place"]),
    (Decision, "meeting__course", ["title", "outcome", "exclusion_note"]),
    (DecisionOption, "decision__meeting__course", ["text", "pros", "cons"]),
    (Minutes, "meeting__course", ["text"]),
    (PreparationAnswer, "meeting__course", ["answer", "prompt_text"]),
    (Goal, "plan__course", ["text"]),
    (PlanSection, "plan__course", ["text"]),
    (RampStep, "plan__course", ["note"]),
    (PlanResponse, "version__plan__course", ["comment"]),
    (JournalEntry, "course", ["body"]),
    (JournalDispute, "entry__course", ["statement"]),
    (JournalAddendum, "entry__course", ["body"]),
    (HealthAssessment, "course", ["summary"]),
    (FunctionalCapacity, "course", ["summary"]),
    (SessionNote, "session__course", ["text"]),
    (VocationalAssessment, "course", ["current_job", "summary"]),
    (VocationalStep, "course", ["text"]),
    (
        IpsCareerProfile,
        "course",
        [
            "work_goal",
            "short_term_goal",
            "work_history",
            "job_preferences",
            "strengths_interests",
            "symptoms_coping",
            "benefits_income",
            "disclosure_preference",
            "reasons_for_working",
            "barriers_supports",
            "sources",
        ],
    ),
    (
        IpsJobSearchPlan,
        "course",
        ["job_goals", "target_employers", "disclosure_script", "responsibilities"],
    ),
    (LifeArea, "course", ["situation", "resources", "wishes", "citizen_wishes"]),
    (EvidenceRequest, "course", ["question"]),
]


def _texts_by_jurisdiction() -> dict[str, list[tuple[str, str]]]:
    """(where, text) of every non-empty demo text, by the course's jurisdiction."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for model, path, fields in WRITTEN:
        for row in model._default_manager.values(f"{path}__jurisdiction", *fields):
            jurisdiction = row.pop(f"{path}__jurisdiction")
            for field, text in row.items():
                if text:
                    found[jurisdiction].append((f"{model.__name__}.{field}", text))
    return found


def test_the_language_guesser_tells_the_four_languages_apart():
    assert guess_language("We talked about how you are and about work.") == "en"
    assert guess_language(da.MINUTES) == "da"
    assert guess_language(sv.MINUTES) == "sv"
    assert guess_language(nb.MINUTES) == "nb"
    assert guess_language("Kort og fleksibelt") is None  # Danish or Norwegian: too short


@pytest.mark.parametrize("jurisdiction", ["dk", "se", "no"])
def test_every_demo_text_is_in_the_language_of_the_teams_country(demo, jurisdiction):
    texts = _texts_by_jurisdiction()[jurisdiction]
    expected = LANGUAGE[jurisdiction]
    # Meetings, decisions, minutes, plans, journal and assessments all have something to say.
    kinds = {where.split(".")[0] for where, _ in texts}
    assert {"Meeting", "Decision", "Minutes", "Goal", "JournalEntry", "HealthAssessment"} <= kinds
    wrong = [
        (where, text, guess_language(text))
        for where, text in texts
        if guess_language(text) not in (expected, None)
    ]
    assert not wrong, wrong[:10]
    # Taken together, no doubt which language the team writes in.
    assert guess_language(" ".join(text for _, text in texts)) == expected


def test_the_swedish_team_writes_the_ips_profile_and_the_norwegian_team_the_mapping(demo):
    swedish = IpsCareerProfile.objects.filter(course__jurisdiction="se")
    assert swedish.exists() and not IpsCareerProfile.objects.exclude(course__jurisdiction="se")
    norwegian = LifeArea.objects.filter(course__jurisdiction="no")
    assert norwegian.exists()
    profiles = " ".join(
        f"{p.work_history} {p.job_preferences} {p.strengths_interests}" for p in swedish
    )
    assert guess_language(profiles) == "sv"
    assert guess_language(" ".join(a.situation for a in norwegian)) == "nb"


def test_organisations_are_named_as_in_their_country(demo):
    names = set(Organisation.objects.values_list("name", flat=True))
    assert names == {name for name, _, _ in ORGANISATIONS}
    assert "Nav Frogner" in names  # Nav's own spelling since 2022
    # No English in a name, no "NAV" in capitals.
    for name in names:
        assert not any(word in name for word in ("Services", "Health", "Employment", "NAV"))


@pytest.mark.parametrize(
    ("team", "language", "own"),
    [(SWEDISH_TEAM, "sv", sv), (NORWEGIAN_TEAM, "nb", nb)],
)
def test_the_swedish_and_norwegian_teams_each_have_a_citizen_who_signs_in_in_their_language(
    demo, client, team, language, own
):
    course = Course.objects.select_related("citizen__user").get(
        team__name=team, citizen__user__isnull=False
    )
    user = course.citizen.user
    assert user.language == language
    assert user.check_password(settings.DEMO_PASSWORD)
    assert {"username": user.username, "role": "citizen"}.items() <= next(
        row for row in demo_users(demo_setting()) if row["username"] == user.username
    ).items()
    client.force_login(user)
    name = course.citizen.given_name
    pages = {
        "portal:home": [],
        "journal:my-journal": [own.JOURNAL_NOTES[2][2].format(name=name)],
        "meetings:my-list": [],
        "plans:my-plan": [own.GOAL_HEALTH],
    }
    for url_name, expected in pages.items():
        page = client.get(reverse(url_name))
        assert page.status_code == 200, url_name
        text = page.content.decode()
        for snippet in expected:
            assert snippet in text, (url_name, snippet)
    # Their meeting has been held, with decisions and minutes in their language, and another
    # one is coming up; their plan is published and answered.
    assert Minutes.objects.filter(meeting__course=course, text=own.MINUTES).exists()
    assert Meeting.objects.filter(course=course, status="planned").exists()
    assert Goal.objects.filter(plan__course=course, text=own.GOAL_HEALTH).exists()
    assert PlanResponse.objects.filter(version__plan__course=course).exists()


def test_demo_users_lists_the_swedish_and_norwegian_citizens_and_staff():
    rows = demo_users(demo_setting())
    for team in (SWEDISH_TEAM, NORWEGIAN_TEAM):
        roles = {row["role"] for row in rows if row["team"] == team}
        assert {"citizen", "care_manager", "team_leader"} <= roles, team
    swedish = next(r for r in rows if r["team"] == SWEDISH_TEAM and r["role"] == "citizen")
    assert swedish["password"] == settings.DEMO_PASSWORD
