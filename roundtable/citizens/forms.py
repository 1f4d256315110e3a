from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.accounts.actor import Actor
from roundtable.citizens.models import CourseStatus, DiagnosisGroup
from roundtable.core.widgets import date_field
from roundtable.organisations.models import (
    EMPLOYMENT_COURSE_ROLES,
    HEALTH_COURSE_ROLES,
    Jurisdiction,
    Professional,
    Team,
)
from roundtable.organisations.terms import terms_for

SCOPE_MINE = "mine"
COORDINATOR_CM = "care_manager"
COORDINATOR_EC = "employment_consultant"
SCOPE_TEAM = "team"


class CaseloadFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(SCOPE_TEAM, _("All courses in my teams")), (SCOPE_MINE, _("My courses"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open courses")), *CourseStatus.choices],
    )

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        if not actor.sees_team_courses:
            del self.fields["scope"]


class ReferralForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    national_id = forms.RegexField(
        label=_("National id"),
        regex=r"^\s*[0-9]{6}-?[0-9]{4,5}\s*$",
        max_length=20,
        help_text=_("For example 010190-1234. It is stored encrypted and never shown in lists."),
        error_messages={
            "invalid": _("Write the national id with 10 or 11 digits, for example 010190-1234.")
        },
    )
    referral_date = date_field(label=_("Referral date"))
    first_absence_day = date_field(
        label=_("First day of absence"),
        required=False,
        help_text=_(
            "Leave empty only when the person is not on sick leave and comes because they want"
            " to work (teams that take people without sick leave)."
        ),
    )
    diagnosis_group = forms.ChoiceField(label=_("Diagnosis group"), choices=DiagnosisGroup.choices)
    care_manager = forms.ModelChoiceField(
        label=_("Care manager"), queryset=Professional.objects.none(), required=False
    )
    employment_consultant = forms.ModelChoiceField(
        label=_("Employment consultant"), queryset=Professional.objects.none(), required=False
    )
    coordinator = forms.ChoiceField(
        label=_("Coordinator"),
        required=False,
        help_text=_("The one person who keeps track of the whole course. You can name them later."),
    )
    jurisdiction = forms.ChoiceField(
        label=_("Sickness-benefit law"),
        required=False,
        choices=[("", _("The law of the team's own country")), *Jurisdiction.choices],
        help_text=_("Change it only when the person is covered by another country's law."),
    )

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        terms = terms_for(actor.jurisdiction or Jurisdiction.DK)
        self.fields["care_manager"].label = terms.care_manager.title
        self.fields["employment_consultant"].label = terms.employment.title
        cast(forms.ChoiceField, self.fields["coordinator"]).choices = [
            ("", _("Name them later")),
            (COORDINATOR_CM, terms.care_manager.title),
            (COORDINATOR_EC, terms.employment.title),
        ]
        team = cast(forms.ModelChoiceField, self.fields["team"])
        care_manager = cast(forms.ModelChoiceField, self.fields["care_manager"])
        consultant = cast(forms.ModelChoiceField, self.fields["employment_consultant"])
        teams = Team.objects.filter(pk__in=actor.team_ids).order_by("name")
        team.queryset = teams
        members = Professional.objects.filter(memberships__team__in=teams).select_related("user")
        care_manager.queryset = members.filter(role__in=HEALTH_COURSE_ROLES).distinct()
        consultant.queryset = members.filter(role__in=EMPLOYMENT_COURSE_ROLES).distinct()
        if len(actor.team_ids) == 1:
            team.initial = next(iter(actor.team_ids))
        if actor.role in HEALTH_COURSE_ROLES:
            care_manager.initial = actor.professional_id
        if actor.role in EMPLOYMENT_COURSE_ROLES:
            consultant.initial = actor.professional_id

    def clean(self):
        data = super().clean()
        referral, absence = data.get("referral_date"), data.get("first_absence_day")
        if referral and absence and referral < absence:
            self.add_error(
                "referral_date", _("The referral date cannot be before the first day of absence.")
            )
        chosen = data.get("coordinator")
        if chosen and not data.get(chosen):
            self.add_error("coordinator", _("Choose that person above first."))
        return data

    def chosen_coordinator(self) -> Professional | None:
        """The professional chosen as the coordinator, if any (after is_valid)."""
        chosen = self.cleaned_data.get("coordinator")
        return self.cleaned_data.get(chosen) if chosen else None

    def referral(self) -> dict:
        """The referral's fields, for `referral_register`."""
        return {k: v for k, v in self.cleaned_data.items() if k != "coordinator"}
