"""Configuration: the stepped-care treatment catalogue per diagnosis group. No assessment,
session or score is shown here: those are citizens' records."""

from django import forms
from django.contrib import admin

from roundtable.care.models import Treatment


class TreatmentForm(forms.ModelForm):
    class Meta:
        model = Treatment
        fields = ["diagnosis_group", "slug", "kind", "name", "level", "order", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Care steps name their treatment; the slug stays as made.
        if self.instance.pk is not None and "slug" in self.fields:
            self.fields["slug"].disabled = True


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    form = TreatmentForm
    list_display = ["name", "diagnosis_group", "kind", "level", "order", "active"]
    list_filter = ["diagnosis_group", "kind", "active"]
    search_fields = ["name", "slug"]
    ordering = ["diagnosis_group", "level", "order", "slug"]
