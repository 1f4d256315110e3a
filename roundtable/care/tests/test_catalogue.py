"""The treatment catalogue per diagnosis group: seeded by a data migration, edited at /config/,
offered at the next care step."""

import pytest
from django.contrib import admin
from django.urls import reverse

from roundtable.care.admin import TreatmentForm
from roundtable.care.models import HealthAssessment, SessionNote, Treatment, TreatmentKind
from roundtable.care.selectors import care_record_get
from roundtable.care.testing import actor_of
from roundtable.citizens.models import DiagnosisGroup

pytestmark = pytest.mark.django_db


def test_every_diagnosis_group_has_a_seeded_catalogue_starting_with_psychoeducation():
    for group in DiagnosisGroup.values:
        treatments = list(
            Treatment.objects.filter(diagnosis_group=group).order_by("level", "order")
        )
        assert treatments[0].kind == "psychoeducation", group
        assert treatments[-1].kind == "other", group
    kinds = set(Treatment.objects.filter(diagnosis_group="stress").values_list("kind", flat=True))
    assert {"stress_coaching", "mbsr_group"} <= kinds
    assert "cbt" in set(
        Treatment.objects.filter(diagnosis_group="depression").values_list("kind", flat=True)
    )


def test_seeded_names_are_the_translated_kind_labels():
    labels = {str(label) for label in TreatmentKind.labels}
    assert set(Treatment.objects.values_list("name", flat=True)) <= labels


def test_the_catalogue_is_in_the_admin_and_citizens_records_are_not():
    assert admin.site.is_registered(Treatment)
    for model in (HealthAssessment, SessionNote):
        assert not admin.site.is_registered(model)


def test_a_new_treatment_is_offered_at_the_next_care_step(cast):
    form = TreatmentForm(
        {
            "diagnosis_group": "anxiety",
            "slug": "exposure_group",
            "kind": "other",
            "name": "Exposure group",
            "level": 3,
            "order": 9,
            "active": True,
        }
    )
    assert form.is_valid(), form.errors
    form.save()
    record = care_record_get(actor=actor_of(cast.alice), citizen_id=cast.anna.id)
    assert "exposure_group" in [t.slug for t in record.treatments]


def test_administrator_opens_the_catalogue_at_config(client, login, cast):
    cast.adam.user.is_staff = True
    cast.adam.user.is_superuser = True
    cast.adam.user.save()
    login(cast.adam)
    response = client.get(reverse("admin:care_treatment_changelist"))
    assert response.status_code == 200
    assert response.request["PATH_INFO"].startswith("/config/")
