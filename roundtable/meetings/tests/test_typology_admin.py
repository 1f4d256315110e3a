"""An administrator extends the typology in the configuration pages; slugs stay fixed."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError

from roundtable.meetings.admin import DecisionSubtypeForm, DecisionTypeForm
from roundtable.meetings.models import Decision, DecisionSubtype, DecisionType
from roundtable.meetings.selectors import typology_list
from roundtable.meetings.testing import log_decision, schedule

pytestmark = pytest.mark.django_db


def test_the_typology_is_configured_in_the_admin_and_meetings_are_not():
    from roundtable.meetings.models import Meeting, Minutes, PreparationAnswer, PreparationPrompt

    for model in (DecisionType, DecisionSubtype, PreparationPrompt):
        assert admin.site.is_registered(model)
    for model in (Meeting, Decision, Minutes, PreparationAnswer):
        assert not admin.site.is_registered(model)


def test_a_new_type_and_subtype_are_used_at_the_next_meeting(cast):
    housing = DecisionTypeForm(
        {
            "slug": "housing",
            "name": "Housing",
            "default_zone": "care_manager",
            "order": 60,
            "active": True,
        }
    )
    assert housing.is_valid(), housing.errors
    decision_type = housing.save()
    subtype = DecisionSubtypeForm(
        {
            "type": decision_type.pk,
            "slug": "move",
            "name": "Moving house",
            "order": 10,
            "active": True,
        }
    )
    assert subtype.is_valid(), subtype.errors
    subtype.save()
    assert "housing" in [t.slug for t in typology_list()]
    decision = log_decision(
        cast.alice, schedule(cast.alice, cast.anna), type_slug="housing", subtype_slug="move"
    )
    assert decision.zone == "care_manager" and decision.subtype.label == "Moving house"


def test_the_slug_of_an_existing_type_cannot_be_changed():
    goals = DecisionType.objects.get(slug="goals")
    form = DecisionTypeForm(
        {"slug": "renamed", "name": "Goals", "default_zone": "joint", "order": 40, "active": True},
        instance=goals,
    )
    assert form.is_valid(), form.errors
    assert form.save().slug == "goals"


def test_a_retired_type_is_no_longer_offered_or_accepted(cast):
    DecisionType.objects.filter(slug="goals").update(active=False)
    assert "goals" not in [t.slug for t in typology_list()]
    with pytest.raises(ValidationError, match="decision types on the list"):
        log_decision(
            cast.alice, schedule(cast.alice, cast.anna), type_slug="goals", subtype_slug=None
        )
