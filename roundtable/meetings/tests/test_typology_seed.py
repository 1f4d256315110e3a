"""The seeded decision typology is the table of DOMAIN §2, kept as data."""

import pytest
from django.utils.translation import override

from roundtable.meetings import typology
from roundtable.meetings.models import DecisionSubtype, DecisionType, PreparationPrompt

pytestmark = pytest.mark.django_db

# DOMAIN §2, "Decision typology observed at roundtable meetings", type by type.
DOMAIN_TABLE = {
    "course content": ["individual focus", "activities", "planning meetings"],
    "return-to-work process": [
        "job function and tasks",
        "fitness for duty (benefit ends)",
        "realistic return-to-work date",
        "stepped return-to-work plan",
    ],
    "collaboration": [
        "citizen's role",
        "professionals' roles",
        "employer and colleagues",
        "other stakeholders",
        "family and friends",
    ],
    "goals": ["long-term goals", "temporary goals"],
    "excluded": ["outside the framework"],
}


def test_seeded_types_and_subtypes_match_the_domain_table_in_order():
    seeded = {
        t.name.lower(): [s.name.lower() for s in t.subtypes.order_by("order")]
        for t in DecisionType.objects.order_by("order")
    }
    assert seeded == DOMAIN_TABLE
    assert list(seeded) == list(DOMAIN_TABLE)


def test_fitness_for_duty_is_the_employment_consultants_zone_by_law():
    subtype = DecisionSubtype.objects.get(slug="fitness_for_duty")
    assert subtype.zone == "employment_consultant"


def test_course_content_and_the_other_subtypes_are_decided_together():
    assert DecisionType.objects.get(slug="course_content").default_zone == "joint"
    others = DecisionSubtype.objects.exclude(slug="fitness_for_duty")
    assert {s.zone for s in others.select_related("type")} == {"joint"}


def test_every_subtype_has_example_options_from_the_table():
    assert not DecisionSubtype.objects.filter(examples="").exists()
    assert "MBSR course" in DecisionSubtype.objects.get(slug="activities").examples


def test_slugs_are_stable_identifiers():
    assert set(DecisionType.objects.values_list("slug", flat=True)) == {
        "course_content",
        "return_to_work",
        "collaboration",
        "goals",
        "excluded",
    }
    assert DecisionSubtype.objects.count() == 15


def test_every_seeded_name_is_listed_for_translation():
    names = set(DecisionType.objects.values_list("name", flat=True))
    names |= set(DecisionSubtype.objects.values_list("name", flat=True))
    names |= set(DecisionSubtype.objects.values_list("examples", flat=True))
    names |= set(PreparationPrompt.objects.values_list("text", flat=True))
    assert names <= typology.ALL_NAMES


def test_names_are_shown_through_gettext():
    decision_type = DecisionType.objects.get(slug="goals")
    with override("en"):
        assert decision_type.label == "Goals"
    # An administrator's own type has no translation and is shown as written.
    own = DecisionType.objects.create(
        slug="allotment", name="Allotment garden", default_zone="joint"
    )
    with override("da"):
        assert own.label == "Allotment garden"


def test_the_default_prompts_are_seeded_without_a_team():
    prompts = list(PreparationPrompt.objects.filter(team__isnull=True).order_by("order"))
    assert [p.text for p in prompts] == list(typology.PROMPTS)
    assert "What matters most to you right now?" in prompts[0].text
