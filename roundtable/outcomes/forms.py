"""The form of the work and benefit history: the shape of the input; the service checks the rest."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from roundtable.outcomes.models import BenefitStatus, EmploymentTerms, HistoryKind
from roundtable.outcomes.selectors import GROUPINGS


def _date(**kwargs) -> forms.DateField:
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


class WorkHistoryForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=HistoryKind.choices)
    starts_on = _date(label=_("From"))
    ends_on = _date(label=_("Until"), required=False, help_text=_("Leave empty if it goes on."))
    employer = forms.CharField(
        label=_("Employer or school"),
        max_length=200,
        required=False,
        help_text=_("For a job, the own workplace or education."),
    )
    job_title = forms.CharField(label=_("Job title or course"), max_length=200, required=False)
    terms = forms.ChoiceField(
        label=_("Terms of the job"),
        choices=[("", "—"), *EmploymentTerms.choices],
        required=False,
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours a week"),
        min_value=Decimal(0),
        max_value=Decimal(80),
        max_digits=4,
        decimal_places=1,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    benefit_status = forms.ChoiceField(
        label=_("Benefit status"),
        choices=[("", "—"), *BenefitStatus.choices],
        required=False,
        help_text=_("For a change of benefit status."),
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


GROUPING_LABELS = {
    "team": _("Team"),
    "diagnosis": _("Diagnosis group"),
    "arm": _("Trial arm"),
    "jurisdiction": _("Country"),
    "period": _("Half-year of referral"),
}


class OutcomeFilterForm(forms.Form):
    team = forms.ChoiceField(label=_("Team"), required=False)
    by = forms.ChoiceField(
        label=_("Compare by"), choices=[(g, GROUPING_LABELS[g]) for g in GROUPINGS], required=False
    )

    def __init__(self, *args, teams=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, forms.ChoiceField)
        team.choices = [("", _("All my teams"))] + [(str(t.pk), t.name) for t in teams]
