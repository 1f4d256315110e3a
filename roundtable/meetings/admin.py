"""Configuration: the decision typology and the default preparation questions.

Administrators extend the typology; a slug stays fixed once made, because the API and exports
name types by slug. No meeting, decision or answer is shown here: those are citizens' records.
"""

from django import forms
from django.contrib import admin

from roundtable.meetings.models import DecisionSubtype, DecisionType, PreparationPrompt


class _FixedSlugForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "slug" in self.fields:
            self.fields["slug"].disabled = True


class DecisionSubtypeForm(_FixedSlugForm):
    class Meta:
        model = DecisionSubtype
        fields = ["type", "slug", "name", "default_zone", "examples", "order", "active"]


class DecisionTypeForm(_FixedSlugForm):
    class Meta:
        model = DecisionType
        fields = ["slug", "name", "default_zone", "order", "active"]


class DecisionSubtypeInline(admin.TabularInline):
    model = DecisionSubtype
    form = DecisionSubtypeForm
    extra = 0
    fields = ["slug", "name", "default_zone", "examples", "order", "active"]


@admin.register(DecisionType)
class DecisionTypeAdmin(admin.ModelAdmin):
    form = DecisionTypeForm
    list_display = ["name", "slug", "default_zone", "order", "active"]
    search_fields = ["name", "slug"]
    inlines = [DecisionSubtypeInline]


@admin.register(DecisionSubtype)
class DecisionSubtypeAdmin(admin.ModelAdmin):
    form = DecisionSubtypeForm
    list_display = ["name", "slug", "type", "default_zone", "order", "active"]
    list_filter = ["type", "active"]
    list_select_related = ["type"]
    search_fields = ["name", "slug"]


@admin.register(PreparationPrompt)
class PreparationPromptAdmin(admin.ModelAdmin):
    """The default questions (no team). Team leaders edit their own team's in the app."""

    list_display = ["text", "order"]
    fields = ["text", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(team__isnull=True)
