"""Configuration for administrators: organisations, teams, team programmes, staff. Never a
citizen's record."""

from django.contrib import admin

from roundtable.organisations.models import (
    Dyad,
    Membership,
    Organisation,
    Professional,
    Team,
    TeamProgramme,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["professional"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "jurisdiction"]
    list_filter = ["sector", "jurisdiction"]
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "min_members", "max_members", "max_cross_sector_partners"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "role", "title", "fraction"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user"]


@admin.register(Dyad)
class DyadAdmin(admin.ModelAdmin):
    list_display = ["team", "care_manager", "employment_consultant"]
    list_select_related = ["team", "care_manager__user", "employment_consultant__user"]
    autocomplete_fields = ["care_manager", "employment_consultant"]


@admin.register(TeamProgramme)
class TeamProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "team",
        "is_ips",
        "sick_leave_optional",
        "first_meeting_protocol",
        "session_budget",
    ]
    list_select_related = ["team"]
    list_filter = ["is_ips", "sick_leave_optional", "first_meeting_protocol"]
